#pragma once

#include "secrets/secretref.h"

#include <QString>

// How we authenticate to a server (the metrics provider, Alertmanager, an HTTP traffic
// controller): the kind of Authorization header and the secret it carries. The secret is
// resolved (SecretResolver) when the connection starts, never stored.
struct HttpAuth {
    enum class Type { None, Bearer, Basic };
    Type type = Type::None;
    QString username;  // basic
    SecretRef secret;  // the bearer token or the basic password

    bool operator==(const HttpAuth &) const = default;
};
