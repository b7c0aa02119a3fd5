// The HTML report read back with an XML parser: well-formed, every section, the charts embedded,
// nothing that runs (no script element, no event handler, no javascript: URL, nothing loaded
// from elsewhere), the injection attempts shown as text, and a running deployment's banner.
#include "reportfixture.h"

#include "report/htmlreportwriter.h"
#include "report/reportbuilder.h"

#include <QImage>
#include <QBuffer>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct Parsed {
    QString error;
    QStringList ids;
    QStringList texts; // every text node, whitespace-trimmed
    QStringList elements;
    QStringList urls;          // href and src values
    QStringList handlers;      // attributes named on...
    QString runningNotice;
    QString allText() const { return texts.join(u'\n'); }
};

Parsed parse(const QString &html)
{
    Parsed p;
    QXmlStreamReader xml(html);
    bool inNotice = false;
    while (!xml.atEnd()) {
        switch (xml.readNext()) {
        case QXmlStreamReader::StartElement: {
            p.elements << xml.name().toString().toLower();
            const QXmlStreamAttributes attributes = xml.attributes();
            for (const QXmlStreamAttribute &a : attributes) {
                const QString name = a.name().toString().toLower();
                if (name == u"id")
                    p.ids << a.value().toString();
                if (name == u"href" || name == u"src" || name == u"action" || name == u"formaction")
                    p.urls << a.value().toString();
                if (name.startsWith(u"on"))
                    p.handlers << name;
            }
            inNotice = attributes.value(QStringLiteral("id")) == u"running-notice";
            break;
        }
        case QXmlStreamReader::Characters:
            if (const QString t = xml.text().toString().trimmed(); !t.isEmpty()) {
                p.texts << t;
                if (inNotice)
                    p.runningNotice += t;
            }
            break;
        case QXmlStreamReader::EndElement: inNotice = false; break;
        default: break;
        }
    }
    if (xml.hasError())
        p.error = QStringLiteral("line %1: %2").arg(xml.lineNumber()).arg(xml.errorString());
    return p;
}

QList<QByteArray> fakeCharts(qsizetype n)
{
    QList<QByteArray> pngs;
    for (qsizetype i = 0; i < n; ++i) {
        QImage image(40, 12, QImage::Format_RGB32);
        image.fill(Qt::white);
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
        pngs << png;
    }
    return pngs;
}

} // namespace

class TestHtmlReport : public QObject
{
    Q_OBJECT

    ReportFixture m_fixture;

private Q_SLOTS:
    void readsBackWithEverySection_data()
    {
        QTest::addColumn<ReportJournal::Scenario>("scenario");
        QTest::newRow("completed") << ReportJournal::Scenario::Completed;
        QTest::newRow("rolled back") << ReportJournal::Scenario::RolledBack;
        QTest::newRow("in progress") << ReportJournal::Scenario::InProgress;
    }
    void readsBackWithEverySection()
    {
        QFETCH(ReportJournal::Scenario, scenario);
        const std::optional<ReportData> data = m_fixture.load(scenario);
        QVERIFY2(data, qPrintable(m_fixture.error()));
        const ReportDocument doc = ReportBuilder::build(*data);
        const Parsed p = parse(HtmlReportWriter::render(doc, fakeCharts(doc.charts.size())));
        QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
        for (const char *id : {"summary", "traffic-timeline", "metrics", "decision-record", "procedures", "checklist", "status-updates"})
            QVERIFY2(p.ids.contains(QLatin1String(id)), id);
        QCOMPARE(p.elements.count(QStringLiteral("img")), MetricCount);
        for (const QString &url : p.urls)
            QVERIFY2(url.startsWith(u'#') || url.startsWith(QLatin1String("data:image/png;base64,")), qPrintable(url.left(80)));
        QCOMPARE(p.elements.count(QStringLiteral("section")), 7);
        QCOMPARE(p.runningNotice.isEmpty(), scenario != ReportJournal::Scenario::InProgress);
        if (scenario == ReportJournal::Scenario::InProgress)
            QVERIFY(p.runningNotice.startsWith(QLatin1String("IN PROGRESS: the deployment was still running when this report was made (2027-01-15 08:39:00 UTC")));
        // The numbers are the journal's.
        QVERIFY(p.texts.contains(QStringLiteral("checkout")));
        QVERIFY(p.texts.contains(QStringLiteral("2.4.1")));
        if (scenario != ReportJournal::Scenario::Completed) {
            QVERIFY(p.texts.contains(QStringLiteral("> 351.6 ms (2x normal; normal was 175.8 ms)")));
            QVERIFY(p.texts.contains(QStringLiteral("412.5 ms")));
        }
    }

