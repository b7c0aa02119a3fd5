#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

// Which run of a program a procedure step started. Journaled with the step before the program
// starts, so that a console opening the deployment later can tell whether that run still
// lives: the host, the boot it ran in, and a mark put into the program's environment
// (STONECASTER_RUN_ID=<id>), which the processes it starts inherit. The process group alone
// would not do: it is known only once the program runs (after the journal write that must
// come first), and its number is reused once the group is gone. Only the program the console
// started is told when the console dies (PR_SET_PDEATHSIG); what it started lives on in its
// group, and the mark finds it.
struct RunMark {
    static constexpr const char *EnvironmentName = "STONECASTER_RUN_ID";

    QString id;     // a random UUID
    QString host;   // QSysInfo::machineHostName()
    QString bootId; // /proc/sys/kernel/random/boot_id; a reboot ends every run

    static RunMark create();
    static QString currentHost();
    static QString currentBootId();
    bool isEmpty() const { return id.isEmpty(); }
    QJsonObject toJson() const;
    static RunMark fromJson(const QJsonObject &object);
};

// Whether a marked run still has processes: looked up in /proc among this user's processes
// (a few milliseconds).
struct RunLiveness {
    enum class State {
        Running, // processes carrying the mark exist on this machine
        Ended,   // none does, or the machine has rebooted since
        Unknown, // started on another host: this console cannot see it
    };
    State state = State::Unknown;
    QList<qint64> pids;
    QList<qint64> groups; // their process groups
    QString description;  // "process group 4242 on host-1 (2 processes)", or why it is unknown

    static RunLiveness probe(const RunMark &mark);
};
