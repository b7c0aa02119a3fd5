#include "runbook/runbookdiff.h"
#include "runbook/runbookparser.h"

#include <QTest>

class TestRunbookDiff : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void detectsChangedRemovedAdded()
    {
        const Runbook before = RunbookParser::parse(QStringLiteral("# T\n### Phase 1: A (0-5 minutes)\n1. **G**:\n   - [ ] Deploy code\n   - [ ] Run smoke tests\n"
                                                                   "   - [ ] Notify team\n"));
        const Runbook after = RunbookParser::parse(QStringLiteral("# T\n### Phase 1: A (0-5 minutes)\n1. **G**:\n   - [ ] Deploy code\n   - [ ] Run the full smoke suite\n"
                                                                  "   - [ ] Page on-call\n   - [ ] Update status page\n"));
        const RunbookDiff diff = RunbookDiff::compare(before, after);
        QCOMPARE(diff.changed.size(), 2);
        QCOMPARE(diff.changed[0].oldId, QStringLiteral("a/g/run-smoke-tests"));
        QCOMPARE(diff.changed[0].newId, QStringLiteral("a/g/run-the-full-smoke-suite"));
        QCOMPARE(diff.changed[1].oldText, QStringLiteral("Notify team"));
        QCOMPARE(diff.added.size(), 1);
        QCOMPARE(diff.added[0]->text, QStringLiteral("Update status page"));
        QVERIFY(diff.removed.isEmpty());
        QCOMPARE(diff.describe().size(), 3);
    }

    void removedItemIsReported()
    {
        const Runbook before = RunbookParser::parse(QStringLiteral("# T\n### Phase 1: A (0-5 minutes)\n- [ ] One\n- [ ] Two\n"));
        const Runbook after = RunbookParser::parse(QStringLiteral("# T\n### Phase 1: A (0-5 minutes)\n- [ ] One\n"));
        const RunbookDiff diff = RunbookDiff::compare(before, after);
        QCOMPARE(diff.removed.size(), 1);
        QCOMPARE(diff.removed[0]->id, QStringLiteral("a/two"));
        QVERIFY(diff.describe().first().contains(QLatin1String("no longer")));
    }

    void identicalRunbooksHaveNoDiff()
    {
        const Runbook r = RunbookParser::parse(QStringLiteral("# T\n### Phase 1: A (0-5 minutes)\n- [ ] One\n"));
        QVERIFY(RunbookDiff::compare(r, r).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRunbookDiff)
#include "tst_runbookdiff.moc"
