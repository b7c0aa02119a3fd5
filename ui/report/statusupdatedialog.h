#pragma once

#include "report/statusupdate.h"

#include <QDialog>
#include <QPointer>

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class StatusUpdates;

// A status update for stakeholders: the text the console prepared, to read and edit, sent to
// the profile's webhooks (each delivery's result shown as it comes) or copied to the clipboard,
// which always works. The engine prepares and sends; this only shows and asks.
class StatusUpdateDialog : public QDialog
{
    Q_OBJECT
public:
    StatusUpdateDialog(StatusUpdates *updates, StatusUpdate::Trigger trigger, bool readOnly, QWidget *parent = nullptr);

    StatusUpdate update() const; // with the operator's edits
    QString clipboardText() const;
    // Sends to every webhook (what the Send button does); the id, empty when none.
    QString send();
    void copyToClipboard();

private:
    void prepare();
    void addResult(const QString &text, bool ok);

    QPointer<StatusUpdates> m_updates;
    StatusUpdate m_prepared;
    QLineEdit *m_title;
    QPlainTextEdit *m_text;
    QLabel *m_where;
    QListWidget *m_results;
    QPushButton *m_send;
    QPushButton *m_copy;
    QString m_sentId;
};
