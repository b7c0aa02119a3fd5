#pragma once

#include <QStringView>
#include <QtGlobal>

#include <algorithm>
#include <array>
#include <initializer_list>
#include <string_view>
#include <utility>
#include <vector>

// Lower-case ASCII words of two characters or more looked for in runbook text, ignoring ASCII
// case: the cheap test before a match. A word may stand for some of up to 32 groups (bits).
// The words' first two characters, in either case, are in a bitmap, so a search tests most
// positions of the text with one lookup and allocates nothing. Make one static set per call site.
class Keywords
{
public:
    struct Word {
        std::string_view text;
        quint32 groups = 1;
    };

    explicit Keywords(std::initializer_list<std::string_view> words)
    {
        for (const std::string_view w : words)
            m_words.push_back({w});
        index();
    }
    explicit Keywords(std::vector<Word> words)
        : m_words(std::move(words))
    {
        index();
    }

    // Whether 'text' contains one of the words.
    bool foundIn(QStringView text) const
    {
        return scan(text, [](const Word &) { return true; });
    }

    // The groups of all the words 'text' contains.
    quint32 groupsIn(QStringView text) const
    {
        quint32 groups = 0;
        scan(text, [&groups](const Word &w) {
            groups |= w.groups;
            return false;
        });
        return groups;
    }

private:
    static char16_t lower(char16_t c) { return (c >= u'A' && c <= u'Z') ? char16_t(c + 32) : c; }

    static char upper(char c) { return c >= 'a' && c <= 'z' ? char(c - 32) : c; }

    void index()
    {
        Q_ASSERT(m_words.size() < 256); // ranges in m_first are 8-bit
        std::stable_sort(m_words.begin(), m_words.end(), [](const Word &a, const Word &b) { return a.text[0] < b.text[0]; });
        for (qsizetype i = 0; i < qsizetype(m_words.size()); ++i) {
            const std::string_view word = m_words[i].text;
            Q_ASSERT(word.size() >= 2);
            for (const char first : {word[0], upper(word[0])}) {
                auto &range = m_first[static_cast<unsigned char>(first)];
                if (range.second == 0)
                    range.first = quint8(i);
                range.second = quint8(i + 1);
                for (const char second : {word[1], upper(word[1])}) {
                    const unsigned pair = static_cast<unsigned char>(first) * 128u + static_cast<unsigned char>(second);
                    m_pairs[pair / 64] |= quint64(1) << (pair % 64);
                }
            }
        }
    }

    // Calls 'found' for each word found, in the order of the text, until it returns true.
    template <typename Found>
    bool scan(QStringView text, Found found) const
    {
        const qsizetype n = text.size();
        for (qsizetype i = 0; i + 1 < n; ++i) {
            const char16_t c = text[i].unicode();
            const char16_t next = text[i + 1].unicode();
            if ((c | next) >= 128)
                continue;
            if (const unsigned pair = c * 128u + next; !((m_pairs[pair / 64] >> (pair % 64)) & 1))
                continue;
            for (quint8 w = m_first[c].first; w < m_first[c].second; ++w) {
                const std::string_view word = m_words[w].text;
                if (qsizetype(word.size()) > n - i)
                    continue;
                qsizetype k = 1;
                while (k < qsizetype(word.size()) && lower(text[i + k].unicode()) == char16_t(word[k]))
                    ++k;
                if (k == qsizetype(word.size()) && found(m_words[w]))
                    return true;
            }
        }
        return false;
    }

    std::vector<Word> m_words;
    std::array<std::pair<quint8, quint8>, 128> m_first{}; // first character, either case -> range in m_words
    std::array<quint64, 128 * 128 / 64> m_pairs{}; // first two characters, either case
};
