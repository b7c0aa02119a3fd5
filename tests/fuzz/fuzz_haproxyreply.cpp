// libFuzzer target: HAProxy's Runtime API answers, as HaproxyController reads them.
//
// The input is a sequence of answers separated by NUL bytes. A fake Runtime API on a local
// socket in this process hands them out one per connection (one command per connection, as
// HAProxy does without "prompt"), then closes; when they run out it closes without a byte.
// The first byte picks the green percentage; the controller applies it (set, set, get, get)
// and then reads the weights again. So every answer to `set`, `get weight` (and whatever
// command the controller learns next) goes through the code that reads it in production.
//
// Properties: each operation ends exactly once; a success is the commanded split (apply)
// or a known split (read), verified, with both percentages adding up to 100; a failure says
// why. parseWeight() on the whole input agrees with the digits it read.

#include "fuzzcheck.h"

#include "traffic/haproxycontroller.h"
#include "traffic/trafficconfig.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QLocalServer>
#include <QLocalSocket>
#include <QRegularExpression>
#include <QTimer>

#include <cstddef>
#include <cstdint>
#include <memory>

namespace {

// Answers each connection with the next answer once the command line is in, then closes.
class ScriptedRuntimeApi : public QObject
{
public:
    ScriptedRuntimeApi()
    {
        const QString name = QStringLiteral("stonecaster-fuzz-haproxy-%1").arg(QCoreApplication::applicationPid());
        QLocalServer::removeServer(name);
        FUZZ_CHECK(m_server.listen(name), "the fake Runtime API listens");
        QObject::connect(&m_server, &QLocalServer::newConnection, this, [this] {
            while (QLocalSocket *socket = m_server.nextPendingConnection())
                serve(socket);
        });
    }
    QString address() const { return QStringLiteral("unix:") + m_server.fullServerName(); }
    void setAnswers(QList<QByteArray> answers) { m_answers = std::move(answers); }

private:
    void serve(QLocalSocket *socket)
    {
        QObject::connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        QObject::connect(socket, &QLocalSocket::readyRead, socket, [this, socket] {
            if (!socket->canReadLine())
                return;
            socket->readAll();
            if (!m_answers.isEmpty())
                socket->write(m_answers.takeFirst());
            socket->disconnectFromServer();
        });
    }

    QLocalServer m_server;
    QList<QByteArray> m_answers;
};

ScriptedRuntimeApi *api = nullptr;

TrafficResult run(HaproxyController &controller, bool apply, int greenPercent)
{
    QEventLoop loop;
    int reports = 0;
    TrafficResult result;
    const auto take = [&](const TrafficResult &r) {
        ++reports;
        result = r;
        loop.quit();
    };
    QObject::connect(&controller, &TrafficController::applied, &loop, take);
    QObject::connect(&controller, &TrafficController::observed, &loop, take);
    if (apply)
        controller.apply(greenPercent);
    else
        controller.read();
    loop.exec();
    QCoreApplication::processEvents(); // a second report would come now
    FUZZ_CHECK(reports == 1, "an operation ends exactly once");
    return result;
}

void checkResult(const TrafficResult &result, int commanded)
{
    if (!result.ok) {
        FUZZ_CHECK(!result.message.english().isEmpty(), "a failure says why");
        return;
    }
    FUZZ_CHECK(result.verified, "HAProxy's weights are read back");
    FUZZ_CHECK(result.bluePercent >= 0 && result.greenPercent >= 0 && result.bluePercent + result.greenPercent == 100,
               "a success is a whole split");
    if (commanded >= 0)
        FUZZ_CHECK(result.greenPercent == commanded, "an apply succeeds only at the commanded split");
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
    api = new ScriptedRuntimeApi;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));

    // The weight parser alone: what it takes is one number followed by "(initial N)".
    if (const std::optional<int> weight = HaproxyController::parseWeight(input)) {
        static const QRegularExpression Leading(QStringLiteral("^\\s*(\\d+)"));
        const QRegularExpressionMatch m = Leading.match(QString::fromUtf8(input));
        FUZZ_CHECK(m.hasMatch(), "a weight was read from digits");
        bool ok = false;
        const qlonglong written = m.captured(1).toLongLong(&ok);
        FUZZ_CHECK(ok && written == *weight, "the weight read is the number written");
    }

    const int greenPercent = size > 0 ? data[0] % 101 : 0;
    api->setAnswers(size > 0 ? input.mid(1).split('\0') : QList<QByteArray>{});
    HaproxyTrafficConfig config;
    config.address = api->address();
    config.backend = QStringLiteral("app");
    HaproxyController controller(config);
    controller.setTimeoutMs(5000);
    checkResult(run(controller, true, greenPercent), greenPercent);
    checkResult(run(controller, false, -1), -1);
    return 0;
}
