// Runbooks in other shapes than the reference (tables, prose triggers, ### phases with T+
// windows, numbered checklists): each file in tests/data listed below is read in full and
// compared with its golden reading, tests/data/golden/<name>.json, which is the exact JSON of
// --parse-runbook. To regenerate after a deliberate change of the parser:
//   STONECASTER_REGENERATE_GOLDEN=1 build/dev/tests/runbook/tst_runbookshapes
// then read `git diff tests/data/golden` line by line before committing it.
// Bad input (tables with a missing column, ragged rows, two plans, limits without a unit,
// contradicting tiers) is checked here too: a diagnostic at its line, never a guess.

#include "runbook/runbookjson.h"
#include "runbook/runbookparser.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QString readText(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

QString diagnosticsOf(const Runbook &r)
{
    QString out;
    for (const Diagnostic &d : r.diagnostics)
        out += u"%1: %2: %3\n"_s.arg(d.line).arg(nameOf(d.severity), d.message.english());
    return out;
}

// The one diagnostic at 'line' whose message holds 'part', or nullptr.
const Diagnostic *findDiagnostic(const Runbook &r, int line, const QString &part)
{
    for (const Diagnostic &d : r.diagnostics) {
        if (d.line == line && d.message.english().contains(part))
            return &d;
    }
    return nullptr;
}

// A runbook with a title and a phase, so that only what the snippet adds is diagnosed. The
// snippet starts at line 5.
QString wrap(const QString &snippet)
{
    return u"# Runbook\n\n## Phase 1: Deploy (0-10 min)\n- [ ] Deploy\n"_s + snippet;
}

} // namespace

