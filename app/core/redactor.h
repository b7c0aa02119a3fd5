#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

// Every secret value this console has resolved (SecretResolver: tokens and passwords from the
// environment or the keychain, and what a binding passes on with ${secret:NAME}), replaced by
// "[redacted]" wherever text from outside is stored or shown: programs' output (live and
// tails), check evidence, traffic transcripts, servers' error excerpts, journal payloads and
// log messages. Process-wide because secrets are resolved in one place and output arrives in
// many; thread-safe. Values shorter than MinLength are not registered (replacing every "ab"
// would make output unreadable without protecting anything).
class Redactor
{
public:
    static constexpr qsizetype MinLength = 4;
    static QString mark() { return QStringLiteral("[redacted]"); }

    static void add(const QString &secret);
    static QString redact(const QString &text);
    static bool isEmpty();
    static QStringList secretsForTests();
    static void clearForTests();
    // Log messages (qWarning, Qt's own) are redacted before they are written.
    static void installMessageFilter();

    // Output arriving in pieces: a secret split across two pieces is still replaced. A tail
    // that could be the beginning of a secret is held back until the next piece or flush().
    class Stream
    {
    public:
        QString feed(QStringView text);
        QString flush();

    private:
        QString m_pending;
    };

private:
    // The longest end of `text` that is the beginning (not the whole) of a secret.
    static qsizetype heldBackLength(QStringView text);
};
