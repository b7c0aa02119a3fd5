// PollTimer with a ManualClock (turns, one request in flight, backoff, cancelling) and a
// ScaledClock (the 250 ms real-time floor).
#include "core/clock.h"
#include "core/polltimer.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>

namespace {

constexpr qint64 T0 = 1'800'000'000'000;

// What a poll's owner hands to the PollTimer: any QObject.
QObject *newRequest()
{
    return new QObject;
}

// Lets deleteLater() happen.
void flushDeletes()
{
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QCoreApplication::processEvents();
}

} // namespace

class TestPollTimer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void floorsTheIntervalInRealTime_data()
    {
        QTest::addColumn<double>("scale"); // 0: a ManualClock
        QTest::addColumn<qint64>("interval");
        QTest::addColumn<qint64>("floored");
        QTest::newRow("manual clock: as configured") << 0.0 << qint64(5000) << qint64(5000);
        QTest::newRow("manual clock: below 250 ms") << 0.0 << qint64(100) << qint64(250);
        QTest::newRow("real time: as configured") << 1.0 << qint64(2000) << qint64(2000);
        QTest::newRow("60x: 1 s becomes 15 s") << 60.0 << qint64(1000) << qint64(15000);
        QTest::newRow("100x: 5 s becomes 25 s") << 100.0 << qint64(5000) << qint64(25000);
        QTest::newRow("100x: 60 s stays") << 100.0 << qint64(60000) << qint64(60000);
        QTest::newRow("slower than real time") << 0.5 << qint64(100) << qint64(125);
        QTest::newRow("never 0") << 1.0 << qint64(0) << qint64(250);
    }
    void floorsTheIntervalInRealTime()
    {
        QFETCH(double, scale);
        QFETCH(qint64, interval);
        QFETCH(qint64, floored);
        ManualClock manual(T0);
        ScaledClock scaled(scale > 0 ? scale : 1.0, T0);
        Clock *clock = scale > 0 ? static_cast<Clock *>(&scaled) : &manual;
        QCOMPARE(PollTimer::flooredIntervalMs(clock, interval), floored);
        PollTimer poll(clock);
        poll.setInterval(interval);
        QCOMPARE(poll.interval(), floored);
    }

    void backoffGrowsWithJitter_data()
    {
        QTest::addColumn<int>("failures");
        QTest::addColumn<double>("random");
        QTest::addColumn<qint64>("delay");
        QTest::newRow("first failure: one interval") << 1 << 0.5 << qint64(2000);
        QTest::newRow("second: doubled") << 2 << 0.5 << qint64(4000);
        QTest::newRow("fifth: capped at 30 s") << 5 << 0.5 << qint64(30000);
        QTest::newRow("many: still capped") << 40 << 0.5 << qint64(30000);
        QTest::newRow("jitter low: -20 %") << 1 << 0.0 << qint64(1600);
        QTest::newRow("jitter high: +20 %") << 2 << 1.0 << qint64(4800);
        QTest::newRow("out of range is clamped") << 1 << 7.0 << qint64(2400);
    }
    void backoffGrowsWithJitter()
    {
        QFETCH(int, failures);
        QFETCH(double, random);
        QFETCH(qint64, delay);
        QCOMPARE(PollTimer::backoffDelayMs(2000, 30000, failures, random), delay);
        ManualClock clock(T0);
        PollTimer poll(&clock);
        poll.setInterval(2000);
        poll.setBackoff(30000);
        poll.setRandomSource([random] { return random; });
        QCOMPARE(poll.backoffDelayMs(failures), delay);
    }

    void turnsOnTheClock()
    {
        ManualClock clock(T0);
        PollTimer poll(&clock);
        QSignalSpy due(&poll, &PollTimer::due);
        poll.setInterval(1000);
        poll.start(PollTimer::FirstTurn::Now);
        QCOMPARE(due.count(), 1); // at once
        QVERIFY(poll.isActive());
        clock.advanceMs(999);
        QCOMPARE(due.count(), 1);
        clock.advanceMs(1);
        QCOMPARE(due.count(), 2);
        clock.advanceMs(10'000); // one turn after a jump, not a burst
        QCOMPARE(due.count(), 3);
        poll.stop();
        QVERIFY(!poll.isActive());
        clock.advanceMs(5000);
        QCOMPARE(due.count(), 3);

        poll.start(PollTimer::FirstTurn::AfterInterval);
        QCOMPARE(due.count(), 3);
        clock.advanceMs(1000);
        QCOMPARE(due.count(), 4);
    }

    // A request in flight decides its round: turns are skipped until it ends.
    void oneRequestInFlight()
    {
        ManualClock clock(T0);
        PollTimer poll(&clock);
        QSignalSpy due(&poll, &PollTimer::due);
        poll.setInterval(1000);
        poll.start(PollTimer::FirstTurn::AfterInterval);
        QPointer<QObject> request = newRequest();
        poll.requestStarted(request);
        QCOMPARE(poll.state(), PollTimer::State::InFlight);
        QCOMPARE(poll.requestInFlight(), request.data());
        for (int i = 0; i < 3; ++i)
            clock.advanceMs(1000);
        QVERIFY(!poll.turnNow());
        QCOMPARE(due.count(), 0);

        QVERIFY(poll.requestFinished(request, true));
        QCOMPARE(poll.state(), PollTimer::State::Idle);
        QVERIFY(!poll.isRequestInFlight());
        flushDeletes();
        QVERIFY(!request); // deleted once it finished
        clock.advanceMs(1000);
        QCOMPARE(due.count(), 1);
        QVERIFY(poll.turnNow());
        QCOMPARE(due.count(), 2);
    }

    void aStaleRequestChangesNothing()
    {
        ManualClock clock(T0);
        PollTimer poll(&clock);
        poll.setBackoff(30000);
        QPointer<QObject> current = newRequest();
        QPointer<QObject> stale = newRequest();
        poll.requestStarted(current);
        QVERIFY(!poll.requestFinished(stale, false));
        QCOMPARE(poll.consecutiveFailures(), 0);
        QCOMPARE(poll.requestInFlight(), current.data());
        flushDeletes();
        QVERIFY(!stale); // deleted anyway: nobody else holds it
        QVERIFY(current);
    }

    void cancellingDeletesTheRequestAtOnce()
    {
        ManualClock clock(T0);
        PollTimer poll(&clock);
        QPointer<QObject> request = newRequest();
        poll.requestStarted(request);
        poll.cancelRequest();
        QVERIFY(!request);
        QCOMPARE(poll.state(), PollTimer::State::Idle);

        // A new request replaces (cancels) one still in flight; stop() cancels too.
        QPointer<QObject> first = newRequest();
        QPointer<QObject> second = newRequest();
        poll.requestStarted(first);
        poll.requestStarted(second);
        QVERIFY(!first);
        QCOMPARE(poll.requestInFlight(), second.data());
        poll.stop();
        QVERIFY(!second);

        // And so does destroying the timer.
        QPointer<QObject> last = newRequest();
        {
            PollTimer other(&clock);
            other.requestStarted(last);
        }
        QVERIFY(!last);
    }

    // Failures back off on their own timer (exponential, jitter fixed here), the regular turns
    // pass the poll by, and a success rejoins them.
    void backsOffThenRejoinsTheTurns()
    {
        ManualClock clock(T0);
        PollTimer poll(&clock);
        poll.setInterval(2000);
        poll.setBackoff(30000);
        poll.setRandomSource([] { return 0.5; });
        QSignalSpy due(&poll, &PollTimer::due);
        poll.start(PollTimer::FirstTurn::Now);
        QCOMPARE(due.count(), 1);

        QObject *request = newRequest();
        poll.requestStarted(request);
        poll.requestFinished(request, false);
        QCOMPARE(poll.state(), PollTimer::State::BackingOff);
        QCOMPARE(poll.consecutiveFailures(), 1);
        QCOMPARE(poll.nextRetryMs(), T0 + 2000);
        QVERIFY(!poll.turnNow());

        clock.advanceMs(2000); // the retry (and a regular turn, passed by)
        QCOMPARE(due.count(), 2);
        request = newRequest();
        poll.requestStarted(request);
        poll.requestFinished(request, false);
        QCOMPARE(poll.consecutiveFailures(), 2);
        QCOMPARE(poll.nextRetryMs(), T0 + 2000 + 4000);

        clock.advanceMs(2000); // a regular turn: backing off, so nothing
        QCOMPARE(due.count(), 2);
        clock.advanceMs(2000); // the second retry
        QCOMPARE(due.count(), 3);
        request = newRequest();
        poll.requestStarted(request);
        poll.requestFinished(request, true);
        QCOMPARE(poll.state(), PollTimer::State::Idle);
        QCOMPARE(poll.consecutiveFailures(), 0);
        QCOMPARE(poll.nextRetryMs(), qint64(0));

        clock.advanceMs(2000); // back on the regular turns
        QCOMPARE(due.count(), 4);
    }

    // A retry comes without regular turns too (the metrics poller's series), until stop().
    void retriesWithoutTurnsUntilStopped()
    {
        ManualClock clock(T0);
        PollTimer poll(&clock);
        poll.setInterval(1000);
        poll.setBackoff(30000);
        poll.setRandomSource([] { return 0.5; });
        QSignalSpy due(&poll, &PollTimer::due);
        QObject *request = newRequest();
        poll.requestStarted(request);
        poll.requestFinished(request, false);
        clock.advanceMs(1000);
        QCOMPARE(due.count(), 1);
        request = newRequest();
        poll.requestStarted(request);
        poll.requestFinished(request, false);
        QCOMPARE(poll.nextRetryMs(), T0 + 1000 + 2000);
        poll.stop();
        QCOMPARE(poll.consecutiveFailures(), 0);
        QCOMPARE(poll.nextRetryMs(), qint64(0));
        clock.advanceMs(10'000);
        QCOMPARE(due.count(), 1);
    }

    // Without backoff a failure waits for the next turn (health checks: no smoothing).
    void withoutBackoffAFailureWaitsForTheNextTurn()
    {
        ManualClock clock(T0);
        PollTimer poll(&clock);
        poll.setInterval(1000);
        QSignalSpy due(&poll, &PollTimer::due);
        poll.start(PollTimer::FirstTurn::AfterInterval);
        QObject *request = newRequest();
        poll.requestStarted(request);
        poll.requestFinished(request, false);
        QCOMPARE(poll.consecutiveFailures(), 1);
        QCOMPARE(poll.state(), PollTimer::State::Idle);
        QCOMPARE(poll.nextRetryMs(), qint64(0));
        QVERIFY(poll.turnNow());
        clock.advanceMs(1000);
        QCOMPARE(due.count(), 2);
    }

    // Under --time-scale 1000 a 10 ms interval would be 10 us of real time; the turns come
    // at most every 250 ms of real time (a timer never fires early, so the lower bound holds).
    void scaledClockTurnsNoFasterThanTheFloor()
    {
        ScaledClock clock(1000.0, T0);
        PollTimer poll(&clock);
        poll.setInterval(10);
        QCOMPARE(poll.interval(), qint64(250'000));
        QSignalSpy due(&poll, &PollTimer::due);
        QElapsedTimer real;
        real.start();
        poll.start(PollTimer::FirstTurn::AfterInterval);
        QTRY_COMPARE_WITH_TIMEOUT(due.count(), 1, 10'000);
        QVERIFY2(real.elapsed() >= 240, qPrintable(QString::number(real.elapsed()))); // 250 ms, less timer rounding
        poll.stop();
    }
};

QTEST_GUILESS_MAIN(TestPollTimer)
#include "tst_polltimer.moc"
