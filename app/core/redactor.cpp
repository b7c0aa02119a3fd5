#include "redactor.h"

#include <QMutex>
#include <QMutexLocker>

#include <algorithm>
#include <cstdio>
#include <utility>

namespace {

struct Secrets {
    QMutex mutex;
    QStringList values; // longest first, so a secret containing another is replaced whole
};

Secrets &secrets()
{
    static Secrets s;
    return s;
}

QtMessageHandler previousHandler = nullptr;

void redactingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString redacted = Redactor::redact(message);
    if (previousHandler)
        previousHandler(type, context, redacted);
    else
        std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, redacted)));
}

} // namespace

void Redactor::add(const QString &secret)
{
    if (secret.size() < MinLength)
        return;
    Secrets &s = secrets();
    const QMutexLocker lock(&s.mutex);
    if (s.values.contains(secret))
        return;
    s.values.append(secret);
    std::stable_sort(s.values.begin(), s.values.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
}

QString Redactor::redact(const QString &text)
{
    Secrets &s = secrets();
    const QMutexLocker lock(&s.mutex);
    if (s.values.isEmpty() || text.size() < MinLength)
        return text;
    QString out = text;
    for (const QString &secret : std::as_const(s.values)) {
        if (out.contains(secret))
            out.replace(secret, mark());
    }
    return out;
}

bool Redactor::isEmpty()
{
    Secrets &s = secrets();
    const QMutexLocker lock(&s.mutex);
    return s.values.isEmpty();
}

QStringList Redactor::secretsForTests()
{
    Secrets &s = secrets();
    const QMutexLocker lock(&s.mutex);
    return s.values;
}

void Redactor::clearForTests()
{
    Secrets &s = secrets();
    const QMutexLocker lock(&s.mutex);
    s.values.clear();
}

void Redactor::installMessageFilter()
{
    static bool installed = false;
    if (installed)
        return;
    installed = true;
    previousHandler = qInstallMessageHandler(redactingHandler);
}

qsizetype Redactor::heldBackLength(QStringView text)
{
    Secrets &s = secrets();
    const QMutexLocker lock(&s.mutex);
    qsizetype longest = 0;
    for (const QString &secret : std::as_const(s.values)) {
        // Only ends longer than the longest found so far can change the answer.
        for (qsizetype n = std::min(secret.size() - 1, text.size()); n > longest; --n) {
            if (text.endsWith(QStringView(secret).first(n))) {
                longest = n;
                break;
            }
        }
    }
    return longest;
}

QString Redactor::Stream::feed(QStringView text)
{
    m_pending += text;
    const QString redacted = redact(m_pending);
    const qsizetype keep = heldBackLength(redacted);
    m_pending = redacted.right(keep);
    return redacted.left(redacted.size() - keep);
}

QString Redactor::Stream::flush()
{
    return std::exchange(m_pending, QString());
}
