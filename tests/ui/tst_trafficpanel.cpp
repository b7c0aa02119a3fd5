// TrafficPanel on a Rollout with a fake traffic controller (tests/rollout's fixture): its
// buttons are what Rollout::availableActions() says, with the engine's reason on a disabled one,
// and the red Roll back looks disabled when it is.
#include "../rollout/rolloutfixture.h"

#include "colorscheme.h"
#include "common/statuscolor.h"
#include "traffic/trafficpanel.h"

#include <QAccessible>
#include <QScopeGuard>
#include <QApplication>
#include <QFrame>
#include <QHash>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSlider>

#include <cmath>

namespace {

// The colour most of a widget's pixels have, to 4 bits a channel: a button's face.
QColor dominantColor(QWidget *widget)
{
    const QImage image = widget->grab().toImage();
    QHash<QRgb, int> counts;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            ++counts[image.pixel(x, y) & 0xf0f0f0];
    }
    QRgb best = 0;
    int most = -1;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (it.value() > most) {
            most = it.value();
            best = it.key();
        }
    }
    return QColor::fromRgb(best | 0x080808); // the bucket's middle
}

// Announcements to screen readers, as an assistive technology's bridge receives them.
struct Announcement {
    QString text;
    bool urgent = false;
};
QList<Announcement> g_announcements;
void captureAnnouncements(QAccessibleEvent *event)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    if (event->type() == QAccessible::Announcement) {
        const auto *a = static_cast<QAccessibleAnnouncementEvent *>(event);
        g_announcements.append({a->message(), a->politeness() == QAccessible::AnnouncementPoliteness::Assertive});
    }
#else
    Q_UNUSED(event)
#endif
}

// Screen reader announcements go to g_announcements (cleared) until the guard goes.
auto captureAnnouncementsHere()
{
    QAccessible::setActive(true);
    QAccessible::installUpdateHandler(captureAnnouncements);
    g_announcements.clear();
    return qScopeGuard([] { QAccessible::installUpdateHandler(nullptr); });
}

bool isRed(const QColor &c)
{
    return c.hsvSaturationF() > 0.5 && (c.hsvHue() < 15 || c.hsvHue() > 345);
}

} // namespace

class TestTrafficPanel : public QObject, protected RolloutFixture
{
    Q_OBJECT

    std::unique_ptr<TrafficPanel> m_panel;

    // Every button enabled exactly when the engine allows its action; a disabled one says why.
    void checkButtonsShowTheEngine(const char *stage)
    {
        const RolloutActions actions = m_rollout->availableActions();
        const QList<std::pair<QPushButton *, RolloutAction>> buttons{
            {m_panel->advanceButton(), RolloutAction::StepForward}, {m_panel->backButton(), RolloutAction::StepBack},
            {m_panel->overrideButton(), RolloutAction::Override},   {m_panel->retryButton(), RolloutAction::Retry},
            {m_panel->rollbackButton(), RolloutAction::RollBack}};
        for (const auto &[button, action] : buttons) {
            const ActionAvailability &a = actions.of(action);
            const QString what = QStringLiteral("%1, %2: %3").arg(QLatin1String(stage), nameOf(action), a.reason.english());
            QVERIFY2(button->isEnabled() == a.allowed(), qPrintable(what));
            if (!a.allowed())
                QVERIFY2(button->toolTip() == a.reason.translated(), qPrintable(what + QStringLiteral(" / tooltip: ") + button->toolTip()));
        }
        QVERIFY2(m_panel->slider()->isEnabled() == (actions.stepForward.block != ActionBlock::CannotDrive), stage);
    }

private Q_SLOTS:
    void init()
    {
        setUpRollout();
        m_panel = std::make_unique<TrafficPanel>();
        m_panel->setRollout(m_rollout.get());
        m_panel->resize(1000, 170);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    }
    void cleanup()
    {
        m_panel.reset();
        tearDownRollout();
    }

