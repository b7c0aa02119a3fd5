#include "runbookparser.h"

#include "idslug.h"
#include "inlinemarkdown.h"
#include "keywords.h"
#include "ruleextractor.h"
#include "trafficplanextractor.h"

#include <QHash>
#include <QRegularExpression>

namespace {

constexpr auto CI = QRegularExpression::CaseInsensitiveOption;

struct Heading {
    int level = 0;
    QString title;
};

// ATX heading: up to three spaces, 1-6 '#', a space, the title, optional closing #s.
std::optional<Heading> heading(QStringView line)
{
    qsizetype i = 0;
    while (i < line.size() && i < 3 && line[i] == QLatin1Char(' '))
        ++i;
    int level = 0;
    while (i < line.size() && line[i] == QLatin1Char('#') && level < 7) {
        ++i;
        ++level;
    }
    if (level == 0 || level > 6 || (i < line.size() && line[i] != QLatin1Char(' ') && line[i] != QLatin1Char('\t')))
        return std::nullopt;
    QString title = line.mid(i).trimmed().toString();
    // closing sequence "## Title ##"
    qsizetype end = title.size();
    while (end > 0 && title[end - 1] == QLatin1Char('#'))
        --end;
    if (end < title.size() && (end == 0 || title[end - 1] == QLatin1Char(' ')))
        title = title.left(end).trimmed();
    return Heading{level, title};
}

struct ListLine {
    int indent = 0;
    bool numbered = false;
    QStringView content; // into the text being parsed
};

std::optional<ListLine> listLine(QStringView line)
{
    int indent = 0;
    qsizetype i = 0;
    for (; i < line.size(); ++i) {
        if (line[i] == QLatin1Char(' '))
            ++indent;
        else if (line[i] == QLatin1Char('\t'))
            indent += 4 - indent % 4;
        else
            break;
    }
    if (i >= line.size())
        return std::nullopt;
    bool numbered = false;
    const QChar c = line[i];
    if (c == QLatin1Char('-') || c == QLatin1Char('*') || c == QLatin1Char('+')) {
        ++i;
    } else if (c.isDigit()) {
        qsizetype j = i;
        while (j < line.size() && j - i < 9 && line[j].isDigit())
            ++j;
        if (j >= line.size() || (line[j] != QLatin1Char('.') && line[j] != QLatin1Char(')')))
            return std::nullopt;
        i = j + 1;
        numbered = true;
    } else {
        return std::nullopt;
    }
    if (i < line.size() && line[i] != QLatin1Char(' ') && line[i] != QLatin1Char('\t'))
        return std::nullopt; // "-foo", "**bold**", "1.5"
    const QStringView content = line.mid(i).trimmed();
    if (!numbered && content.isEmpty())
        return std::nullopt;
    // A thematic break "* * *" or "- - -" is not a list item.
    if (!numbered && !content.isEmpty() && content.count(c) == content.size() - content.count(QLatin1Char(' ')))
        return std::nullopt;
    return ListLine{indent, numbered, content};
}

struct SectionBuild {
    RunbookSection section;
    QString normalized;
    bool subtreeCheckable = false;
    int phaseNumber = 0;
};

class Parser
{
public:
    explicit Parser(const QString &fileName) { m_runbook.fileName = fileName; }
    Runbook run(const QString &text);

private:
    void startSection(const Heading &h, int line);
    void addListLine(const ListLine &l, int line);
    RunbookGroup &groupForItem(int line);
    void finishSections(int lastLine);
    void extractRulesAndPlan();
    struct HeadingClass {
        RuleExtractor::HeadingTier tier = RuleExtractor::HeadingTier::None;
        bool traffic = false;    // introduces traffic-shift steps
        bool alertLevel = false; // "Critical", "Warning", "Info"
    };
    static HeadingClass classify(const QString &title);
    RuleExtractor::HeadingTier tierOf(qsizetype sectionIndex, const HeadingClass *group, const QList<HeadingClass> &sections) const;
    void diag(int line, Diagnostic::Severity s, const QString &message);

