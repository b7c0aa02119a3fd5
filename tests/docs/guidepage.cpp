#include "guidepage.h"

#include <QRegularExpression>

namespace {

struct Fence {
    QChar character;
    qsizetype length = 0;
    QString info;
};

// An opening or closing code fence: up to three spaces, then three or more ` or ~.
std::optional<Fence> fenceOf(const QString &line)
{
    qsizetype i = 0;
    while (i < line.size() && i < 3 && line[i] == QLatin1Char(' '))
        ++i;
    if (i >= line.size() || (line[i] != QLatin1Char('`') && line[i] != QLatin1Char('~')))
        return std::nullopt;
    const QChar c = line[i];
    qsizetype n = 0;
    while (i + n < line.size() && line[i + n] == c)
        ++n;
    if (n < 3)
        return std::nullopt;
    return Fence{c, n, line.mid(i + n).trimmed()};
}

void readInfo(GuideBlock &block, const QString &path, QStringList &problems)
{
    const QString where = QStringLiteral("%1:%2: ").arg(path).arg(block.line);
    QStringList words = block.info.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    block.language = words.isEmpty() ? QString() : words.takeFirst();
    if (block.language.isEmpty()) {
        problems << where + QStringLiteral("a code block without a language: write ```sh test, ```sh no-test: REASON, ```text, ...");
        return;
    }
    if (GuidePage::isShellLanguage(block.language)) {
        if (words.isEmpty()) {
            problems << where + QStringLiteral("a command block without a marker: write ```%1 test or ```%1 no-test: REASON").arg(block.language);
            return;
        }
        const QString marker = words.takeFirst();
        if (marker == u"no-test:" || marker.startsWith(u"no-test:")) {
            block.kind = GuideBlock::Kind::NotRun;
            block.reason = (marker.mid(8) + QLatin1Char(' ') + words.join(QLatin1Char(' '))).trimmed();
            if (block.reason.isEmpty())
                problems << where + QStringLiteral("\"no-test:\" needs the reason the commands are not run");
            return;
        }
        if (marker != u"test") {
            problems << where + QStringLiteral("unknown marker \"%1\": write test or no-test: REASON").arg(marker);
            return;
        }
        block.kind = GuideBlock::Kind::Command;
        for (const QString &w : std::as_const(words)) {
            bool ok = false;
            if (w == u"window")
                block.window = true;
            else if (w.startsWith(u"exit=") && (block.expectedExit = w.mid(5).toInt(&ok), ok))
                continue;
            else
                problems << where + QStringLiteral("unknown option \"%1\" of a tested block (known: exit=N, window)").arg(w);
        }
        if (block.window && block.expectedExit != 0)
            problems << where + QStringLiteral("a window block must exit 0");
        return;
    }
    for (const QString &w : std::as_const(words)) {
        if (w.startsWith(u"file=")) {
            block.kind = GuideBlock::Kind::File;
            block.fileName = w.mid(5);
            if (block.fileName.isEmpty() || block.fileName.contains(QLatin1Char('/')))
                problems << where + QStringLiteral("file= needs a plain file name");
        } else if (w.startsWith(u"base=")) {
            block.baseFile = w.mid(5);
        } else if (w == u"output" && block.language == u"text") {
            block.kind = GuideBlock::Kind::Output;
        } else {
            problems << where + QStringLiteral("unknown word \"%1\" after ```%2 (known: file=NAME, base=NAME, and output after ```text)").arg(w, block.language);
        }
    }
    if (!block.baseFile.isEmpty() && block.kind != GuideBlock::Kind::File)
        problems << where + QStringLiteral("base= needs file=");
    if (!block.baseFile.isEmpty() && block.language != u"json")
        problems << where + QStringLiteral("base= works for json files only");
}

} // namespace

bool GuidePage::isShellLanguage(const QString &language)
{
    return language == u"sh" || language == u"bash" || language == u"shell" || language == u"console" || language == u"zsh";
}

