#pragma once

#include "journal/deploymentevent.h"

#include <QDialog>

class QComboBox;
class QPlainTextEdit;

// Closes a deployment with its outcome and a note; after that it is read-only.
class CloseDeploymentDialog : public QDialog
{
    Q_OBJECT
public:
    CloseDeploymentDialog(int openItems, QWidget *parent = nullptr);
    DeploymentOutcome outcome() const;
    // The outcome as the window says it ("Rolled back"); the journal keeps nameOf()'s id.
    static QString outcomeText(DeploymentOutcome outcome);
    QString note() const;

private:
    QComboBox *m_outcome;
    QPlainTextEdit *m_note;
};
