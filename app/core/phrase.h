#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <vector>

// Text the engine says to people, kept as its source and arguments so that it can be said in
// English and in the reader's language. The journal, the reports and the headless modes take
// english(): what is recorded never depends on the locale. The window shows translated().
// (KDE's KLazyLocalizedString does the same: the source is marked where the text is made and
// translated where it is shown.)
//
// A translatable phrase is written phrase("Context", "source with %1").arg(...). lupdate reads
// phrase() as it reads QCoreApplication::translate() (`-tr-function-alias translate+=phrase`,
// translations/CMakeLists.txt), so context and source must be string literals; the context is
// the class or file that says it. Arguments are phrases themselves (translated with the text),
// verbatim text (a runbook's words, a server's answer, a name: never translated), integers, or
// numbers (Phrase::number: the reader's decimal point when translated). `%n` with a count
// (the 4th argument of phrase()) picks the plural form.
class Phrase
{
public:
    Phrase() = default;

    // Text that is the same in every language.
    static Phrase verbatim(QString text);
    // A number as `english` writes it ("2.4", "1500", "0.05"), and with the same decimals in the
    // reader's locale when translated ("2,4"). Text that is not a plain decimal number stays
    // as it is ("inf", "1e+12").
    static Phrase number(double value, QString english);
    // The parts one after the other, `separator` between them ("; ").
    static Phrase list(const QList<Phrase> &parts, QString separator);
    // `inner` with its first letter upper case, to begin a sentence ("the traffic API" ->
    // "The traffic API"), in English and translated alike.
    static Phrase capitalized(const Phrase &inner);

    // Fills the lowest %1..%99 not filled yet, as QString::arg does (in one pass at the end, so
    // an argument's own "%1" is never replaced).
    Phrase arg(const Phrase &a) const;
    Phrase arg(const QString &verbatimText) const { return arg(verbatim(verbatimText)); }
    Phrase arg(QStringView verbatimText) const { return arg(verbatim(verbatimText.toString())); }
    Phrase arg(qint64 n) const { return arg(verbatim(QString::number(n))); }
    Phrase arg(int n) const { return arg(qint64(n)); }

    bool isEmpty() const;
    QString english() const;
    // In the language of the installed translators (QCoreApplication::translate); English when
    // there are none.
    QString translated() const;

    // Equal when they say the same in English.
    friend bool operator==(const Phrase &a, const Phrase &b) { return a.english() == b.english(); }

private:
    friend Phrase phrase(const char *context, const char *source, const char *disambiguation, int n);
    QString render(bool translate) const;

    const char *m_context = nullptr; // null: verbatim text or a number
    const char *m_source = nullptr;
    const char *m_disambiguation = nullptr;
    int m_n = -1;
    QString m_text; // verbatim text, or a number's English
    double m_number = 0;
    bool m_isNumber = false;
    bool m_isList = false; // m_args joined by m_text
    bool m_capitalize = false; // a list whose first letter is made upper case
    std::vector<Phrase> m_args;
};

// `value` with the reader's decimal point (QLocale()) and no thousands separators, so that the
// window's "1500 ms" and "2,4 %" read like the journal's English "1500 ms" and "2.4 %".
QString localizedNumber(double value, char format, int precision);

// A translatable phrase (see Phrase). `n` >= 0 fills %n and chooses the plural form.
Phrase phrase(const char *context, const char *source, const char *disambiguation = nullptr, int n = -1);
