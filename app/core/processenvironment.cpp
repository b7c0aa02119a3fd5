#include "processenvironment.h"

#include "redactor.h"

#include <QRegularExpression>

QStringList ProcessEnvironment::baseNames()
{
    return {QStringLiteral("PATH"), QStringLiteral("HOME"), QStringLiteral("LANG"),    QStringLiteral("LANGUAGE"),
            QStringLiteral("USER"), QStringLiteral("LOGNAME"), QStringLiteral("TZ"), QStringLiteral("TMPDIR")};
}

bool ProcessEnvironment::isBase(const QString &name)
{
    return name.startsWith(QLatin1String("LC_")) || baseNames().contains(name);
}

QString ProcessEnvironment::defaultPath()
{
    return QStringLiteral("/usr/local/bin:/usr/bin:/bin");
}

Result<QProcessEnvironment> ProcessEnvironment::build(const QMap<QString, QString> &named, const QProcessEnvironment &console)
{
    QProcessEnvironment environment;
    for (const QString &name : console.keys()) {
        if (isBase(name))
            environment.insert(name, console.value(name));
    }
    if (!environment.contains(QStringLiteral("PATH")))
        environment.insert(QStringLiteral("PATH"), defaultPath());

    static const QRegularExpression Reference(QStringLiteral("\\$\\{(env|secret):([A-Za-z_][A-Za-z0-9_]*)\\}"));
    for (auto it = named.cbegin(); it != named.cend(); ++it) {
        const QString &value = it.value();
        QString expanded;
        qsizetype from = 0;
        bool leaveOut = false;
        for (const QRegularExpressionMatch &m : Reference.globalMatch(value)) {
            expanded += QStringView(value).mid(from, m.capturedStart() - from);
            from = m.capturedEnd();
            const QString source = m.captured(2);
            const bool secret = m.captured(1) == u"secret";
            if (!console.contains(source)) {
                if (secret)
                    return Result<QProcessEnvironment>::failure(
                        QStringLiteral("%1 is to be passed on from the console's environment (%2), which does not have it").arg(source, m.captured(0))
                        + QStringLiteral("; set it before starting the console"));
                leaveOut = m.capturedLength() == value.size();
                continue;
            }
            const QString passed = console.value(source);
            if (secret)
                Redactor::add(passed);
            expanded += passed;
        }
        expanded += QStringView(value).mid(from);
        if (leaveOut)
            environment.remove(it.key());
        else
            environment.insert(it.key(), expanded);
    }
    return environment;
}
