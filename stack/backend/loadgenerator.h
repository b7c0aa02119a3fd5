#pragma once

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QObject>
#include <QTimer>
#include <QUrl>

// A steady request rate through the stack's front door (HAProxy), for the whole run but
// bounded in count and time, to loopback addresses only. Open loop: requests leave on
// schedule whether or not earlier ones were answered (up to `maxInFlight`), as users do,
// so a slow colour does not slow the rate down. Every fifth request is a page
// (BASE/), the others API calls (BASE/api/orders/N).
class LoadGenerator : public QObject
{
    Q_OBJECT
public:
    struct Options {
        QUrl url;                  // http://127.0.0.1:PORT/app
        double rate = 50;          // requests per second
        int durationSeconds = 600;
        qint64 maxRequests = 0;    // 0: rate x duration
        int maxInFlight = 200;
    };
    struct Stats {
        qint64 sent = 0;
        qint64 ok = 0;         // 2xx
        qint64 serverErrors = 0; // 5xx
        qint64 otherStatus = 0;
        qint64 failed = 0;     // no HTTP answer (refused, reset, timeout)
        qint64 skipped = 0;    // not sent because maxInFlight were waiting
        int inFlight = 0;
    };

    explicit LoadGenerator(Options options, QObject *parent = nullptr);

    // Why `options` cannot run (not loopback, not http, rate or duration out of range), or empty.
    static QString check(const Options &options);
    qint64 plannedRequests() const;

    void start();
    const Stats &stats() const { return m_stats; }
    QString summary() const;

Q_SIGNALS:
    void finished();

private:
    void tick();
    void send();
    void finishIfDone();

    Options m_options;
    QNetworkAccessManager m_network;
    QTimer m_ticker;
    QTimer m_reporter;
    QElapsedTimer m_clock;
    Stats m_stats;
    qint64 m_scheduled = 0; // sent + skipped
    bool m_stopped = false;  // nothing more will be sent
    bool m_finished = false; // finished() was emitted
};
