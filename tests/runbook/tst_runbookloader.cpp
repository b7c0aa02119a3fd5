#include "runbook/runbookloader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

class TestRunbookLoader : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void unusableFiles_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("missing file") << m_dir.filePath(QStringLiteral("nope.md")) << 0 << "no such file";
        QTest::newRow("directory") << m_dir.path() << 0 << "is a directory";
        QTest::newRow("empty file") << write(QStringLiteral("empty.md"), {}) << 0 << "empty";
        QTest::newRow("only whitespace") << write(QStringLiteral("blank.md"), "\n \n\t\n") << 0 << "empty";
        QTest::newRow("binary file") << write(QStringLiteral("binary.md"), QByteArray("# T\n\x7f" "ELF\0\0\x01", 11)) << 2 << "binary";
        QTest::newRow("invalid UTF-8 on line 3") << write(QStringLiteral("latin1.md"), "# T\n## S\n- [ ] caf\xe9\n") << 3 << "UTF-8";
        QTest::newRow("no phases") << write(QStringLiteral("nophase.md"), "# T\n## Checklist\n- [ ] one\n") << 0 << "no phases";
    }
    void unusableFiles()
    {
        QFETCH(QString, path);
        QFETCH(int, line);
        QFETCH(QString, messagePart);
        const Runbook r = RunbookLoader::load(path);
        QVERIFY(r.hasErrors());
        const auto it = std::find_if(r.diagnostics.cbegin(), r.diagnostics.cend(),
                                     [](const Diagnostic &d) { return d.severity == Diagnostic::Severity::Error; });
        QCOMPARE(it->line, line);
        QVERIFY2(it->message.english().contains(messagePart, Qt::CaseInsensitive), qPrintable(it->message.english()));
        QCOMPARE(r.fileName, path);
    }

    // Not regular files: a device that never ends and a FIFO nobody writes to are refused at
    // once, with a message, instead of read for ever (or waited on). The load runs in a
    // thread, so that a loader that does hang fails the test instead of blocking it; a FIFO
    // is then unblocked by opening it for writing.
    void nonRegularFilesAreRefused_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("character device /dev/zero") << QStringLiteral("/dev/zero");
        const QString fifo = m_dir.filePath(QStringLiteral("runbook.fifo"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        QTest::newRow("FIFO") << fifo;
    }
    void nonRegularFilesAreRefused()
    {
        QFETCH(QString, path);
        struct Outcome {
            std::atomic<bool> done = false;
            Runbook runbook;
        };
        auto outcome = std::make_shared<Outcome>();
        std::thread([outcome, path] {
            outcome->runbook = RunbookLoader::load(path);
            outcome->done = true;
        }).detach();
        (void)QTest::qWaitFor([&] { return outcome->done.load(); }, 20'000);
        if (!outcome->done) {
            const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_NONBLOCK);
            if (fd >= 0)
                ::close(fd);
            QFAIL(qPrintable(path + QStringLiteral(": the loader did not return within 20 s")));
        }
        const Runbook &r = outcome->runbook;
        QVERIFY(r.hasErrors());
        QCOMPARE(r.diagnostics.first().line, 0);
        QVERIFY2(r.diagnostics.first().message.english().contains(QLatin1String("not a regular file")), qPrintable(r.diagnostics.first().message.english()));
    }

    void byteOrderMarkAndCrlfAreAccepted()
    {
        const QString path = write(QStringLiteral("bom.md"), "\xef\xbb\xbf# Title\r\n### Phase 1: Go (0-5 minutes)\r\n- [ ] Shift 100% of traffic\r\n");
        const Runbook r = RunbookLoader::load(path);
        QVERIFY(!r.hasErrors());
        QCOMPARE(r.title, QStringLiteral("Title"));
        QCOMPARE(r.checkableItems().size(), 1);
        QCOMPARE(r.checkableItems().first()->text, QStringLiteral("Shift 100% of traffic"));
    }

    void duplicateHeadingsAreUsable()
    {
        const QString path = write(QStringLiteral("dups.md"), "# T\n### Phase 1: A (0-5 minutes)\n- [ ] x\n### Phase 1: A (0-5 minutes)\n- [ ] x\n");
        const Runbook r = RunbookLoader::load(path);
        QVERIFY(!r.hasErrors());
        QCOMPARE(r.checkableItems().size(), 2);
        QVERIFY(r.checkableItems()[0]->id != r.checkableItems()[1]->id);
    }

    // Ten megabytes of runbook parse completely (bench_runbookparser prints how fast).
    void tenMegabytes()
    {
        QByteArray text("# Big\n");
        int phases = 0;
        while (text.size() < 10 * 1024 * 1024) {
            ++phases;
            text += "### Phase " + QByteArray::number(phases) + ": Step " + QByteArray::number(phases) + " (0-30 minutes)\n";
            text += "1. **Checks**:\n";
            for (int i = 0; i < 40; ++i)
                text += "   - [ ] Verify component " + QByteArray::number(i) + " of step " + QByteArray::number(phases) + " is healthy\n";
        }
        const Runbook r = RunbookLoader::load(write(QStringLiteral("big.md"), text));
        QVERIFY(!r.hasErrors());
        QCOMPARE(r.sections.size(), phases);
        QCOMPARE(r.checkableItems().size(), phases * 40);
    }

    void hugeNumberOfDiagnosticsIsCapped()
    {
        QByteArray text("# T\n### Phase 1: A (0-5 minutes)\n- [ ] x\n## Automatic Rollback Triggers\n");
        for (int i = 0; i < 1000; ++i)
            text += "- Queue depth > " + QByteArray::number(i) + "\n";
        const Runbook r = RunbookLoader::load(write(QStringLiteral("diag.md"), text));
        QCOMPARE(r.diagnostics.size(), 201);
        QVERIFY(r.diagnostics.last().message.english().contains(QLatin1String("further diagnostics")) || r.diagnostics.first().message.english().contains(QLatin1String("further diagnostics")));
    }
};

QTEST_GUILESS_MAIN(TestRunbookLoader)
#include "tst_runbookloader.moc"
