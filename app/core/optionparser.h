#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

class QTextStream;

// One program's command line (the console's and stonecaster-sim's), with the rules both keep:
// long options also with one dash, no positional arguments, an option with a value given at
// most once (unless declared repeatable) and never with an empty value, numbers in a stated range, and the usual "PROGRAM:
// message / Try 'PROGRAM --help'." on bad usage. The options are declared once and serve the
// parser and --help alike.
class OptionParser
{
public:
    // `repeatable`: options with a value that may be given several times (values() reads them all).
    OptionParser(const QString &program, const QString &description, const QList<QCommandLineOption> &options,
                 const QList<QCommandLineOption> &repeatable = {});

    // False when the command line is unusable; error() says why.
    bool parse(const QStringList &arguments);
    QString error() const { return m_error; }
    // Sets error() (the first failure wins) and returns false.
    bool fail(const QString &message);

    bool isSet(const QCommandLineOption &option) const { return m_parser.isSet(option); }
    QString value(const QCommandLineOption &option) const { return m_parser.value(option); }
    QStringList values(const QCommandLineOption &option) const { return m_parser.values(option); }
    // The option's value as a number from `min` to `max`, or nullopt with error() set to
    // "--NAME must be EXPECTED, not 'VALUE'" (EXPECTED defaults to "a number from MIN to MAX").
    std::optional<double> number(const QCommandLineOption &option, double min, double max, const QString &expected = {});

    // "Usage: PROGRAM [options]", the description and every option, then `epilogue`.
    QString helpText(const QString &epilogue = {}) const;
    // The same options as a manual page (roff, section 1): NAME, SYNOPSIS, DESCRIPTION,
    // OPTIONS, then `sections` (title, plain text; paragraphs separated by blank lines).
    QString manPage(const QString &version, const QString &synopsis, const QString &description,
                    const QList<std::pair<QString, QString>> &sections) const;
    QString program() const { return m_program; }

    // Writes "PROGRAM: ERROR" and the --help hint to `err`.
    static void printUsageError(QTextStream &err, const QString &program, const QString &error);

private:
    QString m_program;
    QString m_description;
    QList<QCommandLineOption> m_options;
    QCommandLineParser m_parser;
    QStringList m_repeatable;
    QString m_error;
};
