#include "headlessreport.h"

#include "report/reportexport.h"

#include <QEventLoop>

Status writeReportAndWait(std::shared_ptr<const ReportData> data, const QString &path, ReportChartRenderer *charts)
{
    ReportExport job(std::move(data), path, charts);
    QEventLoop loop;
    Status result;
    QObject::connect(&job, &ReportExport::finished, &loop, [&loop, &result](bool ok, const QString &message) {
        if (!ok)
            result = Status::failure(message);
        loop.quit();
    });
    job.start();
    loop.exec();
    return result;
}
