#pragma once

#include "deploymentevent.h"

#include <QHash>
#include <QList>
#include <QString>

// What one checklist item is at a moment: derived from events, never stored.
struct ItemState {
    enum class Status { Open, Done, Skipped };
    Status status = Status::Open;
    QString by; // operator of the last check, skip or uncheck
    qint64 atMs = 0;
    QString skipReason;
    QString note;
    QString noteBy;
    qint64 noteAtMs = 0;
};

// A deployment's state as rebuilt by replaying its events in order. Replaying the same
// events always gives the same state; apply() is the only way it changes.
class DeploymentState
{
public:
    // Returns an error message for an event that is not valid in the current state
    // (the journal only ever holds valid ones; this guards replay of foreign data).
    QString apply(const DeploymentEvent &event);

    QString id;
    QString service;
    QString version;
    QString startedBy;
    qint64 startedAtMs = 0;
    QString runbookSha256;
    QString runbookName;
    bool started = false;
    bool closed = false;
    qint64 closedAtMs = 0;
    QString closedBy;
    std::optional<DeploymentOutcome> outcome;
    QString closeNote;
    qint64 lastSeq = 0;

    ItemState item(const QString &itemId) const { return m_items.value(itemId); }
    QStringList touchedItemIds() const { return m_items.keys(); }
    // Events of kinds this version does not know, kept so they can be reported.
    QList<DeploymentEvent> unknownEvents;

private:
    QHash<QString, ItemState> m_items;
};
