// Reports and status updates in the window, on the built-in demo: the export runs while the
// window goes on (charts drawn by the window's own chart code, one per event-loop turn, the
// document written in a worker thread), and a status update is reminded when due, prepared,
// editable and copied to the clipboard.
#include "../ui/demofixture.h"

#include "report/reportactions.h"
#include "report/reportexportdialog.h"
#include "report/statusupdatedialog.h"

#include "report/statusupdates.h"

#include <QClipboard>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QXmlStreamReader>

class TestReportWindow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static QString run(const QString &program, const QStringList &arguments)
    {
        QProcess p;
        p.start(program, arguments);
        p.waitForFinished(30000);
        return QString::fromUtf8(p.readAllStandardOutput());
    }

private Q_SLOTS:
    void init() { QStandardPaths::setTestModeEnabled(true); }

    void theExportRunsWhileTheWindowGoesOn_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("PDF") << QStringLiteral("report.pdf");
        QTest::newRow("HTML") << QStringLiteral("report.html");
        QTest::newRow("Markdown") << QStringLiteral("report.md");
    }
    void theExportRunsWhileTheWindowGoesOn()
    {
        QFETCH(QString, file);
        Demo demo(120.0);
        QVERIFY(demo.start(m_dir.filePath(file + QStringLiteral(".sqlite"))));
        QVERIFY(demo.window->startDeployment(QStringLiteral("checkout"), QStringLiteral("v2.14.0"), QStringLiteral("alice")).ok());
        demo.stepThrough({5});
        QTest::qWait(500); // some samples at 5 %

        // The event loop keeps turning while the report is made.
        int turns = 0;
        QTimer ticker;
        ticker.setInterval(5);
        connect(&ticker, &QTimer::timeout, this, [&turns] { ++turns; });
        ticker.start();
        const QString path = m_dir.filePath(file);
        ReportExportDialog *dialog = demo.window->reports()->exportReport(path);
        QVERIFY(dialog);
        auto *progress = dialog->findChild<QProgressBar *>(QStringLiteral("exportProgress"));
        QList<int> seen;
        QTimer watcher;
        connect(&watcher, &QTimer::timeout, this, [&] {
            if (seen.isEmpty() || seen.last() != progress->value())
                seen << progress->value();
        });
        watcher.start(1);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isFinished(), 60000);
        ticker.stop();
        QVERIFY2(dialog->succeeded(), qPrintable(dialog->resultText()));
        QVERIFY(turns > 3);
        QCOMPARE(progress->value(), 100);
        QVERIFY(std::is_sorted(seen.cbegin(), seen.cend()));
        QVERIFY(QFile::exists(path));

        if (file.endsWith(u".pdf")) {
            const QString text = run(QStringLiteral("pdftotext"), {QStringLiteral("-raw"), path, QStringLiteral("-")}).replace(QRegularExpression(QStringLiteral("\\s+")), QStringLiteral(" "));
            QVERIFY(text.contains(u"IN PROGRESS"));
            QVERIFY(text.contains(u"0 % → 5 %"));
            QVERIFY(text.contains(u"gate open: pre-shift checklist done, green healthy"));
            // Every chart drawn, as an image on the pages.
            const QStringList images = run(QStringLiteral("pdfimages"), {QStringLiteral("-list"), path}).split(u'\n', Qt::SkipEmptyParts);
            QCOMPARE(images.size() - 2, 7); // two header lines, then one line per image
        } else if (file.endsWith(u".html")) {
            QFile html(path);
            QVERIFY(html.open(QIODevice::ReadOnly));
            QXmlStreamReader xml(&html);
            int charts = 0;
            while (!xml.atEnd()) {
                if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"img")
                    ++charts;
            }
            QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
            QCOMPARE(charts, 7);
        } else {
            QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("report-response_time.png"))));
            const QImage chart(m_dir.filePath(QStringLiteral("report-traffic_share.png")));
            QVERIFY(!chart.isNull());
            // The light palette and real content: more than one colour on the chart.
            QCOMPARE(chart.pixelColor(4, chart.height() - 4).lightness() > 200, true);
        }
    }

    void whatCannotBeDoneIsSaidInTheBanner()
    {
        Demo demo(60.0);
        QVERIFY(demo.start(m_dir.filePath(QStringLiteral("banner.sqlite"))));
        QVERIFY(!demo.session.deployment());
        // No deployment open: nothing to export, and the banner says why.
        QCOMPARE(demo.window->reports()->exportReport(m_dir.filePath(QStringLiteral("none.pdf"))), nullptr);
        auto *banner = demo.window->findChild<QWidget *>(QStringLiteral("banner"));
        QVERIFY(banner && banner->isVisible());
        QCOMPARE(demo.window->findChild<QLabel *>(QStringLiteral("bannerText"))->text(), QStringLiteral("The report cannot be made: no deployment is open"));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("none.pdf"))));
    }

    void aStatusUpdateIsRemindedPreparedAndCopied()
    {
        Demo demo(150.0);
        QVERIFY(demo.start(m_dir.filePath(QStringLiteral("updates.sqlite"))));
        ReportActions *reports = demo.window->reports();
        QVERIFY(!reports->reminder()->isVisible());
        QVERIFY(demo.window->startDeployment(QStringLiteral("checkout"), QStringLiteral("v2.14.0"), QStringLiteral("alice")).ok());
        demo.stepThrough({5});
        StatusUpdates *updates = demo.session.statusUpdates();
        QVERIFY(updates);
        QVERIFY(updates->nextDueMs());
        // 15 minutes of deployment time after the first shift: 6 s at 150x.
        QTRY_VERIFY_WITH_TIMEOUT(reports->reminder()->isVisible(), 20000);
        QTest::mouseClick(reports->reminder(), Qt::LeftButton);
        auto *dialog = demo.window->findChild<StatusUpdateDialog *>(QStringLiteral("statusUpdateDialog"));
        QVERIFY(dialog);
        auto *text = dialog->findChild<QPlainTextEdit *>(QStringLiteral("statusUpdateText"));
        QVERIFY(text->toPlainText().contains(u"Phase: Phase 3: Traffic Shift."));
        QVERIFY(text->toPlainText().contains(u"Traffic: 5 % on green"));
        QVERIFY(text->toPlainText().contains(u"- Response time (p95): "));
        // The demo's profile names no webhook: nothing to send, but copying always works.
        QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("sendStatusUpdate"))->isEnabled());
        text->setPlainText(text->toPlainText() + QStringLiteral("\nEdited by alice."));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("copyStatusUpdate")), Qt::LeftButton);
        const QString copied = QGuiApplication::clipboard()->text();
        QVERIFY(copied.startsWith(dialog->findChild<QLineEdit *>(QStringLiteral("statusUpdateTitle"))->text()));
        QVERIFY(copied.endsWith(u"Edited by alice."));
        QVERIFY(dialog->update().edited);
        // Posted by hand: the reminder goes until the next one is due.
        dialog->close();
        QTRY_VERIFY(!reports->reminder()->isVisible());
        QVERIFY(*updates->nextDueMs() > demo.clock.nowMs() + 14 * 60'000);
    }
};

QTEST_MAIN(TestReportWindow)
#include "tst_reportwindow.moc"
