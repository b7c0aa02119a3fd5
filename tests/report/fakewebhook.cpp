#include "fakewebhook.h"

#include <QHttpHeaders>
#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QTcpServer>

QJsonObject FakeWebhook::Post::json() const
{
    return QJsonDocument::fromJson(body).object();
}

FakeWebhook::FakeWebhook(QObject *parent)
    : QAbstractHttpServer(parent)
{
}

FakeWebhook::~FakeWebhook()
{
    m_held.clear();
}

bool FakeWebhook::listenLocal()
{
    auto *server = new QTcpServer(this);
    if (!server->listen(QHostAddress::LocalHost, 0) || !bind(server))
        return false;
    m_port = server->serverPort();
    return true;
}

QUrl FakeWebhook::url(const QString &path) const
{
    QUrl u;
    u.setScheme(QStringLiteral("http"));
    u.setHost(QStringLiteral("127.0.0.1"));
    u.setPort(m_port);
    u.setPath(path);
    return u;
}

QList<FakeWebhook::Post> FakeWebhook::postsTo(const QString &path) const
{
    QList<Post> result;
    for (const Post &p : m_posts) {
        if (p.path == path)
            result << p;
    }
    return result;
}

bool FakeWebhook::handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    Post post;
    post.path = request.url().path();
    post.contentType = request.headers().value(QHttpHeaders::WellKnownHeader::ContentType).toByteArray();
    post.body = request.body();
    m_posts << post;
    const QList<Answer> answers = m_answers.value(post.path, {Answer{}});
    const int n = m_answered[post.path]++;
    const Answer answer = answers.value(std::min<qsizetype>(n, answers.size() - 1));
    if (answer.hold) {
        m_held.push_back(std::move(responder));
        return true;
    }
    responder.write(answer.body, "text/plain", QHttpServerResponder::StatusCode(answer.status));
    return true;
}

void FakeWebhook::missingHandler(const QHttpServerRequest &, QHttpServerResponder &responder)
{
    responder.write(QHttpServerResponder::StatusCode::NotFound);
}
