// GateNarrator: the headless run's gate lines (open, closed, reasons changed) and its heartbeat
// while it waits, driven on a ManualClock (issue 13: a run that printed nothing after its first
// "gate closed" line for minutes).
#include "core/clock.h"
#include "headless/gatenarrator.h"

#include <QSignalSpy>
#include <QTest>

namespace {

GateDecision closed(const QList<QPair<QString, QString>> &reasons)
{
    GateDecision d;
    d.nextPercent = 10;
    for (const auto &[key, text] : reasons) {
        d.reasonKeys << key;
        d.reasons << text;
    }
    d.open = d.reasons.isEmpty();
    return d;
}

QStringList texts(const QSignalSpy &spy, const QString &kind)
{
    QStringList out;
    for (const QList<QVariant> &args : spy) {
        if (args.at(0).toString() == kind)
            out << args.at(1).toString();
    }
    return out;
}

} // namespace

class TestGateNarrator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void numbersDoNotMakeANewReason()
    {
        QCOMPARE(GateNarrator::shape(QStringLiteral("monitoring hold at 5 %: 4:59 of 5:00 left")), QStringLiteral("monitoring hold at # %: # of # left"));
        QCOMPARE(GateNarrator::shape(QStringLiteral("error_rate 0.25 % > 0.1 %")), QStringLiteral("error_rate # % > # %"));
        QCOMPARE(GateNarrator::shape(QStringLiteral("error_rate")), QStringLiteral("error_rate"));
    }

    // A closed gate whose reasons change prints a line each time they do; a countdown or a
    // moving value does not.
    void aLineWheneverTheReasonsChange()
    {
        ManualClock clock;
        GateNarrator narrator(&clock);
        QSignalSpy lines(&narrator, &GateNarrator::line);
        const auto hold = [](const QString &left) {
            return QPair<QString, QString>{QStringLiteral("hold"), QStringLiteral("monitoring hold at 5 %: %1 of 5:00 left").arg(left)};
        };
        const QPair<QString, QString> stale{QStringLiteral("decision-point:dp.error_rate"),
                                            QStringLiteral("decision point error_rate: no data: green's latest sample is 12 s old")};
        const QPair<QString, QString> breached{QStringLiteral("decision-point:dp.error_rate"), QStringLiteral("decision point error_rate 0.3 % > 0.1 %")};

        narrator.update(closed({hold(QStringLiteral("5:00"))}), {});
        QCOMPARE(texts(lines, QStringLiteral("gate")), QStringList{QStringLiteral("closed (monitoring hold at 5 %: 5:00 of 5:00 left)")});
        narrator.update(closed({hold(QStringLiteral("4:59"))}), {});
        narrator.update(closed({hold(QStringLiteral("4:58"))}), {});
        QCOMPARE(lines.count(), 1); // the countdown alone

        narrator.update(closed({hold(QStringLiteral("4:57")), stale}), {}); // a reason added
        QCOMPARE(lines.count(), 2);
        QVERIFY(lines.last().at(1).toString().endsWith(QLatin1String("; decision point error_rate: no data: green's latest sample is 12 s old)")));
        narrator.update(closed({hold(QStringLiteral("4:56")), {stale.first, QStringLiteral("decision point error_rate: no data: green's latest sample is 14 s old")}}), {});
        QCOMPARE(lines.count(), 2); // its age alone
        narrator.update(closed({hold(QStringLiteral("4:55")), breached}), {}); // same key, another reason
        QCOMPARE(lines.count(), 3);
        QVERIFY(lines.last().at(1).toString().contains(QLatin1String("0.3 % > 0.1 %")));
        narrator.update(closed({hold(QStringLiteral("4:54")), {breached.first, QStringLiteral("decision point error_rate 0.4 % > 0.1 %")}}), {});
        QCOMPARE(lines.count(), 3); // a moving value
        narrator.update(closed({breached}), {}); // a reason gone
        QCOMPARE(lines.count(), 4);
        narrator.update(closed({}), QStringLiteral("hold of 5 min at 5 % passed, all decision points green"));
        QCOMPARE(lines.count(), 5);
        QCOMPARE(lines.last().at(1).toString(), QStringLiteral("open (hold of 5 min at 5 % passed, all decision points green)"));
        narrator.update(closed({}), QStringLiteral("hold of 5 min at 5 % passed, all decision points green"));
        QCOMPARE(lines.count(), 5);
    }

    // While the run waits, a heartbeat every minute of deployment time, with the reasons; none
    // once it no longer waits.
    void aHeartbeatEveryMinuteWhileWaiting()
    {
        ManualClock clock;
        GateNarrator narrator(&clock);
        QSignalSpy lines(&narrator, &GateNarrator::line);
        narrator.update(closed({{QStringLiteral("traffic-problem"), QStringLiteral("green is at 5 % before the first step")}}), {});
        narrator.setWaiting(true);
        for (int s = 0; s < 59; ++s)
            clock.advanceMs(1000);
        QCOMPARE(texts(lines, QStringLiteral("waiting")).size(), 0);
        clock.advanceMs(1000);
        QCOMPARE(texts(lines, QStringLiteral("waiting")),
                 QStringList{QStringLiteral("1:00 (gate closed: green is at 5 % before the first step)")});
        // Ten more minutes of deployment time, a second at a time: ten more lines, no more.
        for (int s = 0; s < 600; ++s)
            clock.advanceMs(1000);
        const QStringList beats = texts(lines, QStringLiteral("waiting"));
        QCOMPARE(beats.size(), 11);
        QVERIFY2(beats.last().startsWith(QLatin1String("11:00 (gate closed")), qPrintable(beats.last()));
        QCOMPARE(texts(lines, QStringLiteral("gate")).size(), 1);

        narrator.setWaiting(false);
        for (int s = 0; s < 300; ++s)
            clock.advanceMs(1000);
        QCOMPARE(texts(lines, QStringLiteral("waiting")).size(), 11);
        // Waiting again: the minutes count from then.
        narrator.setWaiting(true);
        clock.advanceMs(30'000);
        clock.advanceMs(30'000);
        QCOMPARE(texts(lines, QStringLiteral("waiting")).size(), 12);
        QVERIFY(texts(lines, QStringLiteral("waiting")).last().startsWith(QLatin1String("1:00 ")));
        narrator.stop();
        clock.advanceMs(60'000);
        QCOMPARE(texts(lines, QStringLiteral("waiting")).size(), 12);
    }
};

QTEST_GUILESS_MAIN(TestGateNarrator)
#include "tst_gatenarrator.moc"
