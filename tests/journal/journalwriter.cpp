// Helper for tst_journalcrash: writes to a journal as fast as it can and acknowledges on stdout
// each action only after Deployment (and so Journal::append) returned ok. The test kills it
// with SIGKILL at some point and checks that every acknowledged event is in the journal.
//
//   journalwriter JOURNAL [MAX_ACTIONS]      (a file or a postgresql:// URI)
//
// stdout: "deployment <id>" once started, then "ack <seq> <kind> <itemId>" per action.

#include "core/clock.h"
#include "deployment/deployment.h"
#include "journal/journal.h"

#include <QCoreApplication>
#include <QStringList>

#include <cstdio>
#include <cstdlib>

namespace {

constexpr int ItemCount = 40;

QString runbookText()
{
    QString text = QStringLiteral("# Crash Test Runbook\n\n## Process\n\n### Phase 1: Everything (0-30 minutes)\n");
    for (int i = 1; i <= ItemCount; ++i)
        text += QStringLiteral("- [ ] Step number %1\n").arg(i);
    return text;
}

int fail(const QString &message)
{
    std::fprintf(stderr, "journalwriter: %s\n", qPrintable(message));
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2)
        return fail(QStringLiteral("usage: journalwriter JOURNAL_PATH [MAX_ACTIONS]"));
    const qint64 maxActions = args.size() > 2 ? args.at(2).toLongLong() : 1'000'000;

    Journal journal;
    if (Status s = journal.open(args.at(1)); !s)
        return fail(s.error());
    ManualClock clock;
    auto started = Deployment::start(&journal, &clock,
                                     {QStringLiteral("crash-service"), QStringLiteral("v0.0.1"), QStringLiteral("writer"),
                                      QStringLiteral("crash.md"), runbookText()});
    if (!started)
        return fail(started.error());
    Deployment &d = *started.value();
    QStringList ids;
    for (const RunbookItem *item : d.runbook().checkableItems())
        ids.append(item->id);
    if (ids.size() != ItemCount)
        return fail(QStringLiteral("the generated runbook has %1 checklist items, expected %2").arg(ids.size()).arg(ItemCount));
    std::printf("deployment %s\n", qPrintable(d.id()));
    std::fflush(stdout);

    for (qint64 n = 0; n < maxActions; ++n) {
        clock.advanceMs(250);
        const QString &id = ids.at(int((n * 7) % ItemCount));
        DeploymentEvent::Kind kind;
        Status s;
        // Every call changes the state, so every call appends exactly one event.
        if (n % 5 == 4) {
            kind = DeploymentEvent::Kind::NoteSet;
            s = d.setNote(id, QStringLiteral("note %1").arg(n));
        } else if (d.state().item(id).status == ItemState::Status::Done) {
            kind = DeploymentEvent::Kind::ItemUnchecked;
            s = d.uncheck(id);
        } else {
            kind = DeploymentEvent::Kind::ItemChecked;
            s = d.check(id);
        }
        if (!s)
            return fail(s.error());
        std::printf("ack %lld %s %s\n", static_cast<long long>(d.state().lastSeq), qPrintable(DeploymentEvent::nameOf(kind)),
                    qPrintable(id));
        if (std::fflush(stdout) != 0)
            return 1; // nobody is listening any more
    }
    return 0;
}