GuidePage GuidePage::parse(const QString &path, const QString &markdown)
{
    GuidePage page;
    page.path = path;
    const QStringList lines = markdown.split(QLatin1Char('\n'));
    static const QRegularExpression link(QStringLiteral(R"(\]\(([^)\s]+)\))"));
    std::optional<Fence> open;
    GuideBlock block;
    QStringList files;
    for (int i = 0; i < lines.size(); ++i) {
        const QString &line = lines[i];
        const std::optional<Fence> fence = fenceOf(line);
        if (open) {
            if (fence && fence->character == open->character && fence->length >= open->length && fence->info.isEmpty()) {
                page.blocks.append(block);
                open.reset();
            } else {
                block.text += line + QLatin1Char('\n');
            }
            continue;
        }
        if (fence) {
            open = fence;
            block = GuideBlock();
            block.line = i + 1;
            block.info = fence->info;
            readInfo(block, path, page.problems);
            const QString where = QStringLiteral("%1:%2: ").arg(path).arg(block.line);
            if (block.kind == GuideBlock::Kind::Output
                && (page.blocks.isEmpty() || page.blocks.last().kind != GuideBlock::Kind::Command))
                page.problems << where + QStringLiteral("```text output must follow a tested command block directly");
            if (block.kind == GuideBlock::Kind::File) {
                if (files.contains(block.fileName))
                    page.problems << where + QStringLiteral("file=%1 is written twice on this page").arg(block.fileName);
                if (!block.baseFile.isEmpty() && !files.contains(block.baseFile))
                    page.problems << where + QStringLiteral("base=%1 is not an earlier file= of this page").arg(block.baseFile);
                files << block.fileName;
            }
            continue;
        }
        for (auto it = link.globalMatch(line); it.hasNext();)
            page.links.append({i + 1, it.next().captured(1)});
    }
    if (open)
        page.problems << QStringLiteral("%1:%2: code block never closed").arg(path).arg(block.line);
    return page;
}

GuideScript guideScript(const GuideBlock &block, const QString &console, const QString &sim, const QString &resourcesDir)
{
    static const QRegularExpression consoleName(QStringLiteral(R"((?<![\w/.-])stonecaster-console(?![\w.-]))"));
    static const QRegularExpression simName(QStringLiteral(R"((?<![\w/.-])stonecaster-sim(?![\w.-]))"));
    GuideScript result;
    // One command per logical line: a line ending in '\' continues on the next.
    QStringList commands;
    QString current;
    for (const QString &line : block.text.split(QLatin1Char('\n'))) {
        if (line.endsWith(QLatin1Char('\\'))) {
            current += line.chopped(1) + QLatin1Char(' ');
            continue;
        }
        commands << current + line;
        current.clear();
    }
    if (!current.isEmpty())
        commands << current;
    for (QString &command : commands) {
        const bool runsConsole = consoleName.match(command).hasMatch();
        command.replace(consoleName, console).replace(simName, sim).replace(QStringLiteral("/usr/share/stonecaster/"), resourcesDir + QLatin1Char('/'));
        if (block.window && runsConsole && !command.trimmed().startsWith(QLatin1Char('#'))) {
            const QString shot = QStringLiteral("window-%1-%2.png").arg(block.line).arg(result.screenshots.size() + 1);
            command += QStringLiteral(" --screenshot %1 --screenshot-after 1").arg(shot);
            result.screenshots << shot;
        }
    }
    result.script = commands.join(QLatin1Char('\n'));
    return result;
}

std::optional<QString> missingOutputLine(const QString &expected, const QString &output)
{
    const QStringList lines = output.split(QLatin1Char('\n'));
    qsizetype at = 0;
    for (const QString &want : expected.split(QLatin1Char('\n'))) {
        if (want.trimmed().isEmpty() || want.trimmed() == u"...")
            continue;
        qsizetype found = -1;
        for (qsizetype i = at; i < lines.size(); ++i) {
            if (lines[i].contains(want.trimmed())) {
                found = i;
                break;
            }
        }
        if (found < 0)
            return want;
        at = found + 1;
    }
    return std::nullopt;
}
