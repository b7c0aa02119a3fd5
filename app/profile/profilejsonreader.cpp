#include "profilejsonreader.h"

#include <QJsonArray>
#include <QJsonValue>

#include <algorithm>
#include <cmath>

ProfileJsonReader::ProfileJsonReader(const QByteArray &text, const QString &fileName)
    : m_text(text)
    , m_fileName(fileName.isEmpty() ? QStringLiteral("<profile>") : fileName)
{
}

namespace {

// "FILE:LINE:COLUMN: " before the message, the same in every language.
Phrase located(const QString &fileName, int line, int column, const Phrase &message)
{
    return Phrase::list({Phrase::verbatim(QStringLiteral("%1:%2:%3: ").arg(fileName).arg(line).arg(column)), message}, QString());
}

} // namespace

void ProfileJsonReader::error(const QStringList &path, const Phrase &message)
{
    const auto [line, column] = find(path);
    m_errors << located(m_fileName, line, column, message);
}

void ProfileJsonReader::errorAt(qsizetype offset, const Phrase &message)
{
    const auto [line, column] = lineColumnAt(offset);
    m_errors << located(m_fileName, line, column, message);
}

void ProfileJsonReader::checkKeys(const QJsonObject &object, const QStringList &path, const QStringList &known)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key()))
            error(path + QStringList{it.key()},
                  phrase("ProfileJsonReader", "unknown key \"%1\" in %2 (expected one of: %3)").arg(it.key()).arg(where(path)).arg(known.join(QStringLiteral(", "))));
    }
}

std::optional<QJsonObject> ProfileJsonReader::object(const QJsonObject &parent, const QStringList &path, const QString &key, bool required)
{
    const QJsonValue value = parent.value(key);
    if (value.isUndefined()) {
        if (required)
            error(path, phrase("ProfileJsonReader", "missing key \"%1\" in %2").arg(key).arg(where(path)));
        return std::nullopt;
    }
    if (!value.isObject()) {
        error(path + QStringList{key}, phrase("ProfileJsonReader", "%1 must be an object").arg(where(path + QStringList{key})));
        return std::nullopt;
    }
    return value.toObject();
}

std::optional<QString> ProfileJsonReader::string(const QJsonObject &parent, const QStringList &path, const QString &key, bool required)
{
    const QJsonValue value = parent.value(key);
    if (value.isUndefined()) {
        if (required)
            error(path, phrase("ProfileJsonReader", "missing key \"%1\" in %2").arg(key).arg(where(path)));
        return std::nullopt;
    }
    if (!value.isString() || value.toString().trimmed().isEmpty()) {
        error(path + QStringList{key}, phrase("ProfileJsonReader", "%1 must be a non-empty string").arg(where(path + QStringList{key})));
        return std::nullopt;
    }
    return value.toString().trimmed();
}

std::optional<qint64> ProfileJsonReader::duration(const QJsonObject &parent, const QStringList &path, const QString &key, double unitMs, double min, double max)
{
    const QJsonValue value = parent.value(key);
    if (value.isUndefined())
        return std::nullopt;
    const double number = value.toDouble(std::nan(""));
    if (!value.isDouble() || !std::isfinite(number) || number < min || number > max) {
        error(path + QStringList{key}, phrase("ProfileJsonReader", "%1 must be a number from %2 to %3").arg(where(path + QStringList{key})).arg(Phrase::number(min, QString::number(min))).arg(Phrase::number(max, QString::number(max))));
        return std::nullopt;
    }
    return qint64(std::llround(number * unitMs));
}

std::optional<QUrl> ProfileJsonReader::url(const QJsonObject &parent, const QStringList &path, const QString &key, bool required)
{
    const auto text = string(parent, path, key, required);
    if (!text)
        return std::nullopt;
    const QUrl parsed(*text, QUrl::StrictMode);
    const QStringList at = path + QStringList{key};
    if (!parsed.isValid() || (parsed.scheme() != u"http" && parsed.scheme() != u"https") || parsed.host().isEmpty()) {
        error(at, phrase("ProfileJsonReader", "\"%1\" is not an http:// or https:// URL").arg(*text));
        return std::nullopt;
    }
    if (!parsed.userInfo().isEmpty()) {
        error(at, phrase("ProfileJsonReader", "the URL must not carry a user or password; use \"auth\""));
        return std::nullopt;
    }
    return parsed;
}

