// Writes the manual pages of stonecaster-console and stonecaster-sim from their option tables
// (the ones --help prints), at build time:  stonecaster-manpage OUTPUT_DIR VERSION
#include "cli/commandline.h"
#include "sim/simcommandline.h"

#include <QCoreApplication>
#include <QDir>
#include <QSaveFile>

#include <cstdio>

namespace {

bool write(const QString &path, const QString &text)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit()) {
        std::fprintf(stderr, "stonecaster-manpage: cannot write %s: %s\n", qPrintable(path), qPrintable(file.errorString()));
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3) {
        std::fprintf(stderr, "usage: stonecaster-manpage OUTPUT_DIR VERSION\n");
        return 2;
    }
    const QDir dir(args.at(1));
    if (!dir.mkpath(QStringLiteral(".")))
        return 1;
    const QString version = args.at(2);
    const bool ok = write(dir.filePath(QStringLiteral("stonecaster-console.1")), CommandLine::manPage(version))
        && write(dir.filePath(QStringLiteral("stonecaster-sim.1")), SimCommandLine::manPage(version));
    return ok ? 0 : 1;
}
