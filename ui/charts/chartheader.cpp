#include "chartheader.h"

#include "chartstyle.h"

#include "core/phrase.h"
#include "metrics/samplestore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace {

QString age(qint64 ms)
{
    if (ms < 90'000)
        return ChartHeader::tr("%1 s").arg(std::max<qint64>(0, ms / 1000));
    return ChartHeader::tr("%1 min").arg(ms / 60'000);
}

} // namespace

QString ChartHeader::metricTitle(Metric metric)
{
    return metricDisplayPhrase(metric).translated();
}

QString ChartHeader::colorName(Color color)
{
    return color == Color::Blue ? ChartHeader::tr("Blue") : ChartHeader::tr("Green");
}

QString ChartHeader::displayValue(double value, Metric metric)
{
    // Enough digits to tell 0.05 % from 0.5 %, no false precision on large numbers.
    if (!std::isfinite(value))
        return ChartHeader::tr("no value");
    const double a = std::abs(value);
    const bool ms = metricUnit(metric) == QLatin1String("ms");
    const int decimals = ms ? (a < 10 ? 1 : 0) : (a < 1 ? 2 : a < 10 ? 1 : 0);
    return localizedNumber(value, 'f', decimals) + QLatin1Char(' ') + metricUnit(metric);
}

QString ChartHeader::clockTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss"));
}

ChartHeader::ChartHeader(Metric metric, QWidget *parent)
    : QWidget(parent)
    , m_metric(metric)
    , m_title(new QLabel(this))
    , m_valueLabels{new QLabel(this), new QLabel(this)}
    , m_lastGood(new QLabel(this))
    , m_staleBadge(new QLabel(ChartHeader::tr("STALE"), this))
    , m_errorText(new QLabel(this))
    , m_noteText(new QLabel(this))
    , m_topRow(new QHBoxLayout)
    , m_valueRow(new QHBoxLayout)
{
    setObjectName(QStringLiteral("chartHeader"));
    m_title->setObjectName(QStringLiteral("chartTitle"));
    m_valueLabels[0]->setObjectName(QStringLiteral("blueValue"));
    m_valueLabels[1]->setObjectName(QStringLiteral("greenValue"));
    m_lastGood->setObjectName(QStringLiteral("lastGood"));
    m_staleBadge->setObjectName(QStringLiteral("staleBadge"));
    // A fixed red with white text: the badge must stand out the same in light and dark palettes.
    m_staleBadge->setStyleSheet(QStringLiteral("QLabel { background: #c92a2a; color: white; font-weight: bold; padding: 0px 5px; border-radius: 3px; }"));
    m_staleBadge->hide();
    m_errorText->setObjectName(QStringLiteral("errorText"));
    m_errorText->setTextFormat(Qt::PlainText); // Prometheus's, or a proxy's, own words
    m_errorText->setWordWrap(true);
    m_errorText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorText->hide();
    m_noteText->setObjectName(QStringLiteral("noteText"));
    m_noteText->setTextFormat(Qt::PlainText);
    m_noteText->setWordWrap(true);
    m_noteText->hide();
    for (QLabel *label : {m_title, m_valueLabels[0], m_valueLabels[1]})
        label->setTextFormat(Qt::RichText);
    m_lastGood->setToolTip(ChartHeader::tr("Time of the newest good sample"));
    // "last good: blue 14:02:11, green none" takes a second line in a narrow chart, never
    // pushes the chart wider than its panel.
    m_lastGood->setWordWrap(true);
    m_lastGood->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    m_topRow->setContentsMargins(4, 0, 4, 0);
    m_topRow->addWidget(m_title);
    m_topRow->addStretch(1);
    m_topRow->addWidget(m_staleBadge);
    m_valueRow->setContentsMargins(4, 0, 4, 0);
    m_valueRow->setSpacing(12);
    m_valueRow->addWidget(m_valueLabels[0]);
    m_valueRow->addWidget(m_valueLabels[1]);
    m_valueRow->addWidget(m_lastGood, 1); // the rest of the row, its text at the right
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(1);
    layout->addLayout(m_topRow);
    layout->addLayout(m_valueRow);
    layout->addWidget(m_errorText);
    layout->addWidget(m_noteText);
    applyFonts();
    applyPalette();
}

void ChartHeader::setCompact(bool compact)
{
    if (compact == m_compact)
        return;
    m_compact = compact;
    placeExtraValues();
    applyFonts();
    if (m_store)
        showSamples(m_store, m_nowMs, m_notes);
}

void ChartHeader::addValueLabel(QLabel *label)
{
    label->setParent(this);
    m_extraValues << label;
    placeExtraValues();
    applyFonts();
    applyPalette();
}

void ChartHeader::placeExtraValues()
{
    for (qsizetype i = 0; i < m_extraValues.size(); ++i) {
        QLabel *label = m_extraValues.at(i);
        m_topRow->removeWidget(label);
        m_valueRow->removeWidget(label);
        if (m_compact)
            m_topRow->insertWidget(m_topRow->indexOf(m_staleBadge), label); // after the stretch, before the badge
        else
            m_valueRow->insertWidget(2 + int(i), label);
    }
}

