#include "journallocation.h"

#include <QUrl>
#include <QUrlQuery>

namespace {

// A value quoted as libpq's conninfo wants it: 'va\'lue', backslashes doubled.
QString quoted(QString value)
{
    value.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    value.replace(QLatin1Char('\''), QStringLiteral("\\'"));
    return QLatin1Char('\'') + value + QLatin1Char('\'');
}

} // namespace

bool JournalLocation::looksLikeUri(const QString &text)
{
    return text.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive) || text.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive);
}

QStringList JournalLocation::allowedParameters()
{
    // Connection, TLS and timeout settings. Not "password" or "sslpassword" (secrets stay out
    // of the URI) and not "dbname"/"user" (they are the URI's own parts).
    return {QStringLiteral("host"),           QStringLiteral("hostaddr"),        QStringLiteral("port"),
            QStringLiteral("sslmode"),        QStringLiteral("sslrootcert"),     QStringLiteral("sslcert"),
            QStringLiteral("sslkey"),         QStringLiteral("sslcrl"),          QStringLiteral("sslcrldir"),
            QStringLiteral("sslsni"),         QStringLiteral("sslnegotiation"),  QStringLiteral("ssl_min_protocol_version"),
            QStringLiteral("channel_binding"), QStringLiteral("gssencmode"),     QStringLiteral("krbsrvname"),
            QStringLiteral("require_auth"),   QStringLiteral("passfile"),        QStringLiteral("connect_timeout"),
            QStringLiteral("application_name"), QStringLiteral("target_session_attrs"), QStringLiteral("load_balance_hosts"),
            QStringLiteral("keepalives"),     QStringLiteral("keepalives_idle"), QStringLiteral("keepalives_interval"),
            QStringLiteral("keepalives_count"), QStringLiteral("tcp_user_timeout"), QStringLiteral("service")};
}

Result<JournalLocation> JournalLocation::parse(const QString &text)
{
    using R = Result<JournalLocation>;
    JournalLocation location;
    if (!looksLikeUri(text)) {
        if (text.contains(QLatin1String("://")))
            return R::failure(phrase("JournalLocation", "--journal %1: not a journal this console can open; give a file path, or a "
                                             "postgresql://USER@HOST:PORT/DATABASE URI").arg(text.section(QLatin1String("://"), 0, 0) + QLatin1String("://...")));
        location.path = text;
        location.display = text;
        return location;
    }
    const QUrl url(text, QUrl::StrictMode);
    // The message never repeats the URI: it may hold a password.
    if (!url.isValid())
        return R::failure(phrase("JournalLocation", "--journal: the PostgreSQL URI cannot be read (%1); the form is "
                                         "postgresql://USER@HOST:PORT/DATABASE?sslmode=verify-full").arg(url.errorString()));
    if (!url.password().isEmpty())
        return R::failure(phrase("JournalLocation", "--journal: the PostgreSQL URI contains a password; leave it out (it would show in the process "
                                         "list and the shell's history) and give it in PGPASSWORD, a PGPASSFILE or the keychain "
                                         "(--journal-keychain)"));
    location.kind = Kind::Postgres;
    location.user = url.userName();
    location.host = url.host();
    location.port = url.port(-1);
    QString db = url.path(QUrl::FullyDecoded);
    if (db.startsWith(QLatin1Char('/')))
        db.remove(0, 1);
    if (db.contains(QLatin1Char('/')))
        return R::failure(phrase("JournalLocation", "--journal %1: a PostgreSQL URI names one database after the host (…/DATABASE), not a path").arg(url.toString(QUrl::RemovePassword)));
    location.database = db;
    const QStringList allowed = allowedParameters();
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("password") || key == QLatin1String("sslpassword"))
            return R::failure(phrase("JournalLocation", "--journal: the PostgreSQL URI contains a %1; leave it out and give it in PGPASSWORD, a PGPASSFILE "
                                             "or the keychain (--journal-keychain)").arg(key));
        if (!allowed.contains(key))
            return R::failure(phrase("JournalLocation", "--journal %1: unknown connection parameter \"%2\"; allowed: %3").arg(url.toString(QUrl::RemovePassword | QUrl::RemoveQuery)).arg(key).arg(allowed.join(QStringLiteral(", "))));
        if (value.contains(QLatin1Char(';')))
            return R::failure(phrase("JournalLocation", "--journal: the value of \"%1\" may not contain ';'").arg(key));
        location.options << key + QLatin1Char('=') + quoted(value);
    }
    location.display = url.toString(QUrl::RemovePassword);
    return location;
}
