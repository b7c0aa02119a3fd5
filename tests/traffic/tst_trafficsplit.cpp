// TrafficSplit: percent from weights, the one conversion every controller's read-back uses.
#include "traffic/trafficsplit.h"

#include <QTest>

class TestTrafficSplit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fromWeights_data()
    {
        QTest::addColumn<int>("blueWeight");
        QTest::addColumn<int>("greenWeight");
        QTest::addColumn<int>("greenPercent"); // -1: refused
        QTest::newRow("all blue") << 100 << 0 << 0;
        QTest::newRow("all green") << 0 << 100 << 100;
        QTest::newRow("5% as percent weights") << 95 << 5 << 5;
        QTest::newRow("quarter on HAProxy's scale") << 192 << 64 << 25;
        QTest::newRow("rounds to nearest") << 243 << 13 << 5;
        QTest::newRow("one and one") << 1 << 1 << 50;
        // Found by fuzz_haproxyreply under UBSan: the sum overflowed int.
        QTest::newRow("largest weights") << 2000000000 << 2000000000 << 50;
        QTest::newRow("both zero serve nobody") << 0 << 0 << -1;
        QTest::newRow("negative") << -1 << 5 << -1;
    }
    void fromWeights()
    {
        QFETCH(int, blueWeight);
        QFETCH(int, greenWeight);
        QFETCH(int, greenPercent);
        const Result<TrafficSplit> split = TrafficSplit::fromWeights(blueWeight, greenWeight);
        QCOMPARE(split.ok(), greenPercent >= 0);
        if (split) {
            QCOMPARE(split.value().greenPercent, greenPercent);
            QCOMPARE(split.value().bluePercent, 100 - greenPercent);
        } else {
            QVERIFY(!split.error().isEmpty());
        }
    }

    void substitutes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("json body") << "{\"blue\":${blue},\"green\":${green}}" << "{\"blue\":90,\"green\":10}";
        QTest::newRow("argument") << "--weights=${blue},${green}" << "--weights=90,10";
        QTest::newRow("twice") << "${green}${green}" << "1010";
        QTest::newRow("nothing to replace") << "$blue {green}" << "$blue {green}";
    }
    void substitutes()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(TrafficSplit::fromGreenPercent(10).substitute(text), expected);
    }
};

QTEST_GUILESS_MAIN(TestTrafficSplit)
#include "tst_trafficsplit.moc"
