// Fault injection under a whole console session on the demo: the journal stops taking writes
// in the middle of a deployment (disk full through max_page_count, the connection made
// read-only, an I/O error from the file itself, another connection holding the write lock so
// every write ends in SQLITE_BUSY).
// Operator actions are refused with an error that names the journal, nothing refused is shown
// as done, no step towards green leaves, the metric samples say they cannot be saved, and the
// way back to blue still moves the traffic.
#include "demosession.h"

#include "deployment/deployment.h"
#include "journal/journal.h"
#include "metrics/metricssession.h"
#include "rollout/rollout.h"
#include "sim/demoserver.h"

#include <QDir>
#include <QFileInfo>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

enum class Fault { DiskFull, ReadOnly, IoError, Busy };

bool exec(const QSqlDatabase &db, const QString &sql, QString *error = nullptr)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

// A disk that fails under the journal without a VFS of the test's own: the process's
// descriptors of the journal file and its WAL are replaced (dup2) by /dev/null opened
// read-only, so SQLite's own connection gets EBADF on its next write (SQLITE_IOERR_WRITE) and
// nothing on a read (SQLITE_IOERR_SHORT_READ). restore() puts the files back.
class BrokenFiles
{
public:
    ~BrokenFiles() { restore(); }

    // The number of descriptors broken; 0 when none of the files was open.
    int breakFiles(const QString &journalPath)
    {
        const QString file = QFileInfo(journalPath).canonicalFilePath();
        const QStringList targets{file, file + u"-wal"_s};
        const int null = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (null < 0)
            return 0;
        const QDir fds(u"/proc/self/fd"_s);
        for (const QString &name : fds.entryList(QDir::Files | QDir::System | QDir::NoDotAndDotDot)) {
            const int fd = name.toInt();
            if (fd == null || !targets.contains(QFileInfo(fds.filePath(name)).symLinkTarget()))
                continue;
            const int saved = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
            if (saved < 0 || ::dup2(null, fd) < 0) {
                if (saved >= 0)
                    ::close(saved);
                continue;
            }
            m_saved.append({fd, saved});
        }
        ::close(null);
        return int(m_saved.size());
    }
    void restore()
    {
        for (const auto &[fd, saved] : std::as_const(m_saved)) {
            ::dup2(saved, fd);
            ::close(saved);
        }
        m_saved.clear();
    }

private:
    QList<std::pair<int, int>> m_saved; // the journal's descriptor, a copy of the original
};

} // namespace

