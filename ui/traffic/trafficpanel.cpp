#include "trafficpanel.h"

#include "common/icons.h"
#include "common/statuscolor.h"

#include "overridedialog.h"

#include "core/phrase.h"
#include "deployment/deployment.h"
#include "gate/trafficgate.h"
#include "rollout/measuredshare.h"
#include "rollout/rollout.h"
#include "traffic/trafficcontroller.h"

#include <QAccessible>
#include <QApplication>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>

#include <cmath>

namespace {


// Red with white text while it can be pressed; disabled, the style's own disabled colours, so a
// Roll back that cannot be pressed does not look like one that can.
void makeDestructive(QPushButton *button)
{
    QPalette red = button->palette();
    for (QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive}) {
        red.setColor(group, QPalette::Button, QColor(0xc6, 0x28, 0x28));
        red.setColor(group, QPalette::ButtonText, Qt::white);
    }
    button->setPalette(red);
    button->setAutoFillBackground(true);
    QFont bold = button->font();
    bold.setBold(true);
    button->setFont(bold);
}

// Enabled as the Rollout says; a disabled button's tooltip is the Rollout's reason.
void showAvailability(QPushButton *button, const ActionAvailability &availability, const QString &help)
{
    button->setEnabled(availability.allowed());
    button->setToolTip(availability.allowed() ? help : availability.reason.translated());
}

} // namespace

