#include "environmentstatus.h"

#include "common/statuscolor.h"

#include "core/clock.h"
#include "metrics/metricssession.h"
#include "session/consolesession.h"

#include <QFontMetrics>

#include <algorithm>

namespace {
const QString Separator = QStringLiteral(" · ");
}

EnvironmentStatus::EnvironmentStatus(ConsoleSession *session, QWidget *parent)
    : QLabel(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("environmentStatus"));
    setTextFormat(Qt::RichText);
    refresh();
}

QString EnvironmentStatus::fullText() const
{
    return m_environment + Separator + m_status + m_clock;
}

void EnvironmentStatus::refresh()
{
    const MetricsSession *metrics = m_session->metrics();
    if (!metrics)
        return;
    const double scale = m_session->clock()->scale();
    const QString environment = m_session->environmentName();
    const QString status = metrics->statusPhrase().translated();
    const QString clock = scale != 1.0 ? tr(" · time ×%1").arg(scale) : QString();
    if (environment != m_environment || status != m_status || clock != m_clock) {
        m_environment = environment;
        m_status = status;
        m_clock = clock;
        updateGeometry();
    }
    const QString file = m_session->profile().fileName;
    setToolTip(fullText() + (file.isEmpty() ? QString() : QStringLiteral("\n") + file));
    fit();
}

void EnvironmentStatus::fit()
{
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics plain(font());
    const int fixed = QFontMetrics(bold).horizontalAdvance(m_environment) + plain.horizontalAdvance(Separator + m_clock);
    const QString status = plain.elidedText(m_status, Qt::ElideRight, std::max(0, contentsRect().width() - fixed - 2));
    const QString badge = m_session->isSimulated() ? QStringLiteral("<b style=\"color:%1\">%2</b>")
                                                         .arg(StatusColor::color(StatusColor::Role::Warning, palette()).name(), m_environment.toHtmlEscaped())
                                                   : QStringLiteral("<b>%1</b>").arg(m_environment.toHtmlEscaped());
    const QString html = badge + Separator + status.toHtmlEscaped() + m_clock.toHtmlEscaped();
    if (html != text())
        setText(html);
}

QSize EnvironmentStatus::sizeHint() const
{
    QFont bold = font();
    bold.setBold(true);
    const int width = QFontMetrics(bold).horizontalAdvance(m_environment) + QFontMetrics(font()).horizontalAdvance(Separator + m_status + m_clock) + 4;
    const QMargins m = contentsMargins();
    return {width + m.left() + m.right(), QLabel::sizeHint().height()};
}

QSize EnvironmentStatus::minimumSizeHint() const
{
    // The environment's name is always shown whole; the status gives way.
    QFont bold = font();
    bold.setBold(true);
    const QMargins m = contentsMargins();
    return {QFontMetrics(bold).horizontalAdvance(m_environment) + QFontMetrics(font()).horizontalAdvance(Separator + QStringLiteral("…")) + 4 + m.left() + m.right(),
            QLabel::minimumSizeHint().height()};
}

void EnvironmentStatus::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    fit();
}
