#include "deployment/deploymentstate.h"

#include <QTest>

// DeploymentState::apply on hand-made events: the rules replay relies on, without a journal.
class TestDeploymentState : public QObject
{
    Q_OBJECT

    using Kind = DeploymentEvent::Kind;

    static constexpr qint64 T0 = 1'800'000'000'000;

    // Events of one deployment, numbered as the journal would number them.
    struct Events {
        qint64 seq = 0;
        DeploymentEvent next(Kind kind, const QString &itemId = {}, const QJsonObject &payload = {},
                             const QString &operatorName = QStringLiteral("alice"))
        {
            ++seq;
            DeploymentEvent e = DeploymentEvent::make(kind, QStringLiteral("dep-1"), T0 + seq * 1000, operatorName, itemId, payload);
            e.seq = seq;
            return e;
        }
        DeploymentEvent started()
        {
            return next(Kind::DeploymentStarted, {},
                        {{QStringLiteral("service"), QStringLiteral("billing")},
                         {QStringLiteral("version"), QStringLiteral("v2.3.1")},
                         {QStringLiteral("runbookSha256"), QStringLiteral("abc123")},
                         {QStringLiteral("runbookName"), QStringLiteral("deploy.md")}});
        }
    };

    static void applyOk(DeploymentState &state, const DeploymentEvent &e)
    {
        const QString error = state.apply(e);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

private Q_SLOTS:
    void startSetsDeploymentFields()
    {
        DeploymentState state;
        Events ev;
        applyOk(state, ev.started());
        QVERIFY(state.started);
        QVERIFY(!state.closed);
        QCOMPARE(state.id, QStringLiteral("dep-1"));
        QCOMPARE(state.service, QStringLiteral("billing"));
        QCOMPARE(state.version, QStringLiteral("v2.3.1"));
        QCOMPARE(state.startedBy, QStringLiteral("alice"));
        QCOMPARE(state.startedAtMs, T0 + 1000);
        QCOMPARE(state.runbookSha256, QStringLiteral("abc123"));
        QCOMPARE(state.runbookName, QStringLiteral("deploy.md"));
        QCOMPARE(state.lastSeq, 1);
        QVERIFY(state.touchedItemIds().isEmpty());
    }

    void eventsBeforeStartAreRejected_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("kindName");
        QTest::newRow("check before start") << int(Kind::ItemChecked) << "item-checked";
        QTest::newRow("uncheck before start") << int(Kind::ItemUnchecked) << "item-unchecked";
        QTest::newRow("skip before start") << int(Kind::ItemSkipped) << "item-skipped";
        QTest::newRow("note before start") << int(Kind::NoteSet) << "note-set";
        QTest::newRow("close before start") << int(Kind::DeploymentClosed) << "deployment-closed";
    }
    void eventsBeforeStartAreRejected()
    {
        QFETCH(int, kind);
        QFETCH(QString, kindName);
        DeploymentState state;
        Events ev;
        ev.seq = 6; // so the message can be checked for the event's number
        const DeploymentEvent e = ev.next(Kind(kind), QStringLiteral("a"),
                                          {{QStringLiteral("outcome"), QStringLiteral("completed")}, {QStringLiteral("text"), QStringLiteral("x")}});
        const QString error = state.apply(e);
        QVERIFY(!error.isEmpty());
        QVERIFY2(error.contains(QStringLiteral("before the deployment started")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("7")), qPrintable(error));
        QVERIFY2(error.contains(kindName), qPrintable(error));
        QVERIFY(!state.started);
        QVERIFY(!state.closed);
        QCOMPARE(state.lastSeq, 0);
        QVERIFY(state.touchedItemIds().isEmpty());
        QCOMPARE(state.item(QStringLiteral("a")).status, ItemState::Status::Open);
    }

