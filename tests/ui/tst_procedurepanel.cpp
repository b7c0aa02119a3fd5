// ProcedurePanel on a ProcedureRunner with fake actions (tests/procedure's fixture): each row
// shows and colours the engine's step state, and a translation changes the words, never the
// states or the colours.
#include "../procedure/procedurerunnerfixture.h"

#include "procedure/procedurepanel.h"
#include "procedure/procedureset.h"

#include <QApplication>
#include <QPlainTextEdit>
#include <QTranslator>
#include <QTreeWidget>

namespace {

// Every text of the panel "translated": wrapped in other characters, so that nothing a
// translation produces starts with what the English text starts with.
class WrappingTranslator : public QTranslator
{
public:
    QString translate(const char *context, const char *sourceText, const char *, int) const override
    {
        if (qstrcmp(context, "ProcedurePanel") != 0)
            return {};
        return QStringLiteral("⟪%1⟫").arg(QString::fromUtf8(sourceText));
    }
    bool isEmpty() const override { return false; }
};

struct Row {
    QString text;
    QColor color;
    int state;
};

QList<Row> rows(const QTreeWidget *steps)
{
    QList<Row> list;
    for (int i = 0; i < steps->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = steps->topLevelItem(i);
        list.append({item->text(1), item->foreground(1).color(), item->data(1, ProcedurePanel::StepStateRole).toInt()});
    }
    return list;
}

} // namespace

class TestProcedurePanel : public QObject, protected ProcedureRunnerFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { startDeployment(); }
    void cleanup() { m_f.stop(); }

    void rowsShowTheEngineStateInAnyLanguage()
    {
        // Step 0 done, step 1 confirmed by hand, step 2 running when the console stopped.
        const ProcedureDef def = rollback({1});
        {
            auto first = runner(def);
            QVERIFY(first->start(QStringLiteral("manual"), false).ok());
            finishStep(def, 0, true);
            QTRY_COMPARE_WITH_TIMEOUT(first->phase(), ProcedureRunner::Phase::AwaitingOperator, 10'000);
            QVERIFY(first->confirm().ok());
            QTRY_COMPARE_WITH_TIMEOUT(m_tracker.starts.value(def.steps[2].text), 1, 10'000);
        }
        auto r = runner(def);
        ProcedureSet set(m_f.deployment.get(), {}, context());
        ProcedurePanel panel(&set, {r.get()});
        panel.resize(1000, 400);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto *steps = panel.findChild<QTreeWidget *>(QStringLiteral("procedureSteps"));
        QVERIFY(steps);

        const QList<Row> english = rows(steps);
        QCOMPARE(english.size(), def.steps.size());
        using S = ProcedureRunner::StepState;
        const QList<S> expected{S::Done, S::Confirmed, S::Interrupted, S::Pending};
        for (qsizetype i = 0; i < expected.size(); ++i) {
            QCOMPARE(english.at(i).state, int(expected.at(i)));
            QCOMPARE(english.at(i).state, int(r->stepState(int(i))));
        }
        QVERIFY2(english.at(2).text.startsWith(QLatin1String("interrupted")), qPrintable(english.at(2).text));
        QCOMPARE(english.at(0).color, QColor(0x2e, 0x9d, 0x4f));
        QCOMPARE(english.at(1).color, QColor(0x2e, 0x9d, 0x4f));
        QCOMPARE(english.at(2).color, QColor(0xd0, 0x30, 0x30));
        QCOMPARE(english.at(3).color, panel.palette().color(QPalette::Text));

        WrappingTranslator translator;
        QVERIFY(QCoreApplication::installTranslator(&translator));
        Q_EMIT r->changed();
        const QList<Row> translated = rows(steps);
        QCoreApplication::removeTranslator(&translator);
        QCOMPARE(translated.size(), english.size());
        for (qsizetype i = 0; i < english.size(); ++i) {
            QVERIFY2(translated.at(i).text.startsWith(QStringLiteral("⟪")), qPrintable(translated.at(i).text)); // the translation is in use
            QCOMPARE(translated.at(i).state, english.at(i).state);
            QVERIFY2(translated.at(i).color == english.at(i).color, qPrintable(QStringLiteral("row %1 \"%2\": %3, in English %4")
                                                                                    .arg(i).arg(translated.at(i).text, translated.at(i).color.name(),
                                                                                         english.at(i).color.name())));
        }
    }

    // A program printing without newlines (a progress bar, a binary dump): the live view keeps
    // a bounded tail, however long the line, with the newest text at its end.
    void liveOutputStaysBounded()
    {
        const ProcedureDef def = rollback();
        auto r = runner(def);
        ProcedureSet set(m_f.deployment.get(), {}, context());
        ProcedurePanel panel(&set, {r.get()});
        panel.resize(1000, 400);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto *output = panel.findChild<QPlainTextEdit *>(QStringLiteral("stepOutput"));
        QVERIFY(output);
        QVERIFY(r->start(QStringLiteral("manual"), false).ok());
        QTRY_VERIFY_WITH_TIMEOUT(m_tracker.running, 10'000);
        const QString chunk(64 * 1024, u'x');
        for (int i = 0; i < 48; ++i) // 3 MiB on one line
            Q_EMIT m_tracker.running->output(chunk);
        Q_EMIT m_tracker.running->output(QStringLiteral("<newest>"));
        const qsizetype shown = output->document()->characterCount();
        QVERIFY2(shown < 300 * 1024, qPrintable(QString::number(shown)));
        QVERIFY(output->toPlainText().endsWith(QLatin1String("<newest>")));
        QVERIFY(output->toPlainText().size() > 128 * 1024); // a useful tail is kept
    }
};

QTEST_MAIN(TestProcedurePanel)
#include "tst_procedurepanel.moc"
