#pragma once
// The reference runbook's manual rollback run by a ProcedureRunner with fake actions (made
// through ActionContext::factory, finished by the test), a real journal and a ManualClock:
// the runner's tests start here. Inherit it beside QObject, call setUpDeployment() in init().
#include "core/clock.h"
#include "deployment/deployment.h"
#include "journal/journal.h"
#include "procedure/procedurecatalog.h"
#include "procedure/procedurerunner.h"
#include "runbook/runbookloader.h"

#include <QPointer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

class FakeAction;

// What the fake actions did, by step text.
struct Tracker {
    QHash<QString, int> starts;
    int total = 0;
    QStringList cancels;
    QPointer<FakeAction> running;
    bool autoOk = false; // finish every action ok from the event loop
};

class FakeAction : public StepAction
{
    Q_OBJECT
public:
    FakeAction(Tracker *tracker, QString text)
        : m_tracker(tracker)
        , m_text(std::move(text))
    {
    }
    void start() override
    {
        ++m_tracker->starts[m_text];
        ++m_tracker->total;
        m_tracker->running = this;
        Q_EMIT output(QStringLiteral("started %1\n").arg(m_text));
        if (m_tracker->autoOk)
            QTimer::singleShot(0, this, [this] { finish(true, QStringLiteral("fake ok")); });
    }
    void cancel(const QString &reason) override
    {
        m_tracker->cancels << reason;
        QTimer::singleShot(0, this, [this, reason] { finish(false, reason); });
    }
    void finish(bool ok, const QString &message, std::optional<int> exitCode = std::nullopt)
    {
        if (m_finished)
            return;
        m_finished = true;
        Q_EMIT finished({ok, exitCode, message, QStringLiteral("output of %1").arg(m_text), 7});
    }
    QString text() const { return m_text; }

private:
    Tracker *m_tracker;
    QString m_text;
    bool m_finished = false;
};

inline ActionBinding commandBinding(bool destructive)
{
    ActionBinding b;
    b.kind = ActionBinding::Kind::Command;
    b.destructive = destructive;
    b.command.program = QStringLiteral("/bin/true");
    return b;
}


class ProcedureRunnerFixture
{
protected:
    QTemporaryDir m_dir;
    int m_journals = 0;
    QString m_journalPath;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Journal> m_journal;
    std::unique_ptr<Deployment> m_deployment;
    Tracker m_tracker;

    // The manual rollback with every step bound to a non-destructive command, except the
    // steps listed as unbound or destructive.
    ProcedureDef rollback(const QList<int> &unbound = {}, const QList<int> &destructive = {})
    {
        ProcedureDef def = findProcedures(m_deployment->runbook(), {}).value(0);
        for (int i = 0; i < def.steps.size(); ++i) {
            if (!unbound.contains(i))
                def.steps[i].binding = commandBinding(destructive.contains(i));
        }
        return def;
    }
    ActionContext context()
    {
        ActionContext c;
        c.deployment = m_deployment.get();
        c.factory = [this](const ActionBinding &, const QString &text) -> std::unique_ptr<StepAction> {
            return std::make_unique<FakeAction>(&m_tracker, text);
        };
        return c;
    }
    std::unique_ptr<ProcedureRunner> runner(const ProcedureDef &def)
    {
        return std::make_unique<ProcedureRunner>(m_deployment.get(), def, context());
    }

    QList<DeploymentEvent> events() const { return m_journal->events(m_deployment->id()).value(); }
    // Procedure and step events, as "kind itemText".
    QStringList procedureEvents() const
    {
        QStringList list;
        for (const DeploymentEvent &e : events()) {
            if (!e.kindName.startsWith(QLatin1String("procedure-")) && !e.kindName.startsWith(QLatin1String("step-")))
                continue;
            const RunbookItem *item = m_deployment->runbook().item(e.itemId);
            list << e.kindName + u' ' + (item ? item->text : e.itemId);
        }
        return list;
    }
    StepRecord step(const ProcedureDef &def, int index) const { return m_deployment->state().steps.value(def.steps[index].itemId); }
    ProcedureRecord procedureRecord(const ProcedureDef &def) const { return m_deployment->state().procedures.value(def.id); }

    // Finishes the running fake action (which must be the step at `index`).
    void finishStep(const ProcedureDef &def, int index, bool ok, const QString &message = QStringLiteral("fake done"))
    {
        QTRY_VERIFY_WITH_TIMEOUT(m_tracker.running, 10'000);
        QCOMPARE(m_tracker.running->text(), def.steps[index].text);
        m_tracker.running->finish(ok, message, ok ? std::optional<int>(0) : std::optional<int>(1));
    }

    void setUpDeployment()
    {
        m_tracker = Tracker{};
        m_clock = std::make_unique<ManualClock>();
        m_journal = std::make_unique<Journal>();
        m_journalPath = m_dir.filePath(QStringLiteral("j%1.sqlite").arg(++m_journals));
        QVERIFY(m_journal->open(m_journalPath).ok());
        auto started = Deployment::start(m_journal.get(), m_clock.get(),
                                         {QStringLiteral("checkout"), QStringLiteral("v2"), QStringLiteral("alice"), QStringLiteral("runbook.md"), RunbookLoader::bundledText()});
        QVERIFY2(started.ok(), qPrintable(started.error()));
        m_deployment = started.take();
    }
    void tearDownDeployment()
    {
        m_deployment.reset();
        m_journal.reset();
    }
};
