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

using KSyntaxHighlighting::Theme;

namespace {

const QString RollbackSql = QStringLiteral(
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

QString bundledRunbook()
{
    return RunbookLoader::bundledText();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QPalette plainPalette(QColor base, QColor text)
{
    QPalette p(base);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::Window, base);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::WindowText, text);
    return p;
}

int lightness(QRgb rgb)
{
    return QColor(rgb).lightness();
}

// Adds a clause the automatic rollback list cannot enforce (an error) after its last trigger;
// returns the new line's number.
int addUnknownTrigger(SourceView *editor)
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
void answerNextQuestion(QMessageBox::StandardButton button)
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

void save(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("STONECASTER_SCREENSHOT_DIR");
    QDir().mkpath(dir);
    QVERIFY(w->grab().save(dir + QLatin1Char('/') + name));
}

} // namespace

class TestSourceViewer : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<ManualClock> m_clock;

    QString copyOfBundledRunbook()
    {
        const QString path = m_dir->filePath(QStringLiteral("runbook.md"));
        return writeFile(path, bundledRunbook().toUtf8()) ? path : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(!bundledRunbook().isEmpty());
    }

    void init()
    {
        QSettings(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("stonecaster"), QStringLiteral("deploy-console")).clear();
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_settings = std::make_unique<AppSettings>();
        m_clock = std::make_unique<ManualClock>();
        ColorScheme::apply(qApp, AppSettings::ColorScheme::Light);
    }

    void cleanup()
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

    void oneRepository()
    {
        QCOMPARE(&HighlightingRepository::instance(), &HighlightingRepository::instance());
        QVERIFY(HighlightingRepository::instance().definitions().size() > 100);
    }

    void definition_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected"); // empty: plain
        QTest::newRow("sql by name") << QStringLiteral("x.sql") << QStringLiteral("select 1;") << QStringLiteral("SQL");
        QTest::newRow("shell by name") << QStringLiteral("x.sh") << QStringLiteral("echo hi") << QStringLiteral("Bash");
        QTest::newRow("markdown by name") << QStringLiteral("x.md") << QStringLiteral("# Title") << QStringLiteral("Markdown");
        QTest::newRow("json by name") << QStringLiteral("x.json") << QStringLiteral("{}") << QStringLiteral("JSON");
        QTest::newRow("path, not only a name") << QStringLiteral("/srv/db/rollback/0042.sql") << QString() << QStringLiteral("SQL");
        QTest::newRow("#!/bin/bash without extension") << QStringLiteral("rollback") << QStringLiteral("#!/bin/bash\nset -e\n")
                                                        << QStringLiteral("Bash");
        QTest::newRow("#!/bin/sh without extension") << QStringLiteral("rollback") << QStringLiteral("#!/bin/sh\necho\n") << QStringLiteral("Bash");
        QTest::newRow("#!/usr/bin/env bash, no name") << QString() << QStringLiteral("#!/usr/bin/env bash\necho\n") << QStringLiteral("Bash");
        QTest::newRow("#!/usr/bin/env python3") << QStringLiteral("check") << QStringLiteral("#!/usr/bin/env python3\nprint(1)\n")
                                                << QStringLiteral("Python");
        QTest::newRow("xml by content") << QStringLiteral("config") << QStringLiteral("<?xml version=\"1.0\"?>\n<a/>\n") << QStringLiteral("XML");
        QTest::newRow("unknown") << QStringLiteral("notes.qqzz") << QStringLiteral("just some words\n") << QString();
        QTest::newRow("no name, plain text") << QString() << QStringLiteral("just some words\n") << QString();
    }

    void definition()
    {
        QFETCH(QString, fileName);
        QFETCH(QString, text);
        QFETCH(QString, expected);
        SourceView view;
        view.setSource(text, fileName);
        QCOMPARE(view.toPlainText(), text);
        if (expected == QLatin1String("SQL")) {
            // KF6 has several SQL dialects; x.sql is the generic one.
            QVERIFY2(view.definitionName().contains(QLatin1String("SQL")), qPrintable(view.definitionName()));
            QCOMPARE(view.definitionName(), QStringLiteral("SQL"));
        } else {
            QCOMPARE(view.definitionName(), expected);
        }
        QCOMPARE(view.definition().isValid(), !expected.isEmpty());
    }

    void readOnlyByDefaultMonospace()
    {
        SourceView view;
        QVERIFY(view.isReadOnly());
        QVERIFY(QFontInfo(view.font()).fixedPitch());
        view.setReadOnly(false);
        view.setSource(QStringLiteral("a\n"), QStringLiteral("x.md"));
        QVERIFY(!view.isReadOnly());
    }

    void themeFollowsPalette()
    {
        SourceView view;
        view.setSource(RollbackSql, QStringLiteral("rollback.sql"));
        QVERIFY(view.theme().isValid());
        QVERIFY2(lightness(view.theme().editorColor(Theme::BackgroundColor)) >= 128, qPrintable(view.themeName()));
        const QString lightName = view.themeName();

        view.setPalette(plainPalette(QColor(0x1e, 0x1e, 0x1e), Qt::white));
        QVERIFY2(lightness(view.theme().editorColor(Theme::BackgroundColor)) < 128, qPrintable(view.themeName()));
        QVERIFY(view.themeName() != lightName);

        view.setPalette(plainPalette(Qt::white, Qt::black));
        QCOMPARE(view.themeName(), lightName);
    }

    void themeFollowsApplicationScheme()
    {
        SourceView view;
        view.show();
        view.setSource(RollbackSql, QStringLiteral("rollback.sql"));
        const QString lightName = view.themeName();
        QVERIFY(lightness(view.theme().editorColor(Theme::BackgroundColor)) >= 128);
        ColorScheme::apply(qApp, AppSettings::ColorScheme::Dark);
        auto restore = qScopeGuard([] { ColorScheme::apply(qApp, AppSettings::ColorScheme::Light); });
        QTRY_VERIFY2(lightness(view.theme().editorColor(Theme::BackgroundColor)) < 128, qPrintable(view.themeName()));
        ColorScheme::apply(qApp, AppSettings::ColorScheme::Light);
        QTRY_COMPARE(view.themeName(), lightName);
    }

    void highlightsWithVisibleColours()
    {
        // A keyword gets the theme's keyword colour, not an invalid one (seen: a definition
        // set before the theme painted the text invisible).
        SourceView view;
        view.setSource(QStringLiteral("SELECT 1;\n"), QStringLiteral("x.sql"));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QList<QTextLayout::FormatRange> formats = view.document()->firstBlock().layout()->formats();
        QVERIFY(!formats.isEmpty());
        const QColor keyword = formats.constFirst().format.foreground().color();
        QVERIFY(keyword.isValid());
        QCOMPARE(keyword.rgb(), QColor(view.theme().textColor(Theme::Keyword)).rgb());
    }

    void lineNumberAreaGrows()
    {
        SourceView view;
        view.resize(600, 400);
        view.setSource(QStringLiteral("a\n").repeated(9));
        const int small = view.lineNumberAreaWidth();
        view.setSource(QStringLiteral("a\n").repeated(1500));
        const int thousands = view.lineNumberAreaWidth();
        view.setSource(QStringLiteral("a\n").repeated(120000));
        const int hundredThousands = view.lineNumberAreaWidth();
        QVERIFY2(thousands > small, qPrintable(QStringLiteral("%1 -> %2").arg(small).arg(thousands)));
        QVERIFY(hundredThousands > thousands);
        QCOMPARE(view.viewport()->geometry().left() - view.contentsRect().left(), hundredThousands);
        QVERIFY(hundredThousands >= view.fontMetrics().horizontalAdvance(QStringLiteral("120001")));
    }

    void marksAndGoToLine()
    {
        SourceView view;
        view.resize(600, 300);
        view.setSource(QStringLiteral("line\n").repeated(200), QStringLiteral("x.md"));
        view.setLineMarks({{3, SourceView::LineMark::Kind::Error, QStringLiteral("broken")},
                           {5, SourceView::LineMark::Kind::Warning, QStringLiteral("odd")}});
        QHash<int, QColor> underlines;
        for (const QTextEdit::ExtraSelection &s : view.extraSelections()) {
            if (s.format.underlineStyle() == QTextCharFormat::WaveUnderline)
                underlines.insert(s.cursor.blockNumber() + 1, s.format.underlineColor());
        }
        QCOMPARE(underlines.size(), 2);
        QVERIFY(underlines.value(3).red() > 150 && underlines.value(3).green() < 100); // red
        QVERIFY(underlines.value(5).red() > 150 && underlines.value(5).green() > 80 && underlines.value(5).blue() < 60); // orange
        view.goToLine(150);
        QCOMPARE(view.currentLineNumber(), 150);
        QVERIFY(view.cursorForPosition(QPoint(0, 0)).blockNumber() > 100);
        view.goToLine(9999);
        QCOMPARE(view.currentLineNumber(), view.blockCount());
        view.setSource(QStringLiteral("new\n"));
        QVERIFY(view.lineMarks().isEmpty());
    }

    void viewerShowsFile()
    {
        const QString path = m_dir->filePath(QStringLiteral("rollback-0042.sql"));
        QVERIFY(writeFile(path, RollbackSql.toUtf8()));
        QPointer<SourceViewerDialog> dialog = SourceViewerDialog::showFile(nullptr, path);
        QVERIFY(dialog->isVisible());
        QVERIFY(!dialog->isModal());
        QCOMPARE(dialog->windowTitle(), QStringLiteral("rollback-0042.sql"));
        auto *pathLabel = dialog->findChild<QLabel *>(QStringLiteral("sourcePath"));
        QVERIFY(pathLabel && pathLabel->isVisible());
        QVERIFY(pathLabel->text().endsWith(QStringLiteral("rollback-0042.sql")));
        SourceView *view = dialog->findChild<SourceView *>(QStringLiteral("sourceView"));
        QCOMPARE(view, dialog->view());
        QCOMPARE(view->toPlainText(), RollbackSql);
        QCOMPARE(view->definitionName(), QStringLiteral("SQL"));
        QVERIFY(view->isReadOnly());
        QCOMPARE(dialog->note(), QString());
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("closeButton")), Qt::LeftButton);
        QTRY_VERIFY(dialog.isNull()); // deletes itself
    }

    void viewerSaysWhatIsWrong()
    {
        SourceViewerDialog missing;
        missing.setFile(m_dir->filePath(QStringLiteral("gone.sh")));
        QVERIFY2(missing.note().contains(QLatin1String("does not exist")), qPrintable(missing.note()));
        QVERIFY(missing.view()->toPlainText().isEmpty());

        SourceViewerDialog folder;
        folder.setFile(m_dir->path());
        QVERIFY2(folder.note().contains(QLatin1String("folder")), qPrintable(folder.note()));

        const QString latin1 = m_dir->filePath(QStringLiteral("latin1.sh"));
        QVERIFY(writeFile(latin1, QByteArray("#!/bin/sh\necho caf\xe9\n")));
        SourceViewerDialog lossy;
        lossy.setFile(latin1);
        QVERIFY2(lossy.note().contains(QLatin1String("not valid UTF-8")), qPrintable(lossy.note()));
        QCOMPARE(lossy.view()->toPlainText(), QStringLiteral("#!/bin/sh\necho caf\uFFFD\n"));
        QCOMPARE(lossy.view()->definitionName(), QStringLiteral("Bash"));

        const QString huge = m_dir->filePath(QStringLiteral("huge.sql"));
        QByteArray bytes = QByteArray("SELECT 1;\n").repeated(600 * 1024); // 6 MB
        bytes.insert(SourceViewerDialog::MaxShownBytes - 1, "\xc3\xa9"); // a character across the cut
        QVERIFY(writeFile(huge, bytes));
        SourceViewerDialog truncated;
        truncated.setFile(huge);
        QVERIFY2(truncated.note().contains(QLatin1String("only its first")), qPrintable(truncated.note()));
        QVERIFY2(!truncated.note().contains(QLatin1String("UTF-8")), qPrintable(truncated.note()));
        QCOMPARE(truncated.view()->toPlainText().toUtf8(), bytes.left(SourceViewerDialog::MaxShownBytes - 1));
    }

    void viewerShowsText()
    {
        QWidget parent;
        QPointer<SourceViewerDialog> dialog =
            SourceViewerDialog::showText(&parent, QStringLiteral("Rollback script"), QStringLiteral("#!/bin/sh\nkubectl rollout undo deploy/checkout\n"));
        QCOMPARE(dialog->windowTitle(), QStringLiteral("Rollback script"));
        QCOMPARE(dialog->view()->definitionName(), QStringLiteral("Bash"));
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("sourcePath"))->isHidden());
        QCOMPARE(dialog->parentWidget(), &parent);
        dialog->close();
        QTRY_VERIFY(dialog.isNull());
    }

    void editorChecksAndSaves()
    {
        const QString path = copyOfBundledRunbook();
        RunbookEditorDialog dialog(path, QString());
        dialog.show();
        auto *editor = dialog.findChild<SourceView *>(QStringLiteral("runbookEditor"));
        auto *list = dialog.findChild<QListWidget *>(QStringLiteral("diagnosticsList"));
        auto *check = dialog.findChild<QPushButton *>(QStringLiteral("checkButton"));
        auto *saveButton = dialog.findChild<QPushButton *>(QStringLiteral("saveButton"));
        QVERIFY(editor && list && check && saveButton);
        QVERIFY(dialog.isEditable());
        QVERIFY(!editor->isReadOnly());
        QCOMPARE(editor->definitionName(), QStringLiteral("Markdown"));
        QVERIFY(!dialog.parsed().hasErrors());
        QVERIFY(!saveButton->isEnabled()); // nothing to save yet

        const int line = addUnknownTrigger(editor);
        QVERIFY(line > 100);
        QVERIFY(dialog.isModified());
        QVERIFY(saveButton->isEnabled());
        QVERIFY(dialog.windowTitle().endsWith(QLatin1String("*")));
        QTest::mouseClick(check, Qt::LeftButton);
        QListWidgetItem *found = nullptr;
        for (int i = 0; i < list->count(); ++i) {
            if (list->item(i)->data(Qt::UserRole).toInt() == line)
                found = list->item(i);
        }
        QVERIFY2(found, qPrintable(QStringLiteral("%1 diagnostics, none at line %2").arg(list->count()).arg(line)));
        QVERIFY2(found->text().startsWith(QStringLiteral("Line %1: error: ").arg(line)), qPrintable(found->text()));
        bool marked = false;
        for (const SourceView::LineMark &m : editor->lineMarks())
            marked |= m.line == line && m.kind == SourceView::LineMark::Kind::Error;
        QVERIFY(marked);
        QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("diagnosticsSummary"))->text(),
                 QStringLiteral("1 error(s): the console will not start a deployment on this runbook until they are fixed."));
        QCOMPARE(readFile(path), bundledRunbook().toUtf8()); // Check writes nothing

        editor->goToLine(1);
        list->setCurrentItem(found);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(found).center());
        QCOMPARE(editor->currentLineNumber(), line);

        QSignalSpy saved(&dialog, &RunbookEditorDialog::saved);
        QTest::mouseClick(saveButton, Qt::LeftButton);
        QCOMPARE(saved.size(), 1);
        QCOMPARE(readFile(path), editor->toPlainText().toUtf8());
        QVERIFY(readFile(path).contains("\n- Moon is full\n"));
        QVERIFY(saved.at(0).at(0).value<Runbook>().hasErrors());
        QVERIFY(!dialog.isModified());
        QVERIFY(!saveButton->isEnabled());
        QVERIFY(list->count() > 0); // the saved file's diagnostics stay listed
    }

    void unsavedChangesAreAskedAbout()
    {
        const QString path = copyOfBundledRunbook();
        const QByteArray original = readFile(path);
        RunbookEditorDialog dialog(path, QString());
        dialog.show();
        QVERIFY(addUnknownTrigger(dialog.editor()) > 0);

        answerNextQuestion(QMessageBox::Cancel);
        dialog.reject();
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.isModified());

        answerNextQuestion(QMessageBox::Save);
        dialog.reject();
        QVERIFY(!dialog.isVisible());
        QVERIFY(readFile(path).contains("\n- Moon is full\n"));

        QVERIFY(writeFile(path, original));
        RunbookEditorDialog again(path, QString());
        again.show();
        QVERIFY(addUnknownTrigger(again.editor()) > 0);
        answerNextQuestion(QMessageBox::Discard);
        again.reject();
        QVERIFY(!again.isVisible());
        QCOMPARE(readFile(path), original);
    }

    void windowAsksAboutUnsavedRunbook()
    {
        const QString path = copyOfBundledRunbook();
        ConsoleSession session(m_clock.get());
        MainWindow window(m_settings.get(), &session);
        MainWindow::Options options;
        options.runbookPath = path;
        options.journalPath = m_dir->filePath(QStringLiteral("journal.sqlite"));
        QVERIFY(window.initialize(options));
        window.show();
        RunbookEditorDialog *dialog = window.showRunbookSource();
        QVERIFY(addUnknownTrigger(dialog->editor()) > 0);
        answerNextQuestion(QMessageBox::Cancel);
        QVERIFY(!window.close());
        QVERIFY(window.isVisible());
        QVERIFY(dialog->isVisible());
        answerNextQuestion(QMessageBox::Discard);
        QVERIFY(window.close());
    }

    void bundledRunbookIsReadOnly()
    {
        RunbookEditorDialog dialog(QString(), bundledRunbook());
        QVERIFY(!dialog.isEditable());
        QVERIFY(dialog.editor()->isReadOnly());
        QCOMPARE(dialog.editor()->toPlainText(), bundledRunbook());
        QVERIFY(dialog.findChild<QPushButton *>(QStringLiteral("saveButton"))->isHidden());
        auto *note = dialog.findChild<QLabel *>(QStringLiteral("runbookNote"));
        QVERIFY(note && !note->isHidden());
        QVERIFY2(note->text().contains(QLatin1String("--runbook")), qPrintable(note->text()));
        QVERIFY(!dialog.save());
    }

    void notUtf8RunbookIsReadOnly()
    {
        const QString path = m_dir->filePath(QStringLiteral("latin1.md"));
        QVERIFY(writeFile(path, QByteArray("# Caf\xe9 runbook\n")));
        RunbookEditorDialog dialog(path, QStringLiteral("# loaded\n"));
        QVERIFY(!dialog.isEditable());
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("runbookNote"))->text().contains(QLatin1String("UTF-8")));
    }

    void windowMenuEntries()
    {
        const QString path = copyOfBundledRunbook();
        ConsoleSession session(m_clock.get());
        MainWindow window(m_settings.get(), &session);
        MainWindow::Options options;
        options.runbookPath = path;
        options.journalPath = m_dir->filePath(QStringLiteral("journal.sqlite"));
        options.operatorName = QStringLiteral("alice");
        QVERIFY(window.initialize(options));
        auto *runbookAction = window.findChild<QAction *>(QStringLiteral("actionRunbookSource"));
        auto *profileAction = window.findChild<QAction *>(QStringLiteral("actionProfileSource"));
        QVERIFY(runbookAction && profileAction);
        QVERIFY(!profileAction->isEnabled()); // no environment yet
        runbookAction->trigger();
        RunbookEditorDialog *dialog = window.runbookEditor();
        QVERIFY(dialog && dialog->isVisible());
        QVERIFY(dialog->isEditable());
        runbookAction->trigger();
        QCOMPARE(window.runbookEditor(), dialog); // one editor, raised again

        // Not started: the built-in demo's profile.
        session.setEnvironment(ProfileLoader::demoProfile(QUrl(QStringLiteral("http://127.0.0.1:9"))), QStringLiteral("DEMO"), true);
        QVERIFY(profileAction->isEnabled());
        profileAction->trigger();
        auto *profile = window.findChild<SourceViewerDialog *>();
        QVERIFY(profile && profile->isVisible());
        QVERIFY(profile->windowTitle().contains(QLatin1String("demo.json")));
        QCOMPARE(profile->view()->definitionName(), QStringLiteral("JSON"));
        QVERIFY(profile->view()->toPlainText().contains(QLatin1String("\"queries\"")));
    }

    void savedRunbookAppliesToNextDeployment()
    {
        const QString path = copyOfBundledRunbook();
        ConsoleSession session(m_clock.get());
        MainWindow window(m_settings.get(), &session);
        MainWindow::Options options;
        options.runbookPath = path;
        options.journalPath = m_dir->filePath(QStringLiteral("journal.sqlite"));
        options.operatorName = QStringLiteral("alice");
        QVERIFY(window.initialize(options));
        QCOMPARE(window.previewRunbook().title, QStringLiteral("Deployment Runbook"));

        // An error: saved (it is the user's file) but not taken for the next deployment.
        RunbookEditorDialog *dialog = window.showRunbookSource();
        const int line = addUnknownTrigger(dialog->editor());
        QVERIFY(line > 0);
        QTextCursor title(dialog->editor()->document()->firstBlock());
        title.select(QTextCursor::LineUnderCursor);
        title.insertText(QStringLiteral("# Broken runbook"));
        QVERIFY(dialog->save());
        QVERIFY(readFile(path).startsWith("# Broken runbook\n"));
        QCOMPARE(window.banner()->kind(), MessageBanner::Kind::Error);
        QVERIFY2(window.banner()->text().contains(QLatin1String("errors")), qPrintable(window.banner()->text()));
        QCOMPARE(window.previewRunbook().title, QStringLiteral("Deployment Runbook"));

        // Fixed: the preview and the next deployment use it.
        QTextCursor added(dialog->editor()->document()->findBlockByNumber(line - 1));
        added.select(QTextCursor::BlockUnderCursor);
        added.removeSelectedText();
        title = QTextCursor(dialog->editor()->document()->firstBlock());
        title.select(QTextCursor::LineUnderCursor);
        title.insertText(QStringLiteral("# Edited runbook"));
        QVERIFY(dialog->save());
        QVERIFY(!dialog->parsed().hasErrors());
        QCOMPARE(window.previewRunbook().title, QStringLiteral("Edited runbook"));
        QCOMPARE(window.runbook().title, QStringLiteral("Edited runbook"));
        QCOMPARE(window.banner()->kind(), MessageBanner::Kind::Info);
        QVERIFY2(window.banner()->text().contains(QLatin1String("applies to new deployments")), qPrintable(window.banner()->text()));
        QVERIFY(window.tabWidget()->count() > 0);

        QVERIFY(window.startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice")).ok());
        QCOMPARE(window.deployment()->runbook().title, QStringLiteral("Edited runbook"));

        // While it runs, a save changes the next deployment's runbook, not this one's.
        title = QTextCursor(dialog->editor()->document()->firstBlock());
        title.select(QTextCursor::LineUnderCursor);
        title.insertText(QStringLiteral("# Third edition"));
        QVERIFY(dialog->save());
        QCOMPARE(window.deployment()->runbook().title, QStringLiteral("Edited runbook"));
        QCOMPARE(window.runbook().title, QStringLiteral("Edited runbook"));
        QCOMPARE(window.previewRunbook().title, QStringLiteral("Third edition"));
        QVERIFY2(window.banner()->text().contains(QLatin1String("keeps the text it started with")), qPrintable(window.banner()->text()));
    }

    void bundledRunbookFromWindowIsReadOnly()
    {
        ConsoleSession session(m_clock.get());
        MainWindow window(m_settings.get(), &session);
        MainWindow::Options options;
        options.journalPath = m_dir->filePath(QStringLiteral("journal.sqlite"));
        QVERIFY(window.initialize(options));
        RunbookEditorDialog *dialog = window.showRunbookSource();
        QVERIFY(!dialog->isEditable());
        QCOMPARE(dialog->editor()->toPlainText(), bundledRunbook());
    }

    // Run with STONECASTER_SCREENSHOT_DIR set: a SQL rollback script, the runbook editor with
    // an error found by Check (light), and the editor in the dark scheme.
    void screenshots()
    {
        if (qEnvironmentVariableIsEmpty("STONECASTER_SCREENSHOT_DIR"))
            QSKIP("STONECASTER_SCREENSHOT_DIR is not set");
        const QString sql = m_dir->filePath(QStringLiteral("rollback-0042-fulfilment-status.sql"));
        QVERIFY(writeFile(sql, RollbackSql.toUtf8()));
        SourceViewerDialog *viewer = SourceViewerDialog::showFile(nullptr, sql);
        viewer->resize(900, 560);
        QVERIFY(QTest::qWaitForWindowExposed(viewer));
        QTest::qWait(200);
        save(viewer, QStringLiteral("viewer-sql-script.png"));
        viewer->close();

        const QString path = copyOfBundledRunbook();
        RunbookEditorDialog editor(path, QString());
        editor.resize(1000, 700);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        const int line = addUnknownTrigger(editor.editor());
        editor.check();
        auto *list = editor.diagnosticsList();
        for (int i = 0; i < list->count(); ++i) {
            if (list->item(i)->data(Qt::UserRole).toInt() == line) {
                list->setCurrentRow(i);
                Q_EMIT list->itemActivated(list->item(i));
            }
        }
        QCOMPARE(editor.editor()->currentLineNumber(), line);
        QTest::qWait(200);
        save(&editor, QStringLiteral("viewer-runbook-editor.png"));

        ColorScheme::apply(qApp, AppSettings::ColorScheme::Dark);
        auto restore = qScopeGuard([] { ColorScheme::apply(qApp, AppSettings::ColorScheme::Light); });
        QTRY_VERIFY(QColor(editor.editor()->theme().editorColor(Theme::BackgroundColor)).lightness() < 128);
        QTest::qWait(200);
        save(&editor, QStringLiteral("viewer-dark.png"));
        editor.editor()->document()->setModified(false); // no prompt on the way out
    }
};

QTEST_MAIN(TestSourceViewer)
#include "tst_sourceviewer.moc"
