// The runbook editor: Check and Save, unsaved changes asked about (also by the window), the
// bundled and a non-UTF-8 runbook read-only, the window's View entries, and a saved runbook
// being the one the next deployment starts on.
#include "viewerfixture.h"

class TestRunbookEditor : public QObject, protected ViewerFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpTestMode(); }
    void init() { setUpViewerTest(); }
    void cleanup() { tearDownViewerTest(); }

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
};

QTEST_MAIN(TestRunbookEditor)
#include "tst_runbookeditor.moc"
