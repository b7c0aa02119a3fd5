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
    // `folder` is where relative paths in bindings point; empty: the file's folder.
    static Result<Profile> parse(const QByteArray &json, const QString &fileName, const QString &folder = {});
    // The built-in demo profile, pointed at the simulator's address. Its rollback and check
    // scripts are written once per process to a temporary folder (removed at exit).
    static Profile demoProfile(const QUrl &simulatorUrl);
    // That folder, or an error saying why the scripts could not be written.
    static Result<QString> demoScriptsFolder();
};
