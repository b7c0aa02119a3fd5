#pragma once

#include "runbook/runbook.h"

#include <QWidget>

class QListWidget;
class QTextBrowser;

// The runbook's reference sections (thresholds, troubleshooting, contacts, tools), readable
// beside the checklists.
class ReferencePanel : public QWidget
{
    Q_OBJECT
public:
    explicit ReferencePanel(QWidget *parent = nullptr);
    void setRunbook(const Runbook *runbook);
    void showSection(const QString &sectionId);
    QListWidget *sectionList() const { return m_list; }

private:
    const Runbook *m_runbook = nullptr;
    QListWidget *m_list;
    QTextBrowser *m_text;
};
