#include "opendeploymentdialog.h"

#include "deployment/deploymentlistmodel.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

OpenDeploymentDialog::OpenDeploymentDialog(const QList<Journal::DeploymentSummary> &deployments, QWidget *parent)
    : QDialog(parent)
    , m_model(new DeploymentListModel(this))
    , m_view(new QTableView(this))
{
    setWindowTitle(tr("Open deployment"));
    setObjectName(QStringLiteral("openDeploymentDialog"));
    m_view->setObjectName(QStringLiteral("deploymentList"));
    m_view->setAccessibleName(tr("Deployments in the journal"));
    m_model->setDeployments(deployments);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->resizeColumnsToContents();
    if (m_model->rowCount() > 0)
        m_view->selectRow(0);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Open)->setEnabled(m_model->rowCount() > 0);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_view, &QTableView::activated, this, &QDialog::accept);
    resize(720, 360);
}

QString OpenDeploymentDialog::selectedDeploymentId() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.data(DeploymentListModel::DeploymentIdRole).toString() : QString();
}