    Runbook m_runbook;
    QList<SectionBuild> m_sections;
    QList<int> m_stack; // indexes into m_sections, one per open heading level
    IdSlug::UniqueIds m_sectionIds;
    IdSlug::UniqueIds m_groupIds; // every base starts with its section's unique id
    IdSlug::UniqueIds m_itemIds;  // every base starts with its group's unique id
    QHash<QString, int> m_headingLines; // parent id + folded heading -> first line
    int m_currentGroup = -1; // index into the current section's groups; -1 = none open
    int m_groupIndent = -1;  // indentation of the open titled group's marker
    bool m_groupTitled = false;
    int m_droppedDiagnostics = 0;
    int m_orphanItemLine = 0;
};

void Parser::diag(int line, Diagnostic::Severity s, const QString &message)
{
    if (m_runbook.diagnostics.size() >= RunbookParser::MaxDiagnostics) {
        ++m_droppedDiagnostics;
        return;
    }
    m_runbook.diagnostics.append({line, s, message});
}

void Parser::startSection(const Heading &h, int line)
{
    if (h.level == 1 && m_runbook.title.isEmpty() && m_sections.isEmpty()) {
        m_runbook.title = InlineMarkdown::toPlain(h.title).text;
        return;
    }
    if (!m_sections.isEmpty())
        m_sections.last().section.endLine = line - 1;

    while (!m_stack.isEmpty() && m_sections[m_stack.last()].section.level >= h.level)
        m_stack.removeLast();

    SectionBuild b;
    RunbookSection &s = b.section;
    s.title = InlineMarkdown::toPlain(h.title).text;
    s.level = h.level;
    s.line = line;
    s.endLine = line;
    s.parentId = m_stack.isEmpty() ? QString() : m_sections[m_stack.last()].section.id;
    b.normalized = IdSlug::normalizedHeading(s.title);

    static const QRegularExpression phase(QStringLiteral(R"(^\s*(?:phase|stage)\s+(\d+|[ivx]+)\s*[:.\-–—)]\s*\S)"), CI);
    static const QRegularExpression window(QStringLiteral(R"(\(\s*(?:t\s*\+\s*)?(\d+)\s*(?:-|–|—|to)\s*(?:t\s*\+\s*)?(\d+)\s*(minutes?|mins?|m|hours?|hrs?|h)\s*\)\s*$)"), CI);
    const bool mayBePhase = s.title.startsWith(QLatin1String("phase"), Qt::CaseInsensitive) || s.title.startsWith(QLatin1String("stage"), Qt::CaseInsensitive);
    if (const QRegularExpressionMatch m = mayBePhase ? phase.match(s.title) : QRegularExpressionMatch();
        m.hasMatch()) {
        s.kind = SectionKind::Phase;
        b.phaseNumber = m.captured(1).toInt();
        if (const QRegularExpressionMatch w = window.match(s.title); w.hasMatch()) {
            const int factor = w.captured(3).startsWith(QLatin1Char('h'), Qt::CaseInsensitive) ? 60 : 1;
            const int start = w.captured(1).toInt() * factor;
            const int end = w.captured(2).toInt() * factor;
            if (end <= start)
                diag(line, Diagnostic::Severity::Error, QStringLiteral("phase window \"%1\" ends before it starts").arg(w.captured(0).trimmed()));
            else
                s.window = PhaseWindow{start, end};
        } else if (s.title.contains(QLatin1Char('('))) {
            diag(line, Diagnostic::Severity::Warning,
                 QStringLiteral("phase \"%1\" has no planned window understood as \"(A-B minutes)\"").arg(s.title));
        }
    }

    // Duplicate headings under one parent are legal but confusing: say so, ids get a suffix.
    const QString headingKey = s.parentId + QLatin1Char('\n') + b.normalized.toCaseFolded();
    if (const auto other = m_headingLines.constFind(headingKey); other != m_headingLines.cend()) {
        diag(line, Diagnostic::Severity::Warning,
             QStringLiteral("duplicate heading \"%1\" (also at line %2); its items get ids with a suffix").arg(s.title).arg(*other));
    } else {
        m_headingLines.insert(headingKey, line);
    }
    s.id = m_sectionIds.take(IdSlug::fromText(b.normalized));
    m_sections.append(std::move(b));
    m_stack.append(m_sections.size() - 1);
    m_currentGroup = -1;
    m_groupIndent = -1;
    m_groupTitled = false;
}

RunbookGroup &Parser::groupForItem(int line)
{
    SectionBuild &b = m_sections.last();
    if (m_currentGroup < 0) {
        RunbookGroup g;
        g.id = m_groupIds.take(b.section.id);
        g.line = line;
        b.section.groups.append(std::move(g));
        m_currentGroup = int(b.section.groups.size()) - 1;
        m_groupTitled = false;
        m_groupIndent = -1;
    }
    return b.section.groups[m_currentGroup];
}

void Parser::addListLine(const ListLine &l, int line)
{
    static const QRegularExpression groupTitle(QStringLiteral(R"(^\*\*(.+?):?\*\*\s*:?\s*$)"));
    static const QRegularExpression keyValue(QStringLiteral(R"(^\*\*([^*]+?)\*\*\s*:\s*(.*)$|^\*\*([^*]+?):\*\*\s*(.*)$)"));

    if (m_sections.isEmpty()) {
        if (m_orphanItemLine == 0) {
            m_orphanItemLine = line;
            diag(line, Diagnostic::Severity::Warning, QStringLiteral("list items before the first section heading are not part of any checklist"));
        }
        return;
    }
    SectionBuild &b = m_sections.last();

    if (l.numbered && l.content.startsWith(QLatin1String("**"))) {
        if (const QRegularExpressionMatch m = groupTitle.matchView(l.content); m.hasMatch()) {
            RunbookGroup g;
            g.title = InlineMarkdown::toPlain(m.captured(1)).text;
            g.id = m_groupIds.take(IdSlug::childId(b.section.id, *g.title));
            g.line = line;
            b.section.groups.append(std::move(g));
            m_currentGroup = int(b.section.groups.size()) - 1;
            m_groupIndent = l.indent;
            m_groupTitled = true;
            return;
        }
    }
    // An item at or left of a titled group's own marker no longer belongs to that group.
    if (m_groupTitled && l.indent <= m_groupIndent)
        m_currentGroup = -1;

    RunbookItem item;
    item.line = line;
    QStringView content = l.content;
    // "[ ] text", "[x] text": checked by hand, it is on every item.
    if (content.size() >= 3 && content[0] == QLatin1Char('[') && content[2] == QLatin1Char(']')
        && (content[1] == QLatin1Char(' ') || content[1] == QLatin1Char('x') || content[1] == QLatin1Char('X'))
        && (content.size() == 3 || content[3].isSpace())) {
        item.checkable = true;
        item.checked = content[1] != QLatin1Char(' ');
        content = content.mid(3).trimmed();
        if (content.isEmpty()) {
            diag(line, Diagnostic::Severity::Warning, QStringLiteral("checklist item without text is ignored"));
            return;
        }
    }
    QRegularExpressionMatch keyed;
    if (!item.checkable && content.startsWith(u"**"))
        keyed = keyValue.matchView(content);
    if (keyed.hasMatch()) {
        const bool first = keyed.hasCaptured(1) && !keyed.capturedView(1).isEmpty();
        item.key = InlineMarkdown::toPlain(first ? keyed.capturedView(1) : keyed.capturedView(3)).text;
        const InlineMarkdown::Plain v = InlineMarkdown::toPlain(first ? keyed.capturedView(2) : keyed.capturedView(4));
        item.value = v.text;
        item.links = v.links;
        item.text = item.value.isEmpty() ? item.key : item.key + QStringLiteral(": ") + item.value;
    } else {
        const InlineMarkdown::Plain p = InlineMarkdown::toPlain(content);
        item.text = p.text;
        item.links = p.links;
    }
    if (item.text.isEmpty())
        return; // "1." alone: an empty list marker, nothing to keep

    RunbookGroup &g = groupForItem(line);
    const QString base = IdSlug::childId(g.id, item.key.isEmpty() ? item.text : item.key);
    item.id = m_itemIds.take(base);
    g.items.append(std::move(item));
}

void Parser::finishSections(int lastLine)
{
    if (!m_sections.isEmpty())
        m_sections.last().section.endLine = lastLine;

    // Children follow parents, so walking backwards carries "has checkboxes" up the tree.
    QHash<QString, qsizetype> index;
    for (qsizetype i = 0; i < m_sections.size(); ++i)
        index.insert(m_sections[i].section.id, i);
    for (qsizetype i = m_sections.size() - 1; i >= 0; --i) {
        SectionBuild &b = m_sections[i];
        if (b.section.hasCheckableItems())
            b.subtreeCheckable = true;
        if (b.subtreeCheckable && !b.section.parentId.isEmpty())
            m_sections[index.value(b.section.parentId)].subtreeCheckable = true;
    }

    static const QRegularExpression procedureWord(QStringLiteral(R"(\b(?:rollback|roll\s*back|emergency|emergencies|incident)\b)"), CI);
    int lastPhase = 0;
    int lastPhaseLine = 0;
    for (SectionBuild &b : m_sections) {
        RunbookSection &s = b.section;
        if (s.kind == SectionKind::Phase) {
            if (lastPhase && b.phaseNumber != lastPhase + 1)
                diag(s.line, Diagnostic::Severity::Warning,
                     QStringLiteral("phase %1 follows phase %2 (line %3)").arg(b.phaseNumber).arg(lastPhase).arg(lastPhaseLine));
            lastPhase = b.phaseNumber;
            lastPhaseLine = s.line;
            continue;
        }
        if (!b.subtreeCheckable) {
            s.kind = SectionKind::Reference;
            continue;
        }
        const auto namesProcedure = [](const QString &title) {
            return containsAnyKeyword(title, {"roll", "emergenc", "incident"}) && procedureWord.match(title).hasMatch();
        };
        bool underProcedure = namesProcedure(s.title);
        for (QString p = s.parentId; !underProcedure && !p.isEmpty();) {
            const SectionBuild &parent = m_sections[index.value(p)];
            underProcedure = namesProcedure(parent.section.title);
            p = parent.section.parentId;
        }
        s.kind = underProcedure ? SectionKind::Procedure : SectionKind::Checklist;
    }
    if (lastPhase == 0)
        diag(0, Diagnostic::Severity::Error,
             QStringLiteral("no phases found: a deployment runbook needs headings like \"### Phase 1: Preparation (0-30 minutes)\""));

    for (SectionBuild &b : m_sections)
        m_runbook.sections.append(std::move(b.section));
    m_runbook.rebuildIndex();
}

Parser::HeadingClass Parser::classify(const QString &title)
{
    // Alert levels are one short word ("Critical", "2. Warning"); skip longer titles cheaply.
    const bool mayBeLevel = title.size() <= 24;
    return {RuleExtractor::tierForHeading(title), TrafficPlanExtractor::isTrafficHeading(title),
            mayBeLevel && RuleExtractor::alertLevel(IdSlug::normalizedHeading(title)).has_value()};
}

// The tier a group's items have: from the group's own heading, else its section's; an
// alert-level heading ("### Critical") under an alerting heading takes its tier from there.
// 'sections' holds each section's classification, computed once.
RuleExtractor::HeadingTier Parser::tierOf(qsizetype sectionIndex, const HeadingClass *group, const QList<HeadingClass> &sections) const
{
    const auto underAlerting = [&](qsizetype from) {
        for (qsizetype i = from; i >= 0;) {
            if (sections[i].tier == RuleExtractor::HeadingTier::Alerting)
                return true;
            const QString &parent = m_runbook.sections[i].parentId;
            i = parent.isEmpty() ? -1 : m_runbook.sectionIndex.value(parent, -1);
        }
        return false;
    };
    if (group) {
        if (group->tier != RuleExtractor::HeadingTier::None)
            return group->tier;
        if (group->alertLevel && underAlerting(sectionIndex))
            return RuleExtractor::HeadingTier::Alerting;
    }
    const HeadingClass &own = sections[sectionIndex];
    if (own.tier != RuleExtractor::HeadingTier::None)
        return own.tier;
    const QString &parent = m_runbook.sections[sectionIndex].parentId;
    if (own.alertLevel && !parent.isEmpty() && underAlerting(m_runbook.sectionIndex.value(parent)))
        return RuleExtractor::HeadingTier::Alerting;
    return RuleExtractor::HeadingTier::None;
}

void Parser::extractRulesAndPlan()
{
    TrafficPlanExtractor plan;
    IdSlug::UniqueIds ruleIds;
    bool planSeen = false;
    QList<HeadingClass> sectionClasses;
    sectionClasses.reserve(m_runbook.sections.size());
    for (const RunbookSection &s : std::as_const(m_runbook.sections))
        sectionClasses.append(classify(s.title));
    for (qsizetype si = 0; si < m_runbook.sections.size(); ++si) {
        const RunbookSection &s = m_runbook.sections[si];
        for (const RunbookGroup &g : s.groups) {
            const std::optional<HeadingClass> groupClass = g.title ? std::optional(classify(*g.title)) : std::nullopt;
            const RuleExtractor::HeadingTier tier = tierOf(si, groupClass ? &*groupClass : nullptr, sectionClasses);
            if (tier == RuleExtractor::HeadingTier::None) {
                // Steps come from traffic-shift headings; a rollback or emergency procedure's
                // "send 100% back to blue" is not part of the plan.
                const bool trafficHeading = (groupClass && groupClass->traffic) || sectionClasses[si].traffic;
                if (trafficHeading && s.kind != SectionKind::Procedure) {
                    for (const RunbookItem &item : g.items) {
                        const qsizetype before = plan.steps().size();
                        plan.addLine(item.text, item.line);
                        planSeen = planSeen || plan.steps().size() != before;
                    }
                }
                continue;
            }
            for (const RunbookItem &item : g.items) {
                RuleTier ruleTier = RuleTier::Target;
                switch (tier) {
                case RuleExtractor::HeadingTier::Target: ruleTier = RuleTier::Target; break;
                case RuleExtractor::HeadingTier::DecisionPoint: ruleTier = RuleTier::DecisionPoint; break;
                case RuleExtractor::HeadingTier::AutoRollback: ruleTier = RuleTier::AutoRollback; break;
                case RuleExtractor::HeadingTier::Alerting: {
                    // The level is the item's key ("**Critical**: ..."), else the group's or section's title.
                    std::optional<RuleTier> level = RuleExtractor::alertLevel(item.key);
                    if (!level && g.title)
                        level = RuleExtractor::alertLevel(*g.title);
                    if (!level)
                        level = RuleExtractor::alertLevel(IdSlug::normalizedHeading(s.title));
                    if (!level) {
                        diag(item.line, Diagnostic::Severity::Warning,
                             QStringLiteral("alerting threshold without a level; write \"**Critical**:\", \"**Warning**:\" or \"**Info**:\""));
                        continue;
                    }
                    ruleTier = *level;
                    break;
                }
                case RuleExtractor::HeadingTier::None: break;
                }
                const RuleExtractor::Result r = RuleExtractor::extract(ruleTier, item.text, item.key, item.value, item.line);
                for (Diagnostic d : r.diagnostics) {
                    // Targets and alert levels only colour the status; rules that gate or roll back must be understood.
                    if (ruleTier != RuleTier::DecisionPoint && ruleTier != RuleTier::AutoRollback)
                        d.severity = Diagnostic::Severity::Warning;
                    diag(d.line, d.severity, d.message);
                }
                for (Rule rule : r.rules) {
                    rule.id = ruleIds.take(nameOf(rule.tier) + QLatin1Char('.') + nameOf(rule.metric));
                    m_runbook.rules.append(rule);
                }
            }
        }
    }
    plan.finish();
    m_runbook.trafficPlan = plan.steps();
    for (const Diagnostic &d : plan.diagnostics())
        diag(d.line, d.severity, d.message);
    if (!planSeen)
        diag(0, Diagnostic::Severity::Warning,
             QStringLiteral("no traffic plan found: expected steps such as \"Start with 5% traffic to green\" under a traffic-shift heading"));
}

Runbook Parser::run(const QString &text)
{
    m_runbook.source = text;
    int lineNo = 0;
    bool inFence = false;
    QStringView fence;
    int fenceLine = 0;
    const QStringView all(text);
    qsizetype pos = 0;
    while (pos <= all.size()) {
        qsizetype nl = all.indexOf(QLatin1Char('\n'), pos);
        if (nl < 0)
            nl = all.size();
        QStringView line = all.mid(pos, nl - pos);
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        pos = nl + 1;
        ++lineNo;

        const QStringView trimmed = line.trimmed();
        if (trimmed.isEmpty())
            continue;
        const QChar first = trimmed.front();
        if ((first == QLatin1Char('`') || first == QLatin1Char('~')) && (trimmed.startsWith(u"```") || trimmed.startsWith(u"~~~"))) {
            if (!inFence) {
                inFence = true;
                fence = trimmed.left(3);
                fenceLine = lineNo;
            } else if (trimmed.startsWith(fence)) {
                inFence = false;
            }
            continue;
        }
        if (inFence)
            continue;
        if (first == QLatin1Char('#')) {
            if (const std::optional<Heading> h = heading(line)) {
                if (h->title.isEmpty()) {
                    diag(lineNo, Diagnostic::Severity::Warning, QStringLiteral("empty heading is ignored"));
                    continue;
                }
                startSection(*h, lineNo);
                continue;
            }
        }
        if (first == QLatin1Char('-') || first == QLatin1Char('*') || first == QLatin1Char('+') || first.isDigit()) {
            if (const std::optional<ListLine> l = listLine(line)) {
                addListLine(*l, lineNo);
                continue;
            }
        }
        // A paragraph at the left margin ends any list, and so any titled group.
        if (line.front() != QLatin1Char(' ') && line.front() != QLatin1Char('\t'))
            m_currentGroup = -1;
    }
    if (inFence)
        diag(fenceLine, Diagnostic::Severity::Warning, QStringLiteral("code block opened here is never closed"));
    if (m_runbook.title.isEmpty())
        diag(0, Diagnostic::Severity::Warning, QStringLiteral("no title: expected a \"# Title\" heading at the top"));

    finishSections(lineNo);
    extractRulesAndPlan();
    if (m_droppedDiagnostics > 0)
        m_runbook.diagnostics.append({0, Diagnostic::Severity::Warning,
                                      QStringLiteral("%1 further diagnostics not shown").arg(m_droppedDiagnostics)});
    std::stable_sort(m_runbook.diagnostics.begin(), m_runbook.diagnostics.end(),
                     [](const Diagnostic &a, const Diagnostic &b) { return a.line < b.line; });
    return std::move(m_runbook);
}

} // namespace

Runbook RunbookParser::parse(const QString &text, const QString &fileName)
{
    return Parser(fileName).run(text);
}
