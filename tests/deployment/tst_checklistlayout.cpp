#include "runbook/runbookloader.h"
#include "deployment/checklistlayout.h"
#include "runbook/runbookparser.h"

#include <QFile>
#include <QStandardPaths>
#include <QTest>

// Which tabs the checklist window shows, and which sections go to the reference panel instead.
class TestChecklistLayout : public QObject
{
    Q_OBJECT
private:
    Runbook m_reference;

    static QStringList titles(const QList<ChecklistTab> &tabs)
    {
        QStringList t;
        for (const ChecklistTab &tab : tabs)
            t << tab.title;
        return t;
    }
    static QStringList titles(const QList<const RunbookSection *> &sections)
    {
        QStringList t;
        for (const RunbookSection *s : sections)
            t << s->title;
        return t;
    }
    const ChecklistTab *tabWithTitle(const QList<ChecklistTab> &tabs, const QString &title) const
    {
        for (const ChecklistTab &tab : tabs) {
            if (tab.title == title)
                return &tab;
        }
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_reference = RunbookParser::parse(RunbookLoader::bundledText(), QStringLiteral("deployment-runbook.md"));
        QVERIFY(!m_reference.hasErrors());
    }

    void referenceRunbookTabsInOrder()
    {
        const QStringList expected{
            QStringLiteral("Pre-Deployment Checklist"),
            QStringLiteral("Phase 1: Preparation"),
            QStringLiteral("Phase 2: Blue Environment"),
            QStringLiteral("Phase 3: Traffic Shift"),
            QStringLiteral("Phase 4: Validation"),
            QStringLiteral("Phase 5: Cleanup"),
            QStringLiteral("Rollback Procedures"),
            QStringLiteral("Emergency Procedures"),
            QStringLiteral("Communication Procedures"),
            QStringLiteral("Post-Deployment Validation"),
            QStringLiteral("Documentation Updates"),
            QStringLiteral("Lessons Learned"),
        };
        QCOMPARE(titles(ChecklistLayout::tabs(m_reference)), expected);
    }

