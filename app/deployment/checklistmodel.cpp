#include "checklistmodel.h"

#include "deployment.h"
#include "runbook/idslug.h"

#include <QDateTime>
#include <QFont>
#include <QTextDocument>

namespace {

// A tooltip is read as HTML when it looks like HTML; operators' words (a name, a reason) are
// shown as they were typed.
QString plainTip(const QString &text)
{
    return Qt::mightBeRichText(text) ? Qt::convertFromPlainText(text, Qt::WhiteSpaceNormal) : text;
}

constexpr quintptr GroupRow = 0;

} // namespace

ChecklistModel::ChecklistModel(const Runbook *runbook, Deployment *deployment, const QString &sectionId, QObject *parent)
    : QAbstractItemModel(parent)
    , m_runbook(runbook)
    , m_deployment(deployment)
    , m_sectionId(sectionId)
{
    const QStringList ids = m_runbook->descendantSectionIds(sectionId);
    for (const RunbookSection &s : m_runbook->sections) {
        if (!ids.contains(s.id))
            continue;
        // Title path below the tab's own section: "Manual Rollback Process › Immediate Actions".
        QStringList path;
        for (const RunbookSection *p = &s; p && p->id != sectionId; p = m_runbook->section(p->parentId))
            path.prepend(IdSlug::normalizedHeading(p->title));
        for (const RunbookGroup &g : s.groups) {
            if (g.items.isEmpty())
                continue;
            QStringList title = path;
            if (g.title)
                title.append(*g.title);
            Group group;
            group.title = title.isEmpty() ? QString() : title.join(QStringLiteral(" › "));
            for (const RunbookItem &i : g.items)
                group.items.append(&i);
            m_groups.append(group);
        }
    }
    if (m_deployment)
        connect(m_deployment, &Deployment::itemChanged, this, &ChecklistModel::onItemChanged);
}

QModelIndex ChecklistModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, GroupRow);
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex ChecklistModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == GroupRow)
        return {};
    return createIndex(int(child.internalId() - 1), 0, GroupRow);
}

int ChecklistModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.internalId() == GroupRow && parent.column() == 0)
        return int(m_groups[parent.row()].items.size());
    return 0;
}

int ChecklistModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

const RunbookItem *ChecklistModel::itemAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalId() == GroupRow)
        return nullptr;
    return m_groups[int(index.internalId() - 1)].items[index.row()];
}

QString ChecklistModel::formatElapsed(qint64 ms)
{
    const qint64 minutes = std::max<qint64>(0, ms) / 60000;
    return QStringLiteral("T+%1:%2").arg(minutes / 60, 2, 10, QLatin1Char('0')).arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

QVariant ChecklistModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == GroupRow) {
        const Group &g = m_groups[index.row()];
        switch (role) {
        case Qt::DisplayRole:
            if (index.column() == TextColumn)
                return g.title.isEmpty() ? tr("Checklist") : g.title;
            if (index.column() == StateColumn) {
                int total = 0;
                int finished = 0;
                for (const RunbookItem *i : g.items) {
                    if (!i->checkable)
                        continue;
                    ++total;
                    if (m_deployment && m_deployment->state().item(i->id).status != ItemState::Status::Open)
                        ++finished;
                }
                return total ? tr("%1 of %2").arg(finished).arg(total) : QVariant();
            }
            return {};
        case Qt::FontRole: {
            QFont f;
            f.setBold(true);
            return f;
        }
        case IsGroupRole: return true;
        case SourceLineRole: return g.items.isEmpty() ? 0 : g.items.first()->line;
        default: return {};
        }
    }

    const RunbookItem *item = itemAt(index);
    const ItemState state = m_deployment ? m_deployment->state().item(item->id) : ItemState{};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case TextColumn: return item->text;
        case StateColumn:
            if (!item->checkable)
                return {};
            switch (state.status) {
            case ItemState::Status::Done: return tr("Done");
            case ItemState::Status::Skipped: return tr("Skipped: %1").arg(state.skipReason);
            case ItemState::Status::Open: return tr("Open");
            }
            return {};
        case ByColumn: return state.atMs && state.status != ItemState::Status::Open ? state.by : QString();
        case WhenColumn:
            if (!state.atMs || state.status == ItemState::Status::Open || !m_deployment)
                return {};
            return formatElapsed(state.atMs - m_deployment->state().startedAtMs);
        case NoteColumn: return state.note;
        }
        return {};
    case Qt::CheckStateRole:
        if (index.column() != TextColumn || !item->checkable)
            return {};
        switch (state.status) {
        case ItemState::Status::Done: return Qt::Checked;
        case ItemState::Status::Skipped: return Qt::PartiallyChecked;
        case ItemState::Status::Open: return Qt::Unchecked;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == WhenColumn && state.atMs)
            return QDateTime::fromMSecsSinceEpoch(state.atMs).toString(Qt::ISODate);
        if (index.column() == NoteColumn && state.noteAtMs)
            return plainTip(tr("Note by %1 at %2").arg(state.noteBy, QDateTime::fromMSecsSinceEpoch(state.noteAtMs).toString(Qt::ISODate)));
        if (index.column() == TextColumn)
            return tr("Runbook line %1").arg(item->line);
        if (index.column() == StateColumn && state.status == ItemState::Status::Skipped)
            return plainTip(tr("Skipped by %1: %2").arg(state.by, state.skipReason));
        return {};
    case Qt::FontRole:
        if (!item->checkable) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    case ItemIdRole: return item->id;
    case IsGroupRole: return false;
    case StatusRole: return int(state.status);
    case OperatorRole: return state.by;
    case TimestampRole: return state.atMs;
    case NoteRole: return state.note;
    case SkipReasonRole: return state.skipReason;
    case SourceLineRole: return item->line;
    case CheckableRole: return item->checkable;
    default: return {};
    }
}

