#pragma once

#include <QAbstractHttpServer>
#include <QHttpServerResponder>
#include <QJsonObject>
#include <QList>
#include <QUrl>

#include <list>

// A webhook receiver on 127.0.0.1 (a free port) capturing every payload posted to it; each
// path answers as the test says: a status and body, or no answer at all (a timeout).
class FakeWebhook : public QAbstractHttpServer
{
    Q_OBJECT
public:
    struct Post {
        QString path;
        QByteArray contentType;
        QByteArray body;
        QJsonObject json() const;
    };
    struct Answer {
        int status = 200;
        QByteArray body = "ok";
        bool hold = false; // never answer
    };

    explicit FakeWebhook(QObject *parent = nullptr);
    ~FakeWebhook() override;

    bool listenLocal();
    QUrl url(const QString &path) const;
    // Answers for `path`, used in turn; the last one repeats.
    void setAnswers(const QString &path, const QList<Answer> &answers) { m_answers[path] = answers; }
    const QList<Post> &posts() const { return m_posts; }
    QList<Post> postsTo(const QString &path) const;

protected:
    bool handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder) override;
    void missingHandler(const QHttpServerRequest &request, QHttpServerResponder &responder) override;

private:
    QHash<QString, QList<Answer>> m_answers;
    QHash<QString, int> m_answered;
    QList<Post> m_posts;
    std::list<QHttpServerResponder> m_held;
    quint16 m_port = 0;
};
