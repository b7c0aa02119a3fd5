#pragma once

#include "core/phrase.h"
#include "secrets/secretref.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>
#include <utility>

// Reads the values of a profile's JSON with their checks and collects every problem as
// `FILE:LINE:COLUMN: message`, located at the key. QJsonDocument keeps no positions, so a key
// path is looked for in the text: each key after the previous one, and an array element
// (element()) by counting the array's values, after which keys are looked for only inside that
// element. Exact for every profile that does not repeat a key name inside one object.
class ProfileJsonReader
{
public:
    // `fileName` is what messages start with ("<profile>" when empty).
    ProfileJsonReader(const QByteArray &text, const QString &fileName);

    // A problem at the key `path` leads to, or at a byte offset (syntax errors).
    void error(const QStringList &path, const Phrase &message);
    void errorAt(qsizetype offset, const Phrase &message);
    int lineOf(const QStringList &path) const { return find(path).first; }
    bool failed() const { return !m_errors.isEmpty(); }
    // Every problem, a line each: said in English (message()) or in the reader's language.
    Phrase messagePhrase() const { return Phrase::list(m_errors, QStringLiteral("\n")); }
    QString message() const { return messagePhrase().english(); }
    // A path element for the array element at `index`, shown in messages as `label` (the item
    // a binding names, say) and located by its position in the array.
    static QString element(qsizetype index, const QString &label);
    // "\"bindings.Check health.port\"" for messages; "the top level" for an empty path.
    static Phrase where(const QStringList &path);
    void checkKeys(const QJsonObject &object, const QStringList &path, const QStringList &known);
    std::optional<QJsonObject> object(const QJsonObject &parent, const QStringList &path, const QString &key, bool required);
    std::optional<QString> string(const QJsonObject &parent, const QStringList &path, const QString &key, bool required);
    // A positive number of seconds or minutes, returned in milliseconds.
    std::optional<qint64> duration(const QJsonObject &parent, const QStringList &path, const QString &key, double unitMs, double min, double max);
    // An http:// or https:// URL without credentials in it.
    std::optional<QUrl> url(const QJsonObject &parent, const QStringList &path, const QString &key, bool required);
    std::optional<int> integer(const QJsonObject &parent, const QStringList &path, const QString &key, int min, int max);
    // Where a secret comes from: {"env": "VARIABLE"} or {"keychain": "KEY", "service": "..."};
    // the secret itself written in the file is refused.
    SecretRef secret(const QJsonObject &parent, const QStringList &path, const QString &key);
    // An array of strings (empty when absent).
    QStringList strings(const QJsonObject &parent, const QStringList &path, const QString &key);
    // An object whose values are all strings, in file order of QJsonObject (sorted by key).
    QList<std::pair<QString, QString>> stringMap(const QJsonObject &parent, const QStringList &path, const QString &key);

private:
    std::pair<int, int> lineColumnAt(qsizetype offset) const;
    std::pair<int, int> find(const QStringList &path) const;
    qsizetype skipValue(qsizetype at, qsizetype end) const;

    QByteArray m_text;
    QString m_fileName;
    QList<Phrase> m_errors;
};