TrafficPanel::TrafficPanel(QWidget *parent)
    : QFrame(parent)
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_scale(new QLabel(this))
    , m_traffic(new QLabel(this))
    , m_hold(new QLabel(this))
    , m_holdBar(new QProgressBar(this))
    , m_gate(new QLabel(this))
    , m_reviewReading(new QPushButton(tr("Review reading…"), this))
    , m_advance(new QPushButton(this))
    , m_back(new QPushButton(this))
    , m_override(new QPushButton(tr("Override…"), this))
    , m_retry(new QPushButton(tr("Retry"), this))
    , m_resetLeftover(new QPushButton(tr("Set green to 0%"), this))
    , m_rollback(new QPushButton(tr("Roll back"), this))
    , m_alarm(new QFrame(this))
    , m_alarmText(new QLabel(m_alarm))
    , m_alarmRollback(new QPushButton(tr("Roll back now"), m_alarm))
{
    setObjectName(QStringLiteral("trafficPanel"));
    setFrameShape(QFrame::StyledPanel);
    m_slider->setObjectName(QStringLiteral("trafficSlider"));
    m_slider->setAccessibleName(tr("Green's share of traffic"));
    m_scale->setObjectName(QStringLiteral("trafficScale"));
    m_traffic->setObjectName(QStringLiteral("trafficStatus"));
    m_hold->setObjectName(QStringLiteral("holdCountdown"));
    m_holdBar->setObjectName(QStringLiteral("holdProgress"));
    m_holdBar->setAccessibleName(tr("Monitoring hold"));
    m_gate->setObjectName(QStringLiteral("gateStatus"));
    m_reviewReading->setObjectName(QStringLiteral("reviewReadingButton"));
    m_reviewReading->setToolTip(tr("What the console read of the runbook: check and confirm it before traffic moves (Ctrl+Shift+R)"));
    m_reviewReading->hide();
    m_advance->setObjectName(QStringLiteral("advanceButton"));
    m_advance->setIcon(Icons::action(Icons::Id::StepForward));
    m_back->setObjectName(QStringLiteral("backButton"));
    m_back->setIcon(Icons::action(Icons::Id::StepBack));
    m_override->setObjectName(QStringLiteral("overrideButton"));
    m_override->setIcon(Icons::action(Icons::Id::Override));
    m_retry->setObjectName(QStringLiteral("retryButton"));
    m_retry->setIcon(Icons::action(Icons::Id::Retry));
    m_resetLeftover->setObjectName(QStringLiteral("resetLeftoverButton"));
    m_resetLeftover->setToolTip(tr("Green has traffic before the first step (a weight left by an earlier run): send 0% to green now (journaled)"));
    m_resetLeftover->hide();
    m_rollback->setObjectName(QStringLiteral("rollbackButton"));
    m_rollback->setIcon(Icons::action(Icons::Id::RollBack, Qt::white));
    m_alarm->setObjectName(QStringLiteral("rollbackAlarm"));
    m_alarmRollback->setIcon(Icons::action(Icons::Id::RollBack, Qt::white));

    m_slider->setTickPosition(QSlider::TicksBelow);
    m_slider->setTickInterval(1);
    m_slider->setPageStep(1);
    m_slider->setTracking(false);
    m_slider->setMinimumWidth(260);
    m_slider->setToolTip(tr("Green's share of traffic, one runbook step at a time. Forward only through an open gate; back whenever no command is under way."));
    m_scale->setTextFormat(Qt::PlainText);
    m_traffic->setTextFormat(Qt::RichText);
    // "observed: not read yet" and the like: a second line rather than a wider window.
    m_traffic->setWordWrap(true);
    m_hold->setTextFormat(Qt::PlainText);
    m_holdBar->setTextVisible(false);
    m_holdBar->setMaximumHeight(8);
    m_gate->setTextFormat(Qt::RichText);
    m_gate->setWordWrap(true);
    m_gate->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_gate->setMinimumWidth(320);
    makeDestructive(m_rollback);
    m_rollback->setMinimumHeight(36);
    makeDestructive(m_alarmRollback);

    auto *sliderBox = new QVBoxLayout;
    sliderBox->addWidget(m_slider);
    sliderBox->addWidget(m_scale);
    sliderBox->addWidget(m_traffic);

    auto *gateBox = new QVBoxLayout;
    gateBox->addWidget(m_hold);
    gateBox->addWidget(m_holdBar);
    gateBox->addWidget(m_gate, 1);
    gateBox->addWidget(m_reviewReading, 0, Qt::AlignLeft);

    auto *buttons = new QGridLayout;
    buttons->addWidget(m_back, 0, 0);
    buttons->addWidget(m_advance, 0, 1);
    buttons->addWidget(m_override, 1, 0);
    buttons->addWidget(m_retry, 1, 1);
    buttons->addWidget(m_resetLeftover, 1, 1); // in Retry's place: only one of them is shown
    buttons->addWidget(m_rollback, 0, 2, 2, 1);

    auto *row = new QHBoxLayout;
    row->addLayout(sliderBox, 2);
    row->addLayout(gateBox, 3);
    row->addLayout(buttons);

    auto *alarmLayout = new QHBoxLayout(m_alarm);
    alarmLayout->setContentsMargins(8, 4, 8, 4);
    m_alarmText->setWordWrap(true);
    m_alarmText->setTextFormat(Qt::PlainText);
    alarmLayout->addWidget(m_alarmText, 1);
    alarmLayout->addWidget(m_alarmRollback);
    m_alarm->setAutoFillBackground(true);
    QPalette alarmPalette = m_alarm->palette();
    alarmPalette.setColor(QPalette::Window, QColor(0xb7, 0x1c, 0x1c));
    alarmPalette.setColor(QPalette::WindowText, Qt::white);
    m_alarm->setPalette(alarmPalette);
    QFont alarmFont = m_alarmText->font();
    alarmFont.setBold(true);
    m_alarmText->setFont(alarmFont);
    m_alarm->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addWidget(m_alarm);
    layout->addLayout(row);

    connect(m_advance, &QPushButton::clicked, this, &TrafficPanel::advance);
    connect(m_back, &QPushButton::clicked, this, &TrafficPanel::stepBack);
    connect(m_override, &QPushButton::clicked, this, &TrafficPanel::overrideGate);
    connect(m_rollback, &QPushButton::clicked, this, &TrafficPanel::rollBack);
    connect(m_reviewReading, &QPushButton::clicked, this, &TrafficPanel::readingRequested);
    // The strip's button is the one-click rollback: the click on "Roll back now" is the decision.
    connect(m_alarmRollback, &QPushButton::clicked, this, &TrafficPanel::rollBackNow);
    connect(m_retry, &QPushButton::clicked, this, [this] {
        if (m_rollout) {
            if (Status s = m_rollout->retry(); !s)
                Q_EMIT failure(s.errorPhrase().translated());
        }
    });
    connect(m_resetLeftover, &QPushButton::clicked, this, [this] {
        if (m_rollout) {
            if (Status s = m_rollout->resetLeftoverTraffic(); !s)
                Q_EMIT failure(s.errorPhrase().translated());
        }
    });
    connect(m_slider, &QSlider::valueChanged, this, &TrafficPanel::onSliderReleased);
    setRollout(nullptr);
}

