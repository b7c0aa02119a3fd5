#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace {

QTranslator *load(QCoreApplication *app, const QLocale &locale, const QString &name, const QString &directory)
{
    auto *translator = new QTranslator(app);
    if (translator->load(locale, name, QStringLiteral("_"), directory) && QCoreApplication::installTranslator(translator))
        return translator;
    delete translator;
    return nullptr;
}

} // namespace

QString Translations::install(QCoreApplication *app, const QLocale &locale)
{
    const QString ours = QStringLiteral(":/i18n");
    const QTranslator *console = load(app, locale, QStringLiteral("stonecaster"), ours);
    if (!console)
        console = load(app, QLocale(QLocale::English), QStringLiteral("stonecaster"), ours);
    // Qt's own only where the console speaks the language too (no German buttons in an
    // English window).
    if (console && console->language() != QLatin1String("en"))
        load(app, locale, QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    return console ? console->language().section(u'_', 0, 0) : QString();
}
