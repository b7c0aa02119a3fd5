#pragma once
// A TLS configuration for a test server with a self-signed certificate for 127.0.0.1, made
// by the openssl command in a temporary folder: clients that verify certificates (as the
// console always does) must refuse it.
#include <QFile>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace SelfSignedTls {

// Whether the openssl command is there to make a certificate (tests QSKIP without it).
inline bool available()
{
    return !QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty();
}

// The server side's configuration, or an error message (empty on success).
inline QString make(QSslConfiguration *tls)
{
    QTemporaryDir dir;
    if (!dir.isValid())
        return QStringLiteral("cannot make a temporary folder");
    QProcess openssl;
    openssl.start(QStandardPaths::findExecutable(QStringLiteral("openssl")),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                   QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("2"),
                   QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1"),
                   QStringLiteral("-keyout"), dir.filePath(QStringLiteral("key.pem")), QStringLiteral("-out"), dir.filePath(QStringLiteral("cert.pem"))});
    if (!openssl.waitForFinished(30'000) || openssl.exitCode() != 0)
        return QStringLiteral("openssl failed: %1").arg(QString::fromLocal8Bit(openssl.readAllStandardError()));
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(dir.filePath(QStringLiteral("cert.pem")));
    if (certificates.size() != 1)
        return QStringLiteral("openssl made %1 certificates").arg(certificates.size());
    QFile keyFile(dir.filePath(QStringLiteral("key.pem")));
    if (!keyFile.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read the key openssl made");
    const QSslKey key(keyFile.readAll(), QSsl::Ec);
    if (key.isNull())
        return QStringLiteral("the key openssl made cannot be read");
    *tls = QSslConfiguration::defaultConfiguration();
    tls->setLocalCertificate(certificates.first());
    tls->setPrivateKey(key);
    tls->setPeerVerifyMode(QSslSocket::VerifyNone); // the server does not ask for a client certificate
    return {};
}

} // namespace SelfSignedTls
