#pragma once

#include "metrics/metric.h"

#include <QStringList>
#include <QWidget>

#include <array>

class SampleStore;
class QHBoxLayout;
class QLabel;

// The lines above a metric chart: its name and unit, blue's and green's current values (greyed
// when not fresh), the time of the newest good sample, a STALE badge, the store's fetch errors
// and the chart's notes (thresholds not drawn, a clipped peak). Object names: chartTitle,
// blueValue, greenValue, lastGood, staleBadge, errorText, noteText.
class ChartHeader : public QWidget
{
    Q_OBJECT
public:
    ChartHeader(Metric metric, QWidget *parent = nullptr);

    // Small fonts and no colour names: the live panel's charts.
    void setCompact(bool compact);
    // Another value (the traffic chart's commanded share), beside the current values, or, when
    // compact, on the title's line where there is room for it; it takes the values' font and the
    // dimmed colour of the time.
    void addValueLabel(QLabel *label);
    // Reads the store's latest samples, freshness and errors at `nowMs`; `notes` go under it.
    void showSamples(const SampleStore *store, qint64 nowMs, const QStringList &notes);
    // The profile has no query for the metric (said once, for good): no values, no badge, only
    // `reason` under the title.
    void showNotMonitored(const QString &reason);

    // "412 ms", "0.05 %": a value as the header and tooltips show it.
    static QString displayValue(double value, Metric metric);
    static QString colorName(Color color); // "Blue", "Green"
    static QString metricTitle(Metric metric); // metricDisplayName() in the window's language
    static QString clockTime(qint64 ms);   // "14:32:05", local time

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyFonts();
    void applyPalette();
    void placeExtraValues();

    Metric m_metric;
    bool m_compact = false;
    QLabel *m_title;
    std::array<QLabel *, 2> m_valueLabels;
    QList<QLabel *> m_extraValues;
    QLabel *m_lastGood;
    QLabel *m_staleBadge;
    QLabel *m_errorText;
    QLabel *m_noteText;
    QHBoxLayout *m_topRow;
    QHBoxLayout *m_valueRow;
    // What showSamples() last showed, to redraw the swatches after a change of palette.
    const SampleStore *m_store = nullptr;
    qint64 m_nowMs = 0;
    QStringList m_notes;
};
