#pragma once
// Shared by the Deployment tests: two versions of a small runbook, a journal (a file in a
// temporary folder, or a database on the tests' PostgreSQL server: JournalTarget) with a
// manual clock, and a field-by-field comparison of two deployments' states.
#include "core/clock.h"
#include "deployment/deployment.h"
#include "journal/journal.h"
#include "journaltarget.h"
#include "sqlitepeek.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

inline const QString RunbookA = QStringLiteral(R"(# Payments Release

## Pre-Deployment Checklist
- [ ] Change approved
- [ ] Backup taken

## Process

### Phase 1: Prep (0-30 minutes)
- [ ] Verify staging
- [ ] Run smoke tests
- Dashboards are on the wall screen

### Phase 2: Ship (30-60 minutes)
- [ ] Switch traffic
)");

// A later edit of the runbook: other items, same phase structure.
inline const QString RunbookB = QStringLiteral(R"(# Payments Release (edited)

## Process

### Phase 1: Prep (0-30 minutes)
- [ ] Verify staging
- [ ] Warm caches

### Phase 2: Ship (30-60 minutes)
- [ ] Switch traffic
- [ ] Announce in the channel
)");

inline const QString Approved = QStringLiteral("pre-deployment-checklist/change-approved");
inline const QString Backup = QStringLiteral("pre-deployment-checklist/backup-taken");
inline const QString Staging = QStringLiteral("prep/verify-staging");
inline const QString Smoke = QStringLiteral("prep/run-smoke-tests");
inline const QString Dashboards = QStringLiteral("prep/dashboards-are-on-the-wall-screen"); // a plain bullet
inline const QString Traffic = QStringLiteral("ship/switch-traffic");

inline Deployment::StartInfo startInfo(const QString &text = RunbookA)
{
    return {QStringLiteral("payments"), QStringLiteral("v4.2.0"), QStringLiteral("alice"), QStringLiteral("payments.md"), text};
}

class DeploymentTestBase
{
protected:
    std::unique_ptr<JournalTarget> m_target;
    std::unique_ptr<Journal> m_journal;
    std::unique_ptr<ManualClock> m_clock;

    QString journalPath() const { return m_target->location(QStringLiteral("journal")); }

    std::unique_ptr<Deployment> startA()
    {
        auto d = Deployment::start(m_journal.get(), m_clock.get(), startInfo());
        if (!d) {
            qWarning("start failed: %s", qPrintable(d.error()));
            return nullptr;
        }
        return d.take();
    }

    QList<DeploymentEvent> events(const QString &id) const
    {
        auto events = m_journal->events(id);
        if (!events) {
            qWarning("events failed: %s", qPrintable(events.error()));
            return {};
        }
        return events.value();
    }

    // Every field of two states, and every item the runbook or the journal knows.
    static void compareStates(const Deployment &a, const Deployment &b)
    {
        const DeploymentState &x = a.state();
        const DeploymentState &y = b.state();
        QCOMPARE(y.id, x.id);
        QCOMPARE(y.service, x.service);
        QCOMPARE(y.version, x.version);
        QCOMPARE(y.startedBy, x.startedBy);
        QCOMPARE(y.startedAtMs, x.startedAtMs);
        QCOMPARE(y.runbookSha256, x.runbookSha256);
        QCOMPARE(y.runbookName, x.runbookName);
        QCOMPARE(y.started, x.started);
        QCOMPARE(y.closed, x.closed);
        QCOMPARE(y.closedAtMs, x.closedAtMs);
        QCOMPARE(y.closedBy, x.closedBy);
        QCOMPARE(y.outcome, x.outcome);
        QCOMPARE(y.closeNote, x.closeNote);
        QCOMPARE(y.lastSeq, x.lastSeq);
        QStringList ex = x.touchedItemIds(), ey = y.touchedItemIds();
        ex.sort();
        ey.sort();
        QCOMPARE(ey, ex);
        QStringList ids = ex;
        for (const RunbookItem *item : a.runbook().checkableItems())
            ids.append(item->id);
        for (const QString &id : std::as_const(ids)) {
            const ItemState s = x.item(id), t = y.item(id);
            QVERIFY2(t.status == s.status, qPrintable(id));
            QCOMPARE(t.by, s.by);
            QCOMPARE(t.atMs, s.atMs);
            QCOMPARE(t.skipReason, s.skipReason);
            QCOMPARE(t.note, s.note);
            QCOMPARE(t.noteBy, s.noteBy);
            QCOMPARE(t.noteAtMs, s.noteAtMs);
        }
    }

    void openJournal()
    {
        m_target = std::make_unique<JournalTarget>();
        QVERIFY2(m_target->isValid(), qPrintable(m_target->error()));
        m_journal = std::make_unique<Journal>();
        const Status s = m_journal->open(journalPath());
        QVERIFY2(s.ok(), qPrintable(s.error()));
        m_clock = std::make_unique<ManualClock>();
    }
    void closeJournal()
    {
        m_journal.reset();
        m_clock.reset();
        m_target.reset();
    }
};