    // Where traffic is, honestly: "not verified" for a controller that cannot read back,
    // "cannot be read" after a failed read-back, and drift as an alarm above the strip.
    void theStripSaysWhatIsKnownAboutTraffic()
    {
        auto *status = m_panel->findChild<QLabel *>(QStringLiteral("trafficStatus"));
        auto *alarm = m_panel->findChild<QFrame *>(QStringLiteral("rollbackAlarm"));
        QVERIFY(status && alarm);
        skipPreShift();
        QVERIFY(m_rollout->advance().ok());
        QTRY_VERIFY(m_traffic->running() && m_traffic->runningIsApply());
        m_traffic->completeUnverified();
        QTRY_VERIFY2(status->text().contains(QLatin1String("not&nbsp;verified")), qPrintable(status->text()));
        QVERIFY2(!status->text().contains(QLatin1String("observed")), qPrintable(status->text()));

        m_clock->advanceMs(15 * Second);
        feed();
        QTRY_VERIFY(m_traffic->running() && !m_traffic->runningIsApply());
        completeAndSettle(std::nullopt, false, QStringLiteral("connection refused"));
        QVERIFY2(status->text().contains(QLatin1String("cannot&nbsp;be&nbsp;read")), qPrintable(status->text()));

        QVERIFY(alarm->isHidden());
        m_clock->advanceMs(15 * Second);
        feed();
        QTRY_VERIFY(m_traffic->running() && !m_traffic->runningIsApply());
        completeAndSettle(0); // green drained behind the console's back
        QVERIFY(alarm->isVisible());
        QVERIFY2(alarm->findChild<QLabel *>()->text().startsWith(QLatin1String("Traffic is not where it was commanded")),
                 qPrintable(alarm->findChild<QLabel *>()->text()));
        QVERIFY2(status->text().contains(QLatin1String("Drift:")), qPrintable(status->text()));
        QVERIFY2(status->text().contains(QLatin1String("measured&nbsp;share&nbsp;5.0%")), qPrintable(status->text()));
    }

    void buttonsAreWhatTheEngineAllows()
    {
        checkButtonsShowTheEngine("before the first step");
        QVERIFY(!m_panel->rollbackButton()->isEnabled()); // nothing on green to roll back
        skipPreShift();
        checkButtonsShowTheEngine("gate open at 0 %");
        QVERIFY(m_panel->advanceButton()->isEnabled());
        QTest::mouseClick(m_panel->advanceButton(), Qt::LeftButton);
        QTRY_VERIFY(m_traffic->running() && m_traffic->runningIsApply());
        checkButtonsShowTheEngine("5 % on its way");
        QVERIFY(m_panel->rollbackButton()->isEnabled());
        completeAndSettle();
        checkButtonsShowTheEngine("hold at 5 %");
        QVERIFY(m_panel->backButton()->isEnabled());
        QVERIFY(m_panel->overrideButton()->isEnabled());
        m_panel->rollBackNow();
        QTRY_VERIFY(m_traffic->running());
        completeAndSettle(std::nullopt, false, QStringLiteral("connection refused"));
        checkButtonsShowTheEngine("rollback command failed");
        QVERIFY(m_panel->retryButton()->isVisibleTo(m_panel.get()));
        QVERIFY(m_panel->retryButton()->isEnabled());
        m_deployment->setHeldBy(QStringLiteral("bob on host-2 (pid 42)"));
        checkButtonsShowTheEngine("read-only");
        QVERIFY(!m_panel->retryButton()->isEnabled());
    }

