#include "readingdialog.h"

#include "common/statuscolor.h"

#include "viewer/sourceview.h"
#include "viewer/sourceviewerdialog.h"

#include "deployment/deployment.h"
#include "runbook/runbookreading.h"

#include <QColor>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <utility>

namespace {

QTreeWidget *makeTable(QWidget *parent, const QString &objectName, const QString &accessibleName, const QStringList &headers)
{
    auto *view = new QTreeWidget(parent);
    view->setObjectName(objectName);
    view->setAccessibleName(accessibleName);
    view->setRootIsDecorated(false);
    view->setUniformRowHeights(true);
    view->setAllColumnsShowFocus(true);
    view->setHeaderLabels(headers);
    view->header()->setStretchLastSection(true);
    return view;
}

QLabel *sectionTitle(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped()), parent);
    label->setTextFormat(Qt::RichText);
    return label;
}

QString lineCell(int line)
{
    return line > 0 ? QString::number(line) : ReadingDialog::tr("whole file");
}

QTreeWidgetItem *row(QTreeWidget *view, const QStringList &cells, int line, const QString &toolTip)
{
    auto *item = new QTreeWidgetItem(view, cells);
    item->setData(0, ReadingDialog::LineRole, line);
    if (!toolTip.isEmpty()) {
        for (int c = 0; c < cells.size(); ++c)
            item->setToolTip(c, toolTip);
    }
    return item;
}

} // namespace

