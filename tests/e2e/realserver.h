#pragma once

#include <QNetworkAccessManager>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

// A real server binary from the build root, run for one test on 127.0.0.1: started with
// its arguments, waited for until a readiness URL answers 200, stopped (SIGTERM, then
// SIGKILL) when the object goes. Its output is kept for failure messages.
class RealServer
{
public:
    // `program` is looked up in PATH and in /usr/sbin, /usr/bin.
    explicit RealServer(const QString &program);
    ~RealServer();

    static quint16 freePort();
    QString findProgram() const;
    QString workDir() const { return m_dir.path(); }

    bool start(const QStringList &arguments);
    // Waits until GET `url` answers 200, the process dies, or the timeout passes.
    bool waitReady(const QUrl &url, int timeoutMs = 30000);
    void stop();
    QString output() const; // the last few kB of stdout and stderr
    QString error() const { return m_error; }

    // A blocking GET for tests: the body, or an empty result with error() set.
    QByteArray get(const QUrl &url, int *status = nullptr);

    // One blocking HTTP exchange for tests (the event loop runs meanwhile): the status (0
    // when nothing answered), the body, and what went wrong if anything did.
    struct Exchange {
        int status = 0;
        QByteArray body;
        QString error;
    };
    static Exchange exchange(QNetworkAccessManager &network, const QByteArray &method, const QUrl &url, const QByteArray &body = {},
                             const QByteArray &contentType = {}, int timeoutMs = 5000);

private:
    QString m_program;
    QTemporaryDir m_dir;
    QProcess m_process;
    QNetworkAccessManager m_network;
    QString m_error;
    mutable QByteArray m_output;
};
