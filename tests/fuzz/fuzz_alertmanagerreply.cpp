// libFuzzer target: AlertmanagerClient::parseAlerts on any /api/v2/alerts body, with the
// matchers a security-alert source uses. Every alert it returns matches every matcher and
// has a name; describe() can word any result.

#include "fuzzcheck.h"

#include "alerts/alertmanagerclient.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    static const QList<std::pair<QString, QString>> matchers{{QStringLiteral("severity"), QStringLiteral("critical")},
                                                             {QStringLiteral("team"), QStringLiteral("security")}};
    for (const auto &wanted : {matchers, QList<std::pair<QString, QString>>{}}) {
        const auto alerts = AlertmanagerClient::parseAlerts(body, wanted);
        if (!alerts.ok()) {
            FUZZ_CHECK(!alerts.error().isEmpty(), "a refusal says why");
            continue;
        }
        for (const FiringAlert &alert : alerts.value())
            for (const auto &[label, value] : wanted)
                FUZZ_CHECK(alert.labels.value(label) == value, "a returned alert matches every matcher");
        (void)AlertmanagerClient::describe(alerts.value());
    }
    return 0;
}
