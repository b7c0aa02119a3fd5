#include "runbook/runbookparser.h"

#include <QFile>

#include <limits>
#include <QTest>

namespace {

Runbook load(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return RunbookParser::parse(QString::fromUtf8(f.readAll()), path);
}

const Runbook &reference()
{
    static const Runbook r = load(QStringLiteral(STONECASTER_SOURCE_DIR "/resources/runbooks/deployment-runbook.md"));
    return r;
}

const Runbook &canary()
{
    static const Runbook r = load(QStringLiteral(STONECASTER_TEST_DATA "/canary-runbook.md"));
    return r;
}

int itemCount(const RunbookSection &s, bool checkableOnly)
{
    int n = 0;
    for (const RunbookGroup &g : s.groups) {
        for (const RunbookItem &i : g.items)
            n += (!checkableOnly || i.checkable) ? 1 : 0;
    }
    return n;
}

// The first diagnostic of a line; file-level ones (line 0) sort first, so tests look them up by line.
const Diagnostic *at(const Runbook &r, int line)
{
    for (const Diagnostic &d : r.diagnostics) {
        if (d.line == line)
            return &d;
    }
    return nullptr;
}

QString describe(const QList<Diagnostic> &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &d : diagnostics)
        lines << QStringLiteral("%1: %2").arg(d.line).arg(d.message.english());
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestRunbookParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void referenceHasTitleAndNoDiagnostics()
    {
        QCOMPARE(reference().title, QStringLiteral("Deployment Runbook"));
        QVERIFY2(reference().diagnostics.isEmpty(), qPrintable(describe(reference().diagnostics)));
    }

    void referenceSections_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("title");
        QTest::addColumn<int>("level");
        QTest::addColumn<QString>("parentId");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("windowStart"); // -1: no window
        QTest::addColumn<int>("windowEnd");
        QTest::addColumn<int>("groups");
        QTest::addColumn<int>("checkable");

