#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLineEdit;
class QPlainTextEdit;

// The release manager's override of a closed gate: it lists what the gate says, asks for the
// exact phrase ("override to 10%") to be typed and for a reason; both go to the journal and
// the reports.
class OverrideDialog : public QDialog
{
    Q_OBJECT
public:
    OverrideDialog(int fromPercent, int toPercent, const QStringList &blockedBy, QWidget *parent = nullptr);

    QString confirmationPhrase() const { return m_phrase; }
    QLineEdit *confirmationEdit() const { return m_confirmation; }
    QPlainTextEdit *reasonEdit() const { return m_reason; }
    QString reason() const;

private:
    void updateOk();

    QString m_phrase;
    QLineEdit *m_confirmation;
    QPlainTextEdit *m_reason;
    QDialogButtonBox *m_buttons;
};