void TrafficPanel::setRollout(Rollout *rollout, const QString &problem)
{
    for (const QMetaObject::Connection &c : std::as_const(m_stateConnections))
        disconnect(c);
    m_stateConnections.clear();
    m_rollout = rollout;
    m_problem = problem;
    m_alarm->hide();
    m_announcedOpen.reset(); // a new Rollout's first state is not news
    watchEvents(rollout);
    if (rollout) {
        m_stateConnections << connect(rollout, &Rollout::gateChanged, this, &TrafficPanel::refresh)
                           << connect(rollout, &Rollout::trafficChanged, this, &TrafficPanel::refresh)
                           << connect(rollout->deployment(), &Deployment::readOnlyChanged, this, &TrafficPanel::refresh);
        const TrafficState &t = rollout->deployment()->state().traffic;
        if (t.rollbackActive && !rollout->deployment()->state().closed)
            showAlarm(tr("Rollback started %1: %2").arg(t.rollbackAutomatic ? tr("automatically") : tr("by an operator"), t.rollbackReason), false,
                      std::nullopt); // shown again for a Rollout made anew, said when it started
    }
    refresh();
}

void TrafficPanel::watchEvents(Rollout *rollout)
{
    if (m_eventsFrom == rollout)
        return;
    for (const QMetaObject::Connection &c : std::as_const(m_eventConnections))
        disconnect(c);
    m_eventConnections.clear();
    m_eventsFrom = rollout;
    if (!rollout)
        return;
    m_eventConnections << connect(rollout, &Rollout::considerRollback, this, &TrafficPanel::onConsiderRollback)
                       << connect(rollout, &Rollout::rollbackStarted, this, &TrafficPanel::onRollbackStarted)
                       << connect(rollout, &Rollout::commandFailed, this,
                                  [this](const Phrase &message) { Q_EMIT failure(tr("The traffic command failed: %1").arg(message.translated())); })
                       << connect(rollout, &Rollout::journalFailed, this, [this](const Phrase &message) { Q_EMIT failure(message.translated()); })
                       << connect(rollout, &Rollout::driftDetected, this, [this](const QString &message) {
                              // During a rollback the console sends 0 % again by itself; otherwise a person decides.
                              const bool offer = m_rollout && !m_rollout->rollbackRunning();
                              const std::optional<Phrase> drift = m_rollout ? m_rollout->drift() : std::nullopt;
                              showAlarm(tr("Traffic is not where it was commanded: %1").arg(drift ? drift->translated() : message), offer, News::Kind::TrafficDrift);
                          });
}

QString TrafficPanel::gateText() const
{
    return m_gate->text();
}

