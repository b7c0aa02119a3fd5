#pragma once

#include <QStringView>

#include <initializer_list>
#include <string_view>

// Matching by hand what the parser's regular expressions would match, for the hot paths.
// QRegularExpression (PCRE2 in UTF mode, no UseUnicodePropertiesOption) reads \s, \d and \w as
// ASCII only, and a case-insensitive letter also matches the Unicode characters that fold to
// it: U+017F for "s", U+212A for "k". These helpers do the same, so the results stay the same.
// Positions are indexes into the text; a matcher returns the end of its match or -1.
namespace Scan {

inline bool isSpace(QChar c) // \s
{
    const char16_t u = c.unicode();
    return u == u' ' || (u >= u'\t' && u <= u'\r');
}

inline bool isDigit(QChar c) // \d
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

inline bool isWord(QChar c) // \w
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'_';
}

// \b at position i.
inline bool isBoundary(QStringView s, qsizetype i)
{
    const bool before = i > 0 && isWord(s[i - 1]);
    const bool after = i < s.size() && isWord(s[i]);
    return before != after;
}

// Whether c matches the pattern character p, ignoring case; p is lower-case ASCII.
inline bool sameChar(QChar c, char p)
{
    const char16_t u = c.unicode();
    if (u == char16_t(p))
        return true;
    if (p < 'a' || p > 'z')
        return false;
    return u == char16_t(p - 32) || (p == 's' && u == 0x017F) || (p == 'k' && u == 0x212A);
}

// End of 'word' at i ignoring case, or -1. i may be -1 (a failed match before it).
inline qsizetype literal(QStringView s, qsizetype i, std::string_view word)
{
    if (i < 0 || qsizetype(word.size()) > s.size() - i)
        return -1;
    for (qsizetype k = 0; k < qsizetype(word.size()); ++k) {
        if (!sameChar(s[i + k], word[k]))
            return -1;
    }
    return i + qsizetype(word.size());
}

// End of \s* at i.
inline qsizetype spaces(QStringView s, qsizetype i)
{
    while (i >= 0 && i < s.size() && isSpace(s[i]))
        ++i;
    return i;
}

// End of \s+ at i, or -1. Greedy only: every caller follows it with a non-space.
inline qsizetype spaces1(QStringView s, qsizetype i)
{
    const qsizetype end = spaces(s, i);
    return end > i ? end : -1;
}

// End of [-\s]* at i (min 0) or [-\s]+ (min 1), or -1. Greedy only, like spaces1().
inline qsizetype dashesOrSpaces(QStringView s, qsizetype i, int min = 0)
{
    qsizetype end = i;
    while (end >= 0 && end < s.size() && (isSpace(s[end]) || s[end] == QLatin1Char('-')))
        ++end;
    return end - i >= min ? end : -1;
}

// [a-z] ignoring case.
inline bool isLetter(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || u == 0x017F || u == 0x212A;
}

// End of \d+ at i, or -1.
inline qsizetype digits(QStringView s, qsizetype i)
{
    qsizetype end = i;
    while (end >= 0 && end < s.size() && isDigit(s[end]))
        ++end;
    return end > i ? end : -1;
}

// End of \d+(?:\.\d+)? at i, or -1. Greedy only: what follows a number in the patterns either
// accepts anything or cannot start with a digit or a dot, so a shorter number never matches
// where the longest fails.
inline qsizetype number(QStringView s, qsizetype i)
{
    const qsizetype end = digits(s, i);
    if (end >= 0 && end + 1 < s.size() && s[end] == QLatin1Char('.') && isDigit(s[end + 1]))
        return digits(s, end + 1);
    return end;
}

// QStringView::trimmed() without the call: it runs on every line.
inline QStringView trimmed(QStringView s)
{
    qsizetype begin = 0;
    qsizetype end = s.size();
    while (begin < end && s[begin].isSpace())
        ++begin;
    while (end > begin && s[end - 1].isSpace())
        --end;
    return s.sliced(begin, end - begin);
}

// i if \b holds there, else -1.
inline qsizetype boundary(QStringView s, qsizetype i)
{
    return i >= 0 && isBoundary(s, i) ? i : -1;
}

// The pattern character c matches ignoring case: ASCII lower case, "s" for U+017F, "k" for
// U+212A; any other character stands for itself.
inline char16_t patternChar(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'A' && u <= u'Z')
        return char16_t(u + 32);
    return u == 0x017F ? u's' : u == 0x212A ? u'k' : u;
}

// (?:w1|w2|...) followed by 'then': the first word, in order, after which 'then' matches.
// Write "rates?" as {"rates", "rate"}: greedy, as the expression tries it.
template <typename Then>
qsizetype eitherWord(QStringView s, qsizetype i, std::initializer_list<std::string_view> words, Then then)
{
    if (i < 0 || i >= s.size())
        return -1;
    const char16_t first = patternChar(s[i]); // most words fail here, at one comparison
    for (const std::string_view w : words) {
        if (char16_t(w[0]) != first)
            continue;
        if (const qsizetype j = literal(s, i, w); j >= 0) {
            if (const qsizetype end = then(j); end >= 0)
                return end;
        }
    }
    return -1;
}

// (?:w1|w2|...): the end of the first word found at i.
inline qsizetype anyLiteral(QStringView s, qsizetype i, std::initializer_list<std::string_view> words)
{
    return eitherWord(s, i, words, [](qsizetype j) { return j; });
}

// Words separated by \s+: "greater than" matches greater\s+than.
inline qsizetype wordsAt(QStringView s, qsizetype i, std::string_view words)
{
    for (const char p : words) {
        if (p == ' ')
            i = spaces1(s, i);
        else if (i >= 0 && i < s.size() && sameChar(s[i], p))
            ++i;
        else
            return -1;
    }
    return i;
}

// (?:w1|w2|...)\b
inline qsizetype wholeWord(QStringView s, qsizetype i, std::initializer_list<std::string_view> words)
{
    return eitherWord(s, i, words, [s](qsizetype j) { return boundary(s, j); });
}

struct Match {
    qsizetype start = -1;
    qsizetype end = -1;
    bool found() const { return start >= 0; }
};

// The leftmost match of 'at' (a matcher anchored at a position; no pattern here matches the
// empty string) at or after 'from'.
template <typename At>
Match find(QStringView s, qsizetype from, At at)
{
    for (qsizetype i = from; i < s.size(); ++i) {
        if (const qsizetype end = at(i); end >= 0)
            return {i, end};
    }
    return {};
}

// The same for a pattern that starts with \b: only positions where \b holds are tried.
template <typename At>
Match findAtBoundary(QStringView s, qsizetype from, At at)
{
    return find(s, from, [&](qsizetype i) { return isBoundary(s, i) ? at(i) : -1; });
}

} // namespace Scan
