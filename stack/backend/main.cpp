// stonecaster-backend: one colour of the real stack's application, or its load generator.
#include "backend/backendcommandline.h"
#include "backend/backendlogging.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("stonecaster-backend"));
    qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{if-warning}warning: %{endif}%{if-critical}error: %{endif}%{message}"));
    const BackendCommandLine cl = BackendCommandLine::parse(app.arguments());
    if (cl.help) {
        std::fputs(qPrintable(cl.helpText), stdout);
        return 0;
    }
    if (!cl.error.isEmpty()) {
        std::fprintf(stderr, "stonecaster-backend: %s\n(--help lists the options)\n", qPrintable(cl.error));
        return 2;
    }
    if (cl.mode == BackendCommandLine::Mode::Load) {
        LoadGenerator generator(cl.load);
        QObject::connect(&generator, &LoadGenerator::finished, &app, &QCoreApplication::quit);
        generator.start();
        return app.exec();
    }
    BackendService service(cl.service);
    QString error;
    if (!service.listen(&error)) {
        std::fprintf(stderr, "stonecaster-backend: %s\n", qPrintable(error));
        return 1;
    }
    QObject::connect(&service, &BackendService::wentDown, &app, &QCoreApplication::quit);
    qCInfo(lcBackend).noquote() << QStringLiteral("%1 listening on %2:%3 (pid %4)")
                                       .arg(cl.service.color, cl.service.address.toString())
                                       .arg(service.port())
                                       .arg(QCoreApplication::applicationPid());
    return app.exec();
}