void TrafficPanel::refresh()
{
    const bool have = m_rollout;
    const QList<int> positions = have ? m_rollout->positions() : QList<int>{0};
    QStringList scale;
    for (int p : positions)
        scale << QStringLiteral("%1%").arg(p);
    m_scale->setText(scale.join(QStringLiteral("  ·  ")));
    {
        const QSignalBlocker block(m_slider);
        m_slider->setRange(0, int(positions.size()) - 1);
        m_slider->setValue(have ? m_rollout->gate().currentIndex : 0);
    }

    if (!have) {
        m_traffic->setText(m_problem.isEmpty() ? tr("No deployment is running.") : m_problem.toHtmlEscaped());
        m_hold->clear();
        m_holdBar->hide();
        m_gate->setText(QString());
        m_reviewReading->hide();
        for (QPushButton *b : {m_advance, m_back, m_override, m_retry, m_rollback})
            b->setEnabled(false);
        m_retry->hide(); // nothing was sent
        m_resetLeftover->hide();
        m_advance->setText(tr("Step forward"));
        m_back->setText(tr("Step back"));
        m_slider->setEnabled(false);
        return;
    }

    const Rollout &r = *m_rollout;
    const GateDecision &gate = r.gate();
    const RolloutActions actions = r.availableActions();

    // Where traffic is: commanded against observed, never silently different.
    const int commanded = r.commandedPercent();
    const std::optional<int> observed = r.observedPercent();
    QString traffic = tr("Green <b>%1%</b> · blue %2% commanded").arg(commanded).arg(100 - commanded);
    // What was observed stays on one line when the label wraps.
    const auto observation = [this](QString text, StatusColor::Role role) {
        return QStringLiteral(" · ") + StatusColor::span(role, palette(), text.replace(u' ', QStringLiteral("&nbsp;")));
    };
    if (r.commandInFlight())
        traffic += observation(tr("sending…"), StatusColor::Role::Warning);
    else if (r.readFailure())
        traffic += observation(tr("<b>traffic cannot be read</b>"), StatusColor::Role::Bad);
    else if (!r.observationVerified())
        traffic += observation(tr("not verified (the controller cannot read traffic back)"), StatusColor::Role::Warning);
    else if (!observed)
        traffic += observation(tr("observed: not read yet"), StatusColor::Role::Warning);
    else if (r.leftoverGreen())
        traffic += observation(tr("<b>observed %1%</b> before the first step (left by an earlier run?)").arg(*observed), StatusColor::Role::Bad);
    else if (*observed != commanded)
        traffic += observation(tr("<b>observed %1%</b> (differs)").arg(*observed), StatusColor::Role::Bad);
    else
        traffic += observation(tr("observed %1% ✓").arg(*observed), StatusColor::Role::Good);
    // The load balancer's configured weight beside the share measured where requests went.
    if (const std::optional<std::pair<int, int>> weights = r.weights())
        traffic += observation(tr("weight blue %1 / green %2").arg(weights->first).arg(weights->second), StatusColor::Role::Muted);
    if (const std::optional<double> measured = r.measuredGreenShare()) {
        const bool off = std::abs(*measured - commanded) > MeasuredShare::TolerancePoints;
        const QString share = localizedNumber(*measured, 'f', 1);
        traffic += observation(off ? tr("<b>measured share %1%</b>").arg(share) : tr("measured share %1%").arg(share),
                               off ? StatusColor::Role::Bad : StatusColor::Role::Muted);
    }
    if (const std::optional<Phrase> drift = r.drift())
        traffic += QStringLiteral("<br>") + StatusColor::span(StatusColor::Role::Bad, palette(), tr("Drift: %1").arg(drift->translated().toHtmlEscaped()));
    m_traffic->setText(traffic);

    // The hold and its countdown.
    if (gate.holdMs > 0) {
        m_holdBar->show();
        m_holdBar->setRange(0, int(gate.holdMs / 1000));
        m_holdBar->setValue(int((gate.holdMs - gate.holdRemainingMs) / 1000));
        m_hold->setText(gate.holdRemainingMs > 0 ? tr("Hold at %1%: %2 left of %3").arg(r.currentPercent()).arg(formatDuration(gate.holdRemainingMs), formatDuration(gate.holdMs))
                                                 : tr("Hold at %1% complete (%2)").arg(r.currentPercent()).arg(formatDuration(gate.holdMs)));
    } else {
        m_holdBar->hide();
        m_hold->setText(gate.atEnd() ? tr("All traffic on green; the automatic triggers stay armed until the deployment is closed.")
                                     : tr("No hold before the first step."));
    }
    refreshGate();

    // What can be done: as the Rollout says, with its reason on a disabled button.
    const std::optional<int> next = gate.nextPercent;
    const std::optional<int> back = gate.previousPercent;
    m_advance->setText(next ? tr("Step to %1%").arg(*next) : tr("Plan complete"));
    m_back->setText(back ? tr("Back to %1%").arg(*back) : tr("Step back"));
    showAvailability(m_advance, actions.stepForward, tr("Move one step towards green"));
    showAvailability(m_back, actions.stepBack, tr("Move one step back towards blue"));
    showAvailability(m_override, actions.overrideGate, tr("Move one step forward although the gate is closed (typed confirmation and a reason, journaled)"));
    // Retry is offered while a command failed or traffic disagrees with it.
    // A share left on green before the first step has its own one-click answer instead.
    const bool leftover = r.leftoverGreen().has_value();
    m_retry->setVisible(r.trafficProblem().has_value() && !leftover);
    showAvailability(m_retry, actions.retry, tr("Send the last traffic command again"));
    m_resetLeftover->setVisible(leftover);
    m_resetLeftover->setEnabled(leftover && actions.stepForward.block != ActionBlock::CannotDrive);
    showAvailability(m_rollback, actions.rollBack, tr("Send all traffic back to blue now and run the rollback procedure"));
    showAvailability(m_alarmRollback, actions.rollBack, tr("Send all traffic back to blue now and run the rollback procedure"));
    // Moving the slider asks for a step; a console that cannot drive shows it, disabled.
    m_slider->setEnabled(actions.stepForward.block != ActionBlock::CannotDrive);
}

