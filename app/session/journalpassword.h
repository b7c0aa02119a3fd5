#pragma once

#include "core/result.h"

#include <QString>

// The password of a team's shared journal from the desktop keychain (--journal-keychain ENTRY,
// service "stonecaster"), read before the journal opens. QtKeychain answers asynchronously;
// this waits for it in a local event loop (up to a minute: the keychain may ask to be
// unlocked). Needs a QCoreApplication. The value is only ever handed to the journal.
Result<QString> readJournalPassword(const QString &keychainEntry);
