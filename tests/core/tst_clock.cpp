#include "core/clock.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

class TestClock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scaledClockRunsFaster()
    {
        ScaledClock clock(100.0, 1'000'000);
        QElapsedTimer real;
        real.start();
        QTest::qWait(50);
        const qint64 clockElapsed = clock.nowMs() - 1'000'000;
        const qint64 realElapsed = real.elapsed();
        // 100x: at least 100 times the real time that had surely passed when we started measuring.
        QVERIFY2(clockElapsed >= 100 * 50 - 100, qPrintable(QString::number(clockElapsed)));
        QVERIFY2(clockElapsed <= 100 * (realElapsed + 5), qPrintable(QString::number(clockElapsed)));
        QCOMPARE(clock.scale(), 100.0);
        QCOMPARE(*clock.realDelayFor(60'000), 600);
        QCOMPARE(*clock.realDelayFor(1), 1); // never 0: a timer never fires early
    }

    void manualTimerFiresWhenTheClockPassesTheDeadline()
    {
        ManualClock clock(0);
        ClockTimer timer(&clock);
        timer.setSingleShot(true);
        QSignalSpy fired(&timer, &ClockTimer::timeout);
        timer.start(5000);
        QCOMPARE(timer.remainingMs(), 5000);
        clock.advanceMs(4999);
        QCOMPARE(fired.count(), 0);
        QCOMPARE(timer.remainingMs(), 1);
        clock.advanceMs(1);
        QCOMPARE(fired.count(), 1);
        QVERIFY(!timer.isActive());
        clock.advanceMs(100'000);
        QCOMPARE(fired.count(), 1);
    }

    void manualRepeatingTimerDoesNotBurst()
    {
        ManualClock clock(0);
        ClockTimer timer(&clock);
        QSignalSpy fired(&timer, &ClockTimer::timeout);
        timer.start(1000);
        clock.advanceMs(1000);
        QCOMPARE(fired.count(), 1);
        // A long jump fires once and resynchronises, rather than firing 10 times in a row.
        clock.advanceMs(10'000);
        QCOMPARE(fired.count(), 2);
        QCOMPARE(timer.remainingMs(), 1000);
        timer.stop();
        clock.advanceMs(5000);
        QCOMPARE(fired.count(), 2);
    }

    void scaledTimerWaitsScaledTime()
    {
        ScaledClock clock(50.0);
        ClockTimer timer(&clock);
        timer.setSingleShot(true);
        QSignalSpy fired(&timer, &ClockTimer::timeout);
        const qint64 startClock = clock.nowMs();
        QElapsedTimer real;
        real.start();
        timer.start(5000); // 100 ms of real time
        QVERIFY(fired.wait(5000));
        QVERIFY2(clock.nowMs() - startClock >= 5000, "fired before its clock time");
        QVERIFY2(real.elapsed() < 2000, "did not run scaled");
    }

    void systemTimerRepeats()
    {
        SystemClock clock;
        ClockTimer timer(&clock);
        QSignalSpy fired(&timer, &ClockTimer::timeout);
        timer.start(20);
        QTRY_VERIFY_WITH_TIMEOUT(fired.count() >= 3, 5000);
        timer.stop();
        QVERIFY(!timer.isActive());
    }
};

QTEST_GUILESS_MAIN(TestClock)
#include "tst_clock.moc"