void TrafficPanel::refreshGate()
{
    const GateDecision &gate = m_rollout->gate();
    m_reviewReading->setVisible(gate.reasonKeys.contains(QLatin1String("reading-not-confirmed")));
    // The gate opening is news (a closure follows every step: the hold says it).
    const bool open = gate.open && !gate.atEnd();
    if (m_announcedOpen && !*m_announcedOpen && open)
        announce(News::Kind::GateOpened, tr("Traffic gate open: the step to %1% is allowed").arg(*gate.nextPercent));
    m_announcedOpen = open;
    if (gate.atEnd()) {
        m_gate->setText(StatusColor::span(StatusColor::Role::Good, palette(), tr("<b>Plan complete.</b>")));
    } else if (gate.open) {
        m_gate->setText(StatusColor::span(StatusColor::Role::Good, palette(), tr("<b>Gate open</b> to %1%: %2").arg(*gate.nextPercent).arg(m_rollout->openReasonPhrase().translated().toHtmlEscaped())));
    } else {
        QStringList items;
        for (const Phrase &reason : gate.reasonPhrases)
            items << QStringLiteral("• %1").arg(reason.translated().toHtmlEscaped());
        m_gate->setText(StatusColor::span(StatusColor::Role::Bad, palette(), tr("<b>Locked</b> at %1%:").arg(m_rollout->currentPercent())) + QStringLiteral("<br>")
                        + items.join(QStringLiteral("<br>")));
    }
}

void TrafficPanel::onSliderReleased()
{
    if (!m_rollout)
        return;
    const int current = m_rollout->gate().currentIndex;
    const int wanted = m_slider->value();
    if (wanted == current + 1)
        advance();
    else if (wanted == current - 1)
        stepBack();
    else if (wanted > current + 1)
        Q_EMIT failure(tr("Steps are never skipped: move one step at a time (next: %1%).").arg(m_rollout->gate().nextPercent.value_or(100)));
    else if (wanted < current - 1)
        Q_EMIT failure(tr("Move back one step at a time, or use Roll back to send everything to blue."));
    refresh(); // the slider shows where traffic is, not where it was dragged
}

void TrafficPanel::advance()
{
    if (!m_rollout)
        return;
    if (Status s = m_rollout->advance(); !s)
        Q_EMIT failure(s.errorPhrase().translated());
    refresh();
}

void TrafficPanel::stepBack()
{
    if (!m_rollout)
        return;
    if (Status s = m_rollout->stepBack(); !s)
        Q_EMIT failure(s.errorPhrase().translated());
    refresh();
}

void TrafficPanel::overrideGate()
{
    if (!m_rollout || !m_rollout->gate().nextPercent)
        return;
    QStringList reasons;
    for (const Phrase &reason : m_rollout->gate().reasonPhrases)
        reasons << reason.translated();
    OverrideDialog dialog(m_rollout->currentPercent(), *m_rollout->gate().nextPercent, reasons, this);
    if (dialog.exec() != QDialog::Accepted || !m_rollout)
        return;
    if (Status s = m_rollout->overrideGate(dialog.reason()); !s)
        Q_EMIT failure(s.errorPhrase().translated());
    refresh();
}