class TestRunbookShapes : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void goldenReading_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("golden");
        const QString data = QStringLiteral(STONECASTER_TEST_DATA);
        // The reference runbook's reading must stay exactly what it was before the new shapes.
        QTest::newRow("reference") << QStringLiteral(STONECASTER_SOURCE_DIR "/resources/runbooks/deployment-runbook.md")
                                   << data + u"/golden/deployment-runbook.json"_s;
        for (const char *name : {"canary-runbook", "table-runbook", "prose-runbook", "tplus-runbook", "numbered-runbook"})
            QTest::newRow(name) << data + u'/' + QLatin1StringView(name) + u".md"_s << data + u"/golden/"_s + QLatin1StringView(name) + u".json"_s;
    }
    void goldenReading()
    {
        QFETCH(QString, source);
        QFETCH(QString, golden);
        const QString text = readText(source);
        QVERIFY2(!text.isEmpty(), qPrintable(source));
        const QJsonObject actual = RunbookJson::toJson(RunbookParser::parse(text, source.section(u'/', -1)));
        const QByteArray actualBytes = QJsonDocument(actual).toJson(QJsonDocument::Indented);
        if (qEnvironmentVariableIsSet("STONECASTER_REGENERATE_GOLDEN")) {
            QFile out(golden);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(actualBytes);
            qInfo("wrote %s: review it with git diff before committing", qPrintable(golden));
            return;
        }
        QFile in(golden);
        QVERIFY2(in.open(QIODevice::ReadOnly), qPrintable(golden + u" missing; see the comment at the top of this test"_s));
        const QJsonObject expected = QJsonDocument::fromJson(in.readAll()).object();
        if (actual != expected) {
            const QString actualPath = QStringLiteral(STONECASTER_BINARY_DIR "/") + golden.section(u'/', -1) + u".actual"_s;
            QFile out(actualPath);
            if (out.open(QIODevice::WriteOnly | QIODevice::Truncate))
                out.write(actualBytes);
            QFAIL(qPrintable(u"reading differs from %1; actual reading in %2 (diff them)"_s.arg(golden, actualPath)));
        }
    }

    // The table-shaped runbook's reading, asserted field by field as well: the file the
    // reading-confirmation view's screenshot is made from.
    void tableRunbookReadsEveryTable()
    {
        const Runbook r = RunbookParser::parse(readText(QStringLiteral(STONECASTER_TEST_DATA "/table-runbook.md")));
        QVERIFY2(!r.hasErrors(), qPrintable(diagnosticsOf(r)));
        QCOMPARE(r.trafficPlan.size(), 5);
        const QList<std::pair<int, std::optional<int>>> plan{{5, 10}, {10, 15}, {25, 20}, {50, 30}, {100, std::nullopt}};
        for (qsizetype i = 0; i < plan.size(); ++i) {
            QCOMPARE(r.trafficPlan[i].percent, plan[i].first);
            QCOMPARE(r.trafficPlan[i].holdMs, plan[i].second ? std::optional<qint64>(*plan[i].second * 60'000) : std::nullopt);
        }
        QStringList rules;
        for (const Rule &rule : r.rules)
            rules << u"%1 %2 %3 %4 %5 p%6 @%7"_s.arg(nameOf(rule.tier), nameOf(rule.metric), nameOf(rule.op))
                         .arg(rule.value ? QString::number(*rule.value) : u"-"_s, nameOf(rule.unit))
                         .arg(rule.percentile.value_or(0))
                         .arg(rule.line);
        const QStringList expected = readText(QStringLiteral(STONECASTER_TEST_DATA "/golden/table-runbook.rules.txt")).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(rules, expected);
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("snippet");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("messagePart");
        QTest::addColumn<int>("steps");
        QTest::addColumn<int>("rules");
        // Lines: the snippet's first line is line 5.
        QTest::newRow("plan table without a share column")
            << u"| Step | Hold |\n|---|---|\n| 1 | 10 min |\n| 2 | — |\n"_s << 5 << u"no share column"_s << 0 << 0;
        QTest::newRow("limits table without a signal column")
            << u"| Warn / consider rollback | Abort / roll back automatically |\n|---|---|\n| 1% | 2% |\n"_s << 5 << u"no column naming the signal"_s << 0 << 0;
        QTest::newRow("one-column table under a rule heading")
            << u"## Abort criteria\n| Abort |\n|---|\n| Error rate > 2% |\n"_s << 6 << u"no column naming the signal"_s << 0 << 0;
        QTest::newRow("ragged plan row")
            << u"| Step | Share | Hold |\n|---|---|---|\n| 1 | 5% | 10 min |\n| 2 | 50% |\n| 3 | 100% | — |\n"_s << 8 << u"has 2 cells"_s << 2 << 0;
        QTest::newRow("row with too many cells")
            << u"| Signal | Abort |\n|---|---|\n| Error rate | > 2% | 5% |\n"_s << 7 << u"has 3 cells"_s << 0 << 0;
        QTest::newRow("two plans")
            << u"## Traffic shift\n- [ ] Shift 10% of traffic to green\n- [ ] Wait 10 min\n- [ ] Shift 100% of traffic to green\n\n"
               u"| Step | Weight | Soak |\n|---|---|---|\n| 1 | 20% | 5 min |\n| 2 | 100% | - |\n"_s
            << 10 << u"second traffic plan"_s << 2 << 0;
        QTest::newRow("limit without a unit in a table")
            << u"| Signal | Abort |\n|---|---|\n| Error rate | 2 |\n"_s << 7 << u"without a unit"_s << 0 << 0;
        QTest::newRow("limit without a unit in prose")
            << u"Roll back immediately if the error rate exceeds 2.\n"_s << 5 << u"without a unit"_s << 0 << 0;
        QTest::newRow("warn stricter-than abort the wrong way round")
            << u"| Signal | Warn / consider rollback | Abort / roll back automatically |\n|---|---|---|\n| Error rate | 5% | 2% |\n"_s
            << 7 << u"contradicts"_s << 0 << 2;
        QTest::newRow("warn equal to abort")
            << u"| Signal | Warn | Abort |\n|---|---|---|\n| p95 latency | 800 ms | 800 ms |\n"_s << 7 << u"contradicts"_s << 0 << 2;
        QTest::newRow("unknown signal")
            << u"| Signal | Abort |\n|---|---|\n| Queue depth | > 500 ms |\n"_s << 7 << u"no known metric"_s << 0 << 0;
        QTest::newRow("hold that is no duration")
            << u"| Step | Share | Hold |\n|---|---|---|\n| 1 | 5% | a while |\n| 2 | 100% | - |\n"_s << 7 << u"not a duration"_s << 2 << 0;
        QTest::newRow("share that is not a whole percent")
            << u"| Step | Share | Hold |\n|---|---|---|\n| 1 | 0.5% | 10 min |\n| 2 | 100% | - |\n"_s << 7 << u"not a whole percent"_s << 1 << 0;
        QTest::newRow("event cell that is a number")
            << u"| Signal | Abort |\n|---|---|\n| Security alert | 2% |\n"_s << 7 << u"fires or not"_s << 0 << 0;
        QTest::newRow("table with no delimiter row under a rule heading")
            << u"## Abort criteria\n| Signal | Abort |\n| Error rate | 2% |\n"_s << 6 << u"no delimiter row"_s << 0 << 0;
        QTest::newRow("prose trigger with an unknown signal")
            << u"If the queue depth exceeds 500 jobs, roll back.\n"_s << 5 << u"no known metric"_s << 0 << 0;
        QTest::newRow("phase window that ends before it starts")
            << u"### Canary (T+30 to T+10)\n"_s << 5 << u"ends before it starts"_s << 0 << 0;
    }
    void badInput()
    {
        QFETCH(QString, snippet);
        QFETCH(int, line);
        QFETCH(QString, messagePart);
        const Runbook r = RunbookParser::parse(wrap(snippet));
        const Diagnostic *d = findDiagnostic(r, line, messagePart);
        QVERIFY2(d, qPrintable(u"no diagnostic at line %1 with \"%2\"; got:\n%3"_s.arg(line).arg(messagePart, diagnosticsOf(r))));
        QCOMPARE(d->severity, Diagnostic::Severity::Error);
        QTEST(int(r.trafficPlan.size()), "steps");
        QTEST(int(r.rules.size()), "rules");
    }

    // Shapes read wherever they stand, in small pieces.
    void shapes_data()
    {
        QTest::addColumn<QString>("snippet");
        QTest::addColumn<QString>("reading"); // steps "percent/hold@line" and rules "tier metric op value unit p@line"
        QTest::newRow("plan table in another column order and words")
            << u"| Weight | Observe for | Step |\n|:--|--:|:-:|\n| 5 | ten minutes | 1 |\n| 50 per cent | 1h | 2 |\n| 100% | n/a | 3 |\n"_s
            << u"5/10@7 50/60@8 100/-@9"_s;
        QTest::newRow("hold column with the unit in its header")
            << u"| Traffic | Wait (min) |\n|---|---|\n| 10% | 15 |\n| 100% | |\n"_s << u"10/15@7 100/-@8"_s;
        QTest::newRow("hold in seconds and m")
            << u"| Percentage | Soak |\n|---|---|\n| 10% | 120 s |\n| 30% | 10m |\n| 100% | — |\n"_s << u"10/2@7 30/10@8 100/-@9"_s;
        QTest::newRow("prose sentence with three facts")
            << u"Roll back immediately when the 5xx rate exceeds 2 per cent, p99 latency is above 3x the pre-deploy baseline, or a security alert fires.\n"_s
            << u"auto-rollback error_rate > 2 % p0@5 auto-rollback response_time > 3 x_normal p99@5 auto-rollback security_alert firing - - p0@5"_s;
        QTest::newRow("if ... roll back, wrapped over two lines")
            << u"If the failure rate goes over 1.5 %\nor DB errors exceed 0.5%, roll back.\n"_s
            << u"auto-rollback error_rate > 1.5 % p0@5 auto-rollback db_error_rate > 0.5 % p0@5"_s;
        QTest::newRow("consider rolling back is a decision point")
            << u"- If response time is above 2x what it was before the shift, consider rolling back\n"_s
            << u"decision-point response_time > 2 x_normal p0@5"_s;
        QTest::newRow("targets as rows")
            << u"| Metric | Target |\n|---|---|\n| Error ratio | < 0.1% |\n| p95 latency | 500 ms |\n"_s
            << u"target error_rate < 0.1 % p0@7 target response_time < 500 ms p95@8"_s;
        QTest::newRow("limits table with a unit in the signal")
            << u"| Signal | Warn / consider rollback | Abort / roll back automatically |\n|---|---|---|\n| Error rate (%) | 1 | 2 |\n| DB errors | — | 0.5% |\n| Critical service down | - | yes |\n"_s
            << u"decision-point error_rate > 1 % p0@7 auto-rollback error_rate > 2 % p0@7 auto-rollback db_error_rate > 0.5 % p0@8 auto-rollback service_down firing - - p0@9"_s;
        QTest::newRow("numbered checklist plan")
            << u"## Traffic shift\n1. [ ] Shift 20% of traffic to green\n2. [ ] Wait 10 minutes\n3. [x] Shift 100% of traffic to green\n"_s
            << u"20/10@6 100/-@8"_s;
        QTest::newRow("holds in seconds in a list")
            << u"## Traffic shift\n- [ ] Shift 10% of traffic to green\n- [ ] Hold 90 s\n- [ ] Shift 50% of traffic to green\n- [ ] Wait 1.5 min\n"
               u"- [ ] Shift 75% of traffic to green\n- [ ] Soak for 1m30s\n- [ ] Shift 100% of traffic to green\n"_s
            << u"10/90s@6 50/90s@8 75/90s@10 100/-@12"_s;
        QTest::newRow("holds in seconds in a table")
            << u"| Share | Hold |\n|---|---|\n| 10% | 90 seconds |\n| 50% | 1m30s |\n| 75% | 45 |\n| 100% | — |\n"_s.replace(u"| Hold |"_s, u"| Hold (s) |"_s)
            << u"10/90s@7 50/90s@8 75/45s@9 100/-@10"_s;
    }
    void shapes()
    {
        QFETCH(QString, snippet);
        QFETCH(QString, reading);
        const Runbook r = RunbookParser::parse(wrap(snippet));
        QStringList out;
        for (const TrafficStep &s : r.trafficPlan)
            out << u"%1/%2@%3"_s.arg(s.percent).arg(!s.holdMs ? u"-"_s : *s.holdMs % 60'000 == 0 ? QString::number(*s.holdMs / 60'000) : QString::number(*s.holdMs / 1000) + u's').arg(s.line);
        for (const Rule &rule : r.rules)
            out << u"%1 %2 %3 %4 %5 p%6@%7"_s.arg(nameOf(rule.tier), nameOf(rule.metric), nameOf(rule.op))
                       .arg(rule.value ? QString::number(*rule.value) : u"-"_s, rule.unit == RuleUnit::None ? u"-"_s : nameOf(rule.unit))
                       .arg(rule.percentile.value_or(0))
                       .arg(rule.line);
        QCOMPARE(out.join(u' '), reading);
        QVERIFY2(!r.hasErrors(), qPrintable(diagnosticsOf(r)));
    }

    // "for 5 minutes" in a limit is not dropped silently: the rule is read, and a warning at its
    // line says the duration was not read and where to set it (the profile's rules.for).
    void sustainedForIsNotDropped_data()
    {
        QTest::addColumn<QString>("snippet");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("duration");
        QTest::addColumn<QString>("ruleId");
        QTest::newRow("trigger list item")
            << u"### Automatic rollback triggers\n- Error rate above 2 % for 5 minutes, roll back\n"_s << 6 << u"for 5 minutes"_s
            << u"auto-rollback.error_rate"_s;
        QTest::newRow("prose trigger")
            << u"Roll back immediately when p95 latency stays above 800 ms for 10 min.\n"_s << 5 << u"for 10 min"_s
            << u"auto-rollback.response_time"_s;
        QTest::newRow("decision point, sustained for")
            << u"### Rollback decision points\n- If error rate > 1% sustained for 90 s, consider rollback\n"_s << 6 << u"sustained for 90 s"_s
            << u"decision-point.error_rate"_s;
        QTest::newRow("over the last")
            << u"### Automatic rollback triggers\n- CPU above 90% over the last 10 minutes\n"_s << 6 << u"over the last 10 minutes"_s
            << u"auto-rollback.resource_utilization"_s;
        QTest::newRow("for the past")
            << u"### Automatic rollback triggers\n- DB errors > 1% for the past 2 min\n"_s << 6 << u"for the past 2 min"_s
            << u"auto-rollback.db_error_rate"_s;
        QTest::newRow("table cell")
            << u"| Signal | Abort |\n|---|---|\n| Error rate | > 2% for 5 min |\n"_s << 7 << u"for 5 min"_s << u"auto-rollback.error_rate"_s;
    }
    void sustainedForIsNotDropped()
    {
        QFETCH(QString, snippet);
        QFETCH(int, line);
        QFETCH(QString, duration);
        QFETCH(QString, ruleId);
        const Runbook r = RunbookParser::parse(wrap(snippet));
        QVERIFY2(!r.hasErrors(), qPrintable(diagnosticsOf(r)));
        QCOMPARE(r.rules.size(), 1);
        QCOMPARE(r.rules.first().id, ruleId);
        QCOMPARE(r.rules.first().line, line);
        const Diagnostic *d = findDiagnostic(r, line, u"\"%1\" in"_s.arg(duration));
        QVERIFY2(d, qPrintable(diagnosticsOf(r)));
        QCOMPARE(d->severity, Diagnostic::Severity::Warning);
        QVERIFY(d->message.english().contains(u"is not read"_s));
        QVERIFY(d->message.english().contains(u"rules.for"_s));
        QVERIFY(d->message.english().contains(ruleId));
    }
    void limitWithoutDurationHasNoSuchWarning()
    {
        const Runbook r = RunbookParser::parse(wrap(u"### Automatic rollback triggers\n- Error rate above 2 %, roll back\n- Response time > 800 ms for the checkout page\n"_s));
        QCOMPARE(r.rules.size(), 2);
        QVERIFY2(!diagnosticsOf(r).contains(u"rules.for"_s), qPrintable(diagnosticsOf(r)));
    }

    void phaseWindows_data()
    {
        QTest::addColumn<QString>("heading");
        QTest::addColumn<int>("start");
        QTest::addColumn<int>("end");
        QTest::newRow("en dash") << u"### Phase 1: Canary (0–20 min)"_s << 0 << 20;
        QTest::newRow("T+ in parentheses without a unit") << u"### Phase 1: Canary (T+0 to T+20)"_s << 0 << 20;
        QTest::newRow("T+ after a dash") << u"### Phase 1: Canary — T+5 to T+20 min"_s << 5 << 20;
        QTest::newRow("length") << u"### Phase 1: Canary (20 minutes)"_s << 0 << 20;
        QTest::newRow("length in hours") << u"## Phase 1: Bake (1 hour)"_s << 0 << 60;
        QTest::newRow("unnumbered ## heading with a window") << u"## Canary (0-20 min)"_s << 0 << 20;
    }
    void phaseWindows()
    {
        QFETCH(QString, heading);
        const Runbook r = RunbookParser::parse(u"# R\n\n"_s + heading + u"\n- [ ] Deploy\n"_s);
        QCOMPARE(r.sections.size(), 1);
        QCOMPARE(r.sections.first().kind, SectionKind::Phase);
        QVERIFY(r.sections.first().window);
        QTEST(r.sections.first().window->startMinutes, "start");
        QTEST(r.sections.first().window->endMinutes, "end");
    }

    void lengthsFollowEachOther()
    {
        const Runbook r = RunbookParser::parse(u"# R\n\n### Phase 1: Prepare (30 minutes)\n### Phase 2: Canary (20 min)\n### Phase 3: Bake (1h)\n"_s);
        QCOMPARE(r.sections.size(), 3);
        QCOMPARE(r.sections[1].window->startMinutes, 30);
        QCOMPARE(r.sections[1].window->endMinutes, 50);
        QCOMPARE(r.sections[2].window->startMinutes, 50);
        QCOMPARE(r.sections[2].window->endMinutes, 110);
    }
};

QTEST_GUILESS_MAIN(TestRunbookShapes)
#include "tst_runbookshapes.moc"
