#pragma once

#include <QHash>
#include <QString>
#include <QStringBuilder>

#include <algorithm>

// Stable identifiers for runbook nodes: lower-case words joined by '-', made from titles
// and item text only, so an edit elsewhere in the runbook never changes them.
namespace IdSlug {

// "Run smoke tests" -> "run-smoke-tests"; empty input gives "item".
QString fromText(QStringView text);
// prefix + '/' + fromText(text), built in one buffer (the parser's hot path).
QString childId(const QString &prefix, QStringView text);

// "Phase 3: " or "Stage ii - " at the start of a heading: its length with the spaces after it
// (0 if there is none) and the number as written.
struct PhasePrefix {
    qsizetype length = 0;
    QStringView number;
};
PhasePrefix phasePrefix(QStringView title);

// A heading without list numbering, phase number or time window:
// "Phase 3: Traffic Shift (60-90 minutes)" -> "Traffic Shift", "1. Code Review" -> "Code Review".
QString normalizedHeading(const QString &title);

// Gives "base", then "base-2", "base-3"... for repeated bases. Use one object per table of ids.
class UniqueIds
{
public:
    QString take(const QString &base) { return insert(m_given, base, true); }
    void reserve(qsizetype ids) { m_given.reserve(ids); }

    // Makes 'base' unique among the keys of 'index', inserts it there with 'value' and returns
    // it. 'index' is the caller's own id -> position table (Runbook::itemIndex), so an id costs
    // one hash entry instead of two; only a repeated base gets a second one, for its suffix.
    template <typename Value>
    QString insert(QHash<QString, Value> &index, const QString &base, const Value &value)
    {
        // One lookup in the common case: operator[] adds 'base' unless it is taken.
        const qsizetype before = index.size();
        Value &slot = index[base];
        if (index.size() != before) {
            slot = value;
            return base;
        }
        // Count on from the last suffix given to 'base'; an id may itself be taken ("a-2"
        // written in the runbook): keep counting.
        int &suffix = m_lastSuffix[base];
        suffix = std::max(suffix, 1);
        for (;;) {
            const QString id = base % u'-' % Suffix(++suffix).digits();
            const qsizetype size = index.size();
            Value &idSlot = index[id];
            if (index.size() != size) {
                idSlot = value;
                return id;
            }
        }
    }

private:
    // The decimal digits of a suffix, without an allocation of their own.
    class Suffix
    {
    public:
        explicit Suffix(int n)
        {
            do {
                m_digits[--m_first] = char16_t(u'0' + n % 10);
                n /= 10;
            } while (n > 0);
        }
        QStringView digits() const { return QStringView(m_digits + m_first, Size - m_first); }

    private:
        static constexpr qsizetype Size = 12;
        char16_t m_digits[Size];
        qsizetype m_first = Size;
    };

    QHash<QString, bool> m_given; // for take()
    QHash<QString, int> m_lastSuffix;
};

} // namespace IdSlug
