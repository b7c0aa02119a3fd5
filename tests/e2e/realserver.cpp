#include "realserver.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QNetworkReply>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>

RealServer::RealServer(const QString &program)
    : m_program(program)
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setWorkingDirectory(m_dir.path());
}

RealServer::~RealServer()
{
    stop();
}

quint16 RealServer::freePort()
{
    // Bind, note the port, release it: the server binds it a moment later. Another
    // process could take it in between; on a test machine that does not happen.
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

QString RealServer::findProgram() const
{
    QString found = QStandardPaths::findExecutable(m_program);
    if (found.isEmpty())
        found = QStandardPaths::findExecutable(m_program, {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin"), QStringLiteral("/sbin")});
    return found;
}

bool RealServer::start(const QStringList &arguments)
{
    const QString path = findProgram();
    if (path.isEmpty()) {
        m_error = QStringLiteral("%1 is not installed; it comes with the build root (packaging/debian13-packages.txt). "
                                 "Run the tests through packaging/buildroot run.")
                      .arg(m_program);
        return false;
    }
    m_process.start(path, arguments);
    if (!m_process.waitForStarted(10000)) {
        m_error = QStringLiteral("%1 did not start: %2").arg(path, m_process.errorString());
        return false;
    }
    return true;
}

RealServer::Exchange RealServer::exchange(QNetworkAccessManager &network, const QByteArray &method, const QUrl &url, const QByteArray &body,
                                          const QByteArray &contentType, int timeoutMs)
{
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutMs);
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    QNetworkReply *reply = network.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Exchange answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.body = reply->readAll();
    if (reply->error() != QNetworkReply::NoError)
        answer.error = reply->errorString();
    reply->deleteLater();
    return answer;
}

QByteArray RealServer::get(const QUrl &url, int *status)
{
    const Exchange answer = exchange(m_network, "GET", url);
    if (status)
        *status = answer.status;
    if (!answer.error.isEmpty())
        m_error = answer.error;
    return answer.body;
}

bool RealServer::waitReady(const QUrl &url, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process.state() != QProcess::Running) {
            m_error = QStringLiteral("%1 exited with status %2:\n%3").arg(m_program).arg(m_process.exitCode()).arg(output());
            return false;
        }
        int status = 0;
        get(url, &status);
        if (status == 200)
            return true;
        QTest::qWait(200);
    }
    m_error = QStringLiteral("%1 was not ready at %2 within %3 ms:\n%4").arg(m_program, url.toString()).arg(timeoutMs).arg(output());
    return false;
}

void RealServer::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QString RealServer::output() const
{
    m_output += const_cast<QProcess &>(m_process).readAll();
    m_output = m_output.right(16000);
    return QString::fromUtf8(m_output.right(4000));
}
