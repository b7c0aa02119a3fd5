#include "idslug.h"

#include "markdownlines.h"

#include "scan.h"

#include <algorithm>
#include <array>

namespace IdSlug {

namespace {

// The slug character of each ASCII character: itself or its lower case for letters and digits,
// '-' for a separator, 0 for the apostrophe, which joins: "don't" -> "dont".
constexpr std::array<char, 128> asciiSlug = [] {
    std::array<char, 128> table{};
    table.fill('-');
    for (char c = '0'; c <= '9'; ++c)
        table[c] = c;
    for (char c = 'a'; c <= 'z'; ++c) {
        table[c] = c;
        table[c - 32] = c;
    }
    table['\''] = 0;
    return table;
}();

constexpr qsizetype MaxSlug = 80;

// Writes the slug of 'source' to 'out', which has room for source.size() characters, and
// returns its length. With 'asciiOnly' it stops at the first other character and returns -1:
// such text is decomposed first ("é" -> "e" + accent), see makeId().
qsizetype writeSlug(QStringView source, QChar *out, bool asciiOnly)
{
    QChar *end = out;
    // A separator is written at once, unless one is there already; trailing ones go at the end.
    const auto separate = [&] {
        if (end != out && end[-1] != QLatin1Char('-'))
            *end++ = QLatin1Char('-');
    };
    for (const QChar c : source) {
        const char16_t u = c.unicode();
        if (u < 0x80) { // ASCII without the Unicode tables
            const char slug = asciiSlug[u];
            if (slug > '-') // a letter or digit: the common case first
                *end++ = QLatin1Char(slug);
            else if (slug == '-')
                separate();
            continue;
        }
        if (asciiOnly)
            return -1;
        if (c.category() == QChar::Mark_NonSpacing)
            continue; // drop accents: "é" -> "e"
        if (c.isLetterOrNumber())
            *end++ = c.toLower();
        else if (u != 0x2019) // the typographic apostrophe joins too
            separate();
    }
    qsizetype length = std::min<qsizetype>(end - out, MaxSlug);
    while (length > 0 && out[length - 1] == QLatin1Char('-'))
        --length;
    return length;
}

// 'prefix', then '/' if 'child', then the slug of 'text' ("item" if it has none), built in one
// buffer: ids are made for every line of a runbook.
QString makeId(QStringView prefix, bool child, QStringView text)
{
    const qsizetype head = prefix.size() + (child ? 1 : 0);
    QString id(head + std::max<qsizetype>(text.size(), 4), Qt::Uninitialized);
    QChar *out = std::copy(prefix.begin(), prefix.end(), id.data());
    if (child)
        *out++ = QLatin1Char('/');
    // Plain ASCII (nearly every runbook line) needs no Unicode decomposition.
    qsizetype length = writeSlug(text, out, true);
    if (length < 0) {
        const QString decomposed = text.toString().normalized(QString::NormalizationForm_KD);
        id.resize(head + std::max<qsizetype>(decomposed.size(), 4));
        out = id.data() + head;
        length = writeSlug(decomposed, out, false);
    }
    if (length == 0) {
        const QLatin1StringView item("item");
        std::copy(item.begin(), item.end(), out);
        length = item.size();
    }
    id.truncate(head + length);
    return id;
}

} // namespace

QString fromText(QStringView text)
{
    return makeId({}, false, text);
}

QString childId(const QString &prefix, QStringView text)
{
    return makeId(prefix, true, text);
}

PhasePrefix phasePrefix(QStringView title)
{
    // By hand, as ^\s*(?:phase|stage)\s+(\d+|[ivx]+)\s*[:.\-–—)]\s* (case-insensitive) reads it.
    const qsizetype number = Scan::spaces1(title, Scan::anyLiteral(title, Scan::spaces(title, 0), {"phase", "stage"}));
    qsizetype numberEnd = Scan::digits(title, number);
    if (number >= 0 && numberEnd < 0) {
        numberEnd = number;
        while (numberEnd < title.size() && QStringView(u"iIvVxX").contains(title[numberEnd]))
            ++numberEnd;
    }
    if (numberEnd <= number)
        return {};
    const qsizetype separator = Scan::spaces(title, numberEnd);
    if (separator >= title.size() || !QStringView(u":.-–—)").contains(title[separator]))
        return {};
    return {Scan::spaces(title, separator + 1), title.sliced(number, numberEnd - number)};
}

namespace {

// How long list numbering at the start is, with the spaces after it: ^\s*\d+(?:\.\d+)*[.)]?\s+
qsizetype numberingLength(QStringView t)
{
    qsizetype i = Scan::digits(t, Scan::spaces(t, 0));
    while (i >= 0 && i + 1 < t.size() && t[i] == QLatin1Char('.') && Scan::isDigit(t[i + 1]))
        i = Scan::digits(t, i + 1);
    if (i < 0)
        return 0;
    if (i < t.size() && (t[i] == QLatin1Char('.') || t[i] == QLatin1Char(')'))) {
        if (const qsizetype end = Scan::spaces1(t, i + 1); end >= 0)
            return end;
    }
    return std::max<qsizetype>(Scan::spaces1(t, i), 0);
}

// Where a time window at the end, "(60-90 minutes)", starts with the spaces before it; t ends
// with ')'. As \s*\([^()]*\d[^()]*\)\s*$ reads it: the window holds a digit and no parenthesis.
qsizetype windowStart(QStringView t)
{
    const QStringView inside = t.first(t.size() - 1);
    const qsizetype open = inside.lastIndexOf(QLatin1Char('('));
    if (open < 0 || inside.sliced(open).contains(QLatin1Char(')')))
        return t.size();
    const QStringView window = inside.sliced(open + 1);
    if (std::none_of(window.begin(), window.end(), [](QChar c) { return Scan::isDigit(c); }))
        return t.size();
    qsizetype start = open;
    while (start > 0 && Scan::isSpace(t[start - 1]))
        --start;
    return start;
}

} // namespace

QString normalizedHeading(const QString &title)
{
    // By hand: every heading goes through here, and expressions cost more than the rest.
    QStringView t = QStringView(title).trimmed();
    t = t.sliced(phasePrefix(t).length);
    if (!t.isEmpty() && Scan::isDigit(t.front()))
        t = t.sliced(numberingLength(t));
    if (t.endsWith(QLatin1Char(')')))
        t = t.first(windowStart(t));
    else if (const std::optional<MarkdownLines::WindowText> w = MarkdownLines::otherPhaseWindow(t); w && !w->length) {
        // "Canary — T+15 to T+45 min": the window and the dash before it
        qsizetype end = w->text.data() - t.data();
        while (end > 0 && (Scan::isSpace(t[end - 1]) || QStringView(u"-–—:").contains(t[end - 1])))
            --end;
        t = t.first(end);
    }
    t = t.trimmed();
    if (t.isEmpty())
        t = QStringView(title).trimmed();
    return t.size() == title.size() ? title : t.toString();
}

} // namespace IdSlug
