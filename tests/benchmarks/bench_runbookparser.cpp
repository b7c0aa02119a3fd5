// Prints how fast large runbooks parse (the foundation issue asks for 10 MB "well under a second").
// Two inputs: the reference runbook repeated as it is (every heading and item a duplicate, the
// worst case for id suffixes and diagnostics), and repeated with each copy's text made distinct,
// which is what a real, very long runbook looks like.
#include "runbook/runbookparser.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

namespace {

QString reference()
{
    QFile f(QStringLiteral(STONECASTER_SOURCE_DIR "/resources/runbooks/deployment-runbook.md"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("reference runbook missing");
    return QString::fromUtf8(f.readAll());
}

// Copy 'k' of the reference with its own headings, group titles and item texts.
QString distinctCopy(const QString &text, int k)
{
    static const QRegularExpression heading(QStringLiteral(R"(^(#+ )((?:Phase \d+: )?)(.*)$)"));
    static const QRegularExpression group(QStringLiteral(R"(^(\s*\d+\. \*\*)(.*)$)"));
    static const QRegularExpression item(QStringLiteral(R"(^(\s*- (?:\[[ x]\] )?)(?!\*\*)(.*)$)"));
    const QString tag = QStringLiteral("c%1 ").arg(k);
    QStringList out;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        QRegularExpressionMatch m;
        if ((m = heading.match(line)).hasMatch())
            out << m.captured(1) + m.captured(2) + tag + m.captured(3);
        else if ((m = group.match(line)).hasMatch())
            out << m.captured(1) + tag + m.captured(2);
        else if ((m = item.match(line)).hasMatch())
            out << m.captured(1) + tag + m.captured(2);
        else
            out << line;
    }
    return out.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace

class BenchRunbookParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parseLarge_data()
    {
        QTest::addColumn<int>("megabytes");
        QTest::addColumn<bool>("distinct");
        QTest::newRow("1 MB distinct") << 1 << true;
        QTest::newRow("10 MB distinct") << 10 << true;
        QTest::newRow("10 MB repeated") << 10 << false;
    }
    void parseLarge()
    {
        QFETCH(int, megabytes);
        QFETCH(bool, distinct);
        const QString ref = reference();
        QString text;
        for (int k = 1; text.size() < megabytes * 1024 * 1024; ++k)
            text += distinct ? distinctCopy(ref, k) : ref;
        qInfo("input: %.1f MB, %lld lines", text.size() / 1048576.0, qlonglong(text.count(QLatin1Char('\n'))));
        Runbook r;
        QBENCHMARK {
            r = RunbookParser::parse(text);
        }
        QVERIFY(r.checkableItems().size() > megabytes * 10000);
    }

    void parseReference()
    {
        const QString text = reference();
        QBENCHMARK {
            const Runbook r = RunbookParser::parse(text);
            QCOMPARE(r.checkableItems().size(), 164);
        }
    }
};

QTEST_GUILESS_MAIN(BenchRunbookParser)
#include "bench_runbookparser.moc"
