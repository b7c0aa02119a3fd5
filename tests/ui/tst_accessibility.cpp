// Every control a person can reach in the window has a name a screen reader can say: the
// window on the demo is walked through QAccessible (as Orca or NVDA see it) with a deployment
// open on every tab, and each interactive element without an accessible name is listed.
#include "demofixture.h"

#include "charts/monitoringview.h"
#include "checklisttabs.h"
#include "closedeploymentdialog.h"
#include "help/aboutdialog.h"
#include "help/helpbrowser.h"
#include "newdeploymentdialog.h"
#include "opendeploymentdialog.h"
#include "procedure/scriptconfirmdialog.h"
#include "report/reportactions.h"
#include "report/reportexportdialog.h"
#include "reading/readingdialog.h"
#include "report/statusupdatedialog.h"
#include "settingsdialog.h"
#include "traffic/overridedialog.h"
#include "viewer/runbookeditordialog.h"

#include <QAccessible>
#include <QAccessibleInterface>
#include <QLabel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

bool needsName(QAccessible::Role role)
{
    switch (role) {
    case QAccessible::PushButton:
    case QAccessible::CheckBox:
    case QAccessible::RadioButton:
    case QAccessible::ComboBox:
    case QAccessible::SpinBox:
    case QAccessible::Slider:
    case QAccessible::EditableText:
    case QAccessible::PageTab:
    case QAccessible::ButtonDropDown:
    case QAccessible::ButtonMenu:
    case QAccessible::Link:
    case QAccessible::Table:
    case QAccessible::Tree:
    case QAccessible::List:
    case QAccessible::ProgressBar:
        return true;
    default:
        return false;
    }
}

QString describe(QAccessibleInterface *iface)
{
    QString what = QString::number(int(iface->role()), 16);
    if (QObject *o = iface->object()) {
        what = QString::fromLatin1(o->metaObject()->className());
        if (!o->objectName().isEmpty())
            what += u" \""_s + o->objectName() + u'"';
    }
    QStringList path;
    for (QAccessibleInterface *p = iface->parent(); p && path.size() < 4; p = p->parent()) {
        if (QObject *o = p->object())
            path.prepend(QString::fromLatin1(o->metaObject()->className()));
    }
    return what + u" in "_s + path.join(u" > "_s) + u" (description: \""_s + iface->text(QAccessible::Description) + u"\")"_s;
}

void walk(QAccessibleInterface *iface, QStringList *unnamed, int *named, int depth = 0)
{
    if (!iface || !iface->isValid() || depth > 40)
        return;
    const QAccessible::State state = iface->state();
    if (state.invisible || state.offscreen)
        return;
    if (needsName(iface->role())) {
        if (iface->text(QAccessible::Name).trimmed().isEmpty())
            *unnamed << describe(iface);
        else
            ++*named;
    }
    // Rows of a view are its own business (their cells' text); the view itself is named.
    if (iface->role() == QAccessible::Table || iface->role() == QAccessible::Tree || iface->role() == QAccessible::List)
        return;
    for (int i = 0; i < iface->childCount(); ++i)
        walk(iface->child(i), unnamed, named, depth + 1);
}

} // namespace

