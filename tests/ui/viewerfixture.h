#pragma once
// What the source viewer's and the runbook editor's tests share: files in a temporary folder,
// empty settings, the light scheme, a ManualClock; a SQL script, palettes, answering a message
// box, saving screenshots. Inherit ViewerFixture beside QObject.
#include "colorscheme.h"
#include "mainwindow.h"
#include "profile/profileloader.h"
#include "runbook/runbookloader.h"
#include "session/consolesession.h"
#include "messagebanner.h"
#include "viewer/highlightingrepository.h"
#include "viewer/runbookeditordialog.h"
#include "viewer/sourceview.h"
#include "viewer/sourceviewerdialog.h"

#include "core/appsettings.h"
#include "core/clock.h"
#include "deployment/deployment.h"
#include "metrics/metricssession.h"

#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/Theme>

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTimer>

#include <memory>



inline const QString RollbackSql = QStringLiteral(
    "-- Roll back migration 0042: orders.fulfilment_status (v2.14.0)\n"
    "-- Run against the primary; the replicas follow. Takes < 5 s on 40M rows.\n"
    "BEGIN;\n"
    "\n"
    "SET LOCAL lock_timeout = '3s';\n"
    "SET LOCAL statement_timeout = '60s';\n"
    "\n"
    "-- 1. Stop new writes to the column (v2.13 never reads it).\n"
    "DROP TRIGGER IF EXISTS orders_fulfilment_status_sync ON orders;\n"
    "DROP FUNCTION IF EXISTS sync_fulfilment_status();\n"
    "\n"
    "-- 2. Copy back what v2.14 wrote into the old column.\n"
    "UPDATE orders\n"
    "   SET shipped = (fulfilment_status IN ('shipped', 'delivered'))\n"
    " WHERE fulfilment_status IS NOT NULL\n"
    "   AND updated_at >= TIMESTAMP '2026-11-26 14:00:00';\n"
    "\n"
    "-- 3. Drop the new column and its index.\n"
    "DROP INDEX CONCURRENTLY IF EXISTS idx_orders_fulfilment_status;\n"
    "ALTER TABLE orders DROP COLUMN IF EXISTS fulfilment_status;\n"
    "\n"
    "DELETE FROM schema_migrations WHERE version = 42;\n"
    "\n"
    "SELECT count(*) AS orders_checked, sum(CASE WHEN shipped THEN 1 ELSE 0 END) AS shipped\n"
    "  FROM orders\n"
    " WHERE updated_at >= now() - INTERVAL '1 day';\n"
    "\n"
    "COMMIT;\n");

inline QString bundledRunbook()
{
    return RunbookLoader::bundledText();
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline QPalette plainPalette(QColor base, QColor text)
{
    QPalette p(base);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::Window, base);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::WindowText, text);
    return p;
}

inline int lightness(QRgb rgb)
{
    return QColor(rgb).lightness();
}

// Adds a clause the automatic rollback list cannot enforce (an error) after its last trigger;
// returns the new line's number.
inline int addUnknownTrigger(SourceView *editor)
{
    QTextDocument *doc = editor->document();
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
        if (b.text() == QLatin1String("- Security alert triggered")) {
            QTextCursor c(b);
            c.movePosition(QTextCursor::EndOfBlock);
            c.insertText(QStringLiteral("\n- Moon is full"));
            return b.blockNumber() + 2;
        }
    }
    return 0;
}

// Answers the next message box with `button` once it is up (it runs its own event loop).
inline void answerNextQuestion(QMessageBox::StandardButton button)
{
    auto *timer = new QTimer;
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, button] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box || !box->isVisible())
            return;
        timer->deleteLater();
        box->button(button)->click();
    });
    timer->start();
}

inline void save(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("STONECASTER_SCREENSHOT_DIR");
    QDir().mkpath(dir);
    QVERIFY(w->grab().save(dir + QLatin1Char('/') + name));
}


using KSyntaxHighlighting::Theme;

class ViewerFixture
{
protected:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<ManualClock> m_clock;

    QString copyOfBundledRunbook()
    {
        const QString path = m_dir->filePath(QStringLiteral("runbook.md"));
        return writeFile(path, bundledRunbook().toUtf8()) ? path : QString();
    }

    static void setUpTestMode()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(!bundledRunbook().isEmpty());
    }
    void setUpViewerTest()
    {
        QSettings(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("stonecaster"), QStringLiteral("deploy-console")).clear();
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_settings = std::make_unique<AppSettings>();
        m_clock = std::make_unique<ManualClock>();
        ColorScheme::apply(qApp, AppSettings::ColorScheme::Light);
    }
    void tearDownViewerTest()
    {
        const QWidgetList windows = QApplication::topLevelWidgets();
        for (QWidget *w : windows) {
            if (qobject_cast<QDialog *>(w))
                delete w;
        }
        m_settings.reset();
        m_clock.reset();
        m_dir.reset();
    }
};
