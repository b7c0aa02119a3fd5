#pragma once

#include "runbook/runbook.h"

#include <QDialog>

class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class SourceView;

// The runbook's Markdown in an editor: Check parses the text as it stands, Save writes it
// to its file (atomically) and parses what was written; the parser's diagnostics are marked
// at their lines and listed below (a click goes to the line). Without a file (the bundled
// reference runbook) it is read-only. Closing with unsaved changes asks first.
class RunbookEditorDialog : public QDialog
{
    Q_OBJECT
public:
    // `path` empty: `text` is the bundled reference runbook, shown read-only. Otherwise the
    // file is read afresh (it may have changed since the window loaded it); a file that cannot
    // be read or is not UTF-8 is shown read-only with the reason.
    RunbookEditorDialog(const QString &path, const QString &text, QWidget *parent = nullptr);

    SourceView *editor() const { return m_editor; }
    QListWidget *diagnosticsList() const { return m_list; }
    QString path() const { return m_path; }
    bool isEditable() const { return m_editable; }
    bool isModified() const;
    // The runbook parsed by the last Check or Save (or on opening).
    const Runbook &parsed() const { return m_parsed; }

    // Parses the text in the editor and shows its diagnostics; nothing is written.
    void check();
    // Writes the text to the file and parses it as the console would load it. Returns false
    // (and says why) when the file could not be written.
    bool save();

Q_SIGNALS:
    // After a successful save: the runbook as read back from the file.
    void saved(const Runbook &runbook);

public Q_SLOTS:
    void reject() override;

private:
    void showDiagnostics(const Runbook &runbook);
    void diagnosticActivated(QListWidgetItem *item);
    void updateTitle();

    QString m_path;
    bool m_editable = false;
    Runbook m_parsed;
    QLabel *m_note;
    SourceView *m_editor;
    QLabel *m_summary;
    QListWidget *m_list;
    QPushButton *m_check;
    QPushButton *m_save;
};
