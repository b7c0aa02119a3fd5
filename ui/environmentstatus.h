#pragma once

#include <QLabel>

class ConsoleSession;

// The status bar's account of the environment: its name (orange while it is the simulated
// demo, so it is never taken for production), what the metrics session is doing ("Polling
// http://... every 15 s") and the clock's scale when it is not real time. In a narrow window
// the metrics' status is elided rather than widening the window; the tooltip has it all, with
// the profile's file.
class EnvironmentStatus : public QLabel
{
    Q_OBJECT
public:
    explicit EnvironmentStatus(ConsoleSession *session, QWidget *parent = nullptr);

    void refresh();
    // The whole text, never elided.
    QString fullText() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fit();

    ConsoleSession *m_session;
    QString m_environment;
    QString m_status;
    QString m_clock;
};
