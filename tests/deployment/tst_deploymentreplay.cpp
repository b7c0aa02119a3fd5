// Deployment reopened from its journal: replay gives the same state, reopening uses the
// runbook it started with, closed deployments are read-only, a journal that refuses a write
// leaves the state unchanged, progress and elapsed time, orphaned items and bad sequences.
#include "deploymenttestbase.h"

class TestDeploymentReplay : public QObject, protected DeploymentTestBase
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { openJournal(); }
    void cleanup() { closeJournal(); }

    void replayGivesTheSameState_data()
    {
        // Steps: "check ID", "uncheck ID", "skip ID reason...", "note ID text...", "as NAME",
        // "wait MS", "close OUTCOME note...". A step starting with '!' must be refused.
        QTest::addColumn<QStringList>("steps");
        QTest::newRow("nothing done") << QStringList{};
        QTest::newRow("checks by two operators")
            << QStringList{u"check "_s + Approved, u"wait 5000"_s, u"as bob"_s, u"check "_s + Backup, u"wait 61000"_s, u"check "_s + Staging};
        QTest::newRow("skip then reopen then check")
            << QStringList{u"skip "_s + Smoke + u" staging is down"_s, u"wait 1000"_s, u"uncheck "_s + Smoke, u"wait 1000"_s, u"check "_s + Smoke};
        QTest::newRow("notes set, changed and cleared")
            << QStringList{u"note "_s + Traffic + u" wait for EU night"_s, u"as dave"_s, u"note "_s + Traffic + u" done at 02:00"_s,
                           u"note "_s + Dashboards + u" screen 3"_s, u"note "_s + Staging + u" temp"_s, u"wait 10"_s, u"note "_s + Staging};
        QTest::newRow("refused steps change nothing")
            << QStringList{u"check "_s + Approved, u"!skip "_s + Backup, u"!check "_s + Dashboards, u"!check nowhere/at-all"_s,
                           u"check "_s + Approved};
        QTest::newRow("everything then closed")
            << QStringList{u"check "_s + Approved, u"check "_s + Backup, u"skip "_s + Staging + u" verified yesterday"_s, u"check "_s + Smoke,
                           u"wait 1800000"_s, u"check "_s + Traffic, u"note "_s + Traffic + u" smooth"_s, u"wait 1000"_s, u"as erin"_s,
                           u"close completed shipped without incident"_s, u"!check "_s + Staging};
        QTest::newRow("rolled back midway")
            << QStringList{u"check "_s + Approved, u"wait 300000"_s, u"close rolled-back error rate 4%"_s};
    }
    void replayGivesTheSameState()
    {
        QFETCH(QStringList, steps);
        auto d = startA();
        QVERIFY(d);
        for (const QString &line : std::as_const(steps)) {
            const bool refused = line.startsWith(QLatin1Char('!'));
            QStringList words = (refused ? line.mid(1) : line).split(QLatin1Char(' '));
            const QString verb = words.takeFirst();
            const QString target = words.isEmpty() ? QString() : words.takeFirst();
            const QString rest = words.join(QLatin1Char(' '));
            Status s;
            if (verb == QLatin1String("check"))
                s = d->check(target);
            else if (verb == QLatin1String("uncheck"))
                s = d->uncheck(target);
            else if (verb == QLatin1String("skip"))
                s = d->skip(target, rest);
            else if (verb == QLatin1String("note"))
                s = d->setNote(target, rest);
            else if (verb == QLatin1String("as"))
                d->setOperatorName(target);
            else if (verb == QLatin1String("wait"))
                m_clock->advanceMs(target.toLongLong());
            else if (verb == QLatin1String("close"))
                s = d->close(*outcomeFromString(target), rest);
            else
                QFAIL(qPrintable(u"bad step "_s + line));
            QVERIFY2(s.ok() != refused, qPrintable(line + u": "_s + (s.ok() ? u"accepted"_s : s.error())));
        }
        m_clock->advanceMs(3'600'000); // replay must not depend on when it happens

        Journal other;
        const Status opened = other.open(journalPath());
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        for (Journal *journal : {m_journal.get(), &other}) {
            auto r = Deployment::open(journal, m_clock.get(), d->id(), QStringLiteral("zoe"));
            QVERIFY2(r.ok(), qPrintable(r.error()));
            const Deployment &replayed = *r.value();
            compareStates(*d, replayed);
            if (QTest::currentTestFailed())
                return;
            QCOMPARE(replayed.isReadOnly(), d->isReadOnly());
            QCOMPARE(replayed.operatorName(), QStringLiteral("zoe"));
            QCOMPARE(replayed.runbook().source, d->runbook().source);
            QCOMPARE(replayed.elapsedMs(), d->elapsedMs());
            QCOMPARE(replayed.orphanedItemIds(), QStringList{});
            for (const QString &section : {QString(), QStringLiteral("pre-deployment-checklist"), QStringLiteral("process"),
                                           QStringLiteral("prep"), QStringLiteral("ship")}) {
                const Deployment::Progress p = d->progress(section), q = replayed.progress(section);
                QCOMPARE(q.done, p.done);
                QCOMPARE(q.skipped, p.skipped);
                QCOMPARE(q.total, p.total);
            }
        }
    }

    void openUnknownDeploymentFails()
    {
        auto d = startA();
        QVERIFY(d);
        const auto r = Deployment::open(m_journal.get(), m_clock.get(), QStringLiteral("no-such-deployment"), QStringLiteral("alice"));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().contains(QStringLiteral("no-such-deployment")), qPrintable(r.error()));
    }

    void missingStoredRunbookIsReported()
    {
        auto d = startA();
        QVERIFY(d);
        const QString id = d->id();
        const QString sha = d->state().runbookSha256;
        d.reset();
        const QString error = SqlitePeek::exec(journalPath(), {u"DELETE FROM runbooks"_s});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const auto r = Deployment::open(m_journal.get(), m_clock.get(), id, QStringLiteral("alice"));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().contains(sha.left(12)) && r.error().contains(u"missing"_s), qPrintable(r.error()));
    }

    void actionsAfterReopenUseTheNewOperator()
    {
        QString id;
        {
            auto d = startA();
            QVERIFY(d);
            id = d->id();
            QVERIFY(d->check(Approved).ok());
        }
        m_clock->advanceMs(7000);
        auto r = Deployment::open(m_journal.get(), m_clock.get(), id, QStringLiteral("bob"));
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QVERIFY(r.value()->check(Backup).ok());
        const QList<DeploymentEvent> ev = events(id);
        QCOMPARE(ev.size(), 3);
        QCOMPARE(ev.last().seq, qint64(3));
        QCOMPARE(ev.last().operatorName, QStringLiteral("bob"));
        QCOMPARE(ev.at(1).operatorName, QStringLiteral("alice"));
        QCOMPARE(r.value()->state().item(Backup).by, QStringLiteral("bob"));
        QCOMPARE(r.value()->state().startedBy, QStringLiteral("alice"));
    }

    void closedDeploymentIsReadOnly()
    {
        auto d = startA();
        QVERIFY(d);
        QVERIFY(d->check(Approved).ok());
        QSignalSpy closedSpy(d.get(), &Deployment::closedChanged);
        QSignalSpy changed(d.get(), &Deployment::itemChanged);
        m_clock->advanceMs(90'000);
        d->setOperatorName(QStringLiteral("bob"));
        const Status s = d->close(DeploymentOutcome::Aborted, QStringLiteral("  DB failover in progress "));
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(closedSpy.size(), 1);
        QCOMPARE(changed.size(), 0);
        QVERIFY(d->isReadOnly());
        QCOMPARE(d->state().outcome, std::optional<DeploymentOutcome>(DeploymentOutcome::Aborted));
        QCOMPARE(d->state().closeNote, QStringLiteral("DB failover in progress"));
        QCOMPARE(d->state().closedBy, QStringLiteral("bob"));
        const qint64 closedAt = m_clock->nowMs();
        QCOMPARE(d->state().closedAtMs, closedAt);

        const qsizetype before = events(d->id()).size();
        QCOMPARE(before, qsizetype(3));
        Status refused = d->check(Backup);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains(QStringLiteral("closed")), qPrintable(refused.error()));
        QVERIFY(!d->uncheck(Approved).ok());
        QVERIFY(!d->skip(Backup, QStringLiteral("late")).ok());
        QVERIFY(!d->setNote(Backup, QStringLiteral("late")).ok());
        QVERIFY(!d->close(DeploymentOutcome::Completed, QString()).ok());
        QCOMPARE(events(d->id()).size(), before);
        QCOMPARE(d->state().item(Approved).status, ItemState::Status::Done);
        QCOMPARE(d->state().outcome, std::optional<DeploymentOutcome>(DeploymentOutcome::Aborted));
        QCOMPARE(closedSpy.size(), 1);
        QCOMPARE(changed.size(), 0);

        // Elapsed time stops at the close.
        m_clock->advanceMs(3'600'000);
        QCOMPARE(d->elapsedMs(), qint64(90'000));

        auto r = Deployment::open(m_journal.get(), m_clock.get(), d->id(), QStringLiteral("carol"));
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QVERIFY(r.value()->isReadOnly());
        QCOMPARE(r.value()->state().outcome, std::optional<DeploymentOutcome>(DeploymentOutcome::Aborted));
        QCOMPARE(r.value()->state().closedAtMs, closedAt);
        QCOMPARE(r.value()->elapsedMs(), qint64(90'000));
        QVERIFY(!r.value()->check(Backup).ok());
        QCOMPARE(events(d->id()).size(), before);

        const auto list = m_journal->deployments();
        QVERIFY2(list.ok(), qPrintable(list.error()));
        QCOMPARE(list.value().size(), 1);
        QVERIFY(list.value().first().closed);
        QCOMPARE(list.value().first().outcome, QStringLiteral("aborted"));
        QCOMPARE(list.value().first().closedAtMs, closedAt);
    }

    void reopensAgainstItsOwnRunbook()
    {
        auto a = startA();
        QVERIFY(a);
        QVERIFY(a->check(Approved).ok());
        m_clock->advanceMs(1000);
        auto b = Deployment::start(m_journal.get(), m_clock.get(), startInfo(RunbookB));
        QVERIFY2(b.ok(), qPrintable(b.error()));
        QVERIFY(b.value()->check(QStringLiteral("prep/warm-caches")).ok());
        QVERIFY(a->state().runbookSha256 != b.value()->state().runbookSha256);
        QCOMPARE(SqlitePeek::value(journalPath(), QStringLiteral("SELECT count(*) FROM runbooks")).toInt(), 2);
        const QString idA = a->id(), idB = b.value()->id();
        a.reset();
        b.value().reset();

        // Both runbooks were stored under the same name; each deployment gets its own text back.
        auto ra = Deployment::open(m_journal.get(), m_clock.get(), idA, QStringLiteral("alice"));
        QVERIFY2(ra.ok(), qPrintable(ra.error()));
        QCOMPARE(ra.value()->runbook().source, RunbookA);
        QCOMPARE(ra.value()->runbook().title, QStringLiteral("Payments Release"));
        QVERIFY(ra.value()->runbook().item(Approved));
        QVERIFY(!ra.value()->runbook().item(QStringLiteral("prep/warm-caches")));
        QCOMPARE(ra.value()->state().item(Approved).status, ItemState::Status::Done);
        QCOMPARE(ra.value()->progress().total, 5);
        QVERIFY(ra.value()->orphanedItemIds().isEmpty());
        QVERIFY(ra.value()->check(Backup).ok()); // items only runbook A has are still checkable

        auto rb = Deployment::open(m_journal.get(), m_clock.get(), idB, QStringLiteral("alice"));
        QVERIFY2(rb.ok(), qPrintable(rb.error()));
        QCOMPARE(rb.value()->runbook().source, RunbookB);
        QVERIFY(!rb.value()->runbook().item(Approved));
        QCOMPARE(rb.value()->progress().total, 4);
        QCOMPARE(rb.value()->progress().done, 1);
    }

    void restartingWithTheSameRunbookStoresItOnce()
    {
        auto a = startA();
        auto b = startA();
        QVERIFY(a && b);
        QVERIFY(a->id() != b->id());
        QCOMPARE(a->state().runbookSha256, b->state().runbookSha256);
        QCOMPARE(SqlitePeek::value(journalPath(), QStringLiteral("SELECT count(*) FROM runbooks")).toInt(), 1);
    }

    void journalFailureLeavesStateUnchanged_data()
    {
        QTest::addColumn<QStringList>("sabotage");
        QTest::addColumn<QStringList>("repair"); // empty: cannot be repaired in place
        QTest::addColumn<QString>("action");
        const QStringList dropEvents{QStringLiteral("DROP TABLE events")};
        const QStringList refuseInserts{QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON events "
                                                       "BEGIN SELECT RAISE(ABORT, 'simulated disk failure'); END")};
        const QStringList allowInserts{QStringLiteral("DROP TRIGGER refuse")};
        QTest::newRow("events table dropped, check") << dropEvents << QStringList{} << "check";
        QTest::newRow("events table dropped, close") << dropEvents << QStringList{} << "close";
        QTest::newRow("insert refused, check") << refuseInserts << allowInserts << "check";
        QTest::newRow("insert refused, uncheck") << refuseInserts << allowInserts << "uncheck";
        QTest::newRow("insert refused, skip") << refuseInserts << allowInserts << "skip";
        QTest::newRow("insert refused, note") << refuseInserts << allowInserts << "note";
        QTest::newRow("insert refused, close") << refuseInserts << allowInserts << "close";
    }
    void journalFailureLeavesStateUnchanged()
    {
        QFETCH(QStringList, sabotage);
        QFETCH(QStringList, repair);
        QFETCH(QString, action);
        auto d = startA();
        QVERIFY(d);
        QVERIFY(d->check(Smoke).ok()); // for uncheck
        QVERIFY(d->setNote(Staging, QStringLiteral("before")).ok());
        const ItemState stagingBefore = d->state().item(Staging);
        const qint64 seqBefore = d->state().lastSeq;

        const QString error = SqlitePeek::exec(journalPath(), sabotage);
        QVERIFY2(error.isEmpty(), qPrintable(error));

        QSignalSpy changed(d.get(), &Deployment::itemChanged);
        QSignalSpy closed(d.get(), &Deployment::closedChanged);
        QSignalSpy appended(m_journal.get(), &Journal::appended);
        m_clock->advanceMs(1000);
        const auto act = [&]() -> Status {
            if (action == QLatin1String("check"))
                return d->check(Staging);
            if (action == QLatin1String("uncheck"))
                return d->uncheck(Smoke);
            if (action == QLatin1String("skip"))
                return d->skip(Staging, QStringLiteral("no time"));
            if (action == QLatin1String("note"))
                return d->setNote(Staging, QStringLiteral("after"));
            return d->close(DeploymentOutcome::Completed, QString());
        };
        const Status s = act();
        QVERIFY(!s.ok());
        QVERIFY(!s.error().isEmpty());
        QVERIFY2(s.error().contains(journalPath()), qPrintable(s.error()));

        const ItemState staging = d->state().item(Staging);
        QCOMPARE(staging.status, ItemState::Status::Open);
        QCOMPARE(staging.note, QStringLiteral("before"));
        QCOMPARE(staging.atMs, stagingBefore.atMs);
        QCOMPARE(d->state().item(Smoke).status, ItemState::Status::Done);
        QCOMPARE(d->state().lastSeq, seqBefore);
        QVERIFY(!d->isReadOnly());
        QCOMPARE(changed.size(), 0);
        QCOMPARE(closed.size(), 0);
        QCOMPARE(appended.size(), 0);

        if (repair.isEmpty())
            return;
        // The failed append left no trace: once the disk is back the next event follows on.
        const QString repairError = SqlitePeek::exec(journalPath(), repair);
        QVERIFY2(repairError.isEmpty(), qPrintable(repairError));
        const Status retried = act();
        QVERIFY2(retried.ok(), qPrintable(retried.error()));
        QCOMPARE(d->state().lastSeq, seqBefore + 1);
        const QList<DeploymentEvent> ev = events(d->id());
        QCOMPARE(ev.size(), int(seqBefore + 1));
        QCOMPARE(ev.last().seq, seqBefore + 1);
        QCOMPARE(appended.size(), 1);
        QCOMPARE(changed.size() + closed.size(), 1);
    }

    void progressCountsPerSection()
    {
        auto d = startA();
        QVERIFY(d);
        const auto expect = [&](const QString &section, int done, int skipped, int total) {
            const Deployment::Progress p = d->progress(section);
            QVERIFY2(p.done == done && p.skipped == skipped && p.total == total,
                     qPrintable(QStringLiteral("%1: %2/%3/%4, expected %5/%6/%7")
                                    .arg(section.isEmpty() ? QStringLiteral("(all)") : section)
                                    .arg(p.done).arg(p.skipped).arg(p.total).arg(done).arg(skipped).arg(total)));
            QCOMPARE(p.finished(), done + skipped);
        };
        expect({}, 0, 0, 5);
        expect(QStringLiteral("pre-deployment-checklist"), 0, 0, 2);
        expect(QStringLiteral("process"), 0, 0, 3);
        expect(QStringLiteral("prep"), 0, 0, 2);
        expect(QStringLiteral("ship"), 0, 0, 1);
        expect(QStringLiteral("no-such-section"), 0, 0, 0);

        QVERIFY(d->check(Staging).ok());
        QVERIFY(d->skip(Smoke, QStringLiteral("covered by canary")).ok());
        QVERIFY(d->check(Approved).ok());
        QVERIFY(d->setNote(Traffic, QStringLiteral("notes do not count")).ok());
        QVERIFY(d->setNote(Dashboards, QStringLiteral("plain bullets do not count")).ok());
        expect({}, 2, 1, 5);
        expect(QStringLiteral("pre-deployment-checklist"), 1, 0, 2);
        expect(QStringLiteral("process"), 1, 1, 3);
        expect(QStringLiteral("prep"), 1, 1, 2);
        expect(QStringLiteral("ship"), 0, 0, 1);

        QVERIFY(d->uncheck(Smoke).ok());
        QVERIFY(d->check(Traffic).ok());
        expect({}, 3, 0, 5);
        expect(QStringLiteral("prep"), 1, 0, 2);
        expect(QStringLiteral("ship"), 1, 0, 1);
    }

    void elapsedFollowsTheClock()
    {
        auto d = startA();
        QVERIFY(d);
        QCOMPARE(d->elapsedMs(), qint64(0));
        m_clock->advanceMs(90'500);
        QCOMPARE(d->elapsedMs(), qint64(90'500));
        m_clock->advanceMs(45 * 60'000);
        QCOMPARE(d->elapsedMs(), qint64(90'500 + 45 * 60'000));
        // A clock set back before the start does not give negative time.
        m_clock->setNowMs(d->state().startedAtMs - 10'000);
        QCOMPARE(d->elapsedMs(), qint64(0));
    }

    void orphanedItemsAreReportedNotDropped()
    {
        auto d = startA();
        QVERIFY(d);
        QVERIFY(d->check(Staging).ok());
        const QString id = d->id();
        const qint64 next = d->state().lastSeq + 1;
        d.reset();
        // As if the item had been checked under a runbook text that no longer has it.
        const QString error = SqlitePeek::exec(
            journalPath(),
            {QStringLiteral("INSERT INTO events (deployment_id, seq, at_ms, operator_name, kind, item_id, payload) "
                            "VALUES ('%1', %2, %3, 'ghost', 'item-checked', 'prep/removed-step', '{}')")
                 .arg(id)
                 .arg(next)
                 .arg(m_clock->nowMs()),
             QStringLiteral("INSERT INTO events (deployment_id, seq, at_ms, operator_name, kind, item_id, payload) "
                            "VALUES ('%1', %2, %3, 'ghost', 'note-set', 'old/section-note', '{\"text\":\"kept\"}')")
                 .arg(id)
                 .arg(next + 1)
                 .arg(m_clock->nowMs())});
        QVERIFY2(error.isEmpty(), qPrintable(error));

        auto r = Deployment::open(m_journal.get(), m_clock.get(), id, QStringLiteral("alice"));
        QVERIFY2(r.ok(), qPrintable(r.error()));
        const Deployment &reopened = *r.value();
        QCOMPARE(reopened.orphanedItemIds(), (QStringList{QStringLiteral("old/section-note"), QStringLiteral("prep/removed-step")}));
        QCOMPARE(reopened.state().item(QStringLiteral("prep/removed-step")).status, ItemState::Status::Done);
        QCOMPARE(reopened.state().item(QStringLiteral("old/section-note")).note, QStringLiteral("kept"));
        QCOMPARE(reopened.state().lastSeq, next + 1);
        // Orphans do not count towards progress.
        QCOMPARE(reopened.progress().done, 1);
        QCOMPARE(reopened.progress().total, 5);
        // New actions continue after the foreign events.
        QVERIFY(r.value()->check(Smoke).ok());
        QCOMPARE(r.value()->state().lastSeq, next + 2);
    }

    void invalidJournaledSequenceIsRefusedOnOpen()
    {
        auto d = startA();
        QVERIFY(d);
        QVERIFY(d->close(DeploymentOutcome::Completed, QString()).ok());
        const QString id = d->id();
        d.reset();
        const QString error = SqlitePeek::exec(
            journalPath(), {QStringLiteral("INSERT INTO events (deployment_id, seq, at_ms, operator_name, kind, item_id, payload) "
                                           "VALUES ('%1', 3, 0, 'ghost', 'item-checked', '%2', '{}')")
                                .arg(id, Staging)});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const auto r = Deployment::open(m_journal.get(), m_clock.get(), id, QStringLiteral("alice"));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().contains(id) && r.error().contains(QStringLiteral("after the deployment was closed")), qPrintable(r.error()));
    }
};

QTEST_GUILESS_MAIN(TestDeploymentReplay)
#include "tst_deploymentreplay.moc"
