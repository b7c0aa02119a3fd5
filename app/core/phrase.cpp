#include "phrase.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

#include <algorithm>

Phrase phrase(const char *context, const char *source, const char *disambiguation, int n)
{
    Phrase p;
    p.m_context = context;
    p.m_source = source;
    p.m_disambiguation = disambiguation;
    p.m_n = n;
    return p;
}

Phrase Phrase::verbatim(QString text)
{
    Phrase p;
    p.m_text = std::move(text);
    return p;
}

Phrase Phrase::number(double value, QString english)
{
    Phrase p = verbatim(std::move(english));
    p.m_number = value;
    p.m_isNumber = true;
    return p;
}

Phrase Phrase::list(const QList<Phrase> &parts, QString separator)
{
    Phrase p = verbatim(std::move(separator));
    p.m_isList = true;
    p.m_args.assign(parts.cbegin(), parts.cend());
    return p;
}

Phrase Phrase::capitalized(const Phrase &inner)
{
    Phrase p = list({inner}, QString());
    p.m_capitalize = true;
    return p;
}

Phrase Phrase::arg(const Phrase &a) const
{
    Phrase p = *this;
    p.m_args.push_back(a);
    return p;
}

bool Phrase::isEmpty() const
{
    if (m_isList)
        return std::all_of(m_args.cbegin(), m_args.cend(), [](const Phrase &p) { return p.isEmpty(); });
    return !m_source && m_text.isEmpty();
}

QString Phrase::english() const
{
    return render(false);
}

QString Phrase::translated() const
{
    return render(true);
}

QString localizedNumber(double value, char format, int precision)
{
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() | QLocale::OmitGroupSeparator);
    return locale.toString(value, format, precision);
}

namespace {

// `english` with the reader's decimal point and digits, when it is a plain decimal number.
QString localNumber(double value, const QString &english)
{
    for (QChar c : english) {
        if (!c.isDigit() && c != u'.' && c != u'-')
            return english;
    }
    const qsizetype point = english.indexOf(u'.');
    const int decimals = point < 0 ? 0 : int(english.size() - point - 1);
    return localizedNumber(value, 'f', decimals);
}

// The number of the placeholder "%N" or "%NN" at text[i] (0 when there is none) and its length.
int placeholderAt(const QString &text, qsizetype i, qsizetype *length)
{
    if (text[i] != u'%' || i + 1 >= text.size() || !text[i + 1].isDigit())
        return 0;
    *length = 2;
    int number = text[i + 1].digitValue();
    if (i + 2 < text.size() && text[i + 2].isDigit()) {
        number = number * 10 + text[i + 2].digitValue();
        *length = 3;
    }
    return number;
}

} // namespace

QString Phrase::render(bool translate) const
{
    if (m_isList) {
        QStringList parts;
        for (const Phrase &part : m_args)
            parts << part.render(translate);
        QString text = parts.join(m_text);
        if (m_capitalize && !text.isEmpty())
            text[0] = text[0].toUpper();
        return text;
    }
    if (!m_context)
        return translate && m_isNumber ? localNumber(m_number, m_text) : m_text;

    QString text;
    if (translate) {
        text = QCoreApplication::translate(m_context, m_source, m_disambiguation, m_n); // fills %n itself
    } else {
        text = QString::fromUtf8(m_source);
        if (m_n >= 0)
            text.replace(QLatin1String("%n"), QString::number(m_n));
    }
    if (m_args.empty())
        return text;

    // The placeholders present, lowest first, each filled by the next argument (QString::arg).
    QList<int> numbers;
    for (qsizetype i = 0; i < text.size(); ++i) {
        qsizetype length = 0;
        if (const int number = placeholderAt(text, i, &length); number > 0 && !numbers.contains(number))
            numbers.append(number);
    }
    std::sort(numbers.begin(), numbers.end());

    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        qsizetype length = 0;
        const qsizetype index = numbers.indexOf(placeholderAt(text, i, &length));
        if (index >= 0 && size_t(index) < m_args.size()) {
            out += m_args[size_t(index)].render(translate);
            i += length - 1;
            continue;
        }
        out += text[i];
    }
    return out;
}
