#pragma once

#include <QLocale>

class QCoreApplication;

// The window's language: Qt's own translations (qtbase, for standard buttons and dialogs) and
// the console's catalogue (translations/, built in under :/i18n) for a locale, the system's by
// default (LANGUAGE, LC_ALL, LC_MESSAGES, LANG). English is the source language; for a locale
// without a catalogue the English one is loaded, which only holds the plural forms ("1 step",
// "2 steps"). Only the window is translated: the headless modes, reports and the journal stay
// English whatever the locale.
namespace Translations {

// Installs the translators on `app` (their parent). Returns the loaded catalogue's language
// ("de", or "en" for the English plural forms); empty if none could be loaded.
QString install(QCoreApplication *app, const QLocale &locale = QLocale());

} // namespace Translations
