#pragma once

#include <QStringView>
#include <QtGlobal>

#include <initializer_list>
#include <string_view>
#include <vector>

// A cheap test before a regular expression: whether 'text' contains any of the given
// lower-case ASCII words, ignoring case. No allocation; most runbook lines fail it fast.
inline bool containsAnyKeyword(QStringView text, const std::string_view *first, const std::string_view *last)
{
    const auto lower = [](char16_t c) { return (c >= u'A' && c <= u'Z') ? char16_t(c + 32) : c; };
    // Which first letters can start a word: most characters of the text are rejected by one test.
    quint64 firstLow = 0;
    quint64 firstHigh = 0;
    for (const std::string_view *w = first; w != last; ++w) {
        const unsigned char c = static_cast<unsigned char>((*w)[0]);
        (c < 64 ? firstLow : firstHigh) |= quint64(1) << (c % 64);
    }
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = lower(text[i].unicode());
        if (c >= 128 || !(((c < 64 ? firstLow : firstHigh) >> (c % 64)) & 1))
            continue;
        for (const std::string_view *w = first; w != last; ++w) {
            if (char16_t((*w)[0]) != c || qsizetype(w->size()) > n - i)
                continue;
            qsizetype k = 1;
            while (k < qsizetype(w->size()) && lower(text[i + k].unicode()) == char16_t((*w)[k]))
                ++k;
            if (k == qsizetype(w->size()))
                return true;
        }
    }
    return false;
}

inline bool containsAnyKeyword(QStringView text, std::initializer_list<std::string_view> words)
{
    return containsAnyKeyword(text, words.begin(), words.end());
}

inline bool containsAnyKeyword(QStringView text, const std::vector<std::string_view> &words)
{
    return containsAnyKeyword(text, words.data(), words.data() + words.size());
}
