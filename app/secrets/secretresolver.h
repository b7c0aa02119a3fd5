#pragma once

#include "core/result.h"
#include "secrets/httpauth.h"

#include <QObject>

#include <functional>

// Fetches secrets named by a profile: from the environment, or from the desktop
// keychain (Secret Service, KWallet, ...) through QtKeychain, which answers
// asynchronously. The value is handed to the caller and never logged, and registered with
// the Redactor, so that it is replaced wherever a program or a server prints it.
class SecretResolver : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(Result<QString>)>;
    explicit SecretResolver(QObject *parent = nullptr);

    // Calls `done` once, later (never from inside this call), unless `context` is gone by then.
    void resolve(const SecretRef &ref, QObject *context, Callback done);
    // The Authorization header value for `auth`, or empty for none.
    void resolveAuthorization(const HttpAuth &auth, QObject *context, std::function<void(Result<QByteArray>)> done);

    static QByteArray authorizationHeader(const HttpAuth &auth, const QString &secret);
};
