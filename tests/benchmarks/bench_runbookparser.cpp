// Prints how fast large runbooks parse (the foundation issue asks for 10 MB "well under a second").
// Three inputs: the reference runbook repeated as it is (every heading and item a duplicate, the
// worst case for id suffixes and diagnostics); repeated with each copy's text made distinct,
// which is what a real, very long runbook looks like; and the runbooks of other shapes in
// tests/data (tables, prose triggers, T+ windows, numbered checklists) repeated the same way.
#include "runbook/runbookparser.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include <ctime>

namespace {

QString readFile(const char *path)
{
    QFile f(QString::fromUtf8(path));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("%s missing", path);
    return QString::fromUtf8(f.readAll());
}

QString reference()
{
    return readFile(STONECASTER_SOURCE_DIR "/resources/runbooks/deployment-runbook.md");
}

// The runbooks in other shapes (tables, prose triggers, T+ windows, numbered checklists), one
// after the other: the table and prose readers' worst case is a long document full of them.
QString shapes()
{
    QString text;
    for (const char *name : {"table-runbook", "prose-runbook", "tplus-runbook", "numbered-runbook"})
        text += readFile((QByteArray(STONECASTER_SOURCE_DIR "/tests/data/") + name + ".md").constData());
    return text;
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
        QTest::addColumn<bool>("shaped");
        QTest::newRow("1 MB distinct") << 1 << true << false;
        QTest::newRow("10 MB distinct") << 10 << true << false;
        QTest::newRow("10 MB repeated") << 10 << false << false;
        QTest::newRow("10 MB tables and prose") << 10 << true << true;
    }
    void parseLarge()
    {
        QFETCH(int, megabytes);
        QFETCH(bool, distinct);
        QFETCH(bool, shaped);
        const QString ref = shaped ? shapes() : reference();
        QString text;
        for (int k = 1; text.size() < megabytes * 1024 * 1024; ++k)
            text += distinct ? distinctCopy(ref, k) : ref;
        qInfo("input: %.1f MB, %lld lines", text.size() / 1048576.0, qlonglong(text.count(QLatin1Char('\n'))));
        Runbook r;
        std::clock_t cpu = 0;
        QBENCHMARK {
            const std::clock_t start = std::clock();
            r = RunbookParser::parse(text);
            cpu = std::clock() - start;
        }
        // The CPU time the parse got: on a shared, loaded machine the wall time says little.
        qInfo("parse CPU time: %.0f ms", 1000.0 * double(cpu) / CLOCKS_PER_SEC);
        QVERIFY(r.checkableItems().size() > megabytes * (shaped ? 5000 : 10000));
        if (shaped)
            QVERIFY(r.rules.size() > megabytes * 5000);
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
