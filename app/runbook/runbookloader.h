#pragma once

#include "runbook.h"

// Reads a runbook file and parses it. A file that cannot be read (missing, a directory,
// binary, not UTF-8, empty, too large) gives a Runbook whose only content is an error diagnostic.
class RunbookLoader
{
public:
    static Runbook load(const QString &path);

    // The reference runbook built into the program (the console's default), its text and
    // the name deployments started on it record.
    static Runbook loadBundled();
    static QString bundledText();
    static QString bundledName();
    static constexpr const char *BundledResource = ":/runbooks/deployment-runbook.md";

    // Decodes UTF-8 strictly; on failure returns false and says where.
    static bool decode(const QByteArray &bytes, QString *text, Diagnostic *error);

    static constexpr qint64 MaxFileSize = 64 * 1024 * 1024;
};
