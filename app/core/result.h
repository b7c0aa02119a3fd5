#pragma once

#include "phrase.h"

#include <QString>

#include <optional>
#include <utility>

// A value or a message a person can act on. Engine calls that can fail return this
// instead of logging and carrying on. The message is a Phrase: error() is its English (for the
// journal, logs and the headless modes), errorPhrase().translated() what the window shows.
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_value(std::move(value)) {}
    static Result failure(QString message) { return failure(Phrase::verbatim(std::move(message))); }
    static Result failure(Phrase message)
    {
        Result r;
        r.m_error = message.english();
        r.m_phrase = std::move(message);
        return r;
    }
    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const { return *m_value; }
    T &value() { return *m_value; }
    T take() { return std::move(*m_value); }
    const QString &error() const { return m_error; }
    const Phrase &errorPhrase() const { return m_phrase; }

private:
    Result() = default;
    std::optional<T> m_value;
    QString m_error;
    Phrase m_phrase;
};

// For calls with nothing to return but success.
class [[nodiscard]] Status
{
public:
    Status() = default;
    static Status failure(QString message) { return failure(Phrase::verbatim(std::move(message))); }
    static Status failure(Phrase message)
    {
        Status s;
        s.m_error = message.english();
        s.m_phrase = std::move(message);
        s.m_failed = true;
        return s;
    }
    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const QString &error() const { return m_error; }
    const Phrase &errorPhrase() const { return m_phrase; }

private:
    QString m_error;
    Phrase m_phrase;
    bool m_failed = false;
};
