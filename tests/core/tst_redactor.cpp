// Redactor: every secret the console resolved is replaced wherever outside text is stored or
// shown; here through SecretResolver (which registers it), ProcessRunner's output (live and
// tail, a secret split across two reads too) and GuardedRequest's excerpts of server answers.
#include "../common/shellscript.h"
#include "core/guardedrequest.h"
#include "core/processrunner.h"
#include "core/redactor.h"
#include "secrets/secretresolver.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

Q_DECLARE_METATYPE(ProcessOutcome)

namespace {
const QString Token = QStringLiteral("tok-7c41d2e9b8a3");
}

class TestRedactor : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString script(const QByteArray &body)
    {
        static int n = 0;
        return writeShellScript(m_dir.filePath(QStringLiteral("s%1.sh").arg(++n)), body);
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<ProcessOutcome>();
        QVERIFY(m_dir.isValid());
        // Resolved as a profile's secret is: from then on it is known to be one.
        qputenv("STONECASTER_TEST_REDACTED_TOKEN", Token.toUtf8());
        SecretResolver resolver;
        std::optional<Result<QString>> got;
        resolver.resolve({SecretRef::Source::Environment, QStringLiteral("STONECASTER_TEST_REDACTED_TOKEN"), {}}, this,
                         [&](Result<QString> r) { got = std::move(r); });
        QTRY_VERIFY(got.has_value());
        QVERIFY(got->ok());
    }

    // A script that prints the token whole, split across two writes with a pause between
    // (two reads for the console), and at the very end without a newline.
    void programOutputIsRedacted()
    {
        ProcessSpec spec;
        spec.program = script("printf 'whole: %s\\n' \"$T\"\nprintf 'split: tok-7c41'\nsleep 0.5\nprintf 'd2e9b8a3 after\\n'\n"
                              ">&2 echo \"stderr: $T\"\nprintf 'end: %s' \"$T\"");
        spec.environment.insert(QStringLiteral("T"), Token);
        ProcessRunner runner;
        QSignalSpy finished(&runner, &ProcessRunner::finished);
        QStringList pieces;
        connect(&runner, &ProcessRunner::output, this, [&pieces](const QString &text) { pieces << text; });
        runner.start(spec);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30'000);
        const ProcessOutcome o = finished.first().first().value<ProcessOutcome>();
        QVERIFY2(o.ok, qPrintable(o.message));
        const QString live = pieces.join(QString());
        for (const QString &text : {live, o.output}) {
            QVERIFY2(!text.contains(Token), qPrintable(text));
            QVERIFY2(!text.contains(QLatin1String("d2e9b8a3")), qPrintable(text)); // nor the second half of the split one
            QVERIFY2(text.contains(QLatin1String("whole: [redacted]\n")), qPrintable(text));
            QVERIFY2(text.contains(QLatin1String("split: [redacted] after\n")), qPrintable(text));
            QVERIFY2(text.contains(QLatin1String("stderr: [redacted]\n")), qPrintable(text));
            QVERIFY2(text.endsWith(QLatin1String("end: [redacted]")), qPrintable(text));
        }
        QVERIFY(pieces.size() >= 2);
    }

    // The same for stdout and stderr kept apart (the command traffic controller's transcripts).
    void separateStreamsAreRedacted()
    {
        ProcessSpec spec;
        spec.program = script("echo \"out $T\"\necho \"err $T\" >&2");
        spec.environment.insert(QStringLiteral("T"), Token);
        spec.separateErrorOutput = true;
        ProcessRunner runner;
        QSignalSpy finished(&runner, &ProcessRunner::finished);
        runner.start(spec);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30'000);
        const ProcessOutcome o = finished.first().first().value<ProcessOutcome>();
        QCOMPARE(o.output, QStringLiteral("out [redacted]\n"));
        QCOMPARE(o.errorOutput, QStringLiteral("err [redacted]\n"));
    }

    // A proxy's error page that echoes the request's Authorization header.
    void serverExcerptsAreRedacted()
    {
        const QByteArray page = "<html><body><h1>401</h1><p>bad header: Authorization: Bearer " + Token.toUtf8() + "</p></body></html>";
        const QString excerpt = GuardedRequest::excerpt(page, 500);
        QVERIFY2(!excerpt.contains(Token), qPrintable(excerpt));
        QVERIFY2(excerpt.contains(QLatin1String("Bearer [redacted]")), qPrintable(excerpt));
    }

    // The stream on its own: a secret cut anywhere across pieces, and text that only looks
    // like a secret's beginning, which comes out at the latest with flush().
    void streamHoldsBackOnlyWhatCouldBeASecret_data()
    {
        QTest::addColumn<QStringList>("pieces");
        QTest::addColumn<QString>("expected");
        for (int cut = 1; cut < Token.size(); ++cut)
            QTest::addRow("cut after %d", cut) << QStringList{QStringLiteral("a ") + Token.left(cut), Token.mid(cut) + QStringLiteral(" b")}
                                               << QStringLiteral("a [redacted] b");
        QTest::newRow("in three pieces") << QStringList{QStringLiteral("x tok-"), QStringLiteral("7c41d2"), QStringLiteral("e9b8a3\n")}
                                         << QStringLiteral("x [redacted]\n");
        QTest::newRow("a beginning that is not one") << QStringList{QStringLiteral("ends with tok-7c"), QStringLiteral("ffee")}
                                                     << QStringLiteral("ends with tok-7cffee");
        QTest::newRow("a beginning at the very end") << QStringList{QStringLiteral("progress tok-7c41")} << QStringLiteral("progress tok-7c41");
    }
    void streamHoldsBackOnlyWhatCouldBeASecret()
    {
        QFETCH(QStringList, pieces);
        QFETCH(QString, expected);
        Redactor::Stream stream;
        QString out;
        for (const QString &piece : pieces) {
            const QString shown = stream.feed(piece);
            QVERIFY2(!shown.contains(QLatin1String("d2e9b8a3")), qPrintable(shown));
            out += shown;
        }
        out += stream.flush();
        QCOMPARE(out, expected);
    }

    void shortValuesAreNotSecrets()
    {
        Redactor::add(QStringLiteral("abc"));
        QCOMPARE(Redactor::redact(QStringLiteral("abc def")), QStringLiteral("abc def"));
        QVERIFY(Redactor::secretsForTests().contains(Token));
    }

    // What a binding passes on with ${secret:NAME} is a secret from then on; ${env:NAME} is not.
    void secretPassedOnIsRedacted()
    {
        qputenv("STONECASTER_TEST_DB_PASSWORD", "pg-pass-91d3aa");
        qputenv("STONECASTER_TEST_REGION", "eu-west-1-zone");
        ProcessSpec spec;
        spec.program = script("echo \"$PGPASSWORD $REGION\"");
        spec.environment.insert(QStringLiteral("PGPASSWORD"), QStringLiteral("${secret:STONECASTER_TEST_DB_PASSWORD}"));
        spec.environment.insert(QStringLiteral("REGION"), QStringLiteral("${env:STONECASTER_TEST_REGION}"));
        ProcessRunner runner;
        QSignalSpy finished(&runner, &ProcessRunner::finished);
        runner.start(spec);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30'000);
        QCOMPARE(finished.first().first().value<ProcessOutcome>().output, QStringLiteral("[redacted] eu-west-1-zone\n"));
    }

    // Log messages, as the console's main() filters them.
    void logMessagesAreRedacted()
    {
        static QStringList seen;
        const QtMessageHandler before = qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &message) { seen << message; });
        Redactor::installMessageFilter();
        qWarning("request failed: Authorization: Bearer %s", qPrintable(Token));
        qInstallMessageHandler(before);
        QCOMPARE(seen, QStringList{QStringLiteral("request failed: Authorization: Bearer [redacted]")});
    }
};

QTEST_GUILESS_MAIN(TestRedactor)
#include "tst_redactor.moc"