class TestJournalFaults : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void operatorActionsAreRefusedAndBlueStillWorks_data()
    {
        QTest::addColumn<Fault>("fault");
        QTest::newRow("disk full") << Fault::DiskFull;
        QTest::newRow("read-only") << Fault::ReadOnly;
        QTest::newRow("i/o error") << Fault::IoError;
        QTest::newRow("busy") << Fault::Busy;
    }
    void operatorActionsAreRefusedAndBlueStillWorks()
    {
        QFETCH(Fault, fault);
        // Slow enough that the lock's stale time (25 s) does not pass while the test acts, fast
        // enough that traffic converges at once.
        DemoSession demo(u"healthy"_s, 10);
        QVERIFY2(demo.session, qPrintable(demo.error));
        ConsoleSession *session = demo.session.get();
        const QString path = m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-').remove(u'/') + u".sqlite"_s);
        QVERIFY(session->openJournal(path).ok());
        QVERIFY(session->loadRunbook({}).ok());
        QVERIFY(session->startDeployment(u"checkout"_s, u"v2"_s, u"alice"_s).ok());
        Deployment *deployment = session->deployment();
        QVERIFY(deployment->confirmReading().ok());
        for (const QString &id : TrafficGate::preShiftItemIds(deployment->runbook()))
            QVERIFY(deployment->skip(id, u"done in the change ticket"_s).ok());
        QTRY_VERIFY_WITH_TIMEOUT(session->rollout() && session->rollout()->gate().open, 30'000);
        Rollout *rollout = session->rollout();
        QVERIFY(rollout->advance().ok());
        QTRY_VERIFY_WITH_TIMEOUT(!rollout->commandInFlight() && rollout->observedPercent() == 5, 30'000);
        QCOMPARE(demo.environment->demo()->weights().green, 5);
        const QList<const RunbookItem *> items = deployment->runbook().checkableItems();
        const auto open = std::find_if(items.cbegin(), items.cend(), [&](const RunbookItem *i) {
            return deployment->state().item(i->id).status == ItemState::Status::Open;
        });
        QVERIFY(open != items.cend());
        const QString item = (*open)->id;

        // The fault.
        QSqlDatabase db = session->journal()->database();
        QSqlDatabase other; // the busy row's second writer
        BrokenFiles broken; // the i/o error row's files
        switch (fault) {
        case Fault::DiskFull: {
            QSqlQuery q(db);
            QVERIFY(q.exec(u"PRAGMA page_count"_s) && q.next());
            QVERIFY(exec(db, u"PRAGMA max_page_count = %1"_s.arg(q.value(0).toLongLong())));
            // Whatever room is left in the file's pages is used up by notes, as an operator
            // typing on would; then not even a short event fits.
            int written = 0;
            while (deployment->setNote(items.constFirst()->id, written % 2 ? u"a"_s : u"b"_s).ok())
                QVERIFY2(++written < 5000, "the journal never filled up");
            break;
        }
        case Fault::ReadOnly: QVERIFY(exec(db, u"PRAGMA query_only = 1"_s)); break;
        case Fault::IoError: QCOMPARE(broken.breakFiles(path), 2); break; // the file and its WAL
        case Fault::Busy:
            other = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"busy-writer"_s);
            other.setDatabaseName(path);
            QVERIFY(other.open());
            QVERIFY(exec(other, u"BEGIN IMMEDIATE"_s));
            break;
        }
        const auto release = [&] {
            broken.restore();
            if (other.isOpen()) {
                exec(other, u"ROLLBACK"_s);
                other.close();
            }
            other = QSqlDatabase();
            if (QSqlDatabase::contains(u"busy-writer"_s))
                QSqlDatabase::removeDatabase(u"busy-writer"_s);
        };
        auto cleanUp = qScopeGuard(release);
        const auto namesTheJournal = [&](const QString &error) { return error.contains(path) || error.contains(u"journal"_s); };

        // Refused, said, and not shown as done.
        const qsizetype eventsBefore = demo.events().size();
        const Status checked = deployment->check(item);
        QVERIFY(!checked.ok());
        QVERIFY2(namesTheJournal(checked.error()), qPrintable(checked.error()));
        if (fault == Fault::IoError) // SQLite's word for it, after the journal's name
            QVERIFY2(checked.error().contains(u"disk I/O error"_s), qPrintable(checked.error()));
        QCOMPARE(deployment->state().item(item).status, ItemState::Status::Open);
        const QString note = u"rolled the schema forward by hand"_s;
        const Status noted = deployment->setNote(item, note);
        QVERIFY(!noted.ok());
        QVERIFY2(namesTheJournal(noted.error()), qPrintable(noted.error()));
        QVERIFY(deployment->state().item(item).note != note);

        // No step towards green leaves without its record.
        const Status forward = rollout->overrideGate(u"the change board said so"_s);
        QVERIFY(!forward.ok());
        QCOMPARE(rollout->commandedPercent(), 5);
        QVERIFY(!rollout->commandInFlight());
        QCOMPARE(demo.environment->demo()->weights().green, 5);

        // The samples say they cannot be saved.
        QSignalSpy recordingFailed(session->metrics(), &MetricsSession::recordingFailed);
        QTRY_VERIFY_WITH_TIMEOUT(!recordingFailed.isEmpty(), 30'000);
        QVERIFY2(namesTheJournal(recordingFailed.first().first().toString()), qPrintable(recordingFailed.first().first().toString()));

        if (fault == Fault::Busy) {
            // Every write waited out the busy timeout (5 s, here 50 s of deployment time), the
            // heartbeat too: past the lock's stale time the console stops driving and says why
            // (another console could take over by then). Once the other writer lets go it
            // drives again at its next heartbeat, and the way back to blue works.
            if (!session->isDriving())
                QVERIFY2(deployment->readOnlyReason().contains(u"could not be renewed"_s), qPrintable(deployment->readOnlyReason()));
            release();
            QTRY_VERIFY_WITH_TIMEOUT(session->isDriving() && session->rollout(), 30'000);
            rollout = session->rollout();
        }
        // The way back to blue still moves the traffic; where the journal refuses it, it says so.
        QSignalSpy rollbackJournalFailed(rollout, &Rollout::journalFailed);
        QVERIFY(session->isDriving());
        const Status back = rollout->rollBack(u"the journal refuses writes; back to blue first"_s);
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QTRY_COMPARE_WITH_TIMEOUT(demo.environment->demo()->weights().green, 0, 30'000);
        if (fault != Fault::Busy) {
            QVERIFY(!rollbackJournalFailed.isEmpty());
            QVERIFY2(namesTheJournal(rollbackJournalFailed.first().first().value<Phrase>().english()), qPrintable(rollbackJournalFailed.first().first().value<Phrase>().english()));
        }

        // Nothing refused reached the journal.
        release();
        cleanUp.dismiss();
        for (const DeploymentEvent &e : demo.events()) {
            QVERIFY(e.kind != DeploymentEvent::Kind::GateOverridden);
            QVERIFY(!(e.kind == DeploymentEvent::Kind::ItemChecked && e.itemId == item));
            QVERIFY(!(e.kind == DeploymentEvent::Kind::NoteSet && e.payload.value(u"text"_s).toString() == note));
            if (e.kind == DeploymentEvent::Kind::TrafficCommanded)
                QVERIFY(e.payload.value(u"green"_s).toInt() <= 5);
        }
        if (fault != Fault::Busy)
            QCOMPARE(demo.events().size(), eventsBefore);
    }
};

QTEST_GUILESS_MAIN(TestJournalFaults)
#include "tst_journalfaults.moc"