std::optional<int> ProfileJsonReader::integer(const QJsonObject &parent, const QStringList &path, const QString &key, int min, int max)
{
    const QJsonValue value = parent.value(key);
    if (value.isUndefined())
        return std::nullopt;
    const double number = value.toDouble(std::nan(""));
    if (!value.isDouble() || number != std::floor(number) || number < min || number > max) {
        error(path + QStringList{key}, phrase("ProfileJsonReader", "%1 must be a whole number from %2 to %3").arg(where(path + QStringList{key})).arg(min).arg(max));
        return std::nullopt;
    }
    return int(number);
}

QStringList ProfileJsonReader::strings(const QJsonObject &parent, const QStringList &path, const QString &key)
{
    const QJsonValue value = parent.value(key);
    if (value.isUndefined())
        return {};
    const QStringList at = path + QStringList{key};
    if (!value.isArray()) {
        error(at, phrase("ProfileJsonReader", "%1 must be an array of strings").arg(where(at)));
        return {};
    }
    QStringList list;
    for (const QJsonValue &v : value.toArray()) {
        if (!v.isString()) {
            error(at, phrase("ProfileJsonReader", "%1 must be an array of strings").arg(where(at)));
            return {};
        }
        list << v.toString();
    }
    return list;
}

QList<std::pair<QString, QString>> ProfileJsonReader::stringMap(const QJsonObject &parent, const QStringList &path, const QString &key)
{
    QList<std::pair<QString, QString>> map;
    const auto object = this->object(parent, path, key, false);
    if (!object)
        return map;
    const QStringList at = path + QStringList{key};
    for (auto it = object->begin(); it != object->end(); ++it) {
        if (!it.value().isString()) {
            error(at + QStringList{it.key()}, phrase("ProfileJsonReader", "%1 must be a string").arg(where(at + QStringList{it.key()})));
            continue;
        }
        map.append({it.key(), it.value().toString()});
    }
    return map;
}

