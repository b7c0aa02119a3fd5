#include "runmark.h"

#include <QDir>
#include <QFile>
#include <QSysInfo>
#include <QUuid>

#include <sys/stat.h>
#include <unistd.h>

namespace {

// The process group of a process, from /proc/PID/stat ("PID (comm) S PPID PGRP ..."); 0 if unreadable.
qint64 processGroupOf(const QString &pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')'); // comm may contain spaces and parentheses
    if (close < 0)
        return 0;
    const QList<QByteArray> fields = text.mid(close + 2).split(' ');
    return fields.size() > 2 ? fields[2].toLongLong() : 0;
}

} // namespace

RunMark RunMark::create()
{
    return {QUuid::createUuid().toString(QUuid::WithoutBraces), currentHost(), currentBootId()};
}

QString RunMark::currentHost()
{
    return QSysInfo::machineHostName();
}

QString RunMark::currentBootId()
{
    QFile f(QStringLiteral("/proc/sys/kernel/random/boot_id"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll().trimmed()) : QString();
}

QJsonObject RunMark::toJson() const
{
    return {{QStringLiteral("id"), id}, {QStringLiteral("host"), host}, {QStringLiteral("boot"), bootId}};
}

RunMark RunMark::fromJson(const QJsonObject &object)
{
    return {object.value(QStringLiteral("id")).toString(), object.value(QStringLiteral("host")).toString(),
            object.value(QStringLiteral("boot")).toString()};
}

RunLiveness RunLiveness::probe(const RunMark &mark)
{
    RunLiveness result;
    if (mark.isEmpty()) {
        result.state = State::Ended;
        return result;
    }
    if (mark.host != RunMark::currentHost()) {
        result.description = QStringLiteral("it was started on %1; this console on %2 cannot see whether it still runs").arg(mark.host, RunMark::currentHost());
        return result;
    }
    if (!mark.bootId.isEmpty() && mark.bootId != RunMark::currentBootId()) {
        result.state = State::Ended;
        result.description = QStringLiteral("%1 has restarted since").arg(mark.host);
        return result;
    }
    const QByteArray entry = QByteArray(RunMark::EnvironmentName) + '=' + mark.id.toLatin1();
    const uid_t me = ::getuid();
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &pid : pids) {
        if (!pid.front().isDigit())
            continue;
        struct stat info {};
        const QByteArray dir = QByteArrayLiteral("/proc/") + pid.toLatin1();
        if (::stat(dir.constData(), &info) != 0 || info.st_uid != me)
            continue; // another user's processes cannot carry our mark
        QFile environ(QString::fromLatin1(dir + "/environ"));
        if (!environ.open(QIODevice::ReadOnly))
            continue; // gone meanwhile
        const QByteArray variables = environ.readAll(); // empty for a zombie: it runs no more
        qsizetype at = variables.indexOf(entry);
        bool found = false;
        while (at >= 0 && !found) {
            const qsizetype end = at + entry.size();
            found = (at == 0 || variables[at - 1] == '\0') && (end == variables.size() || variables[end] == '\0');
            at = variables.indexOf(entry, at + 1);
        }
        if (!found)
            continue;
        result.pids << pid.toLongLong();
        if (const qint64 group = processGroupOf(pid); group > 0 && !result.groups.contains(group))
            result.groups << group;
    }
    if (result.pids.isEmpty()) {
        result.state = State::Ended;
        return result;
    }
    result.state = State::Running;
    QStringList groups;
    for (qint64 g : std::as_const(result.groups))
        groups << QString::number(g);
    result.description = QStringLiteral("process group %1 on %2 (%3 %4)")
                             .arg(groups.join(QStringLiteral(", ")), mark.host)
                             .arg(result.pids.size())
                             .arg(result.pids.size() == 1 ? QStringLiteral("process") : QStringLiteral("processes"));
    return result;
}
