#include "secretref.h"

Phrase SecretRef::describePhrase() const
{
    switch (source) {
    case Source::None:
        return phrase("SecretRef", "no secret");
    case Source::Environment:
        return phrase("SecretRef", "environment variable %1").arg(name);
    case Source::Keychain:
        return phrase("SecretRef", "keychain entry %1/%2").arg(service).arg(name);
    }
    return {};
}
