#include "runbookloader.h"

#include "runbookparser.h"

#include "core/regularfile.h"

#include <QFile>
#include <QFileInfo>
#include <QUtf8StringView>

namespace {

Runbook failed(const QString &path, int line, const Phrase &message)
{
    Runbook r;
    r.fileName = path;
    r.diagnostics.append({line, Diagnostic::Severity::Error, message});
    return r;
}

} // namespace

bool RunbookLoader::decode(const QByteArray &bytes, QString *text, Diagnostic *error)
{
    if (const qsizetype nul = bytes.indexOf('\0'); nul >= 0) {
        const int line = int(bytes.left(nul).count('\n')) + 1;
        *error = {line, Diagnostic::Severity::Error, phrase("RunbookLoader", "binary file (NUL byte at offset %1): a runbook is Markdown text").arg(nul)};
        return false;
    }
    if (!QUtf8StringView(bytes).isValidUtf8()) {
        // Find the first bad line for a useful message.
        int line = 1;
        qsizetype start = 0;
        while (start < bytes.size()) {
            qsizetype end = bytes.indexOf('\n', start);
            end = end < 0 ? bytes.size() : end + 1;
            if (!QUtf8StringView(bytes.constData() + start, end - start).isValidUtf8())
                break;
            ++line;
            start = end;
        }
        *error = {line, Diagnostic::Severity::Error,
                  phrase("RunbookLoader", "not valid UTF-8 (after byte %1); save the runbook as UTF-8").arg(start)};
        return false;
    }
    QString decoded = QString::fromUtf8(bytes);
    if (decoded.startsWith(QChar(0xFEFF)))
        decoded.remove(0, 1);
    *text = decoded;
    return true;
}

Runbook RunbookLoader::load(const QString &path)
{
    const RegularFile file = RegularFile::read(path, MaxFileSize);
    switch (file.problem) {
    case RegularFile::Problem::None: break;
    case RegularFile::Problem::Missing: return failed(path, 0, phrase("RunbookLoader", "no such file"));
    case RegularFile::Problem::Directory: return failed(path, 0, phrase("RunbookLoader", "is a directory, not a runbook file"));
    case RegularFile::Problem::NotRegular:
        return failed(path, 0, phrase("RunbookLoader", "not a regular file (%1); a runbook is a Markdown file").arg(file.detail));
    case RegularFile::Problem::TooLarge:
        return failed(path, 0, phrase("RunbookLoader", "file is %1 MB; runbooks over %2 MB are refused").arg(file.size >> 20).arg(MaxFileSize >> 20));
    case RegularFile::Problem::Unreadable: return failed(path, 0, phrase("RunbookLoader", "cannot read: %1").arg(file.detail));
    }
    const QByteArray &bytes = file.bytes;
    if (bytes.trimmed().isEmpty())
        return failed(path, 0, phrase("RunbookLoader", "file is empty"));
    QString text;
    Diagnostic error;
    if (!decode(bytes, &text, &error))
        return failed(path, error.line, error.message);
    return RunbookParser::parse(text, path);
}

QString RunbookLoader::bundledText()
{
    QFile f(QString::fromLatin1(BundledResource));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("the bundled runbook %s is missing from the program's resources", BundledResource);
    return QString::fromUtf8(f.readAll());
}

QString RunbookLoader::bundledName()
{
    return QStringLiteral("deployment-runbook.md (bundled)");
}

Runbook RunbookLoader::loadBundled()
{
    return RunbookParser::parse(bundledText(), bundledName());
}
