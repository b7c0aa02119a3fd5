// Every command of the user guide (docs/*.md) runs against the build tree, so the guide cannot
// go stale: a command that fails, a message quoted that the console no longer gives, a runbook
// or profile shown that it no longer accepts, fails here. The markers that say what is run
// (docs/README.md) are checked first: a command block without one fails too, as does a link
// to a file that is not there.
#include "guidepage.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

namespace {

const QString SourceDir = QStringLiteral(STONECASTER_SOURCE_DIR);

QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

QStringList pageNames()
{
    return QDir(SourceDir + QStringLiteral("/docs")).entryList({QStringLiteral("*.md")}, QDir::Files, QDir::Name);
}

GuidePage page(const QString &name)
{
    return GuidePage::parse(QStringLiteral("docs/") + name, readText(SourceDir + QStringLiteral("/docs/") + name));
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

} // namespace

class TestUserGuide : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The rules themselves: a block without a marker, an empty reason, an output with no
    // command before it, an unknown option are each a problem; good markers are read as such.
    void markerRules()
    {
        const GuidePage good = GuidePage::parse(QStringLiteral("good.md"), QStringLiteral(
            "# Good\n```sh test exit=3\nfalse\n```\n```text output\nsome line\n...\nlater line\n```\n"
            "```sh no-test: needs root\nsudo true\n```\n```json file=a.json\n{}\n```\n```json file=b.json base=a.json\n{}\n```\n"
            "```sh test window\nstonecaster-console \\\n    --demo\n```\nSee [the profile](profile.md).\n"));
        QVERIFY2(good.problems.isEmpty(), qPrintable(good.problems.join(u'\n')));
        QCOMPARE(good.blocks.size(), 6);
        QCOMPARE(good.blocks[0].kind, GuideBlock::Kind::Command);
        QCOMPARE(good.blocks[0].expectedExit, 3);
        QCOMPARE(good.blocks[1].kind, GuideBlock::Kind::Output);
        QCOMPARE(good.blocks[2].kind, GuideBlock::Kind::NotRun);
        QCOMPARE(good.blocks[2].reason, QStringLiteral("needs root"));
        QCOMPARE(good.blocks[4].baseFile, QStringLiteral("a.json"));
        QVERIFY(good.blocks[5].window);
        QCOMPARE(good.links.size(), 1);
        QCOMPARE(good.links[0].target, QStringLiteral("profile.md"));

        const GuideScript script = guideScript(good.blocks[5], QStringLiteral("/b/console"), QStringLiteral("/b/sim"), QStringLiteral("/s/resources"));
        QCOMPARE(script.script, QStringLiteral("/b/console      --demo --screenshot window-19-1.png --screenshot-after 1\n"));
        QCOMPARE(script.screenshots, QStringList{QStringLiteral("window-19-1.png")});
        GuideBlock paths;
        paths.text = QStringLiteral("stonecaster-console --parse-runbook /usr/share/stonecaster/runbooks/x.md\nstonecaster-sim --port 1\n"
                                    "man stonecaster-console.1; ls /opt/stonecaster-console\n");
        QCOMPARE(guideScript(paths, QStringLiteral("/b/console"), QStringLiteral("/b/sim"), QStringLiteral("/s/resources")).script,
                 QStringLiteral("/b/console --parse-runbook /s/resources/runbooks/x.md\n/b/sim --port 1\n"
                                "man stonecaster-console.1; ls /opt/stonecaster-console\n"));

        const GuidePage bad = GuidePage::parse(QStringLiteral("bad.md"), QStringLiteral(
            "```sh\nrm -rf /\n```\n```\nplain\n```\n```sh no-test:\nx\n```\n```text output\ny\n```\n```sh test exit=x soon\nz\n```\n"
            "```bash run\nw\n```\n```json base=a.json\n{}\n```\n```sh test\nunclosed\n"));
        const QString all = bad.problems.join(u'\n');
        QVERIFY2(all.contains(QStringLiteral("bad.md:1: a command block without a marker")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("bad.md:4: a code block without a language")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("bad.md:7: \"no-test:\" needs the reason")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("bad.md:10: ```text output must follow a tested command block")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("bad.md:13: unknown option \"exit=x\"")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("bad.md:13: unknown option \"soon\"")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("bad.md:16: unknown marker \"run\"")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("bad.md:19: base= needs file=")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("bad.md:22: code block never closed")), qPrintable(all));

        QVERIFY(!missingOutputLine(QStringLiteral("b\n...\nd"), QStringLiteral("a\nb\nc\nd\n")));
        QCOMPARE(missingOutputLine(QStringLiteral("d\nb"), QStringLiteral("a\nb\nc\nd\n")), QStringLiteral("b"));
    }