void TrafficPanel::rollBack()
{
    if (!m_rollout)
        return;
    const QString target = m_rollout->trafficController() ? m_rollout->trafficController()->description().translated() : tr("the traffic controller");
    QMessageBox box(QMessageBox::Warning, tr("Roll back"),
                    tr("Roll back the deployment of %1 %2?").arg(m_rollout->deployment()->state().service, m_rollout->deployment()->state().version),
                    QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("rollbackConfirmation"));
    box.setTextFormat(Qt::PlainText); // the service and version are what the operator typed
    box.setInformativeText(tr("This sends all traffic (100%) back to blue now through %1 and journals the rollback. Green keeps running.")
                               .arg(target)
                           + (m_planSummary.isEmpty() ? QString() : QStringLiteral("\n\n") + m_planSummary));
    if (!m_planSteps.isEmpty())
        box.setDetailedText(m_planSteps);
    QPushButton *confirm = box.addButton(tr("Roll back now"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != confirm || !m_rollout)
        return;
    // The reason is journaled (and in the reports): language-neutral, never translated.
    if (Status s = m_rollout->rollBack(QStringLiteral("rollback started by %1").arg(m_rollout->deployment()->operatorName())); !s)
        Q_EMIT failure(s.errorPhrase().translated());
    refresh();
}

void TrafficPanel::setRollbackPlan(const QString &summary, const QString &steps)
{
    m_planSummary = summary;
    m_planSteps = steps;
}

void TrafficPanel::rollBackNow()
{
    if (!m_rollout)
        return;
    // Journaled: language-neutral, never translated.
    if (Status s = m_rollout->rollBack(QStringLiteral("rollback started by %1 from the \"consider rollback\" alert").arg(m_rollout->deployment()->operatorName())); !s)
        Q_EMIT failure(s.errorPhrase().translated());
    refresh();
}

void TrafficPanel::onConsiderRollback(const RuleStatus &status)
{
    if (m_rollout && m_rollout->deployment()->state().traffic.rollbackActive)
        return;
    showAlarm(tr("Consider rollback: decision point %1").arg(status.describePhrase().translated()), true, News::Kind::DecisionPointBreached);
}

void TrafficPanel::onRollbackStarted(const RuleStatus &status, const QString &reason)
{
    const bool automatic = !status.ruleId.isEmpty();
    // An automatic rollback's journaled reason is "automatic trigger " and the trigger's status:
    // said here in the reader's words from the status itself.
    showAlarm(automatic ? tr("Automatic rollback: automatic trigger %1. All traffic was sent back to blue.").arg(status.describePhrase().translated())
                        : tr("Rollback started: %1. All traffic was sent back to blue.").arg(reason),
              false, automatic ? News::Kind::AutomaticRollback : News::Kind::RollbackStarted);
    Q_EMIT rollbackStarted(reason);
}

void TrafficPanel::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        refresh();
}

void TrafficPanel::announce(News::Kind kind, const QString &text)
{
    Q_EMIT news(kind, text);
    const bool urgent = kind != News::Kind::GateOpened;
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    QAccessibleAnnouncementEvent event(this, text);
    event.setPoliteness(urgent ? QAccessible::AnnouncementPoliteness::Assertive : QAccessible::AnnouncementPoliteness::Polite);
    QAccessible::updateAccessibility(&event);
#else
    // Before Qt 6.8 there is no announcement: the alarm's text changing is what a reader hears.
    m_alarmText->setAccessibleName(text);
    QAccessibleEvent event(m_alarmText, urgent ? QAccessible::Alert : QAccessible::NameChanged);
    QAccessible::updateAccessibility(&event);
#endif
}

void TrafficPanel::showAlarm(const QString &text, bool offerRollback, std::optional<News::Kind> kind)
{
    if (kind)
        announce(*kind, text);
    m_alarmText->setText(text);
    m_alarmRollback->setVisible(offerRollback);
    m_alarm->show();
    // Pull the operator's eyes here: the taskbar entry flashes, and a sound.
    QApplication::alert(window());
    QApplication::beep();
}