    // Issue 13: green with a share left by an earlier run before the first step: shown on the
    // strip, with a one-click "Set green to 0%" in Retry's place; the click is journaled.
    void aLeftoverWeightHasOneClickToZero()
    {
        skipPreShift();
        QVERIFY(!m_panel->resetLeftoverButton()->isVisibleTo(m_panel.get()));
        m_traffic->read();
        QTRY_VERIFY(m_traffic->running());
        completeAndSettle(5);
        QVERIFY(m_panel->resetLeftoverButton()->isVisibleTo(m_panel.get()));
        QVERIFY(m_panel->resetLeftoverButton()->isEnabled());
        QVERIFY(!m_panel->retryButton()->isVisibleTo(m_panel.get()));
        QVERIFY(!m_panel->advanceButton()->isEnabled());
        const QLabel *status = m_panel->findChild<QLabel *>(QStringLiteral("trafficStatus"));
        QVERIFY2(status->text().contains(QLatin1String("before&nbsp;the&nbsp;first&nbsp;step")), qPrintable(status->text()));
        QVERIFY(m_panel->gateText().contains(QLatin1String("green is at 5% before the first step")));

        QTest::mouseClick(m_panel->resetLeftoverButton(), Qt::LeftButton);
        QTRY_VERIFY(m_traffic->running() && m_traffic->runningIsApply() && m_traffic->runningPercent() == 0);
        bool journaled = false;
        for (const DeploymentEvent &e : events())
            journaled = journaled
                || (e.kind == DeploymentEvent::Kind::TrafficCommanded && e.payload.value(QStringLiteral("green")).toInt() == 0
                    && e.payload.value(QStringLiteral("reason")).toString().contains(QLatin1String("green was at 5%")));
        QVERIFY(journaled);
        completeAndSettle();
        QVERIFY(!m_panel->resetLeftoverButton()->isVisibleTo(m_panel.get()));
        QTRY_VERIFY(m_panel->advanceButton()->isEnabled());
    }

    // While a step forward is on its way, Back is refused by the engine and shown disabled with
    // the engine's reason; the panel's own Back sends nothing and says the same.
    void backIsRefusedWhileACommandIsInFlight()
    {
        toFivePercent();
        run(5 * Minute + 10 * Second);
        QTRY_VERIFY(m_panel->advanceButton()->isEnabled());
        QTest::mouseClick(m_panel->advanceButton(), Qt::LeftButton);
        QTRY_VERIFY(m_traffic->running() && m_traffic->runningPercent() == 10);
        QVERIFY(!m_panel->backButton()->isEnabled());
        const QString reason = m_rollout->availableActions().stepBack.reason.english();
        QVERIFY2(reason.contains(QLatin1String("in progress")), qPrintable(reason));
        QCOMPARE(m_panel->backButton()->toolTip(), reason);
        QSignalSpy failure(m_panel.get(), &TrafficPanel::failure);
        m_panel->stepBack();
        QCOMPARE(failure.size(), 1);
        QCOMPARE(failure.first().first().toString(), reason);
        QCoreApplication::processEvents();
        QCOMPARE(m_traffic->applies, (QList<int>{5, 10}));
        completeAndSettle();
        QVERIFY(m_panel->backButton()->isEnabled());
        QCOMPARE(m_panel->backButton()->text(), QStringLiteral("Back to 5%"));
    }

