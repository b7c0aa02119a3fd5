#pragma once
// The setup most engine tests start from: a deployment of the bundled runbook (service
// "checkout", version "v2", started by alice) on a fresh journal file in a temporary folder,
// with a manual clock. Each start() uses a new file, so a test function never sees another's
// events.
#include "core/clock.h"
#include "deployment/deployment.h"
#include "journal/journal.h"
#include "runbook/runbookloader.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

class DeploymentFixture
{
public:
    static Deployment::StartInfo bundledStart()
    {
        return {QStringLiteral("checkout"), QStringLiteral("v2"), QStringLiteral("alice"), QStringLiteral("runbook.md"), RunbookLoader::bundledText()};
    }

    // A new journal file and a deployment started on it at the clock's time; false with
    // error() when either fails.
    bool start(const Deployment::StartInfo &info = bundledStart())
    {
        stop();
        if (!openJournal(m_dir.filePath(QStringLiteral("j%1.sqlite").arg(++m_count))))
            return false;
        auto started = Deployment::start(journal.get(), clock.get(), info);
        if (!started)
            return fail(started.error());
        deployment = started.take();
        return true;
    }
    // Another console opening the same file (after stop(), or beside this one's journal).
    bool openJournal(const QString &path)
    {
        journalPath = path;
        journal = std::make_unique<Journal>();
        if (const Status s = journal->open(path); !s)
            return fail(s.error());
        return true;
    }
    // The deployment first, then the journal it writes to.
    void stop()
    {
        deployment.reset();
        journal.reset();
    }

    QList<DeploymentEvent> events() const
    {
        const auto events = journal->events(deployment->id());
        if (!events)
            qWarning("reading the journal failed: %s", qPrintable(events.error()));
        return events ? events.value() : QList<DeploymentEvent>();
    }

    QString error() const { return m_error; }
    const char *errorText() const { return m_errorUtf8.constData(); } // for QVERIFY2
    QString folder() const { return m_dir.path(); }

    std::unique_ptr<ManualClock> clock = std::make_unique<ManualClock>();
    std::unique_ptr<Journal> journal;
    std::unique_ptr<Deployment> deployment;
    QString journalPath;

private:
    bool fail(const QString &message)
    {
        m_error = message;
        m_errorUtf8 = message.toUtf8();
        return false;
    }

    QTemporaryDir m_dir;
    int m_count = 0;
    QString m_error;
    QByteArray m_errorUtf8;
};
