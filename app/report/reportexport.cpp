#include "reportexport.h"

#include "report/chartssection.h"
#include "report/htmlreportwriter.h"
#include "report/markdownreportwriter.h"
#include "report/pdfreportwriter.h"
#include "report/reportbuilder.h"
#include "report/reportchartrenderer.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QPromise>
#include <QTimer>
#include <QtConcurrentRun>

struct ExportOutcome {
    bool ok = false;
    QString message;
};

namespace {

constexpr int ChartsShare = 50; // percent of the progress bar for drawing the charts

QList<QByteArray> encodePngs(const QList<QImage> &images, QPromise<ExportOutcome> &promise, int from, int to)
{
    QList<QByteArray> pngs;
    for (qsizetype i = 0; i < images.size() && !promise.isCanceled(); ++i) {
        QByteArray png;
        if (!images[i].isNull()) {
            QBuffer buffer(&png);
            buffer.open(QIODevice::WriteOnly);
            images[i].save(&buffer, "PNG");
        }
        pngs << png;
        promise.setProgressValueAndText(from + int((to - from) * (i + 1) / std::max<qsizetype>(1, images.size())), QStringLiteral("Encoding the charts"));
    }
    return pngs;
}

void writeReport(QPromise<ExportOutcome> &promise, std::shared_ptr<const ReportData> data, QList<QImage> images, QString path, ReportFormat format)
{
    promise.setProgressRange(0, 100);
    promise.setProgressValueAndText(ChartsShare + 2, QStringLiteral("Composing the report"));
    ReportDocument doc = ReportBuilder::build(*data);
    if (promise.isCanceled())
        return;
    // The charts as drawn (the renderer may add to the spec's size, a lane for the markers).
    for (qsizetype i = 0; i < doc.charts.size() && i < images.size(); ++i) {
        if (!images[i].isNull())
            doc.charts[i].size = images[i].deviceIndependentSize().toSize();
    }
    Status written;
    switch (format) {
    case ReportFormat::Pdf:
        promise.setProgressValueAndText(ChartsShare + 10, QStringLiteral("Laying out the pages"));
        written = PdfReportWriter::write(doc, images, path, [&promise](int done, int total) {
            promise.setProgressValueAndText(ChartsShare + 10 + (100 - ChartsShare - 10) * done / std::max(1, total),
                                            QStringLiteral("Writing page %1 of %2").arg(done).arg(total));
        });
        break;
    case ReportFormat::Html: {
        const QList<QByteArray> pngs = encodePngs(images, promise, ChartsShare + 5, 90);
        if (promise.isCanceled())
            return;
        promise.setProgressValueAndText(95, QStringLiteral("Writing the file"));
        written = HtmlReportWriter::write(doc, pngs, path);
        break;
    }
    case ReportFormat::Markdown: {
        const QList<QByteArray> pngs = encodePngs(images, promise, ChartsShare + 5, 90);
        if (promise.isCanceled())
            return;
        promise.setProgressValueAndText(95, QStringLiteral("Writing the files"));
        written = MarkdownReportWriter::write(doc, pngs, path);
        break;
    }
    }
    promise.addResult(ExportOutcome{written.ok(), written.ok() ? QString() : written.error()});
}

} // namespace

ReportExport::ReportExport(std::shared_ptr<const ReportData> data, const QString &path, ReportChartRenderer *renderer, QObject *parent)
    : QObject(parent)
    , m_data(std::move(data))
    , m_path(path)
    , m_format(reportFormatForPath(path))
    , m_renderer(renderer)
    , m_next(new QTimer(this))
    , m_watcher(new QFutureWatcher<ExportOutcome>(this))
{
    m_next->setSingleShot(true);
    m_next->setInterval(0);
    connect(m_next, &QTimer::timeout, this, &ReportExport::renderNextChart);
    connect(m_watcher, &QFutureWatcher<ExportOutcome>::progressValueChanged, this, [this](int value) {
        // The watcher starts from 0 when the worker begins: progress only goes forward.
        if (value > m_percent)
            report(value, m_watcher->progressText());
    });
    connect(m_watcher, &QFutureWatcher<ExportOutcome>::finished, this, [this] {
        const QFuture<ExportOutcome> future = m_watcher->future();
        if (m_cancelled || future.isCanceled() || future.resultCount() == 0)
            finish(false, QStringLiteral("the export was cancelled; %1 was not written").arg(m_path));
        else
            finish(future.result().ok, future.result().message);
    });
}

ReportExport::~ReportExport()
{
    // The worker holds its own copies; it is told to stop and waited for, so it never
    // writes a file after the export is gone.
    if (m_watcher->isRunning()) {
        m_watcher->future().cancel();
        m_watcher->waitForFinished();
    }
}

void ReportExport::start()
{
    if (m_running)
        return;
    m_running = true;
    m_cancelled = false;
    if (!m_format) {
        QTimer::singleShot(0, this, [this] {
            finish(false, QStringLiteral("%1: the report's format is told by its extension: .pdf, .html or .md").arg(m_path));
        });
        return;
    }
    m_specs = ChartsSection::specs(*m_data);
    m_images.clear();
    m_chartPrepared = false;
    m_percent = -1;
    report(0, QStringLiteral("Drawing the charts"));
    m_next->start();
}

void ReportExport::cancel()
{
    if (!m_running)
        return;
    m_cancelled = true;
    if (m_watcher->isRunning()) {
        m_watcher->future().cancel(); // finished() follows from the watcher
        return;
    }
    m_next->stop();
    QTimer::singleShot(0, this, [this] { finish(false, QStringLiteral("the export was cancelled; %1 was not written").arg(m_path)); });
}

void ReportExport::renderNextChart()
{
    if (m_cancelled)
        return;
    if (m_images.size() == m_specs.size()) {
        startWriting();
        return;
    }
    QElapsedTimer timer;
    timer.start();
    // Half a chart per turn: laid out on one, painted on the next.
    if (!m_chartPrepared) {
        if (m_renderer)
            m_renderer->prepare(m_specs[m_images.size()], m_data->samples);
        m_chartPrepared = true;
    } else {
        m_images << (m_renderer ? m_renderer->draw() : QImage());
        m_chartPrepared = false;
        report(int(ChartsShare * m_images.size() / std::max<qsizetype>(1, m_specs.size())),
               QStringLiteral("Drawing the charts (%1 of %2)").arg(m_images.size()).arg(m_specs.size()));
    }
    m_longestChartMs = std::max(m_longestChartMs, timer.elapsed());
    m_next->start(); // the next half on the next turn of the event loop
}

void ReportExport::startWriting()
{
    m_watcher->setFuture(QtConcurrent::run(writeReport, m_data, m_images, m_path, *m_format));
}

void ReportExport::finish(bool ok, const QString &message)
{
    if (!m_running)
        return;
    m_running = false;
    if (ok)
        report(100, QStringLiteral("Written"));
    Q_EMIT finished(ok, message);
}

void ReportExport::report(int percent, const QString &step)
{
    m_percent = percent;
    Q_EMIT progressChanged(percent, step);
}
