#pragma once

#include <QDialog>

class QLineEdit;
class QDialogButtonBox;

// Asks for what a new deployment needs: service, version or git ref, operator.
class NewDeploymentDialog : public QDialog
{
    Q_OBJECT
public:
    NewDeploymentDialog(const QString &runbookName, const QString &operatorName, QWidget *parent = nullptr);
    QString service() const;
    QString version() const;
    QString operatorName() const;

private:
    void validate();
    QLineEdit *m_service;
    QLineEdit *m_version;
    QLineEdit *m_operator;
    QDialogButtonBox *m_buttons;
};
