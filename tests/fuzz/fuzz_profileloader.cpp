// libFuzzer target: ProfileLoader::parse on any bytes. A profile is either loaded or refused
// with a message that points at the file ("fuzz.json:LINE:COLUMN: ..."), never both, never
// neither.

#include "fuzzcheck.h"

#include "profile/profileloader.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<Profile> profile = ProfileLoader::parse(json, QStringLiteral("fuzz.json"), QStringLiteral("/profiles"));
    if (!profile.ok()) {
        FUZZ_CHECK(profile.error().startsWith(QLatin1String("fuzz.json:")), "a refusal names the file and where");
        return 0;
    }
    FUZZ_CHECK(profile.value().fileName == QLatin1String("fuzz.json"), "a profile knows its file");
    return 0;
}
