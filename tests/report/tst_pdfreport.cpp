// The PDF report read back with pdftotext (poppler-utils): every section, the numbers of the
// journal, the injection attempts as plain text, a running deployment's notice on every page,
// and the charts drawn on the pages (pdfimages would list them; the text says where).
#include "reportfixture.h"

#include "report/pdfreportwriter.h"
#include "report/reportbuilder.h"

#include <QFile>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

class TestPdfReport : public QObject
{
    Q_OBJECT

    ReportFixture m_fixture;

    static QList<QImage> charts(const ReportDocument &doc)
    {
        QList<QImage> images;
        for (const ReportChartSpec &spec : doc.charts) {
            QImage image(spec.size * 2, QImage::Format_ARGB32_Premultiplied);
            image.fill(Qt::white);
            QPainter p(&image);
            p.drawLine(0, image.height(), image.width(), 0);
            images << image;
        }
        return images;
    }
    // The PDF's text, pages separated by form feeds; empty with a failure message when it cannot be read.
    static QString pdfText(const QString &path, QString *error)
    {
        const QString tool = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        if (tool.isEmpty()) {
            *error = QStringLiteral("pdftotext is not installed: add poppler-utils (packaging/debian13-packages.txt lists it)");
            return {};
        }
        QProcess p;
        // -raw: in the order it was drawn, so a table cell's text stays together.
        p.start(tool, {QStringLiteral("-raw"), QStringLiteral("-enc"), QStringLiteral("UTF-8"), path, QStringLiteral("-")});
        if (!p.waitForFinished(30000) || p.exitCode() != 0) {
            *error = QStringLiteral("pdftotext failed: %1").arg(QString::fromUtf8(p.readAllStandardError()));
            return {};
        }
        return QString::fromUtf8(p.readAllStandardOutput());
    }
    // Text with runs of white space (line breaks in a cell) as one space.
    static QString squeezed(QString text)
    {
        return text.replace(QRegularExpression(QStringLiteral("\\s+")), QStringLiteral(" "));
    }

private Q_SLOTS:
    void readsBackWithEverySection_data()
    {
        QTest::addColumn<ReportJournal::Scenario>("scenario");
        QTest::newRow("completed") << ReportJournal::Scenario::Completed;
        QTest::newRow("rolled back") << ReportJournal::Scenario::RolledBack;
    }
    void readsBackWithEverySection()
    {
        QFETCH(ReportJournal::Scenario, scenario);
        const std::optional<ReportData> data = m_fixture.load(scenario);
        QVERIFY2(data, qPrintable(m_fixture.error()));
        const ReportDocument doc = ReportBuilder::build(*data);
        const QString path = m_fixture.folder() + QStringLiteral("/report.pdf");
        QList<int> pagesDone;
        const Status written = PdfReportWriter::write(doc, charts(doc), path, [&pagesDone](int done, int) { pagesDone << done; });
        QVERIFY2(written.ok(), qPrintable(written.error()));
        QString error;
        const QString text = pdfText(path, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QStringList pages = text.split(u'\f', Qt::SkipEmptyParts);
        QCOMPARE(pages.size(), pagesDone.size());
        QVERIFY(pages.size() > 5);
        const QString all = squeezed(text);
        for (const char *heading : {"Summary", "Phases", "Traffic timeline", "Metrics", "Decision record", "Rollback and emergency procedures", "Checklist",
                                    "Status updates"})
            QVERIFY2(all.contains(QLatin1String(heading)), heading);
        for (const ReportChartSpec &spec : doc.charts)
            QVERIFY2(all.contains(spec.title), qPrintable(spec.title));
        QVERIFY(all.contains(QStringLiteral("Deployment report: checkout 2.4.1")));
        QVERIFY(all.contains(QStringLiteral("Page 1 of %1").arg(pages.size())));
        QVERIFY(!all.contains(u"IN PROGRESS"));
        if (scenario == ReportJournal::Scenario::RolledBack) {
            QVERIFY(all.contains(QStringLiteral("Rolled back")));
            QVERIFY(all.contains(QStringLiteral("> 527.4 ms (3x normal; normal was 175.8 ms)")));
            QVERIFY(all.contains(QStringLiteral("531 ms")));
            QVERIFY(all.contains(QStringLiteral("Manual Rollback Process: completed")));
            QVERIFY(all.contains(QStringLiteral("ALTER TABLE orders DROP COLUMN discount_code;")));
            // Injection attempts are plain text in a PDF too.
            QVERIFY(all.contains(QStringLiteral("<script>alert('item')</script>")));
            QVERIFY(all.contains(QStringLiteral("-- </pre><script>alert('output')</script>")));
        } else {
            QVERIFY(all.contains(QStringLiteral("OVERRIDDEN by carol <b>on call</b>")));
        }
    }

    void aRunningDeploymentSaysSoOnEveryPage()
    {
        const std::optional<ReportData> data = m_fixture.load(ReportJournal::Scenario::InProgress);
        QVERIFY2(data, qPrintable(m_fixture.error()));
        const ReportDocument doc = ReportBuilder::build(*data);
        const QString path = m_fixture.folder() + QStringLiteral("/running.pdf");
        const Status written = PdfReportWriter::write(doc, charts(doc), path);
        QVERIFY2(written.ok(), qPrintable(written.error()));
        QString error;
        const QStringList pages = pdfText(path, &error).split(u'\f', Qt::SkipEmptyParts);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(pages.size() > 3);
        for (qsizetype i = 0; i < pages.size(); ++i)
            QVERIFY2(pages[i].contains(QLatin1String("IN PROGRESS: the deployment was still running")), qPrintable(QStringLiteral("page %1").arg(i + 1)));
    }

    void anUnwritableFileIsReported()
    {
        const std::optional<ReportData> data = m_fixture.load(ReportJournal::Scenario::Completed);
        QVERIFY2(data, qPrintable(m_fixture.error()));
        const Status written = PdfReportWriter::write(ReportBuilder::build(*data), {}, QStringLiteral("/nonexistent-folder/report.pdf"));
        QVERIFY(!written.ok());
        QVERIFY2(written.error().startsWith(QLatin1String("/nonexistent-folder/report.pdf: cannot write the report")), qPrintable(written.error()));
    }
};

QTEST_MAIN(TestPdfReport)
#include "tst_pdfreport.moc"
