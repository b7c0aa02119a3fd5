#include "secrets/secretresolver.h"

#include <QSignalSpy>
#include <QTest>

class TestSecretResolver : public QObject
{
    Q_OBJECT

private:
    Result<QString> resolveNow(const SecretRef &ref)
    {
        SecretResolver resolver;
        std::optional<Result<QString>> got;
        bool synchronous = true;
        resolver.resolve(ref, this, [&](Result<QString> r) {
            QVERIFY(!synchronous); // always delivered later, never re-entrantly
            got = std::move(r);
        });
        synchronous = false;
        [&] { QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 30000); }();
        return got ? *got : Result<QString>::failure(QStringLiteral("no answer"));
    }

private Q_SLOTS:
    void environment()
    {
        qputenv("STONECASTER_TEST_TOKEN", "abc123");
        const auto secret = resolveNow({SecretRef::Source::Environment, QStringLiteral("STONECASTER_TEST_TOKEN"), {}});
        QVERIFY2(secret.ok(), qPrintable(secret.error()));
        QCOMPARE(secret.value(), QStringLiteral("abc123"));
    }

    void environmentMissing()
    {
        qunsetenv("STONECASTER_TEST_UNSET");
        const auto secret = resolveNow({SecretRef::Source::Environment, QStringLiteral("STONECASTER_TEST_UNSET"), {}});
        QVERIFY(!secret.ok());
        QCOMPARE(secret.error(), QStringLiteral("the environment variable STONECASTER_TEST_UNSET is not set or empty"));
    }

    // Without a Secret Service on the session bus (as in CI), the keychain reports a
    // readable failure rather than hanging or answering an empty secret.
    void keychainUnavailableIsAnError()
    {
        if (!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("a session bus is present; this checks the no-keychain path");
        const auto secret = resolveNow({SecretRef::Source::Keychain, QStringLiteral("no-such-entry"), QStringLiteral("stonecaster-test")});
        QVERIFY(!secret.ok());
        QVERIFY2(secret.error().startsWith(QStringLiteral("cannot read the keychain entry stonecaster-test/no-such-entry: ")), qPrintable(secret.error()));
    }

    void authorizationHeaders()
    {
        HttpAuth bearer;
        bearer.type = HttpAuth::Type::Bearer;
        QCOMPARE(SecretResolver::authorizationHeader(bearer, QStringLiteral("tok")), QByteArray("Bearer tok"));
        HttpAuth basic;
        basic.type = HttpAuth::Type::Basic;
        basic.username = QStringLiteral("oncall");
        QCOMPARE(SecretResolver::authorizationHeader(basic, QStringLiteral("pa:ss")), "Basic " + QByteArray("oncall:pa:ss").toBase64());
        QCOMPARE(SecretResolver::authorizationHeader(HttpAuth{}, QStringLiteral("x")), QByteArray());
    }

    void authorizationFromEnvironment()
    {
        qputenv("STONECASTER_TEST_PASSWORD", "hunter2");
        HttpAuth basic;
        basic.type = HttpAuth::Type::Basic;
        basic.username = QStringLiteral("u");
        basic.secret = {SecretRef::Source::Environment, QStringLiteral("STONECASTER_TEST_PASSWORD"), {}};
        SecretResolver resolver;
        std::optional<Result<QByteArray>> got;
        resolver.resolveAuthorization(basic, this, [&](Result<QByteArray> r) { got = std::move(r); });
        QTRY_VERIFY(got.has_value());
        QVERIFY(got->ok());
        QCOMPARE(got->value(), "Basic " + QByteArray("u:hunter2").toBase64());
    }
};

QTEST_GUILESS_MAIN(TestSecretResolver)
#include "tst_secretresolver.moc"