    void referenceRunbookTabDetails_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("sectionId");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("windowStart"); // -1: no planned window
        QTest::addColumn<int>("windowEnd");
        QTest::addColumn<int>("checkableItems");
        QTest::newRow("pre-deployment checklist, no window") << "Pre-Deployment Checklist" << "pre-deployment-checklist" << "checklist" << -1 << -1 << 21;
        QTest::newRow("phase 1 carries 0-30") << "Phase 1: Preparation" << "preparation" << "phase" << 0 << 30 << 12;
        QTest::newRow("phase 2 carries 30-60") << "Phase 2: Blue Environment" << "blue-environment" << "phase" << 30 << 60 << 14;
        QTest::newRow("phase 3 carries 60-90") << "Phase 3: Traffic Shift" << "traffic-shift" << "phase" << 60 << 90 << 18;
        QTest::newRow("phase 4 carries 90-120") << "Phase 4: Validation" << "validation" << "phase" << 90 << 120 << 14;
        QTest::newRow("phase 5 carries 120-150") << "Phase 5: Cleanup" << "cleanup" << "phase" << 120 << 150 << 10;
        QTest::newRow("rollback is a procedure") << "Rollback Procedures" << "rollback-procedures" << "procedure" << -1 << -1 << 13;
        QTest::newRow("emergency is a procedure") << "Emergency Procedures" << "emergency-procedures" << "procedure" << -1 << -1 << 16;
        QTest::newRow("communication is a checklist") << "Communication Procedures" << "communication-procedures" << "checklist" << -1 << -1 << 12;
        QTest::newRow("lessons learned is a checklist") << "Lessons Learned" << "lessons-learned" << "checklist" << -1 << -1 << 9;
    }
    void referenceRunbookTabDetails()
    {
        QFETCH(QString, title);
        QFETCH(QString, sectionId);
        QFETCH(QString, kind);
        QFETCH(int, windowStart);
        QFETCH(int, windowEnd);
        QFETCH(int, checkableItems);
        const QList<ChecklistTab> tabs = ChecklistLayout::tabs(m_reference);
        const ChecklistTab *tab = tabWithTitle(tabs, title);
        QVERIFY2(tab, qPrintable(QStringLiteral("no tab \"%1\" in %2").arg(title, titles(tabs).join(QStringLiteral(", ")))));
        QCOMPARE(tab->sectionId, sectionId);
        QCOMPARE(nameOf(tab->kind), kind);
        if (windowStart < 0) {
            QVERIFY2(!tab->window, "only phases have a planned window");
        } else {
            QVERIFY(tab->window);
            QCOMPARE(tab->window->startMinutes, windowStart);
            QCOMPARE(tab->window->endMinutes, windowEnd);
        }
        QCOMPARE(m_reference.checkableItems(tab->sectionId).size(), checkableItems);
    }

    // Every checkbox of the runbook is on exactly one tab: none lost, none shown twice.
    void everyCheckableItemOnExactlyOneTab()
    {
        QHash<QString, int> seen;
        for (const ChecklistTab &tab : ChecklistLayout::tabs(m_reference)) {
            for (const RunbookItem *item : m_reference.checkableItems(tab.sectionId))
                ++seen[item->id];
        }
        const QList<const RunbookItem *> all = m_reference.checkableItems();
        QCOMPARE(seen.size(), all.size());
        for (const RunbookItem *item : all)
            QVERIFY2(seen.value(item->id) == 1, qPrintable(item->id));
    }

    void tabsAreNotReferenceSections()
    {
        for (const ChecklistTab &tab : ChecklistLayout::tabs(m_reference)) {
            QVERIFY2(tab.kind != SectionKind::Reference, qPrintable(tab.title));
            QVERIFY2(!m_reference.checkableItems(tab.sectionId).isEmpty(), qPrintable(tab.title + QStringLiteral(" has nothing to check")));
        }
    }

    void referenceSectionsListed_data()
    {
        QTest::addColumn<QString>("title");
        QTest::newRow("top-level prose") << "Overview";
        QTest::newRow("thresholds") << "Monitoring and Alerting";
        QTest::newRow("nested troubleshooting") << "Troubleshooting Common Issues";
        QTest::newRow("contacts") << "Emergency Contacts";
        QTest::newRow("tools") << "Tools and Resources";
        QTest::newRow("closing notes") << "Notes";
        QTest::newRow("reference subsection of a procedure") << "Automatic Rollback Triggers";
    }
    void referenceSectionsListed()
    {
        QFETCH(QString, title);
        const QStringList listed = titles(ChecklistLayout::referenceSections(m_reference));
        QVERIFY2(listed.count(title) == 1, qPrintable(QStringLiteral("\"%1\" should be listed once in: %2").arg(title, listed.join(QStringLiteral(", ")))));
    }

    // The reference panel shows a section with all its subsections, so listing a subsection of
    // a listed section again would show the same text twice.
    void referenceSectionsNotListed_data()
    {
        QTest::addColumn<QString>("title");
        QTest::newRow("child of monitoring") << "Key Metrics to Monitor";
        QTest::newRow("child of troubleshooting") << "Deployment Failures";
        QTest::newRow("grandchild of troubleshooting") << "Code Deployment Issues";
        QTest::newRow("another grandchild") << "Resource Exhaustion";
        QTest::newRow("child of contacts") << "Internal";
        QTest::newRow("child of tools") << "Documentation";
        QTest::newRow("checklist section") << "Communication Procedures";
        QTest::newRow("phase") << "Phase 1: Preparation (0-30 minutes)";
        QTest::newRow("container of phases") << "Blue/Green Deployment Process";
    }
    void referenceSectionsNotListed()
    {
        QFETCH(QString, title);
        const QStringList listed = titles(ChecklistLayout::referenceSections(m_reference));
        QVERIFY2(!listed.contains(title), qPrintable(QStringLiteral("\"%1\" should not be listed in: %2").arg(title, listed.join(QStringLiteral(", ")))));
    }

    void referenceSectionsExactlyInDocumentOrder()
    {
        const QStringList expected{
            QStringLiteral("Overview"),
            QStringLiteral("Automatic Rollback Triggers"),
            QStringLiteral("Monitoring and Alerting"),
            QStringLiteral("Troubleshooting Common Issues"),
            QStringLiteral("Emergency Contacts"),
            QStringLiteral("Tools and Resources"),
            QStringLiteral("Notes"),
        };
        QCOMPARE(titles(ChecklistLayout::referenceSections(m_reference)), expected);
    }

    void tabTitle_data()
    {
        QTest::addColumn<QString>("heading");
        QTest::addColumn<QString>("title");
        QTest::newRow("window in minutes dropped") << "Phase 1: Preparation (0-30 minutes)" << "Phase 1: Preparation";
        QTest::newRow("window in hours dropped") << "Stage 2 - Canary (1-2 hours)" << "Stage 2 - Canary";
        QTest::newRow("phase without window kept") << "Phase 3: Verify" << "Phase 3: Verify";
        QTest::newRow("parenthesis not a window kept") << "Phase 4: Soak (overnight)" << "Phase 4: Soak (overnight)";
        QTest::newRow("T+ window after an em dash") << "Monitoring — T+15 to T+45 min" << "Monitoring";
        QTest::newRow("bracketed window after a hyphen") << "Verify - (0-20 min)" << "Verify";
        QTest::newRow("T+ window in brackets after an en dash") << "Phase 2: Canary – (T+20 to T+80)" << "Phase 2: Canary";
        QTest::newRow("length after a colon") << "Phase 3: Bake: (20 minutes)" << "Phase 3: Bake";
    }

    // The window after a dash is read as the phase's window, not left in its title.
    void windowAfterADashIsRead_data()
    {
        QTest::addColumn<QString>("heading");
        QTest::addColumn<int>("start");
        QTest::addColumn<int>("end");
        QTest::newRow("em dash, T+") << "## Monitoring — T+15 to T+45 min" << 15 << 45;
        QTest::newRow("hyphen, brackets") << "### Verify - (0-20 min)" << 0 << 20;
        QTest::newRow("en dash, hours") << "## Soak – (1-2 h)" << 60 << 120;
    }
    void windowAfterADashIsRead()
    {
        QFETCH(QString, heading);
        QFETCH(int, start);
        QFETCH(int, end);
        const Runbook rb = RunbookParser::parse(QStringLiteral("# R\n\n%1\n- [ ] do it\n").arg(heading));
        QVERIFY(!rb.hasErrors());
        QCOMPARE(rb.sections.size(), 1);
        const RunbookSection &s = rb.sections.first();
        QCOMPARE(s.kind, SectionKind::Phase);
        QVERIFY(s.window);
        QCOMPARE(s.window->startMinutes, start);
        QCOMPARE(s.window->endMinutes, end);
    }
    void tabTitle()
    {
        QFETCH(QString, heading);
        QFETCH(QString, title);
        const Runbook rb = RunbookParser::parse(QStringLiteral("# R\n\n## %1\n- [ ] do it\n").arg(heading));
        QCOMPARE(rb.sections.size(), 1);
        QCOMPARE(ChecklistLayout::tabTitle(rb.sections.first()), title);
        const QList<ChecklistTab> tabs = ChecklistLayout::tabs(rb);
        QCOMPARE(tabs.size(), 1);
        QCOMPARE(tabs.first().title, title);
    }

    // Layouts other than the reference one: top-level phases, a checklist below a phase
    // container, reference text nested three levels deep.
    void otherRunbookShapes_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<QStringList>("tabTitles");
        QTest::addColumn<QStringList>("referenceTitles");
        QTest::newRow("top-level phases")
            << "# R\n\n## Intro\nSome prose.\n\n## Phase 1: Build (0-10 minutes)\n- [ ] build\n\n### Details\n- [ ] compile\n\n"
               "## Phase 2: Ship (10-20 minutes)\n- [ ] ship\n"
            << QStringList{"Phase 1: Build", "Phase 2: Ship"} << QStringList{"Intro"};
        QTest::newRow("checklist inside the phase container")
            << "# R\n\n## Process\n\n### Before\n- [ ] agree\n\n### Phase 1: Go (0-5 minutes)\n- [ ] go\n"
            << QStringList{"Before", "Phase 1: Go"} << QStringList{};
        QTest::newRow("deep reference listed once")
            << "# R\n\n## Phase 1: Go (0-5 minutes)\n- [ ] go\n\n## Help\nRead this.\n\n### Topic\nText.\n\n#### Detail\nMore.\n\n##### Finer\nEven more.\n"
            << QStringList{"Phase 1: Go"} << QStringList{"Help"};
        QTest::newRow("reference subsection of a checklist")
            << "# R\n\n## Phase 1: Go (0-5 minutes)\n- [ ] go\n\n## Checks\n\n### Thresholds\n- Error rate > 1%\n\n### Steps\n- [ ] look\n"
            << QStringList{"Phase 1: Go", "Checks"} << QStringList{"Thresholds"};
    }
    void otherRunbookShapes()
    {
        QFETCH(QString, markdown);
        QFETCH(QStringList, tabTitles);
        QFETCH(QStringList, referenceTitles);
        const Runbook rb = RunbookParser::parse(markdown);
        QVERIFY(!rb.hasErrors());
        QCOMPARE(titles(ChecklistLayout::tabs(rb)), tabTitles);
        QCOMPARE(titles(ChecklistLayout::referenceSections(rb)), referenceTitles);
    }
};

QTEST_GUILESS_MAIN(TestChecklistLayout)
#include "tst_checklistlayout.moc"