ReadingDialog::ReadingDialog(QWidget *parent)
    : QDialog(parent)
    , m_intro(new QLabel(this))
    , m_status(new QLabel(this))
    , m_gaps(new QLabel(this))
    , m_plan(makeTable(this, QStringLiteral("readingPlan"), tr("Traffic plan"), {tr("Share on green"), tr("Hold"), tr("Line")}))
    , m_rules(makeTable(this, QStringLiteral("readingRules"), tr("Rules"), {tr("Tier"), tr("Metric"), tr("Comparison"), tr("Value"), tr("Unit"), tr("Line")}))
    , m_unreadTitle(sectionTitle(tr("Not read"), this))
    , m_unread(makeTable(this, QStringLiteral("readingUnread"), tr("Not read"), {tr("Line"), tr("What the console could not read")}))
    , m_confirm(new QPushButton(tr("&Confirm reading"), this))
{
    setObjectName(QStringLiteral("readingDialog"));
    setWindowTitle(tr("Runbook reading"));
    setModal(false);
    m_intro->setWordWrap(true);
    m_intro->setText(tr("What the console read of the runbook. Traffic moves on this reading alone: check it against the runbook "
                        "(click a row to see its line) and confirm it before the first traffic step."));
    m_status->setObjectName(QStringLiteral("readingStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::RichText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_gaps->setObjectName(QStringLiteral("readingGaps"));
    m_gaps->setWordWrap(true);
    m_gaps->setTextFormat(Qt::RichText);
    m_gaps->setAccessibleName(tr("What the reading lacks"));
    m_confirm->setObjectName(QStringLiteral("confirmReading"));
    m_confirm->setAccessibleName(tr("Confirm reading"));
    m_confirm->setAutoDefault(false);
    connect(m_confirm, &QPushButton::clicked, this, &ReadingDialog::confirm);

    for (QTreeWidget *view : {m_plan, m_rules, m_unread}) {
        connect(view, &QTreeWidget::itemClicked, this, &ReadingDialog::rowActivated);
        connect(view, &QTreeWidget::itemActivated, this, &ReadingDialog::rowActivated);
    }

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_confirm, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_status);
    layout->addWidget(m_gaps);
    layout->addWidget(sectionTitle(tr("Traffic plan"), this));
    layout->addWidget(m_plan, 3);
    layout->addWidget(sectionTitle(tr("Rules"), this));
    layout->addWidget(m_rules, 8);
    layout->addWidget(m_unreadTitle);
    layout->addWidget(m_unread, 2);
    layout->addWidget(buttons);
    resize(820, 680);
}

void ReadingDialog::setDeployment(Deployment *deployment)
{
    if (m_deployment)
        disconnect(m_deployment, nullptr, this, nullptr);
    m_deployment = deployment;
    if (m_source)
        m_source->close(); // it showed another deployment's runbook
    if (m_deployment) {
        connect(m_deployment, &Deployment::readingConfirmedChanged, this, &ReadingDialog::refreshStatus);
        connect(m_deployment, &Deployment::readOnlyChanged, this, &ReadingDialog::refreshStatus);
        connect(m_deployment, &Deployment::closedChanged, this, &ReadingDialog::refreshStatus);
    }
    rebuild();
}

void ReadingDialog::rebuild()
{
    m_plan->clear();
    m_rules->clear();
    m_unread->clear();
    if (!m_deployment) {
        m_gaps->clear();
        refreshStatus();
        return;
    }
    const RunbookReading &reading = m_deployment->reading();
    for (const TrafficStep &step : reading.plan()) {
        row(m_plan, {tr("%1 %").arg(step.percent), step.holdMs ? holdText(*step.holdMs) : tr("— (last step)"), lineCell(step.line)},
            step.line, {});
    }
    if (!reading.hasPlan())
        row(m_plan, {tr("(no traffic plan)"), QString(), QString()}, 0, {});
    for (const Rule &rule : reading.rules()) {
        row(m_rules,
            {RunbookReading::tierText(rule.tier).translated(), RunbookReading::metricText(rule), RunbookReading::comparisonText(rule).translated(),
             RunbookReading::valueText(rule).translated(), RunbookReading::unitText(rule).translated(), lineCell(rule.line)},
            rule.line, rule.text);
    }
    if (reading.rules().isEmpty())
        row(m_rules, {tr("(no rules)"), QString(), QString(), QString(), QString(), QString()}, 0, {});
    for (const Diagnostic &d : reading.unread()) {
        QTreeWidgetItem *item = row(m_unread, {lineCell(d.line), d.message.translated()}, d.line, d.message.translated());
        item->setForeground(1, d.severity == Diagnostic::Severity::Error ? QColor(0xc6, 0x28, 0x28) : QColor(0xd9, 0x6c, 0x00));
    }
    if (reading.isComplete())
        row(m_unread, {QString(), tr("Nothing: every line that looks like a plan or a limit was read.")}, 0, {});
    m_unreadTitle->setText(QStringLiteral("<b>%1</b>").arg(tr("Not read (%n)", nullptr, int(reading.unread().size())).toHtmlEscaped()));
    for (QTreeWidget *view : {m_plan, m_rules, m_unread}) {
        for (int c = 0; c < view->columnCount(); ++c)
            view->resizeColumnToContents(c);
    }

    const QList<Phrase> gaps = reading.gaps();
    m_gaps->setVisible(!gaps.isEmpty());
    QStringList html;
    for (const Phrase &gap : gaps)
        html << StatusColor::span(StatusColor::Role::Bad, palette(), QStringLiteral("<b>%1</b>").arg(gap.translated().toHtmlEscaped()));
    m_gaps->setText(html.join(QStringLiteral("<br>")));
    refreshStatus();
}

void ReadingDialog::refreshStatus()
{
    if (!m_deployment) {
        m_status->setText(tr("No deployment is open: a reading is confirmed for a deployment."));
        m_confirm->setEnabled(false);
        m_confirm->setToolTip(QString());
        return;
    }
    const std::optional<ReadingConfirmation> &c = m_deployment->state().readingConfirmation;
    const auto when = [](qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")); };
    if (m_deployment->isReadingConfirmed()) {
        const QString who = c->headless ? tr("%1 (accepted by a headless run)").arg(c->by) : c->by;
        m_status->setText(StatusColor::span(StatusColor::Role::Good, palette(),
                                            QStringLiteral("<b>%1</b>").arg(tr("Confirmed by %1 at %2.").arg(who, when(c->atMs)).toHtmlEscaped())));
        m_confirm->setEnabled(false);
        m_confirm->setToolTip(tr("Confirmed by %1 at %2").arg(who, when(c->atMs)));
        return;
    }
    QString text = tr("Not confirmed: the traffic gate stays locked (reading not confirmed) until this reading is confirmed.");
    if (m_deployment->state().closed) {
        text = tr("Not confirmed; the deployment is closed.");
    } else if (c) {
        text = tr("%1 confirmed a different reading at %2 (this console reads the runbook differently). "
                  "The traffic gate stays locked until this reading is confirmed.")
                   .arg(c->by, when(c->atMs));
    }
    m_status->setText(StatusColor::span(StatusColor::Role::Bad, palette(), QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped())));
    if (m_deployment->isReadOnly()) {
        m_confirm->setEnabled(false);
        m_confirm->setToolTip(tr("Only the console that drives the deployment confirms its reading: %1").arg(m_deployment->readOnlyPhrase().translated()));
    } else {
        m_confirm->setEnabled(true);
        m_confirm->setToolTip(tr("Journal that you, %1, checked this reading against the runbook; the gate may then open").arg(m_deployment->operatorName()));
    }
}

QString ReadingDialog::statusText() const
{
    return m_status->text();
}

QString ReadingDialog::gapsText() const
{
    return m_gaps->text();
}

SourceViewerDialog *ReadingDialog::sourceViewer() const
{
    return m_source;
}

void ReadingDialog::confirm()
{
    if (!m_deployment)
        return;
    if (Status s = m_deployment->confirmReading(false); !s)
        Q_EMIT failure(tr("The reading was not confirmed: %1").arg(s.errorPhrase().translated()));
    refreshStatus();
}

void ReadingDialog::rowActivated(QTreeWidgetItem *item)
{
    if (!item)
        return;
    if (const int line = item->data(0, LineRole).toInt(); line > 0)
        showLine(line);
}

void ReadingDialog::showLine(int line)
{
    if (!m_deployment)
        return;
    if (!m_source) {
        // The text the deployment was read from (the journal keeps it), so the lines agree even
        // when the runbook's file changed since.
        const Runbook &runbook = m_deployment->runbook();
        m_source = SourceViewerDialog::showText(this, tr("Runbook source: %1").arg(runbook.title.isEmpty() ? runbook.fileName : runbook.title), runbook.source,
                                                QStringLiteral("runbook.md"));
        QList<SourceView::LineMark> marks;
        for (const Diagnostic &d : runbook.diagnostics) {
            if (d.line > 0)
                marks.append({d.line, d.severity == Diagnostic::Severity::Error ? SourceView::LineMark::Kind::Error : SourceView::LineMark::Kind::Warning, d.message.translated()});
        }
        m_source->view()->setLineMarks(marks);
    } else {
        m_source->show();
        m_source->raise();
    }
    m_source->view()->highlightLine(line);
}
