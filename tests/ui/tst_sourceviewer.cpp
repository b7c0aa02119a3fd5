// The source viewer: the one highlighting repository, definitions from names and contents, the
// theme following the palette, line numbers and diagnostic marks, the viewer window for a file
// or a text and what it says when a file cannot be shown; screenshots.
#include "viewerfixture.h"

class TestSourceViewer : public QObject, protected ViewerFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpTestMode(); }
    void init() { setUpViewerTest(); }
    void cleanup() { tearDownViewerTest(); }

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
