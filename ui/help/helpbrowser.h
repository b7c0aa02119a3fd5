#pragma once

#include <QDialog>
#include <QUrl>

class QLabel;
class QPushButton;
class QTextBrowser;

// The user guide (docs/*.md, compiled in under :/docs) in a window of its own: Markdown shown
// by QTextBrowser, links between the guide's pages followed inside it, web links opened in
// the desktop's browser. Help > User guide, Runbook format and Profile format show its pages.
class HelpBrowser : public QDialog
{
    Q_OBJECT
public:
    explicit HelpBrowser(QWidget *parent = nullptr);

    // A page of the guide by its file name ("runbook.md"); the index is "README.md".
    void showPage(const QString &page);
    // The page shown, as qrc:/docs/NAME.md.
    QUrl source() const;
    QTextBrowser *browser() const { return m_browser; }

    static QUrl pageUrl(const QString &page);

private:
    void follow(const QUrl &link);

    QTextBrowser *m_browser;
    QPushButton *m_back;
    QPushButton *m_forward;
    QLabel *m_note;
};
