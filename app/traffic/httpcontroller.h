#pragma once

#include "trafficconfig.h"
#include "trafficcontroller.h"

#include <QJsonDocument>

#include <optional>

class GuardedRequest;
class QNetworkAccessManager;

// Traffic through an HTTP API: the configured request with the weights in its JSON body,
// then a GET of the read-back URL whose JSON gives the weights at two JSON pointers. Both
// are GuardedRequests (same-origin redirects with the method and body kept, TLS verified, at
// most MaxAnswerBytes); the operation's timeout (TrafficController) is their deadline.
// A status other than 2xx fails with the status and the start of the body verbatim. The
// Authorization value goes into both requests and never into messages or details.
class HttpController : public TrafficController
{
    Q_OBJECT
public:
    // A traffic API answers with a few weights; more is not the answer configured.
    static constexpr qint64 MaxAnswerBytes = 1024 * 1024;

    explicit HttpController(const HttpTrafficConfig &config, QObject *parent = nullptr);
    ~HttpController() override;

    Phrase description() const override;

    // RFC 6901: "/a/b/0", with "~1" for '/' and "~0" for '~'. A pointer without the
    // leading '/' is taken as one key. Empty when the document has nothing there.
    static std::optional<QJsonValue> valueAt(const QJsonDocument &document, const QString &pointer);

protected:
    void startApply(quint64 id, int greenPercent) override;
    void startRead(quint64 id) override;
    Phrase cancel() override;

    const HttpTrafficConfig &config() const { return m_config; }
    // Who answers, for messages: "the traffic API".
    virtual Phrase peerName() const { return phrase("HttpController", "the traffic API"); }
    // The setting that gives the URL, for messages; empty: none to name.
    virtual Phrase urlSetting(bool readBack) const;

private:
    enum class Stage { Apply, ReadBack };
    void send(Stage stage);
    void onFinished(GuardedRequest *request);
    void readBack(const QByteArray &body);

    HttpTrafficConfig m_config;
    QNetworkAccessManager *m_manager;
    GuardedRequest *m_request = nullptr;
    quint64 m_id = 0;
    Stage m_stage = Stage::Apply;
    QByteArray m_body;
};
