#pragma once

#include "journal/journalbackend.h"

#include <QHash>

class PostgresLink;

// The journal in a PostgreSQL database that a team shares (PostgresSchema says what the
// database enforces). An append is one statement, `INSERT ... SELECT ... RETURNING seq`: the
// next number computed from the deployment's last, only on top of the event the console
// expected and, for the driver, only while the lock row still has its token (read FOR SHARE,
// so a takeover waits for the append or the append for the takeover); the unique key
// (deployment_id, seq) refuses a second writer that computed the same number, which is then a
// conflict (or, when nothing was expected, tried again on the new last event). Other
// consoles' writes arrive through LISTEN/NOTIFY, one channel per followed deployment; after a
// dropped connection comes back, everything followed is read again from the last event seen.
class PostgresBackend : public JournalBackend
{
    Q_OBJECT
public:
    explicit PostgresBackend(const JournalLocation &location, QObject *parent = nullptr);
    ~PostgresBackend() override;

    void setPassword(const QString &password);

    bool isShared() const override { return true; }
    QSqlDatabase database() const override;
    Status connect() override;
    void close() override;
    bool isOpen() const override;
    bool isConnected() const override;
    QString connectionProblem() const override;
    Result<JournalSchema::Meta> readMeta() override;
    Status prepare(const JournalSchema::Meta &meta, bool readOnly) override;
    Status beginWrite(const QString &what) override;
    Appended append(const DeploymentEvent &event, const QString &payload, qint64 expectedLastSeq, const QString &fenceToken) override;
    void watch(const QString &deploymentId) override;
    void unwatch(const QString &deploymentId) override;
    std::optional<Result<qint64>> serverNowMs() override;
    QString identity() const override { return m_identity; }
    bool mayDrive() const override { return m_mayDrive; }
    bool decidesLeadership() const override { return true; }
    Result<bool> takeLead(const QString &deploymentId) override;
    void dropLead(const QString &deploymentId) override;
    std::optional<bool> driverConnected(const QString &deploymentId) override;

private:
    QString literal(const QVariant &value) const;
    Status notConnected() const;

    PostgresLink *m_link;
    QHash<QString, QString> m_channels; // channel -> deployment id
    QString m_identity;
    bool m_mayDrive = false;
};
