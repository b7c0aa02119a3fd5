#pragma once

// Blocking HTTP for the simulator tests: one request through QNetworkAccessManager,
// waiting in the event loop so the server in the same thread can answer.
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QUrl>

#include <map>

struct SimHttpReply {
    int status = -1; // -1: no HTTP answer at all
    QByteArray contentType;
    QByteArray body;
    QString networkError;
    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
    QJsonObject object() const { return json().object(); }
};

class SimHttp
{
public:
    SimHttp() { m_nam.setProxy(QNetworkProxy::NoProxy); }

    SimHttpReply send(const QByteArray &verb, const QUrl &url, const QByteArray &body = {}, const QByteArray &contentType = {})
    {
        QNetworkRequest request(url);
        if (!contentType.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        QNetworkReply *reply = m_nam.sendCustomRequest(request, verb, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(15000);
        SimHttpReply r;
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        r.status = status.isValid() ? status.toInt() : -1;
        r.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        r.body = reply->readAll();
        if (reply->error() != QNetworkReply::NoError && r.status < 0)
            r.networkError = reply->errorString();
        reply->deleteLater();
        return r;
    }

    SimHttpReply get(const QUrl &base, const QString &path, const std::map<QString, QString> &params = {})
    {
        return send("GET", withQuery(base, path, params));
    }

    // Parameters percent-encoded one by one, as a careful client does.
    static QUrl withQuery(const QUrl &base, const QString &path, const std::map<QString, QString> &params)
    {
        QUrl url = base.resolved(QUrl(path));
        QByteArray query;
        for (const auto &[key, value] : params) {
            if (!query.isEmpty())
                query += '&';
            query += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
        }
        if (!query.isEmpty())
            url.setQuery(QString::fromLatin1(query));
        return url;
    }

private:
    QNetworkAccessManager m_nam;
};