void ChartHeader::showNotMonitored(const QString &reason)
{
    m_store = nullptr; // nothing to redraw from
    for (QLabel *label : {m_valueLabels[0], m_valueLabels[1], m_lastGood, m_errorText}) {
        label->clear();
        label->hide();
    }
    m_staleBadge->hide();
    for (QLabel *label : std::as_const(m_extraValues))
        label->hide();
    m_noteText->setText(reason);
    m_noteText->show();
}

void ChartHeader::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPalette();
        if (m_store)
            showSamples(m_store, m_nowMs, m_notes); // the swatches' colours
    } else if (event->type() == QEvent::FontChange) {
        applyFonts();
    }
}

void ChartHeader::showSamples(const SampleStore *store, qint64 nowMs, const QStringList &notes)
{
    m_store = store;
    m_nowMs = nowMs;
    m_notes = notes;
    const QPalette pal = palette();
    QStringList staleDetails;
    QStringList lastGoodParts;
    QStringList errors;
    bool stale = false;
    qint64 newestGood = -1;
    for (int c = 0; c < 2; ++c) {
        const Color color = Color(c);
        const SeriesKey key{m_metric, color};
        const std::optional<Sample> latest = store->latest(key);
        const std::optional<Sample> good = store->lastGood(key);
        const QString error = store->error(key).translated();
        const bool known = latest.has_value() || !error.isEmpty();
        const bool fresh = store->isFresh(key, nowMs);
        const QString value = latest ? displayValue(latest->value, m_metric) : QStringLiteral("–");
        const QString swatch = ChartStyle::seriesColor(color, pal).name();
        m_valueLabels[c]->setText(QStringLiteral("<span style=\"color:%1\">&#9632;</span> %2 <b>%3</b>").arg(swatch, m_compact ? QString() : colorName(color), value.toHtmlEscaped()));
        m_valueLabels[c]->setEnabled(fresh || !known); // greyed: it is not the current value
        if (good)
            newestGood = std::max(newestGood, good->timeMs);
        if (known && !fresh) {
            stale = true;
            staleDetails << (good ? ChartHeader::tr("%1: last good sample at %2, %3 ago").arg(colorName(color), clockTime(good->timeMs), age(nowMs - good->timeMs))
                                  : ChartHeader::tr("%1: no good sample yet").arg(colorName(color)));
            lastGoodParts << (good ? ChartHeader::tr("%1 %2").arg(colorName(color).toLower(), clockTime(good->timeMs)) : ChartHeader::tr("%1 none").arg(colorName(color).toLower()));
        }
        if (!error.isEmpty())
            errors << ChartHeader::tr("%1: %2").arg(colorName(color), error);
    }
    m_staleBadge->setVisible(stale);
    m_staleBadge->setToolTip(ChartHeader::tr("No good sample within %1 s:\n%2").arg(store->freshnessMs() / 1000).arg(staleDetails.join(QLatin1Char('\n'))));
    if (stale)
        m_lastGood->setText(ChartHeader::tr("last good: %1").arg(lastGoodParts.join(QStringLiteral(", "))));
    else
        m_lastGood->setText(newestGood >= 0 ? ChartHeader::tr("at %1").arg(clockTime(newestGood)) : QString());

    const QString errorText = errors.join(QLatin1Char('\n'));
    if (m_errorText->text() != errorText)
        m_errorText->setText(errorText);
    m_errorText->setVisible(!errorText.isEmpty());
    const QString noteText = notes.join(QLatin1Char('\n'));
    if (m_noteText->text() != noteText)
        m_noteText->setText(noteText);
    m_noteText->setVisible(!noteText.isEmpty());
}

void ChartHeader::applyFonts()
{
    const QFont base = font();
    QFont small = base;
    small.setPointSizeF(base.pointSizeF() * (m_compact ? 0.8 : 0.9));
    QFont title = base;
    title.setBold(true);
    if (m_compact)
        title.setPointSizeF(base.pointSizeF() * 0.95);
    m_title->setFont(title);
    for (QLabel *label : {m_valueLabels[0], m_valueLabels[1]})
        label->setFont(m_compact ? small : base);
    for (QLabel *label : std::as_const(m_extraValues))
        label->setFont(m_compact ? small : base);
    for (QLabel *label : {m_lastGood, m_errorText, m_noteText, m_staleBadge})
        label->setFont(small);
}

void ChartHeader::applyPalette()
{
    const QPalette pal = palette();
    const QColor dim = ChartStyle::mix(pal.color(QPalette::WindowText), pal.color(QPalette::Window), 0.4);
    m_title->setText(QStringLiteral("%1 <span style=\"color:%2; font-weight:normal\">%3</span>")
                         .arg(metricTitle(m_metric).toHtmlEscaped(), dim.name(), metricUnit(m_metric).toHtmlEscaped()));
    QPalette dimPalette = pal;
    dimPalette.setColor(QPalette::WindowText, dim);
    m_lastGood->setPalette(dimPalette);
    m_noteText->setPalette(dimPalette);
    for (QLabel *label : std::as_const(m_extraValues))
        label->setPalette(dimPalette);
    QPalette errorPalette = pal;
    errorPalette.setColor(QPalette::WindowText, ChartStyle::isDark(pal) ? QColor(0xff, 0x87, 0x87) : QColor(0xc9, 0x2a, 0x2a));
    m_errorText->setPalette(errorPalette);
}
