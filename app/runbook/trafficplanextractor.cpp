#include "trafficplanextractor.h"

#include "keywords.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace {
constexpr auto CI = QRegularExpression::CaseInsensitiveOption;
}

bool TrafficPlanExtractor::isTrafficHeading(const QString &heading)
{
    static const QRegularExpression re(QStringLiteral(R"(\btraffic\b|\bshift(?:ing)?\b|\bcanary\b|\bramp(?:[-\s]?up)?\b|\brollout\b|\bcut-?over\b|\bweights?\b)"), CI);
    if (!containsAnyKeyword(heading, {"traffic", "shift", "canary", "ramp", "rollout", "cut", "weight"}))
        return false;
    return re.match(heading).hasMatch();
}

std::optional<int> TrafficPlanExtractor::stepPercent(const QString &text)
{
    static const QRegularExpression percent(QStringLiteral(R"((?<![\d.])(\d{1,3})\s*(?:%|percent\b))"), CI);
    // A step names an action or what is moved: "Increase to 10%", "Canary at 5% of requests".
    static const QRegularExpression verb(QStringLiteral(R"(\b(?:start|begin|increase|raise|shift|move|route|send|ramp|go|set|bump|promote|advance|direct|switch|put|expand|scale|traffic|requests|users|weight|canary)\w*\b)"), CI);
    static const QRegularExpression comparison(QStringLiteral(R"([<>≥≤]|\b(?:above|below|exceeds?|greater|less|over|under|more\s+than)\b)"), CI);
    static const QRegularExpression decimal(QStringLiteral(R"(\d\.\d+\s*%)"));
    if (!text.contains(QLatin1Char('%')) && !containsAnyKeyword(text, {"percent"}))
        return std::nullopt;
    if (comparison.match(text).hasMatch() || !verb.match(text).hasMatch())
        return std::nullopt;
    auto it = percent.globalMatch(text);
    if (!it.hasNext() || decimal.match(text).hasMatch())
        return std::nullopt;
    const int value = it.next().captured(1).toInt();
    if (it.hasNext())
        return std::nullopt; // "move 10% of the 50% ...": not a plain step
    return value;
}

std::optional<int> TrafficPlanExtractor::holdMinutes(const QString &text, QString *error)
{
    // "Monitor metrics for 5 minutes", "Wait 10 min", "Soak for at least 1 hour", "15-minute bake".
    static const QRegularExpression hold(QStringLiteral(
        R"(\b(?:monitor|hold|wait|observe|watch|soak|bake|pause|keep|let)\w*\b(?:.*?\b(?:for|of)\s+|\s+)(?:at\s+least\s+)?(\d+(?:\.\d+)?)\s*(minutes?|mins?|m|hours?|hrs?|h|seconds?|secs?|s)\b)"), CI);
    static const QRegularExpression holdAfter(QStringLiteral(
        R"((\d+(?:\.\d+)?)[-\s]*(minutes?|mins?|m|hours?|hrs?|h|seconds?|secs?|s)\s+(?:of\s+)?(?:hold|soak|bake|observation|monitoring|wait)\b)"), CI);
    if (std::none_of(text.cbegin(), text.cend(), [](QChar c) { return c.isDigit(); }))
        return std::nullopt;
    QRegularExpressionMatch m = hold.match(text);
    if (!m.hasMatch())
        m = holdAfter.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const double amount = m.captured(1).toDouble();
    const QString unit = m.captured(2).toLower();
    double minutes = amount;
    if (unit.startsWith(QLatin1Char('h')))
        minutes = amount * 60;
    else if (unit.startsWith(QLatin1Char('s')))
        minutes = amount / 60;
    if (minutes != std::floor(minutes)) {
        *error = QStringLiteral("monitoring hold \"%1 %2\" is not a whole number of minutes").arg(m.captured(1), m.captured(2));
        return std::nullopt;
    }
    return int(minutes);
}

void TrafficPlanExtractor::addLine(const QString &text, int line)
{
    const std::optional<int> percent = stepPercent(text);
    if (percent) {
        if (*percent <= 0 || *percent > 100) {
            m_diagnostics.append({line, Diagnostic::Severity::Error,
                                  QStringLiteral("traffic step of %1% is outside 1-100%").arg(*percent)});
            return;
        }
        if (!m_steps.isEmpty() && *percent <= m_steps.last().percent) {
            m_diagnostics.append({line, Diagnostic::Severity::Error,
                                  QStringLiteral("traffic step %1% does not increase on the previous step %2% (line %3)")
                                      .arg(*percent)
                                      .arg(m_steps.last().percent)
                                      .arg(m_steps.last().line)});
            return;
        }
        m_steps.append({*percent, std::nullopt, line});
    }
    QString error;
    const std::optional<int> minutes = holdMinutes(text, &error);
    if (!error.isEmpty()) {
        m_diagnostics.append({line, Diagnostic::Severity::Error, error});
        return;
    }
    if (!minutes)
        return;
    if (m_steps.isEmpty()) {
        m_diagnostics.append({line, Diagnostic::Severity::Warning,
                              QStringLiteral("monitoring hold before any traffic step is ignored")});
        return;
    }
    if (m_steps.last().holdMinutes) {
        m_diagnostics.append({line, Diagnostic::Severity::Error,
                              QStringLiteral("second monitoring hold for the %1% step (first at line %2)")
                                  .arg(m_steps.last().percent)
                                  .arg(m_lastHoldLine)});
        return;
    }
    m_steps.last().holdMinutes = *minutes;
    m_lastHoldLine = line;
}

void TrafficPlanExtractor::finish()
{
    if (m_steps.isEmpty())
        return;
    // The last step is where traffic stays: no hold gates a step after it.
    m_steps.last().holdMinutes.reset();
    for (qsizetype i = 0; i + 1 < m_steps.size(); ++i) {
        if (!m_steps[i].holdMinutes) {
            m_diagnostics.append({m_steps[i].line, Diagnostic::Severity::Warning,
                                  QStringLiteral("traffic step %1% has no monitoring hold before the next step").arg(m_steps[i].percent)});
        }
    }
    if (m_steps.last().percent != 100) {
        m_diagnostics.append({m_steps.last().line, Diagnostic::Severity::Warning,
                              QStringLiteral("traffic plan ends at %1%, not 100%").arg(m_steps.last().percent)});
    }
}
