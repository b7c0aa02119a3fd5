#include "chartssection.h"

#include "report/reportdata.h"
#include "report/reportdocument.h"
#include "report/reporttext.h"

namespace {

QString captionFor(Metric metric, const ReportChartSpec &spec)
{
    QStringList parts{QStringLiteral("Blue and green over the whole deployment.")};
    if (metric == Metric::TrafficShare) {
        parts << QStringLiteral("Observed share of requests; the dashed lines are the commanded share.");
    } else {
        int numeric = 0;
        for (const Rule &rule : spec.rules)
            numeric += rule.value.has_value();
        if (numeric > 0)
            parts << QStringLiteral("Horizontal lines: the runbook's %1 threshold%2 on this metric.").arg(numeric).arg(numeric == 1 ? QString() : QStringLiteral("s"));
        if (metric == Metric::ResponseTime)
            parts << (spec.normalMs ? QStringLiteral("\"Normal\" was %1.").arg(ReportText::value(*spec.normalMs, QStringLiteral("ms")))
                                    : QStringLiteral("\"Normal\" was never known, so its multiples are not drawn."));
    }
    parts << QStringLiteral("Vertical lines: traffic steps, breaches and the rollback.");
    return parts.join(QLatin1Char(' '));
}

} // namespace

QList<ChartMarker> ChartsSection::markers(const ReportData &data)
{
    QList<ChartMarker> result;
    int previous = 0;
    for (const DeploymentEvent &e : data.events) {
        switch (e.kind) {
        case DeploymentEvent::Kind::TrafficCommanded: {
            const int green = e.payload.value(QStringLiteral("green")).toInt();
            if (green != previous && !(green == 0 && data.state.traffic.rollbackAtMs > 0 && e.atMs >= data.state.traffic.rollbackAtMs))
                result << ChartMarker{e.atMs, ChartMarker::Kind::Step, QStringLiteral("%1%").arg(green)};
            previous = green;
            break;
        }
        case DeploymentEvent::Kind::RuleBreached: {
            const bool trigger = e.payload.value(QStringLiteral("tier")).toString() == u"auto-rollback";
            result << ChartMarker{e.atMs, trigger ? ChartMarker::Kind::Trigger : ChartMarker::Kind::Breach, trigger ? QStringLiteral("trigger") : QStringLiteral("breach")};
            break;
        }
        case DeploymentEvent::Kind::RollbackStarted: result << ChartMarker{e.atMs, ChartMarker::Kind::Rollback, QStringLiteral("rollback")}; break;
        case DeploymentEvent::Kind::GateOverridden: result << ChartMarker{e.atMs, ChartMarker::Kind::Override, QStringLiteral("override")}; break;
        default: break;
        }
    }
    return result;
}

QList<ReportChartSpec> ChartsSection::specs(const ReportData &data)
{
    QList<ReportChartSpec> result;
    const QList<ChartMarker> marks = markers(data);
    for (int i = 0; i < MetricCount; ++i) {
        const Metric metric = Metric(i);
        if (data.series(metric, Color::Blue).empty() && data.series(metric, Color::Green).empty())
            continue;
        ReportChartSpec spec;
        spec.metric = metric;
        spec.title = metricDisplayName(metric);
        spec.fromMs = data.state.startedAtMs;
        spec.toMs = data.endMs();
        for (const Rule &rule : data.runbook.rules) {
            if (metricForRule(rule.metric) == metric)
                spec.rules << rule;
        }
        spec.normalMs = data.normalMs;
        if (metric == Metric::TrafficShare)
            spec.commanded = data.state.traffic.commandHistory;
        spec.markers = marks;
        spec.fileStem = metricKey(metric);
        spec.caption = captionFor(metric, spec);
        result << spec;
    }
    return result;
}

void ChartsSection::add(ReportDocument &doc, const ReportData &data, const ReportText &text)
{
    doc.heading(QStringLiteral("Metrics"), QStringLiteral("metrics"));
    doc.charts = specs(data);
    if (doc.charts.isEmpty()) {
        doc.paragraph(QStringLiteral("No metric samples were recorded for this deployment."), ReportCell::Tone::Muted);
        return;
    }
    doc.paragraph(QStringLiteral("From %1 to %2, drawn by the console's own charts.").arg(text.dateTime(data.state.startedAtMs), text.dateTime(data.endMs())));
    for (int i = 0; i < doc.charts.size(); ++i)
        doc.chart(i);
}