        const auto row = [](const char *name, const char *id, const char *title, int level, const char *parent, const char *kind, int line,
                            int ws, int we, int groups, int checkable) {
            QTest::newRow(name) << QString::fromUtf8(id) << QString::fromUtf8(title) << level << QString::fromUtf8(parent)
                                << QString::fromUtf8(kind) << line << ws << we << groups << checkable;
        };
        row("overview", "overview", "Overview", 2, "", "reference", 3, -1, -1, 0, 0);
        row("pre-deployment", "pre-deployment-checklist", "Pre-Deployment Checklist", 2, "", "checklist", 6, -1, -1, 0, 0);
        row("code review", "code-review-and-testing", "1. Code Review and Testing", 3, "pre-deployment-checklist", "checklist", 8, -1, -1, 1, 6);
        row("database changes", "database-changes", "2. Database Changes", 3, "pre-deployment-checklist", "checklist", 16, -1, -1, 1, 5);
        row("configuration changes", "configuration-changes", "3. Configuration Changes", 3, "pre-deployment-checklist", "checklist", 23, -1, -1, 1, 5);
        row("infrastructure changes", "infrastructure-changes", "4. Infrastructure Changes", 3, "pre-deployment-checklist", "checklist", 30, -1, -1, 1, 5);
        row("process", "blue-green-deployment-process", "Blue/Green Deployment Process", 2, "", "checklist", 37, -1, -1, 0, 0);
        row("phase 1", "preparation", "Phase 1: Preparation (0-30 minutes)", 3, "blue-green-deployment-process", "phase", 39, 0, 30, 3, 12);
        row("phase 2", "blue-environment", "Phase 2: Blue Environment (30-60 minutes)", 3, "blue-green-deployment-process", "phase", 59, 30, 60, 3, 14);
        row("phase 3", "traffic-shift", "Phase 3: Traffic Shift (60-90 minutes)", 3, "blue-green-deployment-process", "phase", 81, 60, 90, 3, 18);
        row("phase 4", "validation", "Phase 4: Validation (90-120 minutes)", 3, "blue-green-deployment-process", "phase", 107, 90, 120, 3, 14);
        row("phase 5", "cleanup", "Phase 5: Cleanup (120-150 minutes)", 3, "blue-green-deployment-process", "phase", 129, 120, 150, 2, 10);
        row("rollback", "rollback-procedures", "Rollback Procedures", 2, "", "procedure", 145, -1, -1, 0, 0);
        row("automatic triggers", "automatic-rollback-triggers", "Automatic Rollback Triggers", 3, "rollback-procedures", "reference", 147, -1, -1, 1, 0);
        row("manual rollback", "manual-rollback-process", "Manual Rollback Process", 3, "rollback-procedures", "procedure", 154, -1, -1, 3, 13);
        row("emergency", "emergency-procedures", "Emergency Procedures", 2, "", "procedure", 175, -1, -1, 0, 0);
        row("critical issues", "critical-issues-during-deployment", "Critical Issues During Deployment", 3, "emergency-procedures", "procedure", 177, -1, -1, 4, 16);
        row("monitoring", "monitoring-and-alerting", "Monitoring and Alerting", 2, "", "reference", 203, -1, -1, 0, 0);
        row("key metrics", "key-metrics-to-monitor", "Key Metrics to Monitor", 3, "monitoring-and-alerting", "reference", 205, -1, -1, 1, 0);
        row("alerting thresholds", "alerting-thresholds", "Alerting Thresholds", 3, "monitoring-and-alerting", "reference", 212, -1, -1, 1, 0);
        row("monitoring tools", "monitoring-tools", "Monitoring Tools", 3, "monitoring-and-alerting", "reference", 217, -1, -1, 1, 0);
        row("communication", "communication-procedures", "Communication Procedures", 2, "", "checklist", 223, -1, -1, 0, 0);
        row("comm pre", "pre-deployment", "Pre-Deployment", 3, "communication-procedures", "checklist", 225, -1, -1, 1, 4);
        row("comm during", "during-deployment", "During Deployment", 3, "communication-procedures", "checklist", 231, -1, -1, 1, 4);
        row("comm post", "post-deployment", "Post-Deployment", 3, "communication-procedures", "checklist", 237, -1, -1, 1, 4);
        row("troubleshooting", "troubleshooting-common-issues", "Troubleshooting Common Issues", 2, "", "reference", 243, -1, -1, 0, 0);
        row("deployment failures", "deployment-failures", "Deployment Failures", 3, "troubleshooting-common-issues", "reference", 245, -1, -1, 0, 0);
        row("level 4 heading", "code-deployment-issues", "Code Deployment Issues", 4, "deployment-failures", "reference", 247, -1, -1, 1, 0);
        row("resource exhaustion", "resource-exhaustion", "Resource Exhaustion", 4, "performance-issues", "reference", 279, -1, -1, 1, 0);
        row("post-deployment validation", "post-deployment-validation", "Post-Deployment Validation", 2, "", "checklist", 285, -1, -1, 0, 0);
        row("security testing", "security-testing", "Security Testing", 3, "post-deployment-validation", "checklist", 299, -1, -1, 1, 4);
        row("documentation updates", "documentation-updates", "Documentation Updates", 2, "", "checklist", 311, -1, -1, 0, 0);
        row("lessons learned", "lessons-learned", "Lessons Learned", 2, "", "checklist", 326, -1, -1, 0, 0);
        row("regular reviews", "regular-reviews", "Regular Reviews", 3, "lessons-learned", "checklist", 335, -1, -1, 1, 4);
        row("contacts", "emergency-contacts", "Emergency Contacts", 2, "", "reference", 341, -1, -1, 0, 0);
        row("tools", "tools-and-resources", "Tools and Resources", 2, "", "reference", 354, -1, -1, 0, 0);
        row("notes", "notes", "Notes", 2, "", "reference", 368, -1, -1, 1, 0);
    }
    void referenceSections()
    {
        QFETCH(QString, id);
        const RunbookSection *s = reference().section(id);
        QVERIFY2(s, qPrintable(id));
        QTEST(s->title, "title");
        QTEST(s->level, "level");
        QTEST(s->parentId, "parentId");
        QTEST(nameOf(s->kind), "kind");
        QTEST(s->line, "line");
        QFETCH(int, windowStart);
        QFETCH(int, windowEnd);
        if (windowStart < 0) {
            QVERIFY(!s->window);
        } else {
            QVERIFY(s->window);
            QCOMPARE(s->window->startMinutes, windowStart);
            QCOMPARE(s->window->endMinutes, windowEnd);
        }
        QTEST(int(s->groups.size()), "groups");
        QTEST(itemCount(*s, true), "checkable");
    }

    void referenceCounts()
    {
        QCOMPARE(reference().sections.size(), 52);
        QCOMPARE(reference().checkableItems().size(), 164);
        // Every item id is unique.
        QSet<QString> ids;
        for (const RunbookSection &s : reference().sections) {
            for (const RunbookGroup &g : s.groups) {
                for (const RunbookItem &i : g.items) {
                    QVERIFY2(!ids.contains(i.id), qPrintable(i.id));
                    ids.insert(i.id);
                }
            }
        }
    }

    void referenceGroupsAndItems()
    {
        const RunbookSection *phase3 = reference().section(QStringLiteral("traffic-shift"));
        QVERIFY(phase3);
        QCOMPARE(phase3->groups[0].title.value(), QStringLiteral("Gradual Traffic Shift"));
        QCOMPARE(phase3->groups[0].id, QStringLiteral("traffic-shift/gradual-traffic-shift"));
        QCOMPARE(phase3->groups[0].line, 83);
        QCOMPARE(phase3->groups[0].items.size(), 9);
        const RunbookItem &first = phase3->groups[0].items[0];
        QCOMPARE(first.id, QStringLiteral("traffic-shift/gradual-traffic-shift/start-with-5-traffic-to-green"));
        QCOMPARE(first.text, QStringLiteral("Start with 5% traffic to green"));
        QVERIFY(first.checkable);
        QVERIFY(!first.checked);
        QCOMPARE(first.line, 84);
        QCOMPARE(phase3->groups[1].title.value(), QStringLiteral("Monitoring During Shift"));
        QCOMPARE(phase3->groups[2].title.value(), QStringLiteral("Rollback Decision Points"));

        // Untitled group directly under a heading.
        const RunbookSection *code = reference().section(QStringLiteral("code-review-and-testing"));
        QVERIFY(!code->groups[0].title);
        QCOMPARE(code->groups[0].items[1].id, QStringLiteral("code-review-and-testing/unit-tests-passing"));

        // "**Key**: value" bullets are facts with key and value, not tasks.
        const RunbookSection *metrics = reference().section(QStringLiteral("key-metrics-to-monitor"));
        const RunbookItem &errors = metrics->groups[0].items[0];
        QVERIFY(!errors.checkable);
        QCOMPARE(errors.key, QStringLiteral("Error Rates"));
        QCOMPARE(errors.value, QStringLiteral("< 0.1%"));
        QCOMPARE(errors.id, QStringLiteral("key-metrics-to-monitor/error-rates"));

        // Links keep their target.
        const RunbookSection *docs = reference().section(QStringLiteral("documentation"));
        QCOMPARE(docs->groups[0].items[0].text, QStringLiteral("System Architecture"));
        QCOMPARE(docs->groups[0].items[0].links.size(), 1);
        QCOMPARE(docs->groups[0].items[0].links[0].url, QStringLiteral("architecture.md"));

        // Same text in two places gets two ids from the section and group titles.
        QVERIFY(reference().item(QStringLiteral("preparation/code-deployment/run-smoke-tests")));
        QVERIFY(reference().item(QStringLiteral("validation/post-deployment-testing/run-smoke-tests")));
    }

    void referenceTrafficPlan()
    {
        const QList<TrafficStep> &plan = reference().trafficPlan;
        QCOMPARE(plan.size(), 5);
        const QList<std::pair<int, std::optional<int>>> expected{{5, 5}, {10, 10}, {25, 15}, {50, 20}, {100, std::nullopt}};
        for (qsizetype i = 0; i < plan.size(); ++i) {
            QCOMPARE(plan[i].percent, expected[i].first);
            QCOMPARE(plan[i].holdMs, expected[i].second ? std::optional<qint64>(*expected[i].second * 60'000) : std::nullopt);
        }
        QCOMPARE(plan.first().line, 84);
        QCOMPARE(plan.last().line, 92);
    }

    void referenceRules_data() { rulesTable(); }
    void referenceRules() { checkRule(reference()); }

    void referenceRuleCount()
    {
        QCOMPARE(reference().rules.size(), 20);
    }

    // A second runbook, written differently: "Stage" phases, "1)" groups, "*" and "+" bullets,
    // wording like "Raise to 30%", "Wait 20 min", "30-minute soak", "above", "exceed", p99.
    void canaryStructure()
    {
        const Runbook &r = canary();
        QVERIFY2(r.diagnostics.isEmpty(), qPrintable(describe(r.diagnostics)));
        QCOMPARE(r.title, QStringLiteral("Payments API Release Playbook"));
        const RunbookSection *before = r.section(QStringLiteral("before-you-start"));
        QVERIFY(before);
        QCOMPARE(nameOf(before->kind), QStringLiteral("checklist"));
        QCOMPARE(itemCount(*before, true), 4);
        QVERIFY(before->groups[0].items[1].checked);
        QVERIFY(!before->groups[0].items[0].checked);

        const RunbookSection *soak = r.section(QStringLiteral("staging-soak"));
        QVERIFY(soak);
        QCOMPARE(nameOf(soak->kind), QStringLiteral("phase"));
        QCOMPARE(soak->window->startMinutes, 0);
        QCOMPARE(soak->window->endMinutes, 45);
        QCOMPARE(soak->groups.size(), 2);
        QCOMPARE(soak->groups[0].title.value(), QStringLiteral("Smoke"));
        QCOMPARE(soak->groups[1].title.value(), QStringLiteral("Sign-off"));
        QCOMPARE(soak->groups[0].items[1].text, QStringLiteral("Run the smoke suite (runbook)"));
        QCOMPARE(soak->groups[0].items[1].links[0].url, QStringLiteral("https://wiki.example/smoke"));
        QVERIFY(r.item(QStringLiteral("staging-soak/smoke/deploy-build-to-staging")));

        const RunbookSection *bake = r.section(QStringLiteral("bake"));
        QVERIFY(bake);
        QCOMPARE(bake->window->startMinutes, 120); // "(2-3 hours)"
        QCOMPARE(bake->window->endMinutes, 180);

        QCOMPARE(nameOf(r.section(QStringLiteral("abort-criteria"))->kind), QStringLiteral("reference"));
        QCOMPARE(r.section(QStringLiteral("abort-criteria"))->level, 4);
        QCOMPARE(nameOf(r.section(QStringLiteral("roll-back-procedure"))->kind), QStringLiteral("procedure"));
        QCOMPARE(nameOf(r.section(QStringLiteral("contacts"))->kind), QStringLiteral("reference"));
    }

    void canaryTrafficPlan()
    {
        const QList<TrafficStep> &plan = canary().trafficPlan;
        QCOMPARE(plan.size(), 4);
        const QList<std::pair<int, std::optional<int>>> expected{{10, 15}, {30, 20}, {60, 30}, {100, std::nullopt}};
        for (qsizetype i = 0; i < plan.size(); ++i) {
            QCOMPARE(plan[i].percent, expected[i].first);
            QCOMPARE(plan[i].holdMs, expected[i].second ? std::optional<qint64>(*expected[i].second * 60'000) : std::nullopt);
        }
    }

    void canaryRules_data() { canaryRulesTable(); }
    void canaryRules() { checkRule(canary()); }
    void canaryRuleCount() { QCOMPARE(canary().rules.size(), 13); }

    void idsSurviveEditsElsewhere()
    {
        QString text = reference().source;
        // Renumber phases, change windows, add a section and an item elsewhere.
        text.replace(QStringLiteral("### Phase 1: Preparation (0-30 minutes)"), QStringLiteral("### Phase 0: Preparation (0-45 minutes)"));
        text.replace(QStringLiteral("## Overview"), QStringLiteral("## Overview\n\n## New Section\n- [ ] Something new\n"));
        text.replace(QStringLiteral("1. **Environment Setup**:"), QStringLiteral("7. **Environment Setup**:"));
        const Runbook edited = RunbookParser::parse(text);
        for (const RunbookItem *item : reference().checkableItems()) {
            const RunbookItem *same = edited.item(item->id);
            QVERIFY2(same, qPrintable(item->id));
            QCOMPARE(same->text, item->text);
        }
    }

    void duplicateHeadingsGetSuffixAndWarning()
    {
        const Runbook r = RunbookParser::parse(QStringLiteral("# T\n## Process\n### Phase 1: A (0-10 minutes)\n- [ ] Go\n"
                                                              "## Checks\n- [ ] One\n## Checks\n- [ ] One\n"));
        QVERIFY(r.section(QStringLiteral("checks")));
        QVERIFY(r.section(QStringLiteral("checks-2")));
        QVERIFY(r.item(QStringLiteral("checks/one")));
        QVERIFY(r.item(QStringLiteral("checks-2/one")));
        QCOMPARE(r.diagnostics.size(), 2); // duplicate heading, and no traffic plan
        const Diagnostic *d = at(r, 7);
        QVERIFY2(d, qPrintable(describe(r.diagnostics)));
        QVERIFY(d->message.english().contains(QLatin1String("duplicate heading")));
        QVERIFY(d->message.english().contains(QLatin1String("line 5")));
        QCOMPARE(d->severity, Diagnostic::Severity::Warning);
    }

    void duplicateHeadingsIgnoreCase()
    {
        const Runbook r = RunbookParser::parse(QStringLiteral("# T\n### Phase 1: Go (0-10 minutes)\n- [ ] Go\n"
                                                              "## Checks\n- [ ] One\n## CHECKS\n- [ ] One\n"));
        QVERIFY(r.item(QStringLiteral("checks/one")));
        QVERIFY(r.item(QStringLiteral("checks-2/one")));
        const Diagnostic *d = at(r, 6);
        QVERIFY2(d, qPrintable(describe(r.diagnostics)));
        QCOMPARE(d->message.english(), QStringLiteral("duplicate heading \"CHECKS\" (also at line 4); its items get ids with a suffix"));
    }

    void phaseWindowForms()
    {
        const Runbook r = RunbookParser::parse(QStringLiteral("# T\n### Phase 1: Shift (T+10 to T+40 min)\n- [ ] Go\n"
                                                              "### Phase 2: Bake (2-1 hours)\n- [ ] Wait\n"));
        QCOMPARE(r.sections[0].window->startMinutes, 10);
        QCOMPARE(r.sections[0].window->endMinutes, 40);
        QVERIFY(!r.sections[1].window);
        const Diagnostic *d = at(r, 4);
        QVERIFY2(d, qPrintable(describe(r.diagnostics)));
        QCOMPARE(d->message.english(), QStringLiteral("phase window \"(2-1 hours)\" ends before it starts"));
    }

    void indexHoldsEveryIdWithItsPosition()
    {
        const Runbook &r = reference();
        qsizetype items = 0;
        for (qsizetype s = 0; s < r.sections.size(); ++s) {
            QCOMPARE(r.section(r.sections[s].id), &r.sections[s]);
            for (const RunbookGroup &g : r.sections[s].groups) {
                for (const RunbookItem &i : g.items) {
                    QCOMPARE(r.item(i.id), &i);
                    ++items;
                }
            }
        }
        QCOMPARE(r.itemIndex.size(), items);
        QCOMPARE(r.sectionIndex.size(), r.sections.size());
    }

    void duplicateItemsGetSuffix()
    {
        const Runbook r = RunbookParser::parse(QStringLiteral("# T\n### Phase 1: A (0-10 minutes)\n- [ ] Check logs\n- [ ] Check logs\n"));
        QVERIFY(r.item(QStringLiteral("a/check-logs")));
        QVERIFY(r.item(QStringLiteral("a/check-logs-2")));
    }

    void codeBlocksAreNotParsed()
    {
        const Runbook r = RunbookParser::parse(QStringLiteral("# T\n### Phase 1: A (0-10 minutes)\n```\n- [ ] not an item\n## not a heading\n```\n- [ ] real\n"));
        QCOMPARE(r.sections.size(), 1);
        QCOMPARE(r.checkableItems().size(), 1);
        QCOMPARE(r.checkableItems().first()->line, 7);
    }

    void unreadableRulesBecomeDiagnostics_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("severity");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("unknown metric, gating tier") << "- Queue depth > 500" << "error" << "no known metric";
        QTest::newRow("no threshold") << "- Error rate is high" << "error" << "no threshold";
        QTest::newRow("non-strict comparison") << "- Error rate >= 2%" << "error" << "strict";
        QTest::newRow("multiple of nothing") << "- Response time > 3x" << "error" << "multiple of what";
    }
    void unreadableRulesBecomeDiagnostics()
    {
        QFETCH(QString, line);
        const Runbook r = RunbookParser::parse(QStringLiteral("# T\n### Phase 1: A (0-10 minutes)\n- [ ] Go\n## Automatic Rollback Triggers\n") + line + QLatin1Char('\n'));
        QVERIFY(r.rules.isEmpty());
        const auto it = std::find_if(r.diagnostics.cbegin(), r.diagnostics.cend(), [](const Diagnostic &d) { return d.line == 5; });
        QVERIFY2(it != r.diagnostics.cend(), qPrintable(describe(r.diagnostics)));
        QTEST(nameOf(it->severity), "severity");
        QFETCH(QString, messagePart);
        QVERIFY2(it->message.english().contains(messagePart), qPrintable(it->message.english()));
    }

    void targetsThatCannotBeReadAreWarnings()
    {
        const Runbook r = RunbookParser::parse(QStringLiteral("# T\n### Phase 1: A (0-10 minutes)\n- [ ] Go\n## Key Metrics\n- **Queue depth**: < 500\n"));
        QVERIFY(!r.hasErrors());
        const Diagnostic *d = at(r, 5);
        QVERIFY2(d, qPrintable(describe(r.diagnostics)));
        QCOMPARE(d->severity, Diagnostic::Severity::Warning);
    }

    void trafficPlanProblems()
    {
        const Runbook r = RunbookParser::parse(QStringLiteral("# T\n### Phase 1: Traffic (0-10 minutes)\n- [ ] Shift 20% to green\n"
                                                              "- [ ] Shift 10% to green\n- [ ] Shift 50% to green\n"));
        QCOMPARE(r.trafficPlan.size(), 2);
        QVERIFY(r.hasErrors());
        const Diagnostic *d = at(r, 4);
        QVERIFY2(d, qPrintable(describe(r.diagnostics)));
        QCOMPARE(d->severity, Diagnostic::Severity::Error);
        QVERIFY(d->message.english().contains(QLatin1String("does not increase")));
    }

private:
    // Columns of the rule tables; 'value' NaN and 'percentile' 0 mean none.
    static void ruleColumns()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("tier");
        QTest::addColumn<QString>("metric");
        QTest::addColumn<QString>("op");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<int>("percentile");
        QTest::addColumn<int>("line");
    }
    static void row(const char *id, const char *tier, const char *metric, const char *op, double value, const char *unit, int pct, int line)
    {
        QTest::newRow(id) << QString::fromUtf8(id) << QString::fromUtf8(tier) << QString::fromUtf8(metric) << QString::fromUtf8(op) << value
                          << QString::fromUtf8(unit) << pct << line;
    }
    static constexpr double none = std::numeric_limits<double>::quiet_NaN();

    void rulesTable()
    {
        ruleColumns();
        row("decision-point.error_rate", "decision-point", "error_rate", ">", 1, "%", 0, 102);
        row("decision-point.response_time", "decision-point", "response_time", ">", 2, "x_normal", 0, 103);
        row("decision-point.db_error_rate", "decision-point", "db_error_rate", ">", 0.1, "%", 0, 104);
        row("decision-point.resource_utilization", "decision-point", "resource_utilization", ">", 90, "%", 0, 105);
        row("auto-rollback.error_rate", "auto-rollback", "error_rate", ">", 2, "%", 0, 148);
        row("auto-rollback.response_time", "auto-rollback", "response_time", ">", 3, "x_normal", 0, 149);
        row("auto-rollback.db_error_rate", "auto-rollback", "db_error_rate", ">", 0.5, "%", 0, 150);
        row("auto-rollback.service_down", "auto-rollback", "service_down", "firing", none, "", 0, 151);
        row("auto-rollback.security_alert", "auto-rollback", "security_alert", "firing", none, "", 0, 152);
        row("target.error_rate", "target", "error_rate", "<", 0.1, "%", 0, 206);
        row("target.response_time", "target", "response_time", "<", 500, "ms", 95, 207);
        row("target.db_query_time", "target", "db_query_time", "<", 100, "ms", 0, 208);
        row("target.resource_utilization", "target", "resource_utilization", "<", 80, "%", 0, 209);
        row("target.page_load_time", "target", "page_load_time", "<", 2, "s", 0, 210);
        row("alert-critical.error_rate", "alert-critical", "error_rate", ">", 1, "%", 0, 213);
        row("alert-critical.response_time", "alert-critical", "response_time", ">", 2, "s", 0, 213);
        row("alert-warning.error_rate", "alert-warning", "error_rate", ">", 0.5, "%", 0, 214);
        row("alert-warning.response_time", "alert-warning", "response_time", ">", 1, "s", 0, 214);
        row("alert-info.error_rate", "alert-info", "error_rate", ">", 0.1, "%", 0, 215);
        row("alert-info.response_time", "alert-info", "response_time", ">", 500, "ms", 0, 215);
    }

    void canaryRulesTable()
    {
        ruleColumns();
        row("auto-rollback.response_time", "auto-rollback", "response_time", ">", 800, "ms", 99, 31);
        row("auto-rollback.error_rate", "auto-rollback", "error_rate", ">", 3, "%", 0, 32);
        row("auto-rollback.db_error_rate", "auto-rollback", "db_error_rate", ">", 1, "%", 0, 33);
        row("auto-rollback.service_down", "auto-rollback", "service_down", "firing", none, "", 0, 34);
        row("auto-rollback.security_alert", "auto-rollback", "security_alert", "firing", none, "", 0, 35);
        row("decision-point.response_time", "decision-point", "response_time", ">", 1.5, "x_normal", 0, 38);
        row("decision-point.resource_utilization", "decision-point", "resource_utilization", ">", 85, "%", 0, 39);
        row("target.error_rate", "target", "error_rate", "<", 0.5, "%", 0, 46);
        row("target.response_time", "target", "response_time", "<", 300, "ms", 99, 47);
        row("target.db_query_time", "target", "db_query_time", "<", 50, "ms", 0, 48);
        row("alert-critical.error_rate", "alert-critical", "error_rate", ">", 2, "%", 0, 52);
        row("alert-warning.error_rate", "alert-warning", "error_rate", ">", 1, "%", 0, 54);
        row("alert-warning.response_time", "alert-warning", "response_time", ">", 600, "ms", 0, 54);
    }

    void checkRule(const Runbook &runbook)
    {
        QFETCH(QString, id);
        const auto it = std::find_if(runbook.rules.cbegin(), runbook.rules.cend(), [&](const Rule &r) { return r.id == id; });
        QVERIFY2(it != runbook.rules.cend(), qPrintable(id));
        QTEST(nameOf(it->tier), "tier");
        QTEST(nameOf(it->metric), "metric");
        QTEST(nameOf(it->op), "op");
        QFETCH(double, value);
        if (qIsNaN(value))
            QVERIFY(!it->value);
        else
            QCOMPARE(it->value.value(), value);
        QTEST(nameOf(it->unit), "unit");
        QFETCH(int, percentile);
        QCOMPARE(it->percentile.value_or(0), percentile);
        QTEST(it->line, "line");
    }
};

QTEST_GUILESS_MAIN(TestRunbookParser)
#include "tst_runbookparser.moc"
