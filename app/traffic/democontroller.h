#pragma once

#include "httpcontroller.h"

// The built-in simulator's traffic API: an HttpController with the simulator's URLs and
// body (PUT /api/traffic {"blue":B,"green":G}, GET /api/traffic), weights = percent.
class DemoController : public HttpController
{
    Q_OBJECT
public:
    explicit DemoController(const DemoTrafficConfig &config, QObject *parent = nullptr);

    Phrase description() const override;

    static HttpTrafficConfig httpConfig(const DemoTrafficConfig &config);

protected:
    Phrase peerName() const override { return phrase("DemoController", "the demo simulator"); }
    Phrase urlSetting(bool) const override { return {}; } // the console starts it and knows its URL

private:
    QUrl m_baseUrl;
};