    // Every page of docs/ follows the rules, links only to files that exist, and is listed in
    // the index; the README links to the index.
    void pagesFollowTheRules()
    {
        const QStringList names = pageNames();
        QVERIFY2(names.contains(QStringLiteral("README.md")), "docs/README.md, the index, is missing");
        QStringList problems;
        QStringList linkedFromIndex;
        for (const QString &name : names) {
            const GuidePage p = page(name);
            problems << p.problems;
            for (const GuideLink &l : p.links) {
                if (l.target.startsWith(u"http://") || l.target.startsWith(u"https://") || l.target.startsWith(u"mailto:") || l.target.startsWith(u'#'))
                    continue;
                const QString file = l.target.section(u'#', 0, 0);
                if (!QFileInfo::exists(SourceDir + QStringLiteral("/docs/") + file))
                    problems << QStringLiteral("docs/%1:%2: link to %3, which does not exist").arg(name).arg(l.line).arg(l.target);
                if (name == u"README.md")
                    linkedFromIndex << file;
            }
        }
        for (const QString &name : names) {
            if (name != u"README.md" && !linkedFromIndex.contains(name))
                problems << QStringLiteral("docs/README.md does not list docs/%1").arg(name);
        }
        if (!readText(SourceDir + QStringLiteral("/README.md")).contains(QStringLiteral("](docs/README.md)")))
            problems << QStringLiteral("README.md does not link to docs/README.md");
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void commands_data()
    {
        QTest::addColumn<QString>("name");
        for (const QString &name : pageNames()) {
            const GuidePage p = page(name);
            if (std::any_of(p.blocks.cbegin(), p.blocks.cend(), [](const GuideBlock &b) { return b.kind == GuideBlock::Kind::Command; }))
                QTest::newRow(qPrintable(name)) << name;
        }
    }

    // Each page's blocks in order, in a working folder of the page's own.
    void commands()
    {
        QFETCH(QString, name);
        const GuidePage p = page(name);
        QVERIFY2(p.problems.isEmpty(), qPrintable(p.problems.join(u'\n')));
        QDir work(QStringLiteral(STONECASTER_BINARY_DIR "/tests/docs/work/") + QFileInfo(name).completeBaseName());
        QVERIFY(work.removeRecursively() || !work.exists());
        QVERIFY(work.mkpath(QStringLiteral(".")));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
        env.insert(QStringLiteral("HOME"), work.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), work.filePath(QStringLiteral(".config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), work.filePath(QStringLiteral(".local/share")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), work.filePath(QStringLiteral(".cache")));
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));

        for (qsizetype i = 0; i < p.blocks.size(); ++i) {
            const GuideBlock &block = p.blocks[i];
            const QString where = QStringLiteral("%1:%2").arg(p.path).arg(block.line);
            if (block.kind == GuideBlock::Kind::File) {
                QByteArray bytes = block.text.toUtf8();
                if (!block.baseFile.isEmpty()) {
                    QJsonParseError error;
                    QJsonObject merged = QJsonDocument::fromJson(readText(work.filePath(block.baseFile)).toUtf8()).object();
                    const QJsonDocument change = QJsonDocument::fromJson(bytes, &error);
                    QVERIFY2(error.error == QJsonParseError::NoError && change.isObject(),
                             qPrintable(QStringLiteral("%1: not a JSON object: %2").arg(where, error.errorString())));
                    const QJsonObject changed = change.object();
                    for (auto it = changed.begin(); it != changed.end(); ++it)
                        merged.insert(it.key(), it.value());
                    bytes = QJsonDocument(merged).toJson();
                }
                QVERIFY2(writeFile(work.filePath(block.fileName), bytes), qPrintable(where));
                continue;
            }
            if (block.kind != GuideBlock::Kind::Command)
                continue;
            const GuideScript script = guideScript(block, QStringLiteral(STONECASTER_CONSOLE), QStringLiteral(STONECASTER_SIM), SourceDir + QStringLiteral("/resources"));
            QProcess sh;
            sh.setWorkingDirectory(work.path());
            sh.setProcessEnvironment(env);
            sh.setProcessChannelMode(QProcess::MergedChannels);
            sh.start(QStringLiteral("sh"), {QStringLiteral("-e"), QStringLiteral("-c"), script.script});
            QVERIFY2(sh.waitForStarted(), qPrintable(where));
            if (!sh.waitForFinished(60'000)) {
                sh.kill();
                sh.waitForFinished();
                QFAIL(qPrintable(QStringLiteral("%1: still running after 60 s:\n%2\n%3").arg(where, block.text, QString::fromUtf8(sh.readAll()))));
            }
            const QString output = QString::fromUtf8(sh.readAll());
            const int status = sh.exitStatus() == QProcess::NormalExit ? sh.exitCode() : -1;
            QVERIFY2(status == block.expectedExit, qPrintable(QStringLiteral("%1: exited %2, the guide says %3:\n%4\noutput:\n%5")
                                                                  .arg(where).arg(status).arg(block.expectedExit).arg(block.text, output)));
            for (const QString &shot : script.screenshots) {
                QVERIFY2(QFileInfo(work.filePath(shot)).size() > 0, qPrintable(QStringLiteral("%1: the window wrote no screenshot %2:\n%3").arg(where, shot, output)));
            }
            if (i + 1 < p.blocks.size() && p.blocks[i + 1].kind == GuideBlock::Kind::Output) {
                const std::optional<QString> missing = missingOutputLine(p.blocks[i + 1].text, output);
                QVERIFY2(!missing, qPrintable(QStringLiteral("%1: the output shown at line %2 has \"%3\", which the command did not print (in that order):\n%4")
                                                  .arg(where).arg(p.blocks[i + 1].line).arg(missing.value_or(QString()), output)));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestUserGuide)
#include "tst_userguide.moc"
