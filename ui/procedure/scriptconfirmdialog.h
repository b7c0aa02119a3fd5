#pragma once

#include "procedure/actionbinding.h"

#include <QDialog>

class QLabel;
class SourceView;

// Asks before a destructive step runs: what will run (program, arguments, folder, timeout)
// and the script itself, highlighted, so the operator reads what they are about to do.
class ScriptConfirmDialog : public QDialog
{
    Q_OBJECT
public:
    ScriptConfirmDialog(const QString &stepText, const ActionBinding &binding, bool runAgain, QWidget *parent = nullptr);

    SourceView *view() const { return m_view; }
    // The file shown (the binding's script, or the program when it is a text file); empty if none.
    QString shownFile() const { return m_shown; }
    // Reads the script for display; a message instead of the text when it cannot be read.
    static QString scriptPathOf(const ActionBinding &binding);

private:
    SourceView *m_view;
    QLabel *m_note;
    QString m_shown;
};
