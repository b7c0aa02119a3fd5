#pragma once

#include "core/result.h"
#include "runbook/runbook.h"

#include <QAbstractItemModel>
#include <QPointer>

class Deployment;

// The checklist of one tab: groups as top-level rows, their items as children, with each
// item's state from the deployment. Checking an item in a view goes through Deployment,
// so it is journaled before the model reports it changed.
class ChecklistModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { TextColumn, StateColumn, ByColumn, WhenColumn, NoteColumn, ColumnCount };
    enum Role {
        ItemIdRole = Qt::UserRole + 1,
        IsGroupRole,
        StatusRole, // ItemState::Status as int
        OperatorRole,
        TimestampRole, // ms since epoch, 0 when never touched
        NoteRole,
        SkipReasonRole,
        SourceLineRole,
        CheckableRole,
    };

    // 'deployment' may be null: the runbook is then shown read-only, as a preview.
    ChecklistModel(const Runbook *runbook, Deployment *deployment, const QString &sectionId, QObject *parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    Status skip(const QModelIndex &index, const QString &reason);
    Status reopen(const QModelIndex &index);
    QModelIndex indexOfItem(const QString &itemId, int column = TextColumn) const;
    QString sectionId() const { return m_sectionId; }

    // "T+01:02" for a time since the deployment started.
    static QString formatElapsed(qint64 ms);

Q_SIGNALS:
    // An action the operator took could not be recorded; the message says why.
    void actionFailed(const QString &message);

private:
    struct Group {
        QString title;
        QList<const RunbookItem *> items;
    };
    const RunbookItem *itemAt(const QModelIndex &index) const;
    void onItemChanged(const QString &itemId);
    Status report(Status status);

    const Runbook *m_runbook;
    QPointer<Deployment> m_deployment;
    QString m_sectionId;
    QList<Group> m_groups;
};
