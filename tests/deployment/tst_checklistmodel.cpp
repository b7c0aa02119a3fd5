#include "runbook/runbookloader.h"
#include "deployment/checklistmodel.h"
#include "core/clock.h"
#include "deployment/deployment.h"
#include "journal/journal.h"
#include "runbook/runbookparser.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QFont>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

constexpr qint64 Minute = 60'000;

// A running deployment of the reference runbook, journaled in a temporary folder.
struct Fixture {
    QTemporaryDir dir;
    Journal journal;
    ManualClock clock;
    std::unique_ptr<Deployment> deployment;

    bool start()
    {
        if (!dir.isValid() || !journal.open(dir.filePath(QStringLiteral("journal.sqlite"))))
            return false;
        Result<std::unique_ptr<Deployment>> d = Deployment::start(
            &journal, &clock, {QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice"), QStringLiteral("deployment-runbook.md"), RunbookLoader::bundledText()});
        if (!d)
            return false;
        deployment = d.take();
        return true;
    }
    QList<DeploymentEvent> events() const
    {
        const Result<QList<DeploymentEvent>> e = journal.events(deployment->id());
        return e ? e.value() : QList<DeploymentEvent>{};
    }
};

QModelIndex findItem(const ChecklistModel &model, const QString &text, int column = ChecklistModel::TextColumn)
{
    for (int g = 0; g < model.rowCount(); ++g) {
        const QModelIndex group = model.index(g, 0);
        for (int r = 0; r < model.rowCount(group); ++r) {
            const QModelIndex i = model.index(r, 0, group);
            if (i.data().toString() == text)
                return i.siblingAtColumn(column);
        }
    }
    return {};
}

QList<QModelIndex> allItems(const ChecklistModel &model)
{
    QList<QModelIndex> items;
    for (int g = 0; g < model.rowCount(); ++g) {
        const QModelIndex group = model.index(g, 0);
        for (int r = 0; r < model.rowCount(group); ++r)
            items << model.index(r, 0, group);
    }
    return items;
}

} // namespace

class TestChecklistModel : public QObject
{
    Q_OBJECT
private:
    Runbook m_preview;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_preview = RunbookParser::parse(RunbookLoader::bundledText(), QStringLiteral("deployment-runbook.md"));
        QVERIFY(!m_preview.hasErrors());
    }

