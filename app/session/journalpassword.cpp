#include "journalpassword.h"

#include "secrets/secretref.h"
#include "secrets/secretresolver.h"

#include <QEventLoop>
#include <QTimer>

#include <optional>

Result<QString> readJournalPassword(const QString &keychainEntry)
{
    SecretRef ref;
    ref.source = SecretRef::Source::Keychain;
    ref.name = keychainEntry;
    ref.service = QStringLiteral("stonecaster");
    SecretResolver resolver;
    QEventLoop loop;
    std::optional<Result<QString>> answer;
    resolver.resolve(ref, &loop, [&answer, &loop](Result<QString> result) {
        answer = std::move(result);
        loop.quit();
    });
    QTimer::singleShot(60'000, &loop, &QEventLoop::quit);
    loop.exec();
    if (!answer)
        return Result<QString>::failure(phrase("JournalPassword", "the %1 did not answer within a minute").arg(ref.describePhrase()));
    if (!*answer)
        return Result<QString>::failure(phrase("JournalPassword", "--journal-keychain: %1").arg(answer->errorPhrase()));
    return *answer;
}
