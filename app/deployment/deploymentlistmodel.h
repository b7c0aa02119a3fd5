#pragma once

#include "journal/journal.h"

#include <QAbstractTableModel>

// The deployments recorded in a journal, newest first, for the "Open deployment" dialog.
class DeploymentListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { ServiceColumn, VersionColumn, OperatorColumn, StartedColumn, StateColumn, ColumnCount };
    enum Role { DeploymentIdRole = Qt::UserRole + 1, ClosedRole };

    explicit DeploymentListModel(QObject *parent = nullptr);
    void setDeployments(const QList<Journal::DeploymentSummary> &deployments);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Journal::DeploymentSummary> m_deployments;
};
