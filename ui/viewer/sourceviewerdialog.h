#pragma once

#include <QDialog>

class QLabel;
class SourceView;

// A non-modal window showing one file or text read-only, highlighted (e.g. a rollback script
// before it runs, the environment profile). Typical use, from any widget:
//
//     SourceViewerDialog::showFile(this, scriptPath);
//     SourceViewerDialog::showText(this, tr("Rollback script"), scriptText, QStringLiteral("rollback.sql"));
//
// Both open a new window and return at once; it deletes itself when closed. Problems reading
// a file (missing, unreadable, not UTF-8, larger than MaxShownBytes) are said in the window.
class SourceViewerDialog : public QDialog
{
    Q_OBJECT
public:
    // Shows the file at `path`; the title is its file name, the path is shown above the text.
    static SourceViewerDialog *showFile(QWidget *parent, const QString &path);
    // Shows `text` under `title`, highlighted as `fileNameForHighlighting` suggests
    // ("rollback.sql", "profile.json"; empty: from the text itself, e.g. a `#!` line).
    static SourceViewerDialog *showText(QWidget *parent, const QString &title, const QString &text,
                                        const QString &fileNameForHighlighting = {});

    // The environment profile `fileName`, or with none (the built-in demo) the demo's profile
    // compiled into the program; null, with the reason in `error`, when that cannot be read.
    static SourceViewerDialog *showProfile(QWidget *parent, const QString &fileName, QString *error = nullptr);

    explicit SourceViewerDialog(QWidget *parent = nullptr);

    // Reads the file (what is shown when it cannot be read is a message, not the text).
    void setFile(const QString &path);
    void setText(const QString &title, const QString &text, const QString &fileNameForHighlighting = {});

    SourceView *view() const { return m_view; }
    // The note above the text (why the file is not shown or shown only in part); empty if none.
    QString note() const;

    // Larger files are shown up to here, with a note.
    static constexpr qint64 MaxShownBytes = 5 * 1024 * 1024;

private:
    void showNote(const QString &text, bool error);

    QLabel *m_path;
    QLabel *m_note;
    SourceView *m_view;
};
