// JournalLocation: what --journal names (a SQLite file or a PostgreSQL URI), refused with what
// to do when it carries a password or an unknown parameter; and the messages a failed
// connection to the server gives (PostgresLink::connectionError), one sentence with a hint.
#include "journal/journallocation.h"
#include "journal/postgreslink.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestJournalLocation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void paths_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("absolute") << u"/var/lib/stonecaster/journal.sqlite"_s;
        QTest::newRow("relative") << u"journal.sqlite"_s;
        QTest::newRow("colon in the name") << u"./a:b.sqlite"_s;
    }
    void paths()
    {
        QFETCH(QString, text);
        const Result<JournalLocation> l = JournalLocation::parse(text);
        QVERIFY2(l.ok(), qPrintable(l.error()));
        QVERIFY(!l.value().isPostgres());
        QCOMPARE(l.value().path, text);
        QCOMPARE(l.value().display, text);
    }

    void uris_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("database");
        QTest::addColumn<QStringList>("options");
        QTest::newRow("everything") << u"postgresql://alice@db.example.com:6432/deploys?sslmode=verify-full&sslrootcert=/etc/ssl/team-ca.pem"_s
                                    << u"alice"_s << u"db.example.com"_s << 6432 << u"deploys"_s
                                    << QStringList{u"sslmode='verify-full'"_s, u"sslrootcert='/etc/ssl/team-ca.pem'"_s};
        QTest::newRow("postgres scheme, defaults") << u"postgres://db/deploys"_s << QString() << u"db"_s << -1 << u"deploys"_s << QStringList{};
        QTest::newRow("quoted value") << u"postgresql://a@h/d?application_name=it%27s%20mine"_s << u"a"_s << u"h"_s << -1 << u"d"_s
                                      << QStringList{u"application_name='it\\'s mine'"_s};
        QTest::newRow("host in the query") << u"postgresql:///deploys?host=/run/postgresql"_s << QString() << QString() << -1 << u"deploys"_s
                                           << QStringList{u"host='/run/postgresql'"_s};
    }
    void uris()
    {
        QFETCH(QString, text);
        QFETCH(QString, user);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, database);
        QFETCH(QStringList, options);
        const Result<JournalLocation> l = JournalLocation::parse(text);
        QVERIFY2(l.ok(), qPrintable(l.error()));
        QVERIFY(l.value().isPostgres());
        QCOMPARE(l.value().user, user);
        QCOMPARE(l.value().host, host);
        QCOMPARE(l.value().port, port);
        QCOMPARE(l.value().database, database);
        QCOMPARE(l.value().options, options);
    }

    void refused_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("messagePart");
        QTest::addColumn<QString>("secret");
        QTest::newRow("password in the user part") << u"postgresql://alice:s3cret@db/deploys"_s << u"PGPASSWORD"_s << u"s3cret"_s;
        QTest::newRow("password parameter") << u"postgresql://alice@db/deploys?password=s3cret"_s << u"PGPASSFILE"_s << u"s3cret"_s;
        QTest::newRow("TLS key password") << u"postgresql://alice@db/deploys?sslpassword=s3cret"_s << u"sslpassword"_s << u"s3cret"_s;
        QTest::newRow("unknown parameter") << u"postgresql://alice@db/deploys?sslmod=verify-full"_s << u"unknown connection parameter \"sslmod\""_s << QString();
        QTest::newRow("a path after the database") << u"postgresql://alice@db/deploys/more"_s << u"one database"_s << QString();
        QTest::newRow("another scheme") << u"mysql://alice@db/deploys"_s << u"postgresql://"_s << QString();
    }
    void refused()
    {
        QFETCH(QString, text);
        QFETCH(QString, messagePart);
        QFETCH(QString, secret);
        const Result<JournalLocation> l = JournalLocation::parse(text);
        QVERIFY(!l.ok());
        QVERIFY2(l.error().contains(messagePart), qPrintable(l.error()));
        if (!secret.isEmpty())
            QVERIFY2(!l.error().contains(secret), qPrintable(l.error())); // never repeated, not even in the refusal
    }

    void connectionErrors_data()
    {
        QTest::addColumn<QString>("libpq");
        QTest::addColumn<QStringList>("parts");
        QTest::newRow("wrong password") << u"connection to server at \"127.0.0.1\", port 5432 failed: FATAL:  password authentication failed for user \"bob\"\n"_s
                                        << QStringList{u"password authentication failed for user \"bob\""_s, u"PGPASSWORD"_s};
        QTest::newRow("missing database") << u"connection to server at \"127.0.0.1\", port 5432 failed: FATAL:  database \"nodb\" does not exist\n"_s
                                          << QStringList{u"database \"nodb\" does not exist"_s, u"create the database on 127.0.0.1:5432"_s};
        QTest::newRow("certificate") << u"connection to server at \"127.0.0.1\", port 5432 failed: SSL error: certificate verify failed\n"_s
                                     << QStringList{u"SSL error: certificate verify failed"_s, u"sslrootcert"_s};
        QTest::newRow("refused") << u"connection to server at \"127.0.0.1\", port 5432 failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?\n"_s
                                 << QStringList{u"Connection refused"_s, u"is PostgreSQL running on 127.0.0.1:5432"_s};
    }
    void connectionErrors()
    {
        QFETCH(QString, libpq);
        QFETCH(QStringList, parts);
        const JournalLocation l = JournalLocation::parse(u"postgresql://bob@127.0.0.1:5432/nodb"_s).value();
        const QString message = PostgresLink::connectionError(l, libpq);
        QVERIFY2(message.startsWith(u"postgresql://bob@127.0.0.1:5432/nodb: cannot connect to the journal database: "_s), qPrintable(message));
        QVERIFY2(!message.contains(u'\n') && !message.contains(u"FATAL"_s), qPrintable(message));
        for (const QString &part : parts)
            QVERIFY2(message.contains(part), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestJournalLocation)
#include "tst_journallocation.moc"
