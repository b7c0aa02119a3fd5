#include "reportbuilder.h"

#include "report/chartssection.h"
#include "report/checklistsection.h"
#include "report/decisionrecordsection.h"
#include "report/proceduressection.h"
#include "report/reportdata.h"
#include "report/reporttext.h"
#include "report/statusupdatessection.h"
#include "report/summarysection.h"
#include "report/traffictimelinesection.h"

ReportDocument ReportBuilder::build(const ReportData &data)
{
    const ReportText text(data);
    ReportDocument doc;
    const DeploymentState &s = data.state;
    doc.title = QStringLiteral("Deployment report: %1 %2").arg(s.service, s.version);
    if (!s.closed) {
        doc.outcome = s.traffic.rollbackActive ? QStringLiteral("In progress: rolling back") : QStringLiteral("In progress");
        doc.outcomeTone = s.traffic.rollbackActive ? ReportCell::Tone::Bad : ReportCell::Tone::Warn;
        doc.runningNotice = QStringLiteral("IN PROGRESS: the deployment was still running when this report was made (%1, %2)")
                                .arg(text.dateTime(data.endMs()), text.sinceStart(data.endMs()));
    } else {
        switch (s.outcome.value_or(DeploymentOutcome::Aborted)) {
        case DeploymentOutcome::Completed:
            doc.outcome = QStringLiteral("Completed");
            doc.outcomeTone = ReportCell::Tone::Good;
            break;
        case DeploymentOutcome::RolledBack:
            doc.outcome = QStringLiteral("Rolled back");
            doc.outcomeTone = ReportCell::Tone::Bad;
            break;
        case DeploymentOutcome::Aborted:
            doc.outcome = QStringLiteral("Aborted");
            doc.outcomeTone = ReportCell::Tone::Warn;
            break;
        }
    }
    doc.generated = QStringLiteral("Generated %1 by StoneCaster Deploy Console").arg(text.dateTime(data.generatedAtMs));
    SummarySection::add(doc, data, text);
    TrafficTimelineSection::add(doc, data, text);
    ChartsSection::add(doc, data, text);
    DecisionRecordSection::add(doc, data, text);
    ProceduresSection::add(doc, data, text);
    ChecklistSection::add(doc, data, text);
    StatusUpdatesSection::add(doc, data, text);
    return doc;
}