std::pair<int, int> ProfileJsonReader::lineColumnAt(qsizetype offset) const
{
    offset = std::clamp<qsizetype>(offset, 0, m_text.size());
    int line = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < offset; ++i) {
        if (m_text[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    // Columns count characters, not bytes.
    return {line, int(QString::fromUtf8(m_text.mid(lineStart, offset - lineStart)).size()) + 1};
}

namespace {
constexpr char16_t ElementMark = u'\uE000'; // a private-use character no key of ours holds
constexpr char16_t LabelMark = u'\uE001';
} // namespace

QString ProfileJsonReader::element(qsizetype index, const QString &label)
{
    return QChar(ElementMark) + QString::number(index) + QChar(LabelMark) + label;
}

Phrase ProfileJsonReader::where(const QStringList &path)
{
    if (path.isEmpty())
        return phrase("ProfileJsonReader", "the top level");
    QStringList shown;
    for (const QString &p : path)
        shown << (p.startsWith(QChar(ElementMark)) ? p.mid(p.indexOf(QChar(LabelMark)) + 1) : p);
    return Phrase::verbatim(QLatin1Char('"') + shown.join(u'.') + QLatin1Char('"'));
}

// The offset just after the JSON value starting at or after `at` (white space skipped), or
// `end` when the text ends first. The text is valid JSON (QJsonDocument read it).
qsizetype ProfileJsonReader::skipValue(qsizetype at, qsizetype end) const
{
    while (at < end && QByteArrayView(" \t\r\n").contains(m_text[at]))
        ++at;
    int depth = 0;
    bool inString = false;
    for (; at < end; ++at) {
        const char c = m_text[at];
        if (inString) {
            if (c == '\\')
                ++at;
            else if (c == '"')
                inString = false;
            if (!inString && depth == 0)
                return at + 1;
            continue;
        }
        switch (c) {
        case '"': inString = true; break;
        case '{':
        case '[': ++depth; break;
        case '}':
        case ']':
            if (--depth <= 0)
                return depth < 0 ? at : at + 1;
            break;
        case ',':
            if (depth == 0)
                return at;
            break;
        default: break;
        }
    }
    return end;
}

std::pair<int, int> ProfileJsonReader::find(const QStringList &path) const
{
    qsizetype lo = 0;
    qsizetype hi = m_text.size();
    qsizetype found = -1;
    for (const QString &key : path) {
        if (key.startsWith(QChar(ElementMark))) {
            const qsizetype index = key.mid(1, key.indexOf(QChar(LabelMark)) - 1).toLongLong();
            qsizetype at = m_text.indexOf('[', lo);
            if (at < 0 || at >= hi)
                break;
            ++at;
            for (qsizetype i = 0; i < index && at < hi; ++i) {
                at = skipValue(at, hi);
                at = m_text.indexOf(',', at) + 1; // past the separator
                if (at <= 0)
                    at = hi;
            }
            while (at < hi && QByteArrayView(" \t\r\n").contains(m_text[at]))
                ++at;
            if (at >= hi)
                break;
            found = at;
            lo = at;
            hi = skipValue(at, hi);
            // The element itself is shown at the label it is known by (the item a binding
            // names), when that stands in it.
            if (&key == &path.constLast()) {
                const QByteArray label = '"' + key.mid(key.indexOf(QChar(LabelMark)) + 1).toUtf8() + '"';
                const qsizetype labelAt = m_text.indexOf(label, lo);
                if (labelAt >= 0 && labelAt < hi)
                    found = labelAt;
            }
            continue;
        }
        const QByteArray token = '"' + key.toUtf8() + '"';
        const qsizetype next = m_text.indexOf(token, lo);
        if (next < 0 || next >= hi)
            break;
        found = next;
        lo = next + token.size();
    }
    return found < 0 ? std::pair{1, 1} : lineColumnAt(found);
}

SecretRef ProfileJsonReader::secret(const QJsonObject &parent, const QStringList &path, const QString &key)
{
    const QJsonValue value = parent.value(key);
    const QStringList at = path + QStringList{key};
    if (value.isUndefined()) {
        error(path, phrase("ProfileJsonReader", "missing key \"%1\" in %2: say where the secret comes from, {\"env\": \"VARIABLE\"} or {\"keychain\": \"KEY\"}").arg(key).arg(where(path)));
        return {};
    }
    if (value.isString()) {
        error(at, phrase("ProfileJsonReader", "%1 must not hold the secret itself: write {\"env\": \"VARIABLE\"} or {\"keychain\": \"KEY\"}, and keep the value there").arg(where(at)));
        return {};
    }
    if (!value.isObject()) {
        error(at, phrase("ProfileJsonReader", "%1 must be {\"env\": \"VARIABLE\"} or {\"keychain\": \"KEY\"}").arg(where(at)));
        return {};
    }
    const QJsonObject source = value.toObject();
    checkKeys(source, at, {QStringLiteral("env"), QStringLiteral("keychain"), QStringLiteral("service")});
    SecretRef ref;
    if (source.contains(u"env") == source.contains(u"keychain")) {
        error(at, phrase("ProfileJsonReader", "%1 needs exactly one of \"env\" and \"keychain\"").arg(where(at)));
        return {};
    }
    if (source.contains(u"env")) {
        if (const auto name = string(source, at, QStringLiteral("env"), true)) {
            ref.source = SecretRef::Source::Environment;
            ref.name = *name;
        }
        if (source.contains(u"service"))
            error(at + QStringList{QStringLiteral("service")}, phrase("ProfileJsonReader", "\"service\" only applies to a keychain secret"));
    } else {
        if (const auto name = string(source, at, QStringLiteral("keychain"), true)) {
            ref.source = SecretRef::Source::Keychain;
            ref.name = *name;
            ref.service = string(source, at, QStringLiteral("service"), false).value_or(QStringLiteral("stonecaster"));
        }
    }
    return ref;
}
