#include "secretref.h"

QString SecretRef::describe() const
{
    switch (source) {
    case Source::None:
        return QStringLiteral("no secret");
    case Source::Environment:
        return QStringLiteral("environment variable %1").arg(name);
    case Source::Keychain:
        return QStringLiteral("keychain entry %1/%2").arg(service, name);
    }
    return {};
}