    // Disabled, the red Roll back must look disabled: grey like other disabled buttons, in the
    // light and the dark scheme.
    void aDisabledRollBackLooksDisabled_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }
    // What matters is said to screen readers: the gate opening (politely), a rollback at once.
    void statusChangesAreAnnounced()
    {
#if QT_VERSION < QT_VERSION_CHECK(6, 8, 0)
        QSKIP("QAccessibleAnnouncementEvent needs Qt 6.8");
#else
        const auto restore = captureAnnouncementsHere();
        // The same news goes on to the desktop notifications, with its kind.
        QSignalSpy news(m_panel.get(), &TrafficPanel::news);
        skipPreShift();
        QTRY_VERIFY(!g_announcements.isEmpty());
        QCOMPARE(g_announcements.constLast().text, QStringLiteral("Traffic gate open: the step to 5% is allowed"));
        QVERIFY(!g_announcements.constLast().urgent);
        QCOMPARE(news.size(), 1);
        QCOMPARE(news.at(0).at(0).value<News::Kind>(), News::Kind::GateOpened);
        QCOMPARE(news.at(0).at(1).toString(), g_announcements.constLast().text);
        QTest::mouseClick(m_panel->advanceButton(), Qt::LeftButton);
        QTRY_VERIFY(m_traffic->running() && m_traffic->runningIsApply());
        completeAndSettle();
        g_announcements.clear();
        news.clear();
        m_panel->rollBackNow();
        QTRY_VERIFY(!g_announcements.isEmpty());
        QVERIFY2(g_announcements.constFirst().text.startsWith(QStringLiteral("Rollback started")), qPrintable(g_announcements.constFirst().text));
        QVERIFY(g_announcements.constFirst().urgent);
        QCOMPARE(news.size(), 1);
        QCOMPARE(news.at(0).at(0).value<News::Kind>(), News::Kind::RollbackStarted);
#endif
    }

    // The control the Tab key reaches shows that it has the focus (the style's focus frame or
    // highlight): the slider, Back and Roll back look different with the focus than without.
    void keyboardFocusIsVisible()
    {
        toFivePercent();
        m_panel->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_panel.get()));
        const QList<QWidget *> controls{m_panel->slider(), m_panel->backButton(), m_panel->rollbackButton()};
        for (QWidget *control : controls) {
            QVERIFY2(control->isEnabled() && control->focusPolicy() & Qt::TabFocus, qPrintable(control->objectName()));
            if (control->hasFocus()) // the window gave it the focus when it opened
                QTest::keyClick(control, Qt::Key_Tab);
            QVERIFY(!control->hasFocus());
            const QImage without = control->grab().toImage();
            for (int i = 0; i < 20 && !control->hasFocus(); ++i)
                QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : m_panel.get(), Qt::Key_Tab);
            QVERIFY2(control->hasFocus(), qPrintable(control->objectName()));
            const QImage with = control->grab().toImage();
            QVERIFY2(with != without, qPrintable(control->objectName() + QStringLiteral(" looks the same with the keyboard focus")));
            QTest::keyClick(control, Qt::Key_Tab); // on to the next: this one without the focus again
            QVERIFY(!control->hasFocus());
            QVERIFY2(control->grab().toImage() == without, qPrintable(control->objectName()));
        }
    }

    // A decision point's breach and an automatic rollback are said at once (assertive), with
    // the rule and its value, and go on to the desktop notifications.
    void breachAndAutomaticRollbackAreAnnounced()
    {
#if QT_VERSION < QT_VERSION_CHECK(6, 8, 0)
        QSKIP("QAccessibleAnnouncementEvent needs Qt 6.8");
#else
        const auto restore = captureAnnouncementsHere();
        toFivePercent();
        g_announcements.clear();
        QSignalSpy news(m_panel.get(), &TrafficPanel::news);
        m_clock->advanceMs(10 * Second);
        feed(Metric::ErrorRate, 1.5); // > 1 %: a decision point, < 2 %: no automatic trigger
        QTRY_VERIFY(!g_announcements.isEmpty());
        QCOMPARE(g_announcements.constLast().text, QStringLiteral("Consider rollback: decision point error_rate 1.5 % > 1 % (green)"));
        QVERIFY(g_announcements.constLast().urgent);
        QCOMPARE(news.size(), 1);
        QCOMPARE(news.at(0).at(0).value<News::Kind>(), News::Kind::DecisionPointBreached);
        g_announcements.clear();
        news.clear();
        m_clock->advanceMs(10 * Second);
        feed(Metric::ErrorRate, 2.5); // > 2 %: the automatic trigger
        QTRY_VERIFY(!g_announcements.isEmpty());
        QVERIFY2(g_announcements.constLast().text.startsWith(QStringLiteral("Automatic rollback: automatic trigger error_rate 2.5 % > 2 %")),
                 qPrintable(g_announcements.constLast().text));
        QVERIFY(g_announcements.constLast().urgent);
        QCOMPARE(news.size(), 1);
        QCOMPARE(news.at(0).at(0).value<News::Kind>(), News::Kind::AutomaticRollback);
#endif
    }

    void aDisabledRollBackLooksDisabled()
    {
        QFETCH(bool, dark);
        ColorScheme::apply(qApp, dark ? AppSettings::ColorScheme::Dark : AppSettings::ColorScheme::Light);
        auto restore = qScopeGuard([] { ColorScheme::apply(qApp, AppSettings::ColorScheme::System); });
        QCoreApplication::processEvents();
        QPushButton *rollback = m_panel->rollbackButton();
        QVERIFY(!rollback->isEnabled());
        const QColor disabled = dominantColor(rollback);
        // Like its disabled neighbour Back, not like itself enabled.
        QVERIFY(!m_panel->backButton()->isEnabled());
        const QColor neighbour = dominantColor(m_panel->backButton());
        toFivePercent();
        QVERIFY(rollback->isEnabled());
        const QColor enabled = dominantColor(rollback);
        QVERIFY2(isRed(enabled), qPrintable(enabled.name()));
        QVERIFY2(!isRed(disabled) && disabled.hsvSaturationF() < 0.25,
                 qPrintable(QStringLiteral("disabled %1, enabled %2").arg(disabled.name(), enabled.name())));
        QVERIFY2(std::abs(disabled.lightness() - neighbour.lightness()) < 40,
                 qPrintable(QStringLiteral("disabled Roll back %1, disabled Back %2").arg(disabled.name(), neighbour.name())));
    }

    // Every colour the strip writes in (gate open, locked, observed, sending, secondary detail)
    // reads at 4.5:1 on the scheme's background: light, dark, and a desktop's high contrast.
    void statusColoursReadOnEveryScheme_data()
    {
        QTest::addColumn<int>("scheme"); // 0 light, 1 dark, 2 white on black
        QTest::newRow("light") << 0;
        QTest::newRow("dark") << 1;
        QTest::newRow("high contrast") << 2;
    }
    void statusColoursReadOnEveryScheme()
    {
        QFETCH(int, scheme);
        ColorScheme::apply(qApp, scheme == 1 ? AppSettings::ColorScheme::Dark : AppSettings::ColorScheme::Light);
        auto restore = qScopeGuard([] { ColorScheme::apply(qApp, AppSettings::ColorScheme::System); });
        if (scheme == 2) {
            QPalette p = qApp->palette();
            for (QPalette::ColorRole role : {QPalette::Window, QPalette::Base, QPalette::Button})
                p.setColor(role, Qt::black);
            for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
                p.setColor(role, Qt::white);
            qApp->setPalette(p);
        }
        QCoreApplication::processEvents();
        QStringList seen;
        const auto check = [&] {
            static const QRegularExpression color(QStringLiteral("color:\\s*(#[0-9a-fA-F]{6})"));
            for (const char *name : {"trafficStatus", "gateStatus"}) {
                auto *label = m_panel->findChild<QLabel *>(QLatin1String(name));
                QVERIFY(label);
                const QColor background = label->palette().color(QPalette::Window);
                for (const QRegularExpressionMatch &m : color.globalMatch(label->text())) {
                    const QColor c(m.captured(1));
                    seen << c.name();
                    const double ratio = StatusColor::contrast(c, background);
                    QVERIFY2(ratio >= 4.5, qPrintable(QStringLiteral("%1: %2 on %3 is %4:1 in \"%5\"")
                                                         .arg(QLatin1String(name), c.name(), background.name())
                                                         .arg(ratio, 0, 'f', 2)
                                                         .arg(label->text())));
                }
            }
        };
        skipPreShift(); // gate open
        check();
        QVERIFY(m_rollout->advance().ok()); // sending
        QTRY_VERIFY(m_traffic->running() && m_traffic->runningIsApply());
        check();
        completeAndSettle(); // observed, locked by the hold
        check();
        seen.removeDuplicates();
        QVERIFY2(seen.size() >= 3, qPrintable(seen.join(u' '))); // green, orange and red were all met
    }
};

QTEST_MAIN(TestTrafficPanel)
#include "tst_trafficpanel.moc"
