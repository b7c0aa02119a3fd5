#include "optionparser.h"

#include <QStringList>
#include <QTextStream>

#include <cmath>

OptionParser::OptionParser(const QString &program, const QString &description, const QList<QCommandLineOption> &options,
                           const QList<QCommandLineOption> &repeatable)
    : m_program(program)
    , m_description(description)
    , m_options(options)
{
    for (const QCommandLineOption &option : repeatable)
        m_repeatable << option.names().constLast();
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    m_parser.setApplicationDescription(description);
    m_parser.addOptions(options);
}

bool OptionParser::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = message;
    return false;
}

bool OptionParser::parse(const QStringList &arguments)
{
    if (!m_parser.parse(arguments))
        return fail(m_parser.errorText());
    if (!m_parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument '%1'").arg(m_parser.positionalArguments().constFirst()));
    for (const QCommandLineOption &option : std::as_const(m_options)) {
        if (option.valueName().isEmpty())
            continue;
        const QStringList values = m_parser.values(option);
        if (values.size() > 1 && !m_repeatable.contains(option.names().constLast()))
            return fail(QStringLiteral("--%1 given more than once").arg(option.names().constLast()));
        if (values.contains(QString()))
            return fail(QStringLiteral("--%1 needs a non-empty value").arg(option.names().constLast()));
    }
    return true;
}

std::optional<double> OptionParser::number(const QCommandLineOption &option, double min, double max, const QString &expected)
{
    bool ok = false;
    const QString text = m_parser.value(option);
    const double value = text.toDouble(&ok);
    if (ok && std::isfinite(value) && value >= min && value <= max)
        return value;
    fail(QStringLiteral("--%1 must be %2, not '%3'")
             .arg(option.names().constLast(), expected.isEmpty() ? QStringLiteral("a number from %1 to %2").arg(min).arg(max) : expected, text));
    return std::nullopt;
}

QString OptionParser::helpText(const QString &epilogue) const
{
    QString text = m_parser.helpText();
    // QCommandLineParser names the running binary; the help names the program.
    const qsizetype usageEnd = text.indexOf(u' ', qsizetype(7));
    if (text.startsWith(QLatin1String("Usage: ")) && usageEnd > 0)
        text.replace(7, usageEnd - 7, m_program);
    return text + epilogue;
}

namespace {

// Text for roff: backslashes and hyphens escaped, no line starting with a control character.
QString roff(QString text)
{
    text.replace(u'\\', QLatin1String("\\e"));
    text.replace(u'-', QLatin1String("\\-"));
    QStringList lines = text.split(u'\n');
    for (QString &line : lines) {
        if (line.startsWith(u'.') || line.startsWith(u'\''))
            line.prepend(QLatin1String("\\&"));
    }
    return lines.join(u'\n');
}

QString paragraphs(const QString &text)
{
    QStringList out;
    for (const QString &p : text.split(QStringLiteral("\n\n"), Qt::SkipEmptyParts))
        out << roff(p.trimmed());
    return out.join(QStringLiteral("\n.PP\n"));
}

} // namespace

QString OptionParser::manPage(const QString &version, const QString &synopsis, const QString &description,
                              const QList<std::pair<QString, QString>> &sections) const
{
    QString page = QStringLiteral(".TH %1 1 \"\" \"%2 %3\" \"User Commands\"\n").arg(m_program.toUpper(), roff(m_program), roff(version)); // the title is a bare word: no escapes
    page += QStringLiteral(".SH NAME\n%1 \\- %2\n").arg(roff(m_program), roff(m_description));
    page += QStringLiteral(".SH SYNOPSIS\n");
    for (const QString &line : synopsis.split(u'\n', Qt::SkipEmptyParts))
        page += QStringLiteral(".B %1\n%2\n.br\n").arg(roff(m_program), roff(line.trimmed()));
    page += QStringLiteral(".SH DESCRIPTION\n%1\n").arg(paragraphs(description));
    page += QStringLiteral(".SH OPTIONS\n");
    for (const QCommandLineOption &option : m_options) {
        QStringList names;
        for (const QString &name : option.names())
            names << QStringLiteral("\\fB%1%2\\fR").arg(name.size() == 1 ? QStringLiteral("\\-") : QStringLiteral("\\-\\-"), roff(name));
        QString head = names.join(QStringLiteral(", "));
        if (!option.valueName().isEmpty())
            head += QStringLiteral(" \\fI%1\\fR").arg(roff(option.valueName()));
        page += QStringLiteral(".TP\n%1\n%2\n").arg(head, roff(option.description()));
    }
    for (const auto &[title, text] : sections)
        page += QStringLiteral(".SH %1\n%2\n").arg(roff(title.toUpper()), paragraphs(text));
    return page;
}

void OptionParser::printUsageError(QTextStream &err, const QString &program, const QString &error)
{
    err << program << ": " << error << "\nTry '" << program << " --help'.\n";
}
