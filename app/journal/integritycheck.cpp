#include "integritycheck.h"

#include <QMetaObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QThread>
#include <QUuid>
#include <QVariant>

namespace IntegrityCheck {

Outcome run(const QString &path)
{
    const QString name = QStringLiteral("journal-check-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    Outcome outcome;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            outcome.problems = db.lastError().text();
        } else {
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("PRAGMA quick_check"))) {
                outcome.problems = q.lastError().databaseText().isEmpty() ? q.lastError().text() : q.lastError().databaseText();
            } else {
                outcome.ran = true;
                QStringList found;
                while (q.next())
                    found << q.value(0).toString();
                if (found != QStringList{QStringLiteral("ok")})
                    outcome.problems = found.mid(0, 3).join(QStringLiteral("; "));
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return outcome;
}

QThread *start(const QString &path, QObject *context, std::function<void(const Outcome &)> done)
{
    QThread *thread = QThread::create([path, context, done = std::move(done)] {
        const Outcome outcome = run(path);
        QMetaObject::invokeMethod(context, [done, outcome] { done(outcome); }, Qt::QueuedConnection);
    });
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start(QThread::LowPriority);
    return thread;
}

} // namespace IntegrityCheck
