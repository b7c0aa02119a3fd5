#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// One status update for stakeholders: what the console prepared (StatusUpdateComposer), what
// the operator may have edited (text), and the facts the webhooks' payloads are made of.
struct StatusUpdate {
    enum class Trigger {
        Scheduled,        // every 15 minutes of deployment time from the first traffic shift
        Rollback,         // an operator rolled back: sent at once
        AutomaticTrigger, // an automatic trigger rolled back: sent at once
        Manual,           // the operator sent one between the scheduled ones
    };
    struct MetricLine {
        QString name;      // "Error rate"
        QString green;     // "0.06 %", "no data"
        QString blue;
        QString limits;    // "decision point > 1 %, rollback > 2 %"
        bool breaching = false;
    };

    QString id; // "u1", "u2"...: given when it is sent
    Trigger trigger = Trigger::Scheduled;
    qint64 atMs = 0; // when it was prepared, clock time
    QString deploymentId;
    QString service;
    QString version;
    QString environment;
    QString elapsed;    // "T+0:35:14"
    QString clockTime;  // "08:35:14 UTC"
    QString phase;      // "Phase 3: Traffic Shift"
    int greenPercent = 0;
    QString traffic;    // "25 % on green (observed 25 %)"
    QList<MetricLine> metrics;
    QStringList problems;
    QString nextStep;   // "50 % on green at 08:50:20 at the earliest (hold of 15 min at 25 %)"
    QString title;      // "checkout 2.4.1: traffic at 25 % on green"
    QString text;       // the body, plain text; the operator may edit it

    static QString nameOf(Trigger trigger); // "scheduled", "rollback", "trigger", "manual"
    // Whether the operator changed the prepared text.
    bool edited = false;
};