    void secondStartIsRejected()
    {
        DeploymentState state;
        Events ev;
        applyOk(state, ev.started());
        DeploymentEvent again = DeploymentEvent::make(Kind::DeploymentStarted, QStringLiteral("dep-2"), T0 + 99'000, QStringLiteral("mallory"), {},
                                                      {{QStringLiteral("service"), QStringLiteral("other")}});
        again.seq = 2;
        const QString error = state.apply(again);
        QVERIFY2(error.contains(QStringLiteral("second time")), qPrintable(error));
        QCOMPARE(state.id, QStringLiteral("dep-1"));
        QCOMPARE(state.service, QStringLiteral("billing"));
        QCOMPARE(state.startedBy, QStringLiteral("alice"));
        QCOMPARE(state.startedAtMs, T0 + 1000);
        // A rejected event must leave the state as it was, lastSeq included.
        QCOMPARE(state.lastSeq, 1);
    }

    void eventsAfterCloseAreRejected_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("check after close") << int(Kind::ItemChecked);
        QTest::newRow("uncheck after close") << int(Kind::ItemUnchecked);
        QTest::newRow("skip after close") << int(Kind::ItemSkipped);
        QTest::newRow("note after close") << int(Kind::NoteSet);
        QTest::newRow("second close") << int(Kind::DeploymentClosed);
    }
    void eventsAfterCloseAreRejected()
    {
        QFETCH(int, kind);
        DeploymentState state;
        Events ev;
        applyOk(state, ev.started());
        applyOk(state, ev.next(Kind::ItemChecked, QStringLiteral("a")));
        applyOk(state, ev.next(Kind::DeploymentClosed, {},
                               {{QStringLiteral("outcome"), QStringLiteral("completed")}, {QStringLiteral("note"), QStringLiteral("all good")}}));
        const ItemState before = state.item(QStringLiteral("a"));

        const QString error = state.apply(ev.next(Kind(kind), QStringLiteral("a"),
                                                  {{QStringLiteral("reason"), QStringLiteral("r")},
                                                   {QStringLiteral("text"), QStringLiteral("late note")},
                                                   {QStringLiteral("outcome"), QStringLiteral("aborted")}}));
        QVERIFY2(error.contains(QStringLiteral("after the deployment was closed")), qPrintable(error));
        QCOMPARE(state.lastSeq, 3);
        QCOMPARE(state.outcome, std::optional<DeploymentOutcome>(DeploymentOutcome::Completed));
        QCOMPARE(state.closeNote, QStringLiteral("all good"));
        const ItemState after = state.item(QStringLiteral("a"));
        QCOMPARE(after.status, before.status);
        QCOMPARE(after.atMs, before.atMs);
        QCOMPARE(after.note, before.note);
        QCOMPARE(after.skipReason, before.skipReason);
    }

    void unknownEventsAreKeptEvenAfterClose()
    {
        DeploymentState state;
        Events ev;
        applyOk(state, ev.started());
        DeploymentEvent future = ev.next(Kind::Unknown, QStringLiteral("a"), {{QStringLiteral("x"), 1}});
        future.kindName = QStringLiteral("from-the-future");
        applyOk(state, future);
        applyOk(state, ev.next(Kind::DeploymentClosed, {}, {{QStringLiteral("outcome"), QStringLiteral("aborted")}}));
        DeploymentEvent later = ev.next(Kind::Unknown);
        later.kindName = QStringLiteral("post-mortem-linked");
        applyOk(state, later);
        QCOMPARE(state.unknownEvents.size(), 2);
        QCOMPARE(state.unknownEvents.at(0).kindName, QStringLiteral("from-the-future"));
        QCOMPARE(state.unknownEvents.at(0).payload.value(QStringLiteral("x")).toInt(), 1);
        QCOMPARE(state.unknownEvents.at(1).kindName, QStringLiteral("post-mortem-linked"));
        // An unknown event does not change any item.
        QCOMPARE(state.item(QStringLiteral("a")).status, ItemState::Status::Open);
        QCOMPARE(state.outcome, std::optional<DeploymentOutcome>(DeploymentOutcome::Aborted));
    }

    void checkRecordsOperatorAndTime()
    {
        DeploymentState state;
        Events ev;
        applyOk(state, ev.started());
        applyOk(state, ev.next(Kind::ItemChecked, QStringLiteral("a"), {}, QStringLiteral("bob")));
        const ItemState a = state.item(QStringLiteral("a"));
        QCOMPARE(a.status, ItemState::Status::Done);
        QCOMPARE(a.by, QStringLiteral("bob"));
        QCOMPARE(a.atMs, T0 + 2000);
        QCOMPARE(state.lastSeq, 2);
        QCOMPARE(state.item(QStringLiteral("b")).status, ItemState::Status::Open);
        QCOMPARE(state.touchedItemIds(), QStringList{QStringLiteral("a")});
    }

    void skipStoresReason()
    {
        DeploymentState state;
        Events ev;
        applyOk(state, ev.started());
        applyOk(state, ev.next(Kind::ItemSkipped, QStringLiteral("a"), {{QStringLiteral("reason"), QStringLiteral("no schema change")}},
                               QStringLiteral("carol")));
        const ItemState a = state.item(QStringLiteral("a"));
        QCOMPARE(a.status, ItemState::Status::Skipped);
        QCOMPARE(a.skipReason, QStringLiteral("no schema change"));
        QCOMPARE(a.by, QStringLiteral("carol"));
        QCOMPARE(a.atMs, T0 + 2000);
    }

    void leavingSkippedClearsReason_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("status");
        QTest::newRow("uncheck reopens") << int(Kind::ItemUnchecked) << int(ItemState::Status::Open);
        QTest::newRow("check completes") << int(Kind::ItemChecked) << int(ItemState::Status::Done);
    }
    void leavingSkippedClearsReason()
    {
        QFETCH(int, kind);
        QFETCH(int, status);
        DeploymentState state;
        Events ev;
        applyOk(state, ev.started());
        applyOk(state, ev.next(Kind::ItemSkipped, QStringLiteral("a"), {{QStringLiteral("reason"), QStringLiteral("later")}}));
        applyOk(state, ev.next(Kind(kind), QStringLiteral("a"), {}, QStringLiteral("dave")));
        const ItemState a = state.item(QStringLiteral("a"));
        QCOMPARE(int(a.status), status);
        QVERIFY(a.skipReason.isEmpty());
        QCOMPARE(a.by, QStringLiteral("dave"));
        QCOMPARE(a.atMs, T0 + 3000);
    }

    void noteIsSetAndClearedWithoutTouchingStatus()
    {
        DeploymentState state;
        Events ev;
        applyOk(state, ev.started());
        applyOk(state, ev.next(Kind::ItemChecked, QStringLiteral("a")));
        applyOk(state, ev.next(Kind::NoteSet, QStringLiteral("a"), {{QStringLiteral("text"), QStringLiteral("took 3 tries")}},
                               QStringLiteral("erin")));
        ItemState a = state.item(QStringLiteral("a"));
        QCOMPARE(a.note, QStringLiteral("took 3 tries"));
        QCOMPARE(a.noteBy, QStringLiteral("erin"));
        QCOMPARE(a.noteAtMs, T0 + 3000);
        QCOMPARE(a.status, ItemState::Status::Done);
        QCOMPARE(a.by, QStringLiteral("alice")); // the note is not a check
        QCOMPARE(a.atMs, T0 + 2000);

        applyOk(state, ev.next(Kind::NoteSet, QStringLiteral("a"), {{QStringLiteral("text"), QString()}}));
        a = state.item(QStringLiteral("a"));
        QVERIFY(a.note.isEmpty());
        QCOMPARE(a.noteAtMs, T0 + 4000);
        QCOMPARE(a.status, ItemState::Status::Done);

        // A note survives unchecking.
        applyOk(state, ev.next(Kind::NoteSet, QStringLiteral("a"), {{QStringLiteral("text"), QStringLiteral("again")}}));
        applyOk(state, ev.next(Kind::ItemUnchecked, QStringLiteral("a")));
        QCOMPARE(state.item(QStringLiteral("a")).note, QStringLiteral("again"));
        QCOMPARE(state.item(QStringLiteral("a")).status, ItemState::Status::Open);
    }

    void closeRecordsOutcome_data()
    {
        QTest::addColumn<QString>("outcomeName");
        QTest::addColumn<std::optional<DeploymentOutcome>>("outcome");
        QTest::newRow("completed") << "completed" << std::optional<DeploymentOutcome>(DeploymentOutcome::Completed);
        QTest::newRow("rolled back") << "rolled-back" << std::optional<DeploymentOutcome>(DeploymentOutcome::RolledBack);
        QTest::newRow("aborted") << "aborted" << std::optional<DeploymentOutcome>(DeploymentOutcome::Aborted);
        QTest::newRow("unknown outcome stays unset") << "exploded" << std::optional<DeploymentOutcome>();
    }
    void closeRecordsOutcome()
    {
        QFETCH(QString, outcomeName);
        QFETCH(std::optional<DeploymentOutcome>, outcome);
        DeploymentState state;
        Events ev;
        applyOk(state, ev.started());
        applyOk(state, ev.next(Kind::DeploymentClosed, {},
                               {{QStringLiteral("outcome"), outcomeName}, {QStringLiteral("note"), QStringLiteral("see ticket 42")}},
                               QStringLiteral("frank")));
        QVERIFY(state.closed);
        QCOMPARE(state.closedAtMs, T0 + 2000);
        QCOMPARE(state.closedBy, QStringLiteral("frank"));
        QCOMPARE(state.closeNote, QStringLiteral("see ticket 42"));
        QCOMPARE(state.outcome, outcome);
    }

    void outcomeNamesRoundTrip()
    {
        for (DeploymentOutcome o : {DeploymentOutcome::Completed, DeploymentOutcome::RolledBack, DeploymentOutcome::Aborted})
            QCOMPARE(outcomeFromString(nameOf(o)), std::optional<DeploymentOutcome>(o));
        QCOMPARE(outcomeFromString(QString()), std::optional<DeploymentOutcome>());
    }

    void outcomeNames_data()
    {
        // The stored names: journals written by earlier versions must keep reading.
        QTest::addColumn<QString>("name");
        QTest::addColumn<std::optional<DeploymentOutcome>>("outcome");
        QTest::newRow("completed") << "completed" << std::optional<DeploymentOutcome>(DeploymentOutcome::Completed);
        QTest::newRow("rolled back") << "rolled-back" << std::optional<DeploymentOutcome>(DeploymentOutcome::RolledBack);
        QTest::newRow("aborted") << "aborted" << std::optional<DeploymentOutcome>(DeploymentOutcome::Aborted);
        QTest::newRow("empty") << "" << std::optional<DeploymentOutcome>();
        QTest::newRow("case matters") << "Completed" << std::optional<DeploymentOutcome>();
    }
    void outcomeNames()
    {
        QFETCH(QString, name);
        QFETCH(std::optional<DeploymentOutcome>, outcome);
        QCOMPARE(outcomeFromString(name), outcome);
    }

    void kindNamesRoundTrip()
    {
        for (Kind k : {Kind::DeploymentStarted, Kind::ItemChecked, Kind::ItemUnchecked, Kind::ItemSkipped, Kind::NoteSet, Kind::DeploymentClosed}) {
            const QString name = DeploymentEvent::nameOf(k);
            QVERIFY(name != QLatin1String("unknown"));
            QCOMPARE(DeploymentEvent::kindOf(name), k);
        }
        QCOMPARE(DeploymentEvent::kindOf(QStringLiteral("from-the-future")), Kind::Unknown);
        QCOMPARE(DeploymentEvent::kindOf(QStringLiteral("Item-Checked")), Kind::Unknown); // stored names are exact
    }
};

QTEST_GUILESS_MAIN(TestDeploymentState)
#include "tst_deploymentstate.moc"
