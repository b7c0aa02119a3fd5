#pragma once
// Shared by the Journal tests: journals in a temporary folder or on the tests' PostgreSQL
// server (JournalTarget), a small journal, event makers.
#include "core/clock.h"
#include "deployment/deployment.h"
#include "journal/journal.h"
#include "journaltarget.h"
#include "sqlitepeek.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

using Kind = DeploymentEvent::Kind;

inline QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

inline bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

inline DeploymentEvent started(const QString &id, qint64 atMs, const QString &service)
{
    return DeploymentEvent::make(Kind::DeploymentStarted, id, atMs, u"alice"_s, {},
                                 {{u"service"_s, service},
                                  {u"version"_s, u"v1.0"_s},
                                  {u"runbookSha256"_s, u"0123abcd"_s},
                                  {u"runbookName"_s, u"deploy.md"_s}});
}


class JournalTestBase
{
protected:
    std::unique_ptr<JournalTarget> m_target;

    // The journal's location: a file path, or a PostgreSQL URI (what messages name).
    QString path(const QString &name = u"journal.sqlite"_s) const { return m_target->location(name); }
    QVariant peek(const QString &sql, const QString &name = u"journal.sqlite"_s) const { return m_target->value(path(name), sql); }

    // A journal with one deployment of two events, closed again so the file is complete on its own.
    QString makeJournal(const QString &name = u"journal.sqlite"_s)
    {
        Journal j;
        const Status s = j.open(path(name));
        if (!s) {
            qWarning("%s", qPrintable(s.error()));
            return {};
        }
        DeploymentEvent a = started(u"dep-1"_s, 1000, u"billing"_s);
        DeploymentEvent b = DeploymentEvent::make(Kind::ItemChecked, u"dep-1"_s, 2000, u"alice"_s, u"prep/a"_s);
        if (!j.append(a) || !j.append(b))
            return {};
        return path(name);
    }

    void makeFolder()
    {
        m_target = std::make_unique<JournalTarget>();
        QVERIFY2(m_target->isValid(), qPrintable(m_target->error()));
    }
};
