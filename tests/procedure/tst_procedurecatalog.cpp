// findProcedures on the reference runbook: the rollback procedure first, then one procedure per
// emergency, and how the profile's bindings attach to their steps.
#include "runbook/runbookloader.h"
#include "procedure/procedurecatalog.h"
#include "runbook/runbook.h"
#include "runbook/runbookparser.h"

#include <QFile>
#include <QTest>

namespace {

ActionBinding byText(const QString &text, ActionBinding::Kind kind = ActionBinding::Kind::Command)
{
    ActionBinding b;
    b.itemText = text;
    b.kind = kind;
    b.command.program = QStringLiteral("/bin/true");
    return b;
}

QStringList texts(const ProcedureDef &def)
{
    QStringList list;
    for (const ProcedureStep &s : def.steps)
        list << s.text;
    return list;
}

const ProcedureDef *find(const QList<ProcedureDef> &list, const QString &title)
{
    for (const ProcedureDef &d : list) {
        if (d.title == title)
            return &d;
    }
    return nullptr;
}

} // namespace

class TestProcedureCatalog : public QObject
{
    Q_OBJECT
    Runbook m_runbook;

private Q_SLOTS:
    void initTestCase()
    {
        const QString text = RunbookLoader::bundledText();
        QVERIFY(!text.isEmpty());
        m_runbook = RunbookParser::parse(text, QStringLiteral("deployment-runbook.md"));
        QVERIFY(!m_runbook.hasErrors());
    }

    void referenceRunbookProcedures()
    {
        const QList<ProcedureDef> list = findProcedures(m_runbook, {});
        QCOMPARE(list.size(), 5);

        const ProcedureDef &rollback = list.first();
        QCOMPARE(rollback.id, QStringLiteral("manual-rollback-process"));
        QCOMPARE(rollback.title, QStringLiteral("Manual Rollback Process"));
        QCOMPARE(rollback.sectionId, rollback.id);
        QVERIFY(rollback.rollback);
        QCOMPARE(rollback.steps.size(), 13);
        QCOMPARE(texts(rollback),
                 (QStringList{QStringLiteral("Stop traffic to green environment"), QStringLiteral("Route traffic back to blue"),
                              QStringLiteral("Verify blue environment is stable"), QStringLiteral("Check all services are running"),
                              QStringLiteral("Execute database rollback scripts"), QStringLiteral("Verify data integrity"),
                              QStringLiteral("Check for data loss"), QStringLiteral("Validate rollback success"),
                              QStringLiteral("Monitor system stability"), QStringLiteral("Run smoke tests"),
                              QStringLiteral("Verify all features working"), QStringLiteral("Document rollback reasons"),
                              QStringLiteral("Schedule incident review")}));
        QStringList groups;
        for (const ProcedureStep &s : rollback.steps) {
            if (groups.isEmpty() || groups.last() != s.groupTitle)
                groups << s.groupTitle;
            QVERIFY(!s.binding);
            QVERIFY(m_runbook.item(s.itemId));
            QCOMPARE(m_runbook.item(s.itemId)->text, s.text);
        }
        QCOMPARE(groups, (QStringList{QStringLiteral("Immediate Actions"), QStringLiteral("Database Rollback"), QStringLiteral("Post-Rollback")}));
        QVERIFY(rollback.step(rollback.steps[4].itemId));
        QCOMPARE(rollback.step(rollback.steps[4].itemId)->text, QStringLiteral("Execute database rollback scripts"));
        QVERIFY(!rollback.step(QStringLiteral("no-such-item")));

        const QStringList emergencies{QStringLiteral("Service Down"), QStringLiteral("Database Issues"), QStringLiteral("Security Issues"),
                                      QStringLiteral("Performance Issues")};
        QSet<QString> ids{rollback.id};
        for (int i = 0; i < emergencies.size(); ++i) {
            const ProcedureDef &def = list[i + 1];
            QCOMPARE(def.title, emergencies[i]);
            QVERIFY(!def.rollback);
            QCOMPARE(def.steps.size(), 4);
            QCOMPARE(def.sectionId, list[1].sectionId); // all in "Critical Issues During Deployment"
            QVERIFY(def.id != def.sectionId);
            QVERIFY2(!ids.contains(def.id), qPrintable(def.id));
            ids.insert(def.id);
            for (const ProcedureStep &s : def.steps)
                QCOMPARE(s.groupTitle, emergencies[i]);
        }
        QVERIFY(m_runbook.section(list[1].sectionId));
        QCOMPARE(m_runbook.section(list[1].sectionId)->title, QStringLiteral("Critical Issues During Deployment"));
        QCOMPARE(texts(list[2]), (QStringList{QStringLiteral("Stop deployment immediately"), QStringLiteral("Check database health"),
                                              QStringLiteral("Execute database rollback"), QStringLiteral("Verify data integrity")}));
    }