    void nothingInjectedRuns()
    {
        const std::optional<ReportData> data = m_fixture.load(ReportJournal::Scenario::RolledBack);
        QVERIFY2(data, qPrintable(m_fixture.error()));
        const QString html = HtmlReportWriter::render(ReportBuilder::build(*data), fakeCharts(MetricCount));
        const Parsed p = parse(html);
        QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
        QVERIFY(!p.elements.contains(QStringLiteral("script")));
        for (const QString &url : p.urls) // the table of contents' anchors and the charts' data
            QVERIFY2(url.startsWith(u'#') || url.startsWith(QLatin1String("data:image/png;base64,")), qPrintable(url.left(80)));
        QCOMPARE(p.handlers, QStringList());
        QCOMPARE(p.elements.count(QStringLiteral("img")), MetricCount); // the charts, and no <img onerror>
        QCOMPARE(p.elements.count(QStringLiteral("b")), 0);
        QVERIFY(html.contains(QLatin1String("Content-Security-Policy")));
        // ...and every attempt is there to read, as text: an item, a note, a rule line, a skip
        // reason, a server's answer, a step's output.
        const QString text = p.allText();
        QVERIFY(text.contains(QStringLiteral("Verify staging environment is ready <img src=x onerror=alert(1)> [docs](javascript:alert(2)) <script>alert('item')</script>")));
        QVERIFY(text.contains(QStringLiteral("Reviewed in PR 4711 <script>alert('item')</script> <img src=x onerror=alert(1)> [docs](javascript:alert(2))")));
        QVERIFY(text.contains(QStringLiteral("scan runs nightly; see <a href=\"javascript:alert(4)\">report</a>")));
        QVERIFY(text.contains(QStringLiteral("{\"status\":\"healthy\",\"note\":\"<script>alert('server')</script>\"}")));
        QVERIFY(text.contains(QStringLiteral("-- </pre><script>alert('output')</script>")));
    }

    void aRuleLineWithMarkupIsText()
    {
        const std::optional<ReportData> data = m_fixture.load(ReportJournal::Scenario::RolledBack);
        QVERIFY2(data, qPrintable(m_fixture.error()));
        ReportData withTrigger = *data;
        // The error-rate trigger's line carries markup; make it the one that fired.
        for (DeploymentEvent &e : withTrigger.events) {
            if (e.kind == DeploymentEvent::Kind::RollbackStarted)
                e.payload.insert(QStringLiteral("ruleId"), QStringLiteral("auto-rollback.error_rate"));
        }
        const Parsed p = parse(HtmlReportWriter::render(ReportBuilder::build(withTrigger), {}));
        QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
        QVERIFY(p.allText().contains(
            QStringLiteral("\"Error rate > 2% <script>alert('rule')</script> <img src=x onerror=alert(5)> [why](javascript:alert(3))\" (runbook line 148, auto-rollback.error_rate)")));
        QVERIFY(!p.elements.contains(QStringLiteral("script")));
        QCOMPARE(p.elements.count(QStringLiteral("img")), 0); // no charts were given, and the rule's <img> is text
        QCOMPARE(p.handlers, QStringList());
        QCOMPARE(p.urls.filter(QStringLiteral("javascript:"), Qt::CaseInsensitive), QStringList());
    }

    void escapeDropsWhatXmlCannotHold()
    {
        QCOMPARE(HtmlReportWriter::escape(QStringLiteral("a\x1b[31mred\x1b[0m\x01")), QStringLiteral("a\uFFFD[31mred\uFFFD[0m\uFFFD"));
        QCOMPARE(HtmlReportWriter::escape(QStringLiteral("<a href='x'>&amp;</a>")), QStringLiteral("&lt;a href=&#39;x&#39;&gt;&amp;amp;&lt;/a&gt;"));
    }
};

QTEST_MAIN(TestHtmlReport)
#include "tst_htmlreport.moc"