    // The model contract, checked by Qt's own tester while items change.
    void modelTester_data()
    {
        QTest::addColumn<QString>("sectionId");
        QTest::addColumn<bool>("withDeployment");
        for (const char *id : {"pre-deployment-checklist", "preparation", "traffic-shift", "cleanup", "rollback-procedures",
                               "emergency-procedures", "communication-procedures", "lessons-learned"}) {
            QTest::addRow("%s, running deployment", id) << QString::fromLatin1(id) << true;
            QTest::addRow("%s, preview", id) << QString::fromLatin1(id) << false;
        }
    }
    void modelTester()
    {
        QFETCH(QString, sectionId);
        QFETCH(bool, withDeployment);
        Fixture f;
        if (withDeployment)
            QVERIFY(f.start());
        const Runbook *rb = withDeployment ? &f.deployment->runbook() : &m_preview;
        ChecklistModel model(rb, f.deployment.get(), sectionId);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.rowCount() > 0);
        if (!withDeployment)
            return;
        // Change items while the tester watches the signals.
        const QList<QModelIndex> items = allItems(model);
        int changed = 0;
        for (const QModelIndex &i : items) {
            if (!i.data(ChecklistModel::CheckableRole).toBool())
                continue;
            switch (changed++ % 4) {
            case 0: QVERIFY(model.setData(i, Qt::Checked, Qt::CheckStateRole)); break;
            case 1: QVERIFY(model.skip(i, QStringLiteral("not needed"))); break;
            case 2: QVERIFY(model.setData(i.siblingAtColumn(ChecklistModel::NoteColumn), QStringLiteral("a note"))); break;
            case 3:
                QVERIFY(model.setData(i, Qt::Checked, Qt::CheckStateRole));
                QVERIFY(model.setData(i, Qt::Unchecked, Qt::CheckStateRole));
                break;
            }
        }
        QVERIFY(changed > 0);
        QVERIFY(f.deployment->close(DeploymentOutcome::Completed, QStringLiteral("done")));
        QVERIFY(!model.setData(items.first(), Qt::Checked, Qt::CheckStateRole));
    }

    void groups_data()
    {
        QTest::addColumn<QString>("sectionId");
        QTest::addColumn<QStringList>("groupTitles");
        QTest::addColumn<QList<int>>("itemCounts");
        QTest::newRow("phase: titled groups")
            << "traffic-shift" << QStringList{"Gradual Traffic Shift", "Monitoring During Shift", "Rollback Decision Points"} << QList<int>{9, 5, 4};
        QTest::newRow("phase 1") << "preparation" << QStringList{"Environment Setup", "Code Deployment", "Database Preparation"} << QList<int>{4, 4, 4};
        QTest::newRow("checklist: subsections become groups, numbering dropped")
            << "pre-deployment-checklist"
            << QStringList{"Code Review and Testing", "Database Changes", "Configuration Changes", "Infrastructure Changes"} << QList<int>{6, 5, 5, 5};
        QTest::newRow("procedure: subsection path joined")
            << "rollback-procedures"
            << QStringList{"Automatic Rollback Triggers", "Manual Rollback Process › Immediate Actions", "Manual Rollback Process › Database Rollback",
                           "Manual Rollback Process › Post-Rollback"}
            << QList<int>{5, 4, 4, 5};
        QTest::newRow("emergency")
            << "emergency-procedures"
            << QStringList{"Critical Issues During Deployment › Service Down", "Critical Issues During Deployment › Database Issues",
                           "Critical Issues During Deployment › Security Issues", "Critical Issues During Deployment › Performance Issues"}
            << QList<int>{4, 4, 4, 4};
        QTest::newRow("communication") << "communication-procedures" << QStringList{"Pre-Deployment", "During Deployment", "Post-Deployment"}
                                       << QList<int>{4, 4, 4};
    }
    void groups()
    {
        QFETCH(QString, sectionId);
        QFETCH(QStringList, groupTitles);
        QFETCH(QList<int>, itemCounts);
        Fixture f;
        QVERIFY(f.start());
        for (const bool preview : {true, false}) {
            ChecklistModel model(preview ? &m_preview : &f.deployment->runbook(), preview ? nullptr : f.deployment.get(), sectionId);
            QStringList titles;
            QList<int> counts;
            for (int g = 0; g < model.rowCount(); ++g) {
                const QModelIndex group = model.index(g, ChecklistModel::TextColumn);
                titles << group.data().toString();
                counts << model.rowCount(group);
                QVERIFY(group.data(ChecklistModel::IsGroupRole).toBool());
                QVERIFY2(!(model.flags(group) & Qt::ItemIsUserCheckable), "a group row has no check box of its own");
                QVERIFY(!group.data(Qt::CheckStateRole).isValid());
                QVERIFY(qvariant_cast<QFont>(group.data(Qt::FontRole)).bold());
                for (int c = 1; c < ChecklistModel::ColumnCount; ++c)
                    QCOMPARE(model.rowCount(group.siblingAtColumn(c)), 0);
            }
            QCOMPARE(titles, groupTitles);
            QCOMPARE(counts, itemCounts);
        }
    }

    void groupStateCountsFinishedItems()
    {
        Fixture f;
        QVERIFY(f.start());
        ChecklistModel model(&f.deployment->runbook(), f.deployment.get(), QStringLiteral("traffic-shift"));
        const QModelIndex groupState = model.index(0, ChecklistModel::StateColumn);
        QCOMPARE(groupState.data().toString(), QStringLiteral("0 of 9"));
        QVERIFY(model.setData(model.index(0, 0, model.index(0, 0)), Qt::Checked, Qt::CheckStateRole));
        QVERIFY(model.skip(model.index(1, 0, model.index(0, 0)), QStringLiteral("held at 5%")));
        QCOMPARE(groupState.data().toString(), QStringLiteral("2 of 9"));
        QCOMPARE(model.index(1, ChecklistModel::StateColumn).data().toString(), QStringLiteral("0 of 5"));
        // A group of reference bullets has nothing to count.
        ChecklistModel rollback(&f.deployment->runbook(), f.deployment.get(), QStringLiteral("rollback-procedures"));
        QCOMPARE(rollback.index(0, 0).data().toString(), QStringLiteral("Automatic Rollback Triggers"));
        QVERIFY(!rollback.index(0, ChecklistModel::StateColumn).data().isValid());
    }

    void checkingJournalsAndNotifies()
    {
        Fixture f;
        QVERIFY(f.start());
        f.clock.advanceMs(62 * Minute);
        ChecklistModel model(&f.deployment->runbook(), f.deployment.get(), QStringLiteral("traffic-shift"));
        const QModelIndex item = findItem(model, QStringLiteral("Monitor metrics for 10 minutes"));
        QVERIFY(item.isValid());
        QCOMPARE(item.row(), 3);
        QCOMPARE(item.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QCOMPARE(item.siblingAtColumn(ChecklistModel::StateColumn).data().toString(), QStringLiteral("Open"));
        const QString id = item.data(ChecklistModel::ItemIdRole).toString();
        QCOMPARE(id, QStringLiteral("traffic-shift/gradual-traffic-shift/monitor-metrics-for-10-minutes"));

        // The journal already has the event when the model says the item changed.
        QSignalSpy spy(&model, &QAbstractItemModel::dataChanged);
        QList<int> eventsSeenAtSignal;
        connect(&model, &QAbstractItemModel::dataChanged, this, [&] { eventsSeenAtSignal << int(f.events().size()); });
        const int before = int(f.events().size());
        QVERIFY(model.setData(item, Qt::Checked, Qt::CheckStateRole));

        const QList<DeploymentEvent> events = f.events();
        QCOMPARE(events.size(), before + 1);
        QCOMPARE(events.last().kindName, QStringLiteral("item-checked"));
        QCOMPARE(events.last().itemId, id);
        QCOMPARE(events.last().operatorName, QStringLiteral("alice"));
        QCOMPARE(events.last().atMs, f.clock.nowMs());
        QCOMPARE(eventsSeenAtSignal, (QList<int>{before + 1, before + 1}));

        // One signal for the item's row, one for its group's row (whose "n of m" changed).
        QCOMPARE(spy.count(), 2);
        const QModelIndex group = model.index(0, 0);
        QCOMPARE(spy.at(0).at(0).value<QModelIndex>(), model.index(3, 0, group));
        QCOMPARE(spy.at(0).at(1).value<QModelIndex>(), model.index(3, ChecklistModel::ColumnCount - 1, group));
        QCOMPARE(spy.at(1).at(0).value<QModelIndex>(), model.index(0, 0));
        QCOMPARE(spy.at(1).at(1).value<QModelIndex>(), model.index(0, ChecklistModel::ColumnCount - 1));

        QCOMPARE(item.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QCOMPARE(item.siblingAtColumn(ChecklistModel::StateColumn).data().toString(), QStringLiteral("Done"));
        QCOMPARE(item.siblingAtColumn(ChecklistModel::ByColumn).data().toString(), QStringLiteral("alice"));
        QCOMPARE(item.siblingAtColumn(ChecklistModel::WhenColumn).data().toString(), QStringLiteral("T+01:02"));
        QCOMPARE(item.data(ChecklistModel::TimestampRole).toLongLong(), f.clock.nowMs());
        QCOMPARE(model.index(0, ChecklistModel::StateColumn).data().toString(), QStringLiteral("1 of 9"));

        // Unchecking goes back to open and is journaled too.
        spy.clear();
        QVERIFY(model.setData(item, Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(f.events().last().kindName, QStringLiteral("item-unchecked"));
        QCOMPARE(f.events().last().itemId, id);
        QCOMPARE(item.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QVERIFY(item.siblingAtColumn(ChecklistModel::ByColumn).data().toString().isEmpty());
        QCOMPARE(spy.count(), 2);
    }

    // Every view of the deployment follows a change made anywhere, only for its own items.
    void otherModelsFollowTheDeployment()
    {
        Fixture f;
        QVERIFY(f.start());
        ChecklistModel a(&f.deployment->runbook(), f.deployment.get(), QStringLiteral("preparation"));
        ChecklistModel b(&f.deployment->runbook(), f.deployment.get(), QStringLiteral("preparation"));
        ChecklistModel other(&f.deployment->runbook(), f.deployment.get(), QStringLiteral("cleanup"));
        QSignalSpy spyB(&b, &QAbstractItemModel::dataChanged);
        QSignalSpy spyOther(&other, &QAbstractItemModel::dataChanged);
        const QModelIndex inA = findItem(a, QStringLiteral("Run smoke tests"));
        QVERIFY(a.setData(inA, Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(spyB.count(), 2);
        QCOMPARE(spyOther.count(), 0);
        QCOMPARE(findItem(b, QStringLiteral("Run smoke tests")).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QVERIFY(f.deployment->check(findItem(a, QStringLiteral("Check health endpoints")).data(ChecklistModel::ItemIdRole).toString()));
        QCOMPARE(spyB.count(), 4);
        QCOMPARE(findItem(b, QStringLiteral("Check health endpoints")).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    }

    void flagsWithDeployment()
    {
        Fixture f;
        QVERIFY(f.start());
        ChecklistModel model(&f.deployment->runbook(), f.deployment.get(), QStringLiteral("rollback-procedures"));
        const QModelIndex checkable = findItem(model, QStringLiteral("Route traffic back to blue"));
        const QModelIndex bullet = findItem(model, QStringLiteral("Error rate > 2%"));
        QVERIFY(checkable.isValid());
        QVERIFY(bullet.isValid());
        QVERIFY(model.flags(checkable) & Qt::ItemIsUserCheckable);
        QVERIFY(!(model.flags(checkable) & Qt::ItemIsEditable));
        QVERIFY2(!(model.flags(bullet) & Qt::ItemIsUserCheckable), "a reference bullet has no check box");
        QVERIFY(!bullet.data(Qt::CheckStateRole).isValid());
        QVERIFY(qvariant_cast<QFont>(bullet.data(Qt::FontRole)).italic());
        QVERIFY(!bullet.siblingAtColumn(ChecklistModel::StateColumn).data().isValid());
        for (int c = ChecklistModel::StateColumn; c < ChecklistModel::ColumnCount; ++c) {
            QVERIFY(!(model.flags(checkable.siblingAtColumn(c)) & Qt::ItemIsUserCheckable));
            QVERIFY(!checkable.siblingAtColumn(c).data(Qt::CheckStateRole).isValid());
            QCOMPARE(bool(model.flags(checkable.siblingAtColumn(c)) & Qt::ItemIsEditable), c == ChecklistModel::NoteColumn);
        }
        QVERIFY2(model.flags(bullet.siblingAtColumn(ChecklistModel::NoteColumn)) & Qt::ItemIsEditable, "any item can carry a note");
        QVERIFY(!(model.flags(model.index(0, ChecklistModel::NoteColumn)) & Qt::ItemIsEditable));

        // Once closed, nothing is checkable or editable any more.
        QVERIFY(f.deployment->close(DeploymentOutcome::RolledBack, QStringLiteral("rolled back")));
        for (const QModelIndex &i : allItems(model)) {
            for (int c = 0; c < ChecklistModel::ColumnCount; ++c) {
                QVERIFY(!(model.flags(i.siblingAtColumn(c)) & Qt::ItemIsUserCheckable));
                QVERIFY(!(model.flags(i.siblingAtColumn(c)) & Qt::ItemIsEditable));
            }
        }
    }

    void previewIsReadOnly_data()
    {
        QTest::addColumn<QString>("sectionId");
        QTest::newRow("phase") << "preparation";
        QTest::newRow("checklist") << "pre-deployment-checklist";
        QTest::newRow("procedure") << "rollback-procedures";
    }
    void previewIsReadOnly()
    {
        QFETCH(QString, sectionId);
        ChecklistModel model(&m_preview, nullptr, sectionId);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        const QList<QModelIndex> items = allItems(model);
        QVERIFY(!items.isEmpty());
        for (const QModelIndex &i : items) {
            for (int c = 0; c < ChecklistModel::ColumnCount; ++c) {
                const QModelIndex cell = i.siblingAtColumn(c);
                QVERIFY(!(model.flags(cell) & Qt::ItemIsUserCheckable));
                QVERIFY(!(model.flags(cell) & Qt::ItemIsEditable));
                QVERIFY(model.flags(cell) & Qt::ItemIsSelectable);
            }
            QVERIFY(!model.setData(i, Qt::Checked, Qt::CheckStateRole));
            QVERIFY(!model.setData(i.siblingAtColumn(ChecklistModel::NoteColumn), QStringLiteral("note")));
            if (i.data(ChecklistModel::CheckableRole).toBool()) {
                // The preview still shows where the check boxes are, all open.
                QCOMPARE(i.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
                QCOMPARE(i.siblingAtColumn(ChecklistModel::StateColumn).data().toString(), QStringLiteral("Open"));
            }
            QVERIFY(i.siblingAtColumn(ChecklistModel::WhenColumn).data().toString().isEmpty());
        }
        QCOMPARE(changed.count(), 0);
    }

    void failingActionReported_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("check in a closed deployment") << "closed" << "closed";
        QTest::newRow("note in a closed deployment") << "closed-note" << "closed";
        QTest::newRow("skip without a reason") << "blank-reason" << "reason";
        QTest::newRow("check a reference bullet") << "bullet" << "not a checklist item";
        QTest::newRow("skip in the preview") << "preview-skip" << "no deployment";
        QTest::newRow("reopen in the preview") << "preview-reopen" << "no deployment";
    }
    void failingActionReported()
    {
        QFETCH(QString, scenario);
        QFETCH(QString, messagePart);
        Fixture f;
        QVERIFY(f.start());
        const bool preview = scenario.startsWith(QLatin1String("preview"));
        ChecklistModel model(preview ? &m_preview : &f.deployment->runbook(), preview ? nullptr : f.deployment.get(), QStringLiteral("rollback-procedures"));
        const QModelIndex item = findItem(model, QStringLiteral("Route traffic back to blue"));
        QVERIFY(item.isValid());
        if (scenario.startsWith(QLatin1String("closed")))
            QVERIFY(f.deployment->close(DeploymentOutcome::Aborted, QStringLiteral("stopped")));
        const int eventsBefore = int(f.events().size());
        QSignalSpy failed(&model, &ChecklistModel::actionFailed);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        if (scenario == QLatin1String("closed")) {
            QVERIFY(!model.setData(item, Qt::Checked, Qt::CheckStateRole));
        } else if (scenario == QLatin1String("closed-note")) {
            QVERIFY(!model.setData(item.siblingAtColumn(ChecklistModel::NoteColumn), QStringLiteral("late note")));
        } else if (scenario == QLatin1String("blank-reason")) {
            QVERIFY(!model.skip(item, QStringLiteral("   ")));
        } else if (scenario == QLatin1String("bullet")) {
            QVERIFY(!model.setData(findItem(model, QStringLiteral("Error rate > 2%")), Qt::Checked, Qt::CheckStateRole));
        } else if (scenario == QLatin1String("preview-skip")) {
            QVERIFY(!model.skip(item, QStringLiteral("not needed")));
        } else if (scenario == QLatin1String("preview-reopen")) {
            QVERIFY(!model.reopen(item));
        } else {
            QFAIL("unknown scenario");
        }
        QCOMPARE(failed.count(), 1);
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains(messagePart, Qt::CaseInsensitive), qPrintable(message));
        QCOMPARE(changed.count(), 0);
        QCOMPARE(int(f.events().size()), eventsBefore);
        QCOMPARE(item.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    }

    void skipShowsPartiallyCheckedWithReason()
    {
        Fixture f;
        QVERIFY(f.start());
        f.clock.advanceMs(5 * Minute);
        ChecklistModel model(&f.deployment->runbook(), f.deployment.get(), QStringLiteral("preparation"));
        const QModelIndex item = findItem(model, QStringLiteral("Run database migrations in staging"));
        QVERIFY(item.isValid());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(model.skip(item, QStringLiteral("  no schema change in this release ")));
        QCOMPARE(changed.count(), 2);
        QCOMPARE(item.data(Qt::CheckStateRole).toInt(), int(Qt::PartiallyChecked));
        QCOMPARE(item.data(ChecklistModel::StatusRole).toInt(), int(ItemState::Status::Skipped));
        QCOMPARE(item.data(ChecklistModel::SkipReasonRole).toString(), QStringLiteral("no schema change in this release"));
        QCOMPARE(item.siblingAtColumn(ChecklistModel::StateColumn).data().toString(), QStringLiteral("Skipped: no schema change in this release"));
        QCOMPARE(item.siblingAtColumn(ChecklistModel::ByColumn).data().toString(), QStringLiteral("alice"));
        QCOMPARE(item.siblingAtColumn(ChecklistModel::WhenColumn).data().toString(), QStringLiteral("T+00:05"));
        const DeploymentEvent last = f.events().last();
        QCOMPARE(last.kindName, QStringLiteral("item-skipped"));
        QCOMPARE(last.itemId, item.data(ChecklistModel::ItemIdRole).toString());
        QCOMPARE(last.payload.value(QStringLiteral("reason")).toString(), QStringLiteral("no schema change in this release"));
        QCOMPARE(f.deployment->progress(QStringLiteral("preparation")).skipped, 1);

        // Reopen brings it back to open; checking a skipped item makes it done.
        QVERIFY(model.reopen(item));
        QCOMPARE(item.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QCOMPARE(f.events().last().kindName, QStringLiteral("item-unchecked"));
        QVERIFY(model.skip(item, QStringLiteral("again")));
        QVERIFY(model.setData(item, Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(item.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QCOMPARE(item.siblingAtColumn(ChecklistModel::StateColumn).data().toString(), QStringLiteral("Done"));
    }

    void noteEditedThroughNoteColumn()
    {
        Fixture f;
        QVERIFY(f.start());
        ChecklistModel model(&f.deployment->runbook(), f.deployment.get(), QStringLiteral("traffic-shift"));
        const QModelIndex note = findItem(model, QStringLiteral("Watch error rates"), ChecklistModel::NoteColumn);
        QVERIFY(note.isValid());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(model.setData(note, QStringLiteral("  0.02% at 5%, dashboard link in #deploy  "), Qt::EditRole));
        const QString text = QStringLiteral("0.02% at 5%, dashboard link in #deploy");
        QCOMPARE(note.data().toString(), text);
        QCOMPARE(note.data(Qt::EditRole).toString(), text);
        QCOMPARE(note.data(ChecklistModel::NoteRole).toString(), text);
        QVERIFY(note.data(Qt::ToolTipRole).toString().contains(QLatin1String("alice")));
        QCOMPARE(changed.count(), 2);
        const DeploymentEvent last = f.events().last();
        QCOMPARE(last.kindName, QStringLiteral("note-set"));
        QCOMPARE(last.itemId, note.data(ChecklistModel::ItemIdRole).toString());
        QCOMPARE(last.payload.value(QStringLiteral("text")).toString(), text);
        // A note does not check the item.
        QCOMPARE(note.siblingAtColumn(0).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));

        // The same text again writes nothing; an empty text clears.
        const int count = int(f.events().size());
        QVERIFY(model.setData(note, text, Qt::EditRole));
        QCOMPARE(int(f.events().size()), count);
        QVERIFY(model.setData(note, QString(), Qt::EditRole));
        QCOMPARE(int(f.events().size()), count + 1);
        QVERIFY(note.data().toString().isEmpty());

        // Only the note column takes text, and a group row takes none.
        QVERIFY(!model.setData(note.siblingAtColumn(ChecklistModel::TextColumn), QStringLiteral("renamed"), Qt::EditRole));
        QVERIFY(!model.setData(note.siblingAtColumn(ChecklistModel::StateColumn), QStringLiteral("Done"), Qt::EditRole));
        QVERIFY(!model.setData(model.index(0, ChecklistModel::NoteColumn), QStringLiteral("group note"), Qt::EditRole));
        QVERIFY(!model.setData(note, Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(int(f.events().size()), count + 1);
        QCOMPARE(note.siblingAtColumn(ChecklistModel::TextColumn).data().toString(), QStringLiteral("Watch error rates"));
    }

    void indexOfItemFindsEveryItem()
    {
        ChecklistModel model(&m_preview, nullptr, QStringLiteral("emergency-procedures"));
        const QList<QModelIndex> items = allItems(model);
        QCOMPARE(items.size(), 16);
        for (const QModelIndex &i : items) {
            const QString id = i.data(ChecklistModel::ItemIdRole).toString();
            QCOMPARE(model.indexOfItem(id), i);
            QCOMPARE(model.indexOfItem(id, ChecklistModel::NoteColumn), i.siblingAtColumn(ChecklistModel::NoteColumn));
        }
        QVERIFY(!model.indexOfItem(QStringLiteral("preparation/environment-setup/verify-database-connectivity")).isValid());
        QVERIFY(!model.indexOfItem(QStringLiteral("no-such-item")).isValid());
    }

    void headers()
    {
        ChecklistModel model(&m_preview, nullptr, QStringLiteral("preparation"));
        QStringList names;
        for (int c = 0; c < model.columnCount(); ++c)
            names << model.headerData(c, Qt::Horizontal).toString();
        QCOMPARE(names, (QStringList{"Item", "State", "By", "When", "Note"}));
    }

    void formatElapsed_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("text");
        QTest::newRow("start") << qint64(0) << "T+00:00";
        QTest::newRow("seconds round down") << qint64(59'999) << "T+00:00";
        QTest::newRow("one minute") << qint64(60'000) << "T+00:01";
        QTest::newRow("hours and minutes") << qint64(3'723'000) << "T+01:02";
        QTest::newRow("past 99 hours") << qint64(100) * 60 * Minute << "T+100:00";
        QTest::newRow("clock went backwards") << qint64(-5'000) << "T+00:00";
    }
    void formatElapsed()
    {
        QFETCH(qint64, ms);
        QFETCH(QString, text);
        QCOMPARE(ChecklistModel::formatElapsed(ms), text);
    }
};

QTEST_MAIN(TestChecklistModel)
#include "tst_checklistmodel.moc"
