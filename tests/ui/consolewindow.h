#pragma once
// The console's window on a session of its own, as main() makes them: the session is made
// first and outlives the window. Used like the std::unique_ptr<MainWindow> it replaces.
#include "mainwindow.h"

#include "session/consolesession.h"

#include <memory>

class ConsoleWindow
{
public:
    ConsoleWindow() = default;
    ConsoleWindow(AppSettings *settings, Clock *clock)
        : m_session(std::make_unique<ConsoleSession>(clock))
        , m_window(std::make_unique<MainWindow>(settings, m_session.get()))
    {
    }
    ConsoleWindow(ConsoleWindow &&) = default;
    ConsoleWindow &operator=(ConsoleWindow &&other)
    {
        reset();
        m_session = std::move(other.m_session);
        m_window = std::move(other.m_window);
        return *this;
    }
    ~ConsoleWindow() { reset(); }

    MainWindow *get() const { return m_window.get(); }
    MainWindow *operator->() const { return m_window.get(); }
    MainWindow &operator*() const { return *m_window; }
    explicit operator bool() const { return bool(m_window); }
    ConsoleSession *session() const { return m_session.get(); }
    void reset()
    {
        m_window.reset();
        m_session.reset();
    }

private:
    std::unique_ptr<ConsoleSession> m_session;
    std::unique_ptr<MainWindow> m_window; // after the session: destroyed before it
};
