// OptionParser: the command-line rules the console and stonecaster-sim share.
#include "core/optionparser.h"

#include <QTest>
#include <QTextStream>

class TestOptionParser : public QObject
{
    Q_OBJECT

    const QCommandLineOption m_file{QStringLiteral("file"), QStringLiteral("A file."), QStringLiteral("FILE")};
    const QCommandLineOption m_scale{QStringLiteral("scale"), QStringLiteral("A number."), QStringLiteral("N")};
    const QCommandLineOption m_flag{QStringLiteral("flag"), QStringLiteral("A switch.")};

    OptionParser parser() const { return OptionParser(QStringLiteral("prog"), QStringLiteral("Does things."), {m_file, m_scale, m_flag}); }

private Q_SLOTS:
    void refuses_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("error");
        QTest::newRow("positional") << QStringList{QStringLiteral("extra")} << QStringLiteral("unexpected argument 'extra'");
        QTest::newRow("value twice") << QStringList{QStringLiteral("--file"), QStringLiteral("a"), QStringLiteral("--file"), QStringLiteral("b")}
                                     << QStringLiteral("--file given more than once");
        QTest::newRow("empty value") << QStringList{QStringLiteral("--file"), QString()} << QStringLiteral("--file needs a non-empty value");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--nope")} << QStringLiteral("Unknown option 'nope'.");
        QTest::newRow("missing value") << QStringList{QStringLiteral("--file")} << QStringLiteral("Missing value after '--file'.");
    }
    void refuses()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, error);
        OptionParser p = parser();
        QVERIFY(!p.parse(QStringList{QStringLiteral("prog")} + arguments));
        QCOMPARE(p.error(), error);
    }

    // A repeatable option takes each value, still never an empty one; the others stay single.
    void repeatableOptions()
    {
        OptionParser p(QStringLiteral("prog"), QStringLiteral("Does things."), {m_file, m_scale, m_flag}, {m_file});
        QVERIFY2(p.parse({QStringLiteral("prog"), QStringLiteral("--file"), QStringLiteral("a"), QStringLiteral("--file"), QStringLiteral("b")}), qPrintable(p.error()));
        QCOMPARE(p.values(m_file), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        OptionParser empty(QStringLiteral("prog"), QStringLiteral("Does things."), {m_file, m_scale, m_flag}, {m_file});
        QVERIFY(!empty.parse({QStringLiteral("prog"), QStringLiteral("--file"), QStringLiteral("a"), QStringLiteral("--file"), QString()}));
        QCOMPARE(empty.error(), QStringLiteral("--file needs a non-empty value"));
        OptionParser single(QStringLiteral("prog"), QStringLiteral("Does things."), {m_file, m_scale, m_flag}, {m_file});
        QVERIFY(!single.parse({QStringLiteral("prog"), QStringLiteral("--scale"), QStringLiteral("1"), QStringLiteral("--scale"), QStringLiteral("2")}));
        QCOMPARE(single.error(), QStringLiteral("--scale given more than once"));
    }

    void acceptsSingleDashLongOptions()
    {
        OptionParser p = parser();
        QVERIFY2(p.parse({QStringLiteral("prog"), QStringLiteral("-file"), QStringLiteral("x.md"), QStringLiteral("-flag")}), qPrintable(p.error()));
        QCOMPARE(p.value(m_file), QStringLiteral("x.md"));
        QVERIFY(p.isSet(m_flag));
        QVERIFY(!p.isSet(m_scale));
    }

    void numbers_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::newRow("inside") << QStringLiteral("60") << true;
        QTest::newRow("lowest") << QStringLiteral("0.5") << true;
        QTest::newRow("highest") << QStringLiteral("100") << true;
        QTest::newRow("below") << QStringLiteral("0.49") << false;
        QTest::newRow("above") << QStringLiteral("100.01") << false;
        QTest::newRow("not a number") << QStringLiteral("fast") << false;
        QTest::newRow("infinity") << QStringLiteral("inf") << false;
        QTest::newRow("nan") << QStringLiteral("nan") << false;
    }
    void numbers()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        OptionParser p = parser();
        QVERIFY(p.parse({QStringLiteral("prog"), QStringLiteral("--scale"), text}));
        const std::optional<double> value = p.number(m_scale, 0.5, 100);
        QCOMPARE(value.has_value(), ok);
        if (ok)
            QCOMPARE(*value, text.toDouble());
        else
            QCOMPARE(p.error(), QStringLiteral("--scale must be a number from 0.5 to 100, not '%1'").arg(text));
    }

    void firstFailureWins()
    {
        OptionParser p = parser();
        QVERIFY(p.parse({QStringLiteral("prog")}));
        QVERIFY(!p.fail(QStringLiteral("first")));
        QVERIFY(!p.fail(QStringLiteral("second")));
        QCOMPARE(p.error(), QStringLiteral("first"));
    }

    void helpNamesTheProgram()
    {
        const QString help = parser().helpText(QStringLiteral("Epilogue.\n"));
        QVERIFY2(help.startsWith(QLatin1String("Usage: prog [options]\nDoes things.")), qPrintable(help));
        QVERIFY(help.contains(QLatin1String("--file <FILE>")));
        QVERIFY(help.endsWith(QLatin1String("Epilogue.\n")));
    }

    void usageError()
    {
        QString text;
        QTextStream err(&text);
        OptionParser::printUsageError(err, QStringLiteral("prog"), QStringLiteral("--file given more than once"));
        err.flush();
        QCOMPARE(text, QStringLiteral("prog: --file given more than once\nTry 'prog --help'.\n"));
    }
};

QTEST_GUILESS_MAIN(TestOptionParser)
#include "tst_optionparser.moc"
