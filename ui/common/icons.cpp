#include "common/icons.h"

#include <QGuiApplication>
#include <QIconEngine>
#include <QPainter>
#include <QStringList>

namespace {

// A theme icon drawn in one colour: the theme's pixmap for the size and device pixel ratio,
// its shape filled with the colour (alpha kept), so it stays as sharp as the theme's.
class TintedIconEngine : public QIconEngine
{
public:
    TintedIconEngine(const QIcon &icon, const QColor &color)
        : m_icon(icon)
        , m_color(color)
    {
    }
    QIconEngine *clone() const override { return new TintedIconEngine(m_icon, m_color); }
    QString key() const override { return QStringLiteral("stonecaster-tinted"); }
    QString iconName() override { return m_icon.name(); }
    bool isNull() override { return m_icon.isNull(); }
    QSize actualSize(const QSize &size, QIcon::Mode mode, QIcon::State state) override { return m_icon.actualSize(size, mode, state); }
    QList<QSize> availableSizes(QIcon::Mode mode, QIcon::State state) override { return m_icon.availableSizes(mode, state); }
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override { return scaledPixmap(size, mode, state, 1.0); }
    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state, qreal scale) override
    {
        QPixmap pixmap = m_icon.pixmap(size, scale, mode, state);
        if (pixmap.isNull() || mode == QIcon::Disabled)
            return pixmap;
        QPainter painter(&pixmap);
        painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
        painter.fillRect(QRectF(QPointF(0, 0), pixmap.deviceIndependentSize()), m_color);
        return pixmap;
    }
    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override
    {
        const qreal scale = painter->device() ? painter->device()->devicePixelRatio() : qApp->devicePixelRatio();
        painter->drawPixmap(rect, scaledPixmap(rect.size(), mode, state, scale));
    }

private:
    QIcon m_icon;
    QColor m_color;
};

} // namespace

namespace Icons {

QString fallbackThemeName()
{
    return QStringLiteral("stonecaster");
}

QString applicationIconName()
{
    return QStringLiteral("org.stonecaster.DeployConsole");
}

void install()
{
    // ":/icons" is one of Qt's theme search paths by default; say so in case a platform
    // theme replaced them.
    QStringList paths = QIcon::themeSearchPaths();
    if (!paths.contains(QStringLiteral(":/icons")))
        QIcon::setThemeSearchPaths(paths << QStringLiteral(":/icons"));
    QIcon::setFallbackThemeName(fallbackThemeName());
    QGuiApplication::setWindowIcon(application());
}

QString name(Id id)
{
    switch (id) {
    case Id::NewDeployment:
        return QStringLiteral("document-new");
    case Id::OpenDeployment:
        return QStringLiteral("document-open");
    case Id::CloseDeployment:
        return QStringLiteral("document-close");
    case Id::ExportReport:
        return QStringLiteral("document-export");
    case Id::StatusUpdate:
        return QStringLiteral("mail-send");
    case Id::Quit:
        return QStringLiteral("application-exit");
    case Id::Configure:
        return QStringLiteral("configure");
    case Id::UserGuide:
        return QStringLiteral("help-contents");
    case Id::About:
        return QStringLiteral("help-about");
    case Id::StepForward:
        return QStringLiteral("go-next");
    case Id::StepBack:
        return QStringLiteral("go-previous");
    case Id::Override:
        return QStringLiteral("go-jump");
    case Id::Retry:
        return QStringLiteral("view-refresh");
    case Id::RollBack:
        return QStringLiteral("go-first");
    case Id::Skip:
        return QStringLiteral("media-skip-forward");
    case Id::Reopen:
        return QStringLiteral("edit-undo");
    case Id::Note:
        return QStringLiteral("document-edit");
    }
    Q_UNREACHABLE_RETURN(QString());
}

QIcon action(Id id)
{
    return QIcon::fromTheme(name(id));
}

QIcon action(Id id, const QColor &color)
{
    return QIcon(new TintedIconEngine(action(id), color));
}

QIcon application()
{
    return QIcon::fromTheme(applicationIconName());
}

} // namespace Icons
