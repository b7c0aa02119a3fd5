#include "quoting.h"

#include <QRegularExpression>

QString quotedForReading(const QString &argument)
{
    static const QRegularExpression Plain(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    if (Plain.match(argument).hasMatch())
        return argument;
    QString q = argument;
    q.replace(u'\'', QLatin1String("'\\''"));
    return u'\'' + q + u'\'';
}

QString readableCommandLine(const QString &program, const QStringList &arguments)
{
    QStringList parts{quotedForReading(program)};
    for (const QString &a : arguments)
        parts << quotedForReading(a);
    return parts.join(u' ');
}
