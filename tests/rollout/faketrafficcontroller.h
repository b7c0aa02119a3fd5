#pragma once

#include "traffic/trafficcontroller.h"

#include <QList>

// A TrafficController whose operations finish when the test says so: it records what was
// sent (and when, for the trigger benchmark) and answers with the weights the test gives.
class FakeTrafficController : public TrafficController
{
    Q_OBJECT
public:
    using TrafficController::TrafficController;

    Phrase description() const override { return Phrase::verbatim(QStringLiteral("fake traffic controller")); }

    QList<int> applies;    // every percent handed to startApply, in order
    int reads = 0;
    bool running() const { return m_runningId != 0; }
    bool runningIsApply() const { return m_runningApply; }
    int runningPercent() const { return m_runningPercent; }

    // Finishes the running operation: an apply with `observedGreen` read back (default: as
    // commanded), or a read answering `observedGreen`.
    void complete(std::optional<int> observedGreen = std::nullopt, bool ok = true, const QString &message = {})
    {
        Q_ASSERT(m_runningId != 0);
        TrafficResult r;
        r.operation = m_runningApply ? TrafficResult::Operation::Apply : TrafficResult::Operation::Read;
        r.commandedGreenPercent = m_runningApply ? m_runningPercent : -1;
        const int observed = observedGreen.value_or(m_runningApply ? m_runningPercent : 0);
        r.ok = ok && (!m_runningApply || observed == m_runningPercent);
        r.greenPercent = ok ? observed : -1;
        r.bluePercent = ok ? 100 - observed : -1;
        r.verified = ok;
        r.message = Phrase::verbatim(message);
        const quint64 id = m_runningId;
        m_runningId = 0;
        finish(id, r);
    }

    // Finishes the running operation as a controller that cannot read back does: an apply
    // "sent, not verified" (the split assumed), a read "nothing to read".
    void completeUnverified()
    {
        Q_ASSERT(m_runningId != 0);
        const quint64 id = m_runningId;
        m_runningId = 0;
        if (m_runningApply)
            sentUnverified(id, Phrase::verbatim(QStringLiteral("not verified: the fake cannot read back")));
        else
            cannotReadBack(id, Phrase::verbatim(QStringLiteral("not verified: the fake cannot read back")));
    }

protected:
    void startApply(quint64 id, int greenPercent) override
    {
        applies << greenPercent;
        m_runningId = id;
        m_runningApply = true;
        m_runningPercent = greenPercent;
        Q_EMIT applyStarted(greenPercent);
    }
    void startRead(quint64 id) override
    {
        ++reads;
        m_runningId = id;
        m_runningApply = false;
    }
    Phrase cancel() override
    {
        m_runningId = 0;
        return Phrase::verbatim(QStringLiteral("waiting for the fake"));
    }

Q_SIGNALS:
    void applyStarted(int greenPercent);

private:
    quint64 m_runningId = 0;
    bool m_runningApply = false;
    int m_runningPercent = -1;
};
