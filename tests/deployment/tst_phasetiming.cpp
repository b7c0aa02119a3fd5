#include "deployment/phasetiming.h"

#include <QTest>

// Where a phase stands against its planned window, and what the phase tab says about it.
class TestPhaseTiming : public QObject
{
    Q_OBJECT

    using Window = std::optional<PhaseWindow>;

    static constexpr qint64 Minute = 60'000;

private Q_SLOTS:
    void evaluate_data()
    {
        QTest::addColumn<Window>("window");
        QTest::addColumn<qint64>("elapsedMs");
        QTest::addColumn<bool>("finished");
        QTest::addColumn<int>("state");
        QTest::addColumn<qint64>("minutesLeft");
        QTest::addColumn<qint64>("minutesOver");
        QTest::addColumn<QStringList>("describedAs"); // fragments the description must contain
        QTest::addColumn<QStringList>("notDescribedAs");

        using S = PhaseTiming::State;
        const Window none;
        const Window first = PhaseWindow{0, 30};
        const Window second = PhaseWindow{30, 60};
        const Window hours = PhaseWindow{60, 120};

        QTest::newRow("no window says nothing")
            << none << 45 * Minute << false << int(S::NoWindow) << qint64(0) << qint64(0) << QStringList{} << QStringList{QStringLiteral("min")};
        QTest::newRow("no window but finished")
            << none << 45 * Minute << true << int(S::Finished) << qint64(0) << qint64(0) << QStringList{QStringLiteral("Finished")}
            << QStringList{QStringLiteral("Planned")};
        QTest::newRow("upcoming at start")
            << second << qint64(0) << false << int(S::Upcoming) << qint64(30) << qint64(0)
            << QStringList{QStringLiteral("30–60"), QStringLiteral("starts in 30 min")} << QStringList{};
        QTest::newRow("upcoming counts whole minutes elapsed")
            << second << 30 * Minute - 1 << false << int(S::Upcoming) << qint64(1) << qint64(0)
            << QStringList{QStringLiteral("starts in 1 min")} << QStringList{};
        QTest::newRow("in window from its first minute")
            << first << qint64(0) << false << int(S::InWindow) << qint64(30) << qint64(0)
            << QStringList{QStringLiteral("Planned 0–30 min"), QStringLiteral("30 min left")} << QStringList{};
        QTest::newRow("in window at the start boundary")
            << second << 30 * Minute << false << int(S::InWindow) << qint64(30) << qint64(0)
            << QStringList{QStringLiteral("in its window"), QStringLiteral("30 min left")} << QStringList{};
        QTest::newRow("in window with a minute to go")
            << first << 29 * Minute + 59'999 << false << int(S::InWindow) << qint64(1) << qint64(0)
            << QStringList{QStringLiteral("1 min left")} << QStringList{};
        QTest::newRow("window in hours")
            << hours << 75 * Minute << false << int(S::InWindow) << qint64(45) << qint64(0)
            << QStringList{QStringLiteral("60–120"), QStringLiteral("45 min left")} << QStringList{};
        QTest::newRow("overdue at the end boundary")
            << first << 30 * Minute << false << int(S::Overdue) << qint64(0) << qint64(0)
            << QStringList{QStringLiteral("0 min past its window")} << QStringList{};
        QTest::newRow("overdue")
            << first << 47 * Minute + 30'000 << false << int(S::Overdue) << qint64(0) << qint64(17)
            << QStringList{QStringLiteral("Planned 0–30 min"), QStringLiteral("17 min past its window")} << QStringList{QStringLiteral("left")};
        QTest::newRow("finished before its window")
            << second << 5 * Minute << true << int(S::Finished) << qint64(0) << qint64(0)
            << QStringList{QStringLiteral("Planned 30–60 min"), QStringLiteral("finished")} << QStringList{QStringLiteral("starts")};
        QTest::newRow("finished late is not overdue")
            << first << 90 * Minute << true << int(S::Finished) << qint64(0) << qint64(0)
            << QStringList{QStringLiteral("finished")} << QStringList{QStringLiteral("past")};
    }
    void evaluate()
    {
        QFETCH(Window, window);
        QFETCH(qint64, elapsedMs);
        QFETCH(bool, finished);
        QFETCH(int, state);
        QFETCH(qint64, minutesLeft);
        QFETCH(qint64, minutesOver);
        QFETCH(QStringList, describedAs);
        QFETCH(QStringList, notDescribedAs);

        const PhaseTiming t = PhaseTiming::evaluate(window, elapsedMs, finished);
        QCOMPARE(int(t.state), state);
        QCOMPARE(t.minutesLeft, minutesLeft);
        QCOMPARE(t.minutesOver, minutesOver);

        const QString text = t.describe(window);
        if (describedAs.isEmpty() && state == int(PhaseTiming::State::NoWindow))
            QVERIFY2(text.isEmpty(), qPrintable(text));
        for (const QString &fragment : std::as_const(describedAs))
            QVERIFY2(text.contains(fragment), qPrintable(QStringLiteral("\"%1\" lacks \"%2\"").arg(text, fragment)));
        for (const QString &fragment : std::as_const(notDescribedAs))
            QVERIFY2(!text.contains(fragment), qPrintable(QStringLiteral("\"%1\" has \"%2\"").arg(text, fragment)));
    }
};

QTEST_GUILESS_MAIN(TestPhaseTiming)
#include "tst_phasetiming.moc"