    void automaticTriggersAreNotAProcedure()
    {
        const QList<ProcedureDef> list = findProcedures(m_runbook, {});
        for (const ProcedureDef &def : list) {
            QVERIFY(!def.title.contains(QLatin1String("Automatic"), Qt::CaseInsensitive));
            QVERIFY(!def.id.contains(QLatin1String("automatic")));
            for (const ProcedureStep &s : def.steps)
                QVERIFY2(!s.text.startsWith(QLatin1String("Error rate >")), qPrintable(s.text));
        }
    }

    void aTextBindingServesBothProcedures()
    {
        const QList<ProcedureDef> list = findProcedures(m_runbook, {byText(QStringLiteral("Verify data integrity"))});
        const ProcedureDef &rollback = list.first();
        const ProcedureDef *database = find(list, QStringLiteral("Database Issues"));
        QVERIFY(database);
        int bound = 0;
        for (const ProcedureDef *def : {&rollback, database}) {
            for (const ProcedureStep &s : def->steps) {
                QCOMPARE(bool(s.binding), s.text == QLatin1String("Verify data integrity"));
                if (s.binding) {
                    ++bound;
                    QCOMPARE(s.binding->itemText, QStringLiteral("Verify data integrity"));
                    QCOMPARE(s.binding->command.program, QStringLiteral("/bin/true"));
                }
            }
        }
        QCOMPARE(bound, 2);
        // Two different items: one binding, two steps with their own ids.
        QVERIFY(rollback.steps[5].itemId != database->steps[3].itemId);
    }

    void textMatchingFoldsCaseAndWhiteSpace()
    {
        const ActionBinding b = byText(QStringLiteral("  stop   TRAFFIC to\tgreen environment "));
        const QList<ProcedureDef> list = findProcedures(m_runbook, {b});
        QVERIFY(list.first().steps[0].binding);
        QVERIFY(!list.first().steps[1].binding);
        // Not a substring match.
        const QList<ProcedureDef> partial = findProcedures(m_runbook, {byText(QStringLiteral("Stop traffic"))});
        QVERIFY(!partial.first().steps[0].binding);
    }

    void anIdBindingWinsOverATextBinding()
    {
        const QList<ProcedureDef> plain = findProcedures(m_runbook, {});
        const QString id = plain.first().steps[5].itemId; // Verify data integrity
        ActionBinding text = byText(QStringLiteral("Verify data integrity"));
        ActionBinding byId;
        byId.itemId = id;
        byId.kind = ActionBinding::Kind::Tcp;
        byId.host = QStringLiteral("db");
        byId.port = 5432;
        // The text binding comes first in the profile; the id binding still wins.
        const QList<ProcedureDef> list = findProcedures(m_runbook, {text, byId});
        QVERIFY(list.first().steps[5].binding);
        QCOMPARE(list.first().steps[5].binding->kind, ActionBinding::Kind::Tcp);
        QCOMPARE(list.first().steps[5].binding->itemId, id);
        // The other item with that text keeps the text binding.
        const ProcedureDef *database = find(list, QStringLiteral("Database Issues"));
        QVERIFY(database && database->steps[3].binding);
        QCOMPARE(database->steps[3].binding->kind, ActionBinding::Kind::Command);

        // bindingFor directly: the first text binding, unless an id binding matches.
        const RunbookItem *item = m_runbook.item(id);
        QVERIFY(item);
        ActionBinding second = byText(QStringLiteral("verify data integrity"), ActionBinding::Kind::Http);
        QCOMPARE(bindingFor({text, second}, *item)->kind, ActionBinding::Kind::Command);
        QCOMPARE(bindingFor({second, text}, *item)->kind, ActionBinding::Kind::Http);
        QCOMPARE(bindingFor({second, text, byId}, *item)->kind, ActionBinding::Kind::Tcp);
        QVERIFY(!bindingFor({byText(QStringLiteral("something else"))}, *item));
        ActionBinding otherId;
        otherId.itemId = QStringLiteral("no-such-id");
        QVERIFY(!bindingFor({otherId}, *item));
        QVERIFY(!otherId.matches(*item));
        QVERIFY(byId.matches(*item));
    }

    void describeAndNames()
    {
        ActionBinding b = byText(QStringLiteral("x"));
        b.command.program = QStringLiteral("./db rollback.sh");
        b.command.arguments = {QStringLiteral("rollback.sql"), QStringLiteral("it's")};
        QCOMPARE(b.describe(), QStringLiteral("runs './db rollback.sh' rollback.sql 'it'\\''s'"));
        for (const QString &name : {QStringLiteral("traffic-to-blue"), QStringLiteral("verify-blue-stable"), QStringLiteral("health"),
                                    QStringLiteral("http"), QStringLiteral("tcp"), QStringLiteral("command")}) {
            const auto kind = actionKindFromName(name);
            QVERIFY(kind);
            QCOMPARE(nameOf(*kind), name);
        }
        QVERIFY(!actionKindFromName(u"shell"));
    }
};

QTEST_GUILESS_MAIN(TestProcedureCatalog)
#include "tst_procedurecatalog.moc"
