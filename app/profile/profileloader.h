#pragma once

#include "core/result.h"
#include "profile/profile.h"

#include <QByteArray>
#include <QString>

// Reads and validates an environment profile (JSON). Every problem is reported as
// `FILE:LINE:COLUMN: message` (syntax errors exactly, key errors at the key), all of
// them at once, so a person fixes the file in one pass.
class ProfileLoader
{
public:
    static Result<Profile> loadFile(const QString &fileName);
    static Result<Profile> parse(const QByteArray &json, const QString &fileName);
    // The built-in demo profile, pointed at the simulator's address.
    static Profile demoProfile(const QUrl &simulatorUrl);
};
