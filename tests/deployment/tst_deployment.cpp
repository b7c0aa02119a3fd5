// Deployment: starting one, operator actions journaled before they show, refusals that write
// nothing, notes.
#include "deploymenttestbase.h"

class TestDeployment : public QObject, protected DeploymentTestBase
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { openJournal(); }
    void cleanup() { closeJournal(); }

    void runbookFixtureHasTheExpectedItems()
    {
        auto d = startA();
        QVERIFY(d);
        QStringList ids;
        for (const RunbookItem *item : d->runbook().checkableItems())
            ids << item->id;
        QCOMPARE(ids, (QStringList{Approved, Backup, Staging, Smoke, Traffic}));
        QVERIFY(d->runbook().item(Dashboards));
        QVERIFY(!d->runbook().item(Dashboards)->checkable);
    }

    void startRecordsTheDeployment()
    {
        auto d = startA();
        QVERIFY(d);
        QVERIFY(!d->id().isEmpty());
        QVERIFY(!d->isReadOnly());
        QCOMPARE(d->operatorName(), QStringLiteral("alice"));
        const DeploymentState &s = d->state();
        QCOMPARE(s.service, QStringLiteral("payments"));
        QCOMPARE(s.version, QStringLiteral("v4.2.0"));
        QCOMPARE(s.startedBy, QStringLiteral("alice"));
        QCOMPARE(s.startedAtMs, m_clock->nowMs());
        QCOMPARE(s.runbookName, QStringLiteral("payments.md"));
        QCOMPARE(s.lastSeq, qint64(1));

        const QList<DeploymentEvent> ev = events(d->id());
        QCOMPARE(ev.size(), 1);
        QCOMPARE(ev.first().kind, DeploymentEvent::Kind::DeploymentStarted);
        QCOMPARE(ev.first().atMs, m_clock->nowMs());
        QCOMPARE(ev.first().payload.value(QStringLiteral("service")).toString(), QStringLiteral("payments"));
        // The runbook text it started with is in the journal under the recorded key.
        const auto stored = m_journal->runbook(s.runbookSha256);
        QVERIFY2(stored.ok(), qPrintable(stored.error()));
        QCOMPARE(stored.value().text, RunbookA);
    }

    void startTrimsItsFields()
    {
        Deployment::StartInfo info = startInfo();
        info.service = QStringLiteral("  payments \n");
        info.operatorName = QStringLiteral(" alice ");
        auto d = Deployment::start(m_journal.get(), m_clock.get(), info);
        QVERIFY2(d.ok(), qPrintable(d.error()));
        QCOMPARE(d.value()->state().service, QStringLiteral("payments"));
        QCOMPARE(d.value()->state().startedBy, QStringLiteral("alice"));
    }

    void startIsRefused_data()
    {
        QTest::addColumn<QString>("service");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("operatorName");
        QTest::addColumn<QString>("runbookText");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("no service") << "" << "v1" << "alice" << RunbookA << "service";
        QTest::newRow("blank service") << "   " << "v1" << "alice" << RunbookA << "service";
        QTest::newRow("no version") << "payments" << "" << "alice" << RunbookA << "version";
        QTest::newRow("blank version") << "payments" << "\t" << "alice" << RunbookA << "version";
        QTest::newRow("no operator") << "payments" << "v1" << "" << RunbookA << "operator";
        QTest::newRow("blank operator") << "payments" << "v1" << "  " << RunbookA << "operator";
        QTest::newRow("runbook without phases") << "payments" << "v1" << "alice"
                                                << "# Notes\n\n## Checklist\n- [ ] something\n" << "errors";
        QTest::newRow("runbook with a backwards window") << "payments" << "v1" << "alice"
                                                         << "# R\n\n### Phase 1: Prep (30-10 minutes)\n- [ ] a\n" << "errors";
        QTest::newRow("empty runbook") << "payments" << "v1" << "alice" << "" << "errors";
    }
    void startIsRefused()
    {
        QFETCH(QString, service);
        QFETCH(QString, version);
        QFETCH(QString, operatorName);
        QFETCH(QString, runbookText);
        QFETCH(QString, messagePart);
        const auto d = Deployment::start(m_journal.get(), m_clock.get(),
                                         {service, version, operatorName, QStringLiteral("payments.md"), runbookText});
        QVERIFY(!d.ok());
        QVERIFY2(d.error().contains(messagePart), qPrintable(d.error()));
        // Nothing was journaled.
        const auto list = m_journal->deployments();
        QVERIFY2(list.ok(), qPrintable(list.error()));
        QVERIFY(list.value().isEmpty());
        QCOMPARE(SqlitePeek::value(journalPath(), QStringLiteral("SELECT count(*) FROM events")).toInt(), 0);
    }

    void actionsAreJournaledWithOperatorAndTime_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("itemId");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("status");
        QTest::newRow("check") << "check" << Staging << int(DeploymentEvent::Kind::ItemChecked) << int(ItemState::Status::Done);
        QTest::newRow("skip") << "skip" << Smoke << int(DeploymentEvent::Kind::ItemSkipped) << int(ItemState::Status::Skipped);
        QTest::newRow("note") << "note" << Traffic << int(DeploymentEvent::Kind::NoteSet) << int(ItemState::Status::Open);
        QTest::newRow("note on a plain bullet") << "note" << Dashboards << int(DeploymentEvent::Kind::NoteSet) << int(ItemState::Status::Open);
    }
    void actionsAreJournaledWithOperatorAndTime()
    {
        QFETCH(QString, action);
        QFETCH(QString, itemId);
        QFETCH(int, kind);
        QFETCH(int, status);
        auto d = startA();
        QVERIFY(d);
        QSignalSpy changed(d.get(), &Deployment::itemChanged);
        m_clock->advanceMs(125'000);
        d->setOperatorName(QStringLiteral("bob"));

        Status s;
        if (action == QLatin1String("check"))
            s = d->check(itemId);
        else if (action == QLatin1String("skip"))
            s = d->skip(itemId, QStringLiteral("  not needed for a config-only change  "));
        else
            s = d->setNote(itemId, QStringLiteral(" paged the DBA "));
        QVERIFY2(s.ok(), qPrintable(s.error()));

        const QList<DeploymentEvent> ev = events(d->id());
        QCOMPARE(ev.size(), 2);
        const DeploymentEvent &e = ev.last();
        QCOMPARE(int(e.kind), kind);
        QCOMPARE(e.seq, qint64(2));
        QCOMPARE(e.itemId, itemId);
        QCOMPARE(e.operatorName, QStringLiteral("bob"));
        QCOMPARE(e.atMs, m_clock->nowMs());
        QCOMPARE(d->state().lastSeq, qint64(2));

        const ItemState item = d->state().item(itemId);
        QCOMPARE(int(item.status), status);
        if (action == QLatin1String("note")) {
            QCOMPARE(e.payload.value(QStringLiteral("text")).toString(), QStringLiteral("paged the DBA"));
            QCOMPARE(item.note, QStringLiteral("paged the DBA"));
            QCOMPARE(item.noteBy, QStringLiteral("bob"));
            QCOMPARE(item.noteAtMs, m_clock->nowMs());
        } else {
            QCOMPARE(item.by, QStringLiteral("bob"));
            QCOMPARE(item.atMs, m_clock->nowMs());
        }
        if (action == QLatin1String("skip")) {
            QCOMPARE(e.payload.value(QStringLiteral("reason")).toString(), QStringLiteral("not needed for a config-only change"));
            QCOMPARE(item.skipReason, QStringLiteral("not needed for a config-only change"));
        }
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().first().toString(), itemId);
    }

    void uncheckReopensAndIsJournaled()
    {
        auto d = startA();
        QVERIFY(d);
        QVERIFY(d->skip(Staging, QStringLiteral("done by hand")).ok());
        m_clock->advanceMs(1000);
        d->setOperatorName(QStringLiteral("carol"));
        const Status s = d->uncheck(Staging);
        QVERIFY2(s.ok(), qPrintable(s.error()));
        const ItemState item = d->state().item(Staging);
        QCOMPARE(item.status, ItemState::Status::Open);
        QVERIFY(item.skipReason.isEmpty());
        QCOMPARE(item.by, QStringLiteral("carol"));
        const QList<DeploymentEvent> ev = events(d->id());
        QCOMPARE(ev.size(), 3);
        QCOMPARE(ev.last().kind, DeploymentEvent::Kind::ItemUnchecked);
        QCOMPARE(ev.last().operatorName, QStringLiteral("carol"));
        QCOMPARE(ev.last().atMs, m_clock->nowMs());
    }

    void refusedActionsWriteNothing_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("itemId");
        QTest::addColumn<QString>("argument");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("skip without reason") << "skip" << Staging << "" << "reason";
        QTest::newRow("skip with a blank reason") << "skip" << Staging << "  \n " << "reason";
        QTest::newRow("check unknown item") << "check" << "prep/no-such-step" << "" << "prep/no-such-step";
        QTest::newRow("uncheck unknown item") << "uncheck" << "prep/no-such-step" << "" << "prep/no-such-step";
        QTest::newRow("skip unknown item") << "skip" << "prep/no-such-step" << "because" << "prep/no-such-step";
        QTest::newRow("note on unknown item") << "note" << "prep/no-such-step" << "hello" << "prep/no-such-step";
        QTest::newRow("check a plain bullet") << "check" << Dashboards << "" << "not a checklist item";
        QTest::newRow("skip a plain bullet") << "skip" << Dashboards << "because" << "not a checklist item";
        QTest::newRow("check a section id") << "check" << "prep" << "" << "prep";
        QTest::newRow("check an empty id") << "check" << "" << "" << "no item";
    }
    void refusedActionsWriteNothing()
    {
        QFETCH(QString, action);
        QFETCH(QString, itemId);
        QFETCH(QString, argument);
        QFETCH(QString, messagePart);
        auto d = startA();
        QVERIFY(d);
        QSignalSpy changed(d.get(), &Deployment::itemChanged);
        Status s;
        if (action == QLatin1String("check"))
            s = d->check(itemId);
        else if (action == QLatin1String("uncheck"))
            s = d->uncheck(itemId);
        else if (action == QLatin1String("skip"))
            s = d->skip(itemId, argument);
        else
            s = d->setNote(itemId, argument);
        QVERIFY(!s.ok());
        QVERIFY2(s.error().contains(messagePart), qPrintable(s.error()));
        QCOMPARE(events(d->id()).size(), 1);
        QCOMPARE(d->state().lastSeq, qint64(1));
        QCOMPARE(d->state().item(itemId).status, ItemState::Status::Open);
        QVERIFY(d->state().touchedItemIds().isEmpty());
        QCOMPARE(changed.size(), 0);
    }

    void noOpActionsWriteNothing()
    {
        auto d = startA();
        QVERIFY(d);
        QVERIFY(d->check(Staging).ok());
        QVERIFY(d->setNote(Smoke, QStringLiteral("flaky")).ok());
        QCOMPARE(events(d->id()).size(), 3);
        QSignalSpy changed(d.get(), &Deployment::itemChanged);
        m_clock->advanceMs(60'000);
        QVERIFY(d->check(Staging).ok()); // already done
        QVERIFY(d->uncheck(Traffic).ok()); // already open
        QVERIFY(d->setNote(Smoke, QStringLiteral("  flaky ")).ok()); // same text once trimmed
        QVERIFY(d->setNote(Traffic, QString()).ok()); // no note to clear
        QCOMPARE(events(d->id()).size(), 3);
        QCOMPARE(changed.size(), 0);
        // The first check's time is kept.
        QCOMPARE(d->state().item(Staging).atMs, d->state().startedAtMs);
    }

    void noteCanBeCleared()
    {
        auto d = startA();
        QVERIFY(d);
        QVERIFY(d->setNote(Smoke, QStringLiteral("flaky")).ok());
        QVERIFY(d->setNote(Smoke, QStringLiteral("   ")).ok());
        QVERIFY(d->state().item(Smoke).note.isEmpty());
        const QList<DeploymentEvent> ev = events(d->id());
        QCOMPARE(ev.size(), 3);
        QCOMPARE(ev.last().kind, DeploymentEvent::Kind::NoteSet);
        QCOMPARE(ev.last().payload.value(QStringLiteral("text")).toString(), QString());
    }

};

QTEST_GUILESS_MAIN(TestDeployment)
#include "tst_deployment.moc"