Status ChecklistModel::report(Status status)
{
    if (!status)
        Q_EMIT actionFailed(status.errorPhrase().translated()); // a model only the window shows
    return status;
}

bool ChecklistModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    const RunbookItem *item = itemAt(index);
    if (!item || !m_deployment)
        return false;
    if (role == Qt::CheckStateRole && index.column() == TextColumn) {
        const auto checkState = static_cast<Qt::CheckState>(value.toInt());
        return report(checkState == Qt::Checked ? m_deployment->check(item->id) : m_deployment->uncheck(item->id)).ok();
    }
    if (role == Qt::EditRole && index.column() == NoteColumn)
        return report(m_deployment->setNote(item->id, value.toString())).ok();
    return false;
}

Status ChecklistModel::skip(const QModelIndex &index, const QString &reason)
{
    const RunbookItem *item = itemAt(index);
    if (!item || !m_deployment)
        return report(Status::failure(phrase("ChecklistModel", "no deployment is running; start one to record progress")));
    return report(m_deployment->skip(item->id, reason));
}

Status ChecklistModel::reopen(const QModelIndex &index)
{
    const RunbookItem *item = itemAt(index);
    if (!item || !m_deployment)
        return report(Status::failure(phrase("ChecklistModel", "no deployment is running; start one to record progress")));
    return report(m_deployment->uncheck(item->id));
}

Qt::ItemFlags ChecklistModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    const RunbookItem *item = itemAt(index);
    if (!item)
        return f;
    f |= Qt::ItemNeverHasChildren;
    const bool writable = m_deployment && !m_deployment->isReadOnly();
    if (writable && item->checkable && index.column() == TextColumn)
        f |= Qt::ItemIsUserCheckable;
    // A watching console adds notes too (mayAnnotate); checking stays with the driver.
    if (m_deployment && m_deployment->mayAnnotate() && index.column() == NoteColumn)
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant ChecklistModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TextColumn: return tr("Item");
    case StateColumn: return tr("State");
    case ByColumn: return tr("By");
    case WhenColumn: return tr("When");
    case NoteColumn: return tr("Note");
    }
    return {};
}

QHash<int, QByteArray> ChecklistModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(ItemIdRole, "itemId");
    names.insert(IsGroupRole, "isGroup");
    names.insert(StatusRole, "status");
    names.insert(OperatorRole, "operatorName");
    names.insert(TimestampRole, "timestamp");
    names.insert(NoteRole, "note");
    names.insert(SkipReasonRole, "skipReason");
    names.insert(SourceLineRole, "sourceLine");
    names.insert(CheckableRole, "checkable");
    return names;
}

QModelIndex ChecklistModel::indexOfItem(const QString &itemId, int column) const
{
    for (int g = 0; g < m_groups.size(); ++g) {
        for (int r = 0; r < m_groups[g].items.size(); ++r) {
            if (m_groups[g].items[r]->id == itemId)
                return index(r, column, index(g, 0));
        }
    }
    return {};
}

void ChecklistModel::onItemChanged(const QString &itemId)
{
    const QModelIndex first = indexOfItem(itemId, 0);
    if (!first.isValid())
        return;
    Q_EMIT dataChanged(first, first.siblingAtColumn(ColumnCount - 1));
    const QModelIndex group = first.parent();
    Q_EMIT dataChanged(group, group.siblingAtColumn(ColumnCount - 1));
}
