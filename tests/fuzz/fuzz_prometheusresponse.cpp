// libFuzzer target: PrometheusResponse::parse on any body, with a 200 and with a 503.
// Differential: whenever PrometheusJsonScanner (the fast path) takes a body, the reference
// reading with QJsonDocument must take it too and give the same answer, series by series and
// sample by sample (NaN equal to NaN); whatever parse() gives for a 200 is what one of the
// two gives. A refusal always says why.

#include "fuzzcheck.h"

#include "metrics/prometheusjsonscanner.h"
#include "metrics/prometheusresponse.h"

#include <cmath>
#include <cstddef>
#include <cstdint>

namespace {

bool sameValue(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

bool sameResult(const PrometheusQueryResult &a, const PrometheusQueryResult &b)
{
    if (a.resultType != b.resultType || a.stringValue != b.stringValue || a.stringTimeMs != b.stringTimeMs
        || a.warnings != b.warnings || a.infos != b.infos || a.series.size() != b.series.size())
        return false;
    for (qsizetype s = 0; s < a.series.size(); ++s) {
        const PrometheusSeries &x = a.series.at(s);
        const PrometheusSeries &y = b.series.at(s);
        if (x.labels != y.labels || x.samples.size() != y.samples.size())
            return false;
        for (size_t i = 0; i < x.samples.size(); ++i)
            if (x.samples[i].timeMs != y.samples[i].timeMs || !sameValue(x.samples[i].value, y.samples[i].value))
                return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));

    PrometheusQueryResult scanned;
    const PrometheusJsonScanner::Outcome outcome = PrometheusJsonScanner::scan(body, scanned);
    const auto reference = PrometheusResponse::parseWithJsonDocument(body, 200);
    const auto parsed = PrometheusResponse::parse(body, 200);
    if (outcome == PrometheusJsonScanner::Outcome::Success) {
        FUZZ_CHECK(reference.ok(), "QJsonDocument takes what the scanner takes");
        FUZZ_CHECK(sameResult(scanned, reference.value()), "the scanner reads what QJsonDocument reads");
    }
    FUZZ_CHECK(parsed.ok() == (outcome == PrometheusJsonScanner::Outcome::Success || reference.ok()),
               "parse() succeeds exactly when the scanner or the reference does");
    if (parsed.ok() && reference.ok())
        FUZZ_CHECK(sameResult(parsed.value(), reference.value()), "parse() gives the reference's answer");
    if (!parsed.ok())
        FUZZ_CHECK(!parsed.error().isEmpty(), "a refusal says why");

    const auto unavailable = PrometheusResponse::parse(body, 503, QStringLiteral("Service Unavailable"));
    FUZZ_CHECK(!unavailable.ok(), "a 503 is never taken as data");
    if (!unavailable.ok())
        FUZZ_CHECK(!unavailable.error().isEmpty(), "a refusal says why");
    (void)PrometheusResponse::quoteStart(body);
    (void)PrometheusJsonScanner::parseValue(body);
    (void)PrometheusJsonScanner::parseTimeMs(body);
    return 0;
}
