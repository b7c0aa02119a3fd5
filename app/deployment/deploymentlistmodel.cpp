#include "deploymentlistmodel.h"

#include <QDateTime>

DeploymentListModel::DeploymentListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void DeploymentListModel::setDeployments(const QList<Journal::DeploymentSummary> &deployments)
{
    beginResetModel();
    m_deployments = deployments;
    endResetModel();
}

int DeploymentListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_deployments.size());
}

int DeploymentListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeploymentListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Journal::DeploymentSummary &d = m_deployments[index.row()];
    if (role == DeploymentIdRole)
        return d.id;
    if (role == ClosedRole)
        return d.closed;
    if (role == Qt::ToolTipRole)
        return tr("Deployment %1, runbook %2").arg(d.id, d.runbookName);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case ServiceColumn: return d.service;
    case VersionColumn: return d.version;
    case OperatorColumn: return d.operatorName;
    case StartedColumn: return QDateTime::fromMSecsSinceEpoch(d.startedAtMs).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    case StateColumn: return d.closed ? tr("closed: %1").arg(d.outcome) : tr("open");
    }
    return {};
}

QVariant DeploymentListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ServiceColumn: return tr("Service");
    case VersionColumn: return tr("Version");
    case OperatorColumn: return tr("Started by");
    case StartedColumn: return tr("Started");
    case StateColumn: return tr("State");
    }
    return {};
}
