#include "referencepanel.h"

#include "deployment/checklistlayout.h"

#include <QListWidget>
#include <QSplitter>
#include <QTextBrowser>
#include <QTextDocument>
#include <QVBoxLayout>

ReferencePanel::ReferencePanel(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_text(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("referencePanel"));
    m_list->setObjectName(QStringLiteral("referenceList"));
    m_text->setObjectName(QStringLiteral("referenceText"));
    m_list->setAccessibleName(tr("Reference sections"));
    m_text->setAccessibleName(tr("Reference text"));
    m_text->setOpenExternalLinks(false);
    m_text->setOpenLinks(false);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_list);
    splitter->addWidget(m_text);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0)
            showSection(m_list->item(row)->data(Qt::UserRole).toString());
    });
}

void ReferencePanel::setRunbook(const Runbook *runbook)
{
    m_runbook = runbook;
    m_list->clear();
    m_text->clear();
    if (!runbook)
        return;
    for (const RunbookSection *s : ChecklistLayout::referenceSections(*runbook)) {
        auto *item = new QListWidgetItem(s->title, m_list);
        item->setData(Qt::UserRole, s->id);
        item->setToolTip(tr("Runbook line %1").arg(s->line));
    }
    // Thresholds are what on-call needs most often: show them first if there are any.
    int preferred = 0;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->text().contains(QLatin1String("Monitoring"), Qt::CaseInsensitive)) {
            preferred = i;
            break;
        }
    }
    if (m_list->count() > 0)
        m_list->setCurrentRow(preferred);
}

void ReferencePanel::showSection(const QString &sectionId)
{
    if (!m_runbook)
        return;
    // Markdown without HTML: markup written into the runbook is shown as the text it is.
    m_text->document()->setMarkdown(m_runbook->sectionSource(sectionId),
                                    QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub | QTextDocument::MarkdownNoHTML));
}