class TestAccessibility : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QAccessible::setActive(true);
    }

    void everyControlHasAName()
    {
        Demo demo(50.0);
        QVERIFY(demo.start(m_dir.filePath(QStringLiteral("a11y.sqlite"))));
        QVERIFY(demo.window->startDeployment(QStringLiteral("checkout-api"), QStringLiteral("v2.14.0"), QStringLiteral("alice")).ok());
        QTRY_VERIFY(demo.panel()->rollout());
        QTabWidget *tabs = demo.window->tabWidget();
        QVERIFY(tabs && tabs->count() > 1);
        QStringList unnamed;
        int named = 0;
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            QCoreApplication::processEvents();
            QStringList here;
            walk(QAccessible::queryAccessibleInterface(demo.window.get()), &here, &named);
            for (const QString &u : std::as_const(here)) {
                const QString line = u + u" [tab "_s + tabs->tabText(i) + u']';
                if (!unnamed.contains(u + u" [tab "_s + tabs->tabText(0) + u']'))
                    unnamed << line;
            }
        }
        // The rollback procedure, as it replaces the checklists once a rollback begins.
        auto *checklists = demo.window->findChild<ChecklistTabs *>();
        QVERIFY(checklists);
        checklists->showRollbackProcedure(demo.window->deployment()->runbook());
        QCoreApplication::processEvents();
        {
            QStringList here;
            walk(QAccessible::queryAccessibleInterface(demo.window.get()), &here, &named);
            for (const QString &u : std::as_const(here))
                unnamed << u + u" [rollback procedure]"_s;
        }
        QVERIFY2(named > 20, qPrintable(QString::number(named))); // the walk did reach the controls
        qInfo("%d named controls in the window", named);
        QVERIFY2(unnamed.isEmpty(), qPrintable(u"controls without an accessible name:\n  "_s + unnamed.join(u"\n  "_s)));

        // The dialogs a deployment goes through.
        QList<QWidget *> dialogs;
        dialogs << demo.window->showReading() << demo.window->showRunbookSource();
        auto settings = std::make_unique<SettingsDialog>(&demo.settings, demo.window.get());
        auto newDeployment = std::make_unique<NewDeploymentDialog>(QStringLiteral("Deployment Runbook"), QStringLiteral("alice"), demo.window.get());
        auto close = std::make_unique<CloseDeploymentDialog>(3, demo.window.get());
        auto override = std::make_unique<OverrideDialog>(5, 10, QStringList{QStringLiteral("monitoring hold at 5%: 4:00 of 5:00 left")}, demo.window.get());
        auto open = std::make_unique<OpenDeploymentDialog>(demo.window->journal()->deployments().value(), demo.window.get());
        auto about = std::make_unique<AboutDialog>(demo.window.get());
        auto help = std::make_unique<HelpBrowser>(demo.window.get());
        dialogs << settings.get() << newDeployment.get() << close.get() << override.get() << open.get() << about.get() << help.get();
        // Asking before a destructive script, exporting a report, the monitoring view for a second screen.
        ActionBinding script;
        script.itemText = QStringLiteral("Run the rollback script");
        script.command.program = QStringLiteral("/usr/local/bin/rollback.sh");
        script.command.arguments = {QStringLiteral("--to"), QStringLiteral("blue")};
        auto confirm = std::make_unique<ScriptConfirmDialog>(QStringLiteral("Run the rollback script"), script, false, demo.window.get());
        dialogs << confirm.get() << demo.window->monitoringView();
        ReportExportDialog *exporting = demo.window->reports()->exportReport(m_dir.filePath(QStringLiteral("a11y-report.html")));
        dialogs << exporting;
        std::unique_ptr<StatusUpdateDialog> update;
        if (StatusUpdates *updates = demo.session.statusUpdates()) {
            update = std::make_unique<StatusUpdateDialog>(updates, StatusUpdate::Trigger::Manual, false, demo.window.get());
            dialogs << update.get();
        }
        for (QWidget *dialog : std::as_const(dialogs)) {
            QVERIFY(dialog);
            dialog->show();
            QVERIFY(QTest::qWaitForWindowExposed(dialog));
            int dialogNamed = 0;
            QStringList here;
            walk(QAccessible::queryAccessibleInterface(dialog), &here, &dialogNamed);
            for (const QString &u : std::as_const(here))
                unnamed << u + u" ["_s + QString::fromLatin1(dialog->metaObject()->className()) + u']';
            QVERIFY2(dialogNamed > 0, dialog->metaObject()->className());
            dialog->hide();
        }
        QVERIFY2(unnamed.isEmpty(), qPrintable(u"controls without an accessible name:\n  "_s + unnamed.join(u"\n  "_s)));
        // The export ends before the window that draws its charts goes.
        auto *status = exporting->findChild<QLabel *>(QStringLiteral("exportStatus"));
        QVERIFY(status);
        QTRY_VERIFY2_WITH_TIMEOUT(status->text().startsWith(u"Written"_s), qPrintable(status->text()), 60'000);
    }
};

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
