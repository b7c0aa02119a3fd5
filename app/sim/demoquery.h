#pragma once

#include "core/result.h"

#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <utility>

class DemoSimulator;

// One series of a query's answer: its labels sorted by name, and its value.
struct DemoQuerySample {
    QList<std::pair<QString, QString>> labels;
    double value = 0;
};

// The few PromQL forms the demo profile sends, recognised without a PromQL engine:
//   a vector selector   name, name{color="green"}, {__name__=~"a|b",color!="blue"}
//   one aggregation     max by (color) (selector), also min/sum/avg/count, `by` before or after
// Matchers take =, !=, =~ and !~ (anchored regular expressions), as Prometheus does.
// Anything else is refused with a Prometheus-style parse error.
class DemoQuery
{
public:
    // The error reads like Prometheus's: "1:5: parse error: ...".
    static Result<DemoQuery> parse(QStringView text);

    // The instant vector at `atMs`; series absent then are left out.
    QList<DemoQuerySample> evaluate(const DemoSimulator &simulator, qint64 atMs) const;

    enum class Aggregation { None, Max, Min, Sum, Avg, Count };
    Aggregation aggregation() const { return m_aggregation; }
    const QStringList &groupingLabels() const { return m_by; }

private:
    struct Matcher {
        enum class Op { Equal, NotEqual, Match, NotMatch };
        QString label;
        Op op = Op::Equal;
        QString value;
        QRegularExpression regex; // for Match / NotMatch, anchored
        bool matches(const QString &labelValue) const;
    };
    friend class DemoQueryParser;

    bool selects(const QList<std::pair<QString, QString>> &labels) const;

    QList<Matcher> m_matchers;
    Aggregation m_aggregation = Aggregation::None;
    QStringList m_by;
};
