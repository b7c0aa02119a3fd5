#pragma once

#include "core/phrase.h"

#include <QString>

// Where a secret comes from. Profiles name a secret's source, never its value.
struct SecretRef {
    enum class Source { None, Environment, Keychain };
    Source source = Source::None;
    QString name;    // the environment variable, or the keychain key
    QString service; // the keychain service (default "stonecaster")

    bool operator==(const SecretRef &) const = default;
    bool isSet() const { return source != Source::None; }
    // "environment variable PROM_TOKEN" / "keychain entry stonecaster/prod-prometheus"
    Phrase describePhrase() const;
    QString describe() const { return describePhrase().english(); }
};
