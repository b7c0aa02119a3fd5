#include "sim/promformat.h"

#include <QTest>

#include <cmath>
#include <limits>

// The wire-format pieces: Prometheus's times, durations and numbers, forms, fingerprints.
class TestPromFormat : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parseTime_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ms"); // -1: refused
        QTest::newRow("whole seconds") << QStringLiteral("1800000000") << qint64(1'800'000'000'000);
        QTest::newRow("fraction to the millisecond") << QStringLiteral("1800000000.123") << qint64(1'800'000'000'123);
        QTest::newRow("fraction rounds") << QStringLiteral("1800000000.1236") << qint64(1'800'000'000'124);
        QTest::newRow("RFC 3339 UTC") << QStringLiteral("2027-01-15T08:00:00Z") << qint64(1'800'000'000'000);
        QTest::newRow("RFC 3339 with fraction") << QStringLiteral("2027-01-15T08:00:00.250Z") << qint64(1'800'000'000'250);
        QTest::newRow("RFC 3339 with offset") << QStringLiteral("2027-01-15T09:00:00+01:00") << qint64(1'800'000'000'000);
        QTest::newRow("RFC 3339 with nanoseconds") << QStringLiteral("2027-01-15T08:00:00.123456789Z") << qint64(1'800'000'000'123);
        QTest::newRow("empty") << QString() << qint64(-1);
        QTest::newRow("words") << QStringLiteral("now") << qint64(-1);
        QTest::newRow("date without zone") << QStringLiteral("2027-01-15T08:00:00") << qint64(-1);
        QTest::newRow("not a number") << QStringLiteral("nan") << qint64(-1);
    }
    void parseTime()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ms);
        const Result<qint64> r = PromFormat::parseTimeMs(text);
        if (ms < 0) {
            QVERIFY(!r);
            QCOMPARE(r.error(), QStringLiteral("cannot parse \"%1\" to a valid timestamp").arg(text));
        } else {
            QVERIFY2(r, qPrintable(r.error()));
            QCOMPARE(r.value(), ms);
        }
    }

    void parseDuration_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ms"); // -1: refused
        QTest::newRow("seconds") << QStringLiteral("15") << qint64(15'000);
        QTest::newRow("fraction") << QStringLiteral("0.5") << qint64(500);
        QTest::newRow("15s") << QStringLiteral("15s") << qint64(15'000);
        QTest::newRow("1m30s") << QStringLiteral("1m30s") << qint64(90'000);
        QTest::newRow("500ms") << QStringLiteral("500ms") << qint64(500);
        QTest::newRow("1h") << QStringLiteral("1h") << qint64(3'600'000);
        QTest::newRow("1d") << QStringLiteral("1d") << qint64(86'400'000);
        QTest::newRow("1w") << QStringLiteral("1w") << qint64(7 * 86'400'000LL);
        QTest::newRow("zero is a duration") << QStringLiteral("0s") << qint64(0);
        QTest::newRow("wrong order") << QStringLiteral("30s1m") << qint64(-1);
        QTest::newRow("unit only") << QStringLiteral("s") << qint64(-1);
        QTest::newRow("empty") << QString() << qint64(-1);
    }
    void parseDuration()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ms);
        const Result<qint64> r = PromFormat::parseDurationMs(text);
        QCOMPARE(r.ok(), ms >= 0);
        if (r)
            QCOMPARE(r.value(), ms);
        else
            QVERIFY(r.error().contains(QLatin1String("valid duration")));
    }

    void formatValue_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("one") << 1.0 << "1";
        QTest::newRow("zero") << 0.0 << "0";
        QTest::newRow("small ratio, no exponent") << 0.00051234 << "0.00051234";
        QTest::newRow("seconds") << 0.18 << "0.18";
        QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN() << "NaN";
        QTest::newRow("+Inf") << std::numeric_limits<double>::infinity() << "+Inf";
        QTest::newRow("-Inf") << -std::numeric_limits<double>::infinity() << "-Inf";
    }
    void formatValue()
    {
        QFETCH(double, value);
        QFETCH(QString, text);
        QCOMPARE(PromFormat::formatValue(value), text);
        if (std::isfinite(value))
            QCOMPARE(PromFormat::formatValue(value).toDouble(), value); // round trip
    }

    void rfc3339()
    {
        QCOMPARE(PromFormat::rfc3339(1'800'000'000'250), QStringLiteral("2027-01-15T08:00:00.250Z"));
        QCOMPARE(PromFormat::jsonTime(1'800'000'000'250), 1800000000.25);
    }

    void parseForm_data()
    {
        QTest::addColumn<QByteArray>("encoded");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::newRow("plus is a space") << QByteArray("query=max+by+(color)") << "query" << "max by (color)";
        QTest::newRow("percent-encoded plus stays") << QByteArray("query=a%2Bb") << "query" << "a+b";
        QTest::newRow("percent-encoded quotes") << QByteArray("query=up%7Bcolor%3D%22green%22%7D") << "query" << "up{color=\"green\"}";
        QTest::newRow("first value wins") << QByteArray("time=1&time=2") << "time" << "1";
        QTest::newRow("key without value") << QByteArray("a&time=5") << "a" << "";
        QTest::newRow("empty pairs skipped") << QByteArray("&&time=5&") << "time" << "5";
    }
    void parseForm()
    {
        QFETCH(QByteArray, encoded);
        QFETCH(QString, key);
        QFETCH(QString, value);
        const QHash<QString, QString> form = PromFormat::parseForm(encoded);
        QVERIFY(form.contains(key));
        QCOMPARE(form.value(key), value);
    }

    void fingerprint()
    {
        // The test vector of Prometheus's own model.LabelSet fingerprint (prometheus/common).
        QCOMPARE(PromFormat::fingerprint({{QStringLiteral("name"), QStringLiteral("garland, briggs")}, {QStringLiteral("fear"), QStringLiteral("love is not enough")}}),
                 QStringLiteral("507a62d79ee76c9a"));
        QCOMPARE(PromFormat::fingerprint({}), QStringLiteral("cbf29ce484222325"));
    }

    void escapeLabelValue()
    {
        QCOMPARE(PromFormat::escapeLabelValue(QStringLiteral("a\"b\\c\nd")), QStringLiteral("a\\\"b\\\\c\\nd"));
    }
};

QTEST_GUILESS_MAIN(TestPromFormat)
#include "tst_promformat.moc"
