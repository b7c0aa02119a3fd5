#include "journalbackend.h"

#include <QSqlError>
#include <QSqlQuery>

QString JournalBackend::describe(const QSqlError &error)
{
    const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    return text.trimmed();
}

QString JournalBackend::sqlError(const QString &what, const QSqlQuery &query) const
{
    return QStringLiteral("%1: %2 failed: %3").arg(m_location.display, what, describe(query.lastError()));
}

Status JournalBackend::commitWrite(const QString &what)
{
    QSqlQuery q(database());
    if (q.exec(QStringLiteral("COMMIT")))
        return {};
    const QString error = isShared() ? QStringLiteral("%1: cannot store %2: %3").arg(m_location.display, what, describe(q.lastError()))
                                     : QStringLiteral("%1: cannot write %2 to disk: %3").arg(m_location.display, what, describe(q.lastError()));
    rollbackWrite();
    return Status::failure(error);
}

void JournalBackend::rollbackWrite()
{
    if (!isConnected())
        return; // the server rolled it back when the connection went
    QSqlQuery q(database());
    q.exec(QStringLiteral("ROLLBACK")); // fails only when the database already rolled back
}
