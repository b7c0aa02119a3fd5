#include "democontroller.h"

DemoController::DemoController(const DemoTrafficConfig &config, QObject *parent)
    : HttpController(httpConfig(config), parent)
    , m_baseUrl(config.baseUrl)
{
}

Phrase DemoController::description() const
{
    return phrase("DemoController", "demo simulator at %1").arg(m_baseUrl.toDisplayString());
}

HttpTrafficConfig DemoController::httpConfig(const DemoTrafficConfig &config)
{
    const QUrl traffic = config.baseUrl.resolved(QUrl(QStringLiteral("/api/traffic")));
    HttpTrafficConfig http;
    http.method = "PUT";
    http.url = traffic;
    http.readBackUrl = traffic;
    http.bodyTemplate = QStringLiteral("{\"blue\":${blue},\"green\":${green}}");
    http.blueField = QStringLiteral("/blue");
    http.greenField = QStringLiteral("/green");
    return http;
}
