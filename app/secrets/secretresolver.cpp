#include "secretresolver.h"

#include "core/redactor.h"

#include <QMetaObject>
#include <QPointer>

#include <qt6keychain/keychain.h>

SecretResolver::SecretResolver(QObject *parent)
    : QObject(parent)
{
}

void SecretResolver::resolve(const SecretRef &ref, QObject *context, Callback done)
{
    auto deliver = [context, done = std::move(done)](Result<QString> result) {
        // From now on the value is replaced wherever outside text is shown or stored.
        if (result.ok())
            Redactor::add(result.value());
        QMetaObject::invokeMethod(context, [done, result] { done(result); }, Qt::QueuedConnection);
    };
    switch (ref.source) {
    case SecretRef::Source::None:
        deliver(QString());
        return;
    case SecretRef::Source::Environment: {
        const QByteArray value = qgetenv(ref.name.toLocal8Bit().constData());
        if (value.isEmpty())
            deliver(Result<QString>::failure(phrase("SecretResolver", "the %1 is not set or empty").arg(ref.describePhrase())));
        else
            deliver(QString::fromLocal8Bit(value));
        return;
    }
    case SecretRef::Source::Keychain: {
        auto *job = new QKeychain::ReadPasswordJob(ref.service, this);
        job->setAutoDelete(true);
        job->setKey(ref.name);
        const Phrase what = ref.describePhrase();
        connect(job, &QKeychain::Job::finished, context, [deliver, what](QKeychain::Job *finished) {
            if (finished->error() != QKeychain::NoError) {
                deliver(Result<QString>::failure(phrase("SecretResolver", "cannot read the %1: %2").arg(what).arg(finished->errorString())));
                return;
            }
            const QString value = static_cast<QKeychain::ReadPasswordJob *>(finished)->textData();
            if (value.isEmpty())
                deliver(Result<QString>::failure(phrase("SecretResolver", "the %1 is empty").arg(what)));
            else
                deliver(value);
        });
        job->start();
        return;
    }
    }
}

void SecretResolver::resolveAuthorization(const HttpAuth &auth, QObject *context, std::function<void(Result<QByteArray>)> done)
{
    if (auth.type == HttpAuth::Type::None) {
        QMetaObject::invokeMethod(context, [done] { done(QByteArray()); }, Qt::QueuedConnection);
        return;
    }
    resolve(auth.secret, context, [auth, done](Result<QString> secret) {
        if (!secret)
            done(Result<QByteArray>::failure(secret.error()));
        else
            done(authorizationHeader(auth, secret.value()));
    });
}

QByteArray SecretResolver::authorizationHeader(const HttpAuth &auth, const QString &secret)
{
    switch (auth.type) {
    case HttpAuth::Type::None:
        return {};
    case HttpAuth::Type::Bearer:
        return "Bearer " + secret.toUtf8();
    case HttpAuth::Type::Basic: {
        // The header's form too: a server echoing the request shows it, not the password.
        const QByteArray credentials = (auth.username + u':' + secret).toUtf8().toBase64();
        Redactor::add(QString::fromLatin1(credentials));
        return "Basic " + credentials;
    }
    }
    return {};
}
