#pragma once

#include "core/result.h"
#include "secrets/httpauth.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>
#include <utility>

// How the traffic controller is configured; plain values filled by the profile loader.
// Every controller works in percent green (0..100) and converts as documented per kind.

// The built-in simulator: PUT {"blue":B,"green":G} to <baseUrl>/api/traffic, read back with
// GET <baseUrl>/api/traffic. Weights are the percentages (blue = 100 - green).
struct DemoTrafficConfig {
    QUrl baseUrl; // http://127.0.0.1:PORT
};

// HAProxy's Runtime API ("stats socket ... level admin"), one command per connection.
// Percent p becomes weight round(p * weightScale / 100) on green and weightScale minus
// that on blue; with the default scale of 100, green gets weight p and blue 100 - p.
// What is read back is turned into percent from the two weights (green / (blue + green)).
struct HaproxyTrafficConfig {
    // "127.0.0.1:9999", "host:9999", "[::1]:9999", "ipv4@127.0.0.1:9999" or "unix:/run/haproxy.sock"
    // (also "unix@/path", as written in haproxy.cfg).
    QString address;
    QString backend;
    QString blueServer = QStringLiteral("blue");
    QString greenServer = QStringLiteral("green");
    int weightScale = 100; // 1..256, HAProxy's weight range
};

// Any HTTP API: `method` to `url` with `bodyTemplate` ("${blue}"/"${green}" become the
// percentages), then GET `readBackUrl` and take the weights at the two JSON pointers
// (RFC 6901, "/blue" or "/spec/weights/1/value"); they are turned into percent like HAProxy's.
struct HttpTrafficConfig {
    QByteArray method = "PUT";
    QUrl url;
    QList<std::pair<QByteArray, QByteArray>> headers; // Content-Type defaults to application/json
    QString bodyTemplate = QStringLiteral("{\"blue\":${blue},\"green\":${green}}");
    HttpAuth auth;            // resolved into `authorization` when the controller is made
    QByteArray authorization; // the whole header value ("Bearer ..."), resolved secret; never logged
    QUrl readBackUrl;
    QString blueField = QStringLiteral("/blue");
    QString greenField = QStringLiteral("/green");
};

// An external program (kubectl, aws elbv2 modify-rule, terraform...), started directly,
// never through a shell. "${blue}" and "${green}" in each argument become the percentages;
// the argument list is never split or re-quoted, so a weight cannot become two arguments.
// The optional read-back program prints {"blue":N,"green":N} or "blue=N green=N" (weights,
// turned into percent like HAProxy's); without it results are marked not verified.
struct CommandTrafficConfig {
    QString program;
    QStringList arguments;
    QString workingDirectory;            // empty: the console's
    QMap<QString, QString> environment;  // added to the console's environment
    QString readProgram;                 // empty: no read-back
    QStringList readArguments;
};

struct TrafficConfig {
    enum class Kind { Demo, Haproxy, Http, Command };
    Kind kind = Kind::Demo;
    // Per operation (an apply including its read-back), real milliseconds: it is about the
    // network or a program, not deployment time.
    int timeoutMs = 10000;
    DemoTrafficConfig demo;
    HaproxyTrafficConfig haproxy;
    HttpTrafficConfig http;
    CommandTrafficConfig command;
};

QString nameOf(TrafficConfig::Kind kind); // "demo", "haproxy", "http", "command"
std::optional<TrafficConfig::Kind> trafficKindFromName(QStringView name);

// Whether `config` can work, with a message naming the field ("traffic.haproxy.backend is
// empty"). createTrafficController() refuses what this refuses.
Status checkTrafficConfig(const TrafficConfig &config);
