#include "backendcommandline.h"

#include <QCommandLineParser>

#include <cmath>
#include <limits>
#include <optional>

namespace {

// A whole number from `min` to `max`, or nullopt.
std::optional<qint64> wholeNumber(const QString &text, qint64 min, qint64 max)
{
    bool ok = false;
    const qint64 n = text.toLongLong(&ok);
    if (!ok || n < min || n > max)
        return std::nullopt;
    return n;
}

} // namespace

BackendCommandLine BackendCommandLine::parse(const QStringList &arguments)
{
    BackendCommandLine result;
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The real stack's backend service (one process per colour, behind HAProxy), or its load generator.\n"
        "  stonecaster-backend --color blue|green --port N [--listen 127.0.0.1] [--memory-limit-mb 256]\n"
        "  stonecaster-backend --load http://127.0.0.1:PORT/app [--rate 50] [--duration 600] [--max-requests N] [--max-in-flight 200]\n"
        "Endpoints: GET / and /app/... (the application), /metrics (Prometheus), /health, GET|POST /control (loopback only):\n"
        "  {\"errorRatio\":0.2, \"latencyMs\":400, \"dbErrorRatio\":0.05, \"dbLatencyMs\":50, \"healthy\":false, \"down\":true, \"reset\":true}"));
    parser.addHelpOption();
    const QCommandLineOption color(QStringLiteral("color"), QStringLiteral("Which colour this service is: blue or green."), QStringLiteral("color"));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("The port to listen on (0: any free port)."), QStringLiteral("port"));
    const QCommandLineOption listen(QStringLiteral("listen"), QStringLiteral("The address to listen on (default 127.0.0.1)."), QStringLiteral("address"),
                                    QStringLiteral("127.0.0.1"));
    const QCommandLineOption memory(QStringLiteral("memory-limit-mb"), QStringLiteral("The memory the service is given, reported as a gauge (default 256)."),
                                    QStringLiteral("MB"), QStringLiteral("256"));
    const QCommandLineOption load(QStringLiteral("load"), QStringLiteral("Be the load generator: send requests to this loopback URL."), QStringLiteral("url"));
    const QCommandLineOption rate(QStringLiteral("rate"), QStringLiteral("Requests per second (default 50)."), QStringLiteral("n"), QStringLiteral("50"));
    const QCommandLineOption duration(QStringLiteral("duration"), QStringLiteral("Seconds to run (default 600)."), QStringLiteral("seconds"),
                                      QStringLiteral("600"));
    const QCommandLineOption maxRequests(QStringLiteral("max-requests"), QStringLiteral("Stop after this many requests (default: rate x duration)."),
                                         QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption maxInFlight(QStringLiteral("max-in-flight"), QStringLiteral("Requests waiting at most at once (default 200)."),
                                         QStringLiteral("n"), QStringLiteral("200"));
    parser.addOptions({color, port, listen, memory, load, rate, duration, maxRequests, maxInFlight});
    result.helpText = parser.helpText();
    if (!parser.parse(arguments)) {
        result.error = parser.errorText();
        return result;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        result.help = true;
        return result;
    }
    if (!parser.positionalArguments().isEmpty()) {
        result.error = QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().constFirst());
        return result;
    }

    if (parser.isSet(load)) {
        if (parser.isSet(color) || parser.isSet(port)) {
            result.error = QStringLiteral("--load runs the load generator; --color and --port are for a service");
            return result;
        }
        result.mode = Mode::Load;
        result.load.url = QUrl(parser.value(load), QUrl::StrictMode);
        bool ok = false;
        result.load.rate = parser.value(rate).toDouble(&ok);
        if (!ok || !std::isfinite(result.load.rate)) {
            result.error = QStringLiteral("--rate must be a number of requests per second");
            return result;
        }
        const auto seconds = wholeNumber(parser.value(duration), 1, 1'000'000'000);
        const auto most = wholeNumber(parser.value(maxRequests), 0, std::numeric_limits<qint64>::max());
        const auto inFlight = wholeNumber(parser.value(maxInFlight), 1, 255);
        if (!seconds || !most || !inFlight) {
            result.error = QStringLiteral("--duration, --max-requests and --max-in-flight take whole numbers (--max-in-flight 1 to 255)");
            return result;
        }
        result.load.durationSeconds = int(std::min<qint64>(*seconds, std::numeric_limits<int>::max()));
        result.load.maxRequests = *most;
        result.load.maxInFlight = int(*inFlight);
        result.error = LoadGenerator::check(result.load);
        return result;
    }

    result.mode = Mode::Service;
    const QString colorName = parser.value(color);
    if (colorName != u"blue" && colorName != u"green") {
        result.error = parser.isSet(color) ? QStringLiteral("--color must be blue or green, not \"%1\"").arg(colorName)
                                           : QStringLiteral("say which colour to be (--color blue or --color green), or --load URL for the load generator");
        return result;
    }
    result.service.color = colorName;
    const auto portNumber = wholeNumber(parser.value(port), 0, 65535);
    if (!parser.isSet(port) || !portNumber) {
        result.error = QStringLiteral("--port N (0 to 65535) is required for a service");
        return result;
    }
    result.service.port = quint16(*portNumber);
    if (!result.service.address.setAddress(parser.value(listen))) {
        result.error = QStringLiteral("--listen needs an IP address, not \"%1\"").arg(parser.value(listen));
        return result;
    }
    const auto mb = wholeNumber(parser.value(memory), 1, 1 << 20);
    if (!mb) {
        result.error = QStringLiteral("--memory-limit-mb must be a whole number of megabytes");
        return result;
    }
    result.service.memoryLimitBytes = double(*mb) * 1024 * 1024;
    return result;
}
