#pragma once

#include <QColor>
#include <QIcon>
#include <QString>

// The console's icons, in one place. Each action has a freedesktop.org icon name, looked up in
// the desktop's icon theme (Breeze, Adwaita, ...) first; where that theme has no such icon, or
// there is no theme at all (outside a desktop, a bare X server), the console's own fallback
// theme "stonecaster" answers: SVGs compiled in (ui/icons/stonecaster, ":/icons/stonecaster"),
// drawn by Qt's SVG icon engine, so they are sharp at any scale. To add an icon: an Id and its
// name below, and ui/icons/stonecaster/scalable/actions/NAME.svg (16x16, 1.5 px strokes,
// class ColorScheme-Text). The theme also has window-close, which the style's Close buttons
// (QDialogButtonBox) take from it.
namespace Icons {

enum class Id {
    NewDeployment,   // document-new
    OpenDeployment,  // document-open
    CloseDeployment, // document-close
    ExportReport,    // document-export
    StatusUpdate,    // mail-send
    Quit,            // application-exit
    Configure,       // configure
    UserGuide,       // help-contents
    About,           // help-about
    StepForward,     // go-next
    StepBack,        // go-previous
    Override,        // go-jump
    Retry,           // view-refresh
    RollBack,        // go-first
    Skip,            // media-skip-forward
    Reopen,          // edit-undo
    Note,            // document-edit
};
inline constexpr Id allIds[] = {Id::NewDeployment, Id::OpenDeployment, Id::CloseDeployment, Id::ExportReport, Id::StatusUpdate,
                                Id::Quit,          Id::Configure,      Id::UserGuide,       Id::About,        Id::StepForward,
                                Id::StepBack,      Id::Override,       Id::Retry,           Id::RollBack,     Id::Skip,
                                Id::Reopen,        Id::Note};

// The name of the console's fallback icon theme (":/icons/stonecaster/index.theme").
QString fallbackThemeName();
// The application's icon name, the desktop entry's Icon= (org.stonecaster.DeployConsole).
QString applicationIconName();

// Once, after the QGuiApplication exists: our theme becomes the fallback of the desktop's, and
// application() the icon of every window (and of Help > About).
void install();

// The freedesktop.org name of an action's icon.
QString name(Id id);
// The action's icon from the desktop's theme, else ours.
QIcon action(Id id);
// The same drawn in one colour where it is enabled (white on the red Roll back buttons); the
// theme's own disabled look where it is not. Drawn at the device pixel ratio asked for.
QIcon action(Id id, const QColor &color);
// The application icon: the installed one (hicolor) if there is one, else the bundled SVG.
QIcon application();

} // namespace Icons
