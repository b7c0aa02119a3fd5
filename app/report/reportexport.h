#pragma once

#include "report/reportchartspec.h"
#include "report/reportdata.h"
#include "report/reportformat.h"

#include <QFutureWatcher>
#include <QImage>
#include <QObject>

#include <memory>

class ReportChartRenderer;
class QTimer;
struct ExportOutcome;

// Writes one report without blocking the GUI thread: the charts are drawn on the GUI thread one
// per event-loop turn (the renderer draws the window's own charts, which live there), then the
// document is composed and written (PDF, HTML or Markdown with PNGs beside it, by the file's
// extension) in a worker thread. Reports progress as it goes; finished() comes exactly once.
class ReportExport : public QObject
{
    Q_OBJECT
public:
    // `renderer` may be null (no charts are drawn, the report says so); it must outlive the export.
    ReportExport(std::shared_ptr<const ReportData> data, const QString &path, ReportChartRenderer *renderer, QObject *parent = nullptr);
    ~ReportExport() override;

    QString path() const { return m_path; }
    void start();
    // Stops at the next chart or page; finished() then says it was cancelled and the file is
    // not written (it is only ever replaced whole).
    void cancel();
    bool isRunning() const { return m_running; }
    // Milliseconds the longest turn of drawing a chart (half of one) held the GUI thread.
    qint64 longestChartMs() const { return m_longestChartMs; }

Q_SIGNALS:
    void progressChanged(int percent, const QString &step);
    void finished(bool ok, const QString &message);

private:
    void renderNextChart();
    void startWriting();
    void finish(bool ok, const QString &message);
    void report(int percent, const QString &step);

    std::shared_ptr<const ReportData> m_data;
    QString m_path;
    std::optional<ReportFormat> m_format;
    ReportChartRenderer *m_renderer;
    QList<ReportChartSpec> m_specs;
    QList<QImage> m_images;
    QTimer *m_next;
    QFutureWatcher<ExportOutcome> *m_watcher;
    bool m_running = false;
    bool m_cancelled = false;
    bool m_chartPrepared = false;
    qint64 m_longestChartMs = 0;
    int m_percent = -1;
};
