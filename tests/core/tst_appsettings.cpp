// The operator name recorded on every action: the one set in the settings, else the login name
// from the environment, else (a container or service without USER, LOGNAME or USERNAME) the
// account's name from the password database; never empty, since an empty name took no
// deployment lock ("NOT NULL constraint failed: deployment_locks.holder") and recorded actions
// by nobody.
#include "core/appsettings.h"

#include <QStandardPaths>
#include <QTest>

#include <pwd.h>
#include <unistd.h>

class TestAppSettings : public QObject
{
    Q_OBJECT

    QHash<QByteArray, QByteArray> m_saved;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        for (const char *v : {"USER", "LOGNAME", "USERNAME"})
            m_saved.insert(v, qgetenv(v));
    }
    void init() { AppSettings().setOperatorName(QString()); }
    void cleanup()
    {
        for (auto it = m_saved.cbegin(); it != m_saved.cend(); ++it)
            it.value().isNull() ? qunsetenv(it.key().constData()) : qputenv(it.key().constData(), it.value());
    }

    void operatorNameComesFromTheSettingsFirst()
    {
        qputenv("USER", "from-environment");
        AppSettings settings;
        settings.setOperatorName(QStringLiteral("alice"));
        QCOMPARE(AppSettings().operatorName(), QStringLiteral("alice"));
    }
    void thenFromTheLoginName()
    {
        qunsetenv("USER");
        qputenv("LOGNAME", "bob");
        QCOMPARE(AppSettings().operatorName(), QStringLiteral("bob"));
    }
    void withoutAnyVariableTheAccountsName()
    {
        for (const char *v : {"USER", "LOGNAME", "USERNAME"})
            qunsetenv(v);
        const passwd *account = ::getpwuid(::getuid());
        QVERIFY(account && account->pw_name);
        QCOMPARE(AppSettings().operatorName(), QString::fromLocal8Bit(account->pw_name));
        QVERIFY(!AppSettings().operatorName().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAppSettings)
#include "tst_appsettings.moc"
