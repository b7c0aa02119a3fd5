#pragma once

#include "journal/journal.h"

#include <QDialog>

class DeploymentListModel;
class QTableView;

// Lists the journal's deployments, newest first, to reopen one.
class OpenDeploymentDialog : public QDialog
{
    Q_OBJECT
public:
    OpenDeploymentDialog(const QList<Journal::DeploymentSummary> &deployments, QWidget *parent = nullptr);
    QString selectedDeploymentId() const;

private:
    DeploymentListModel *m_model;
    QTableView *m_view;
};
