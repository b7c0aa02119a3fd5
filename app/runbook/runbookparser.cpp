#include "runbookparser.h"

#include "idslug.h"
#include "inlinemarkdown.h"
#include "keywords.h"
#include "markdownlines.h"
#include "ruleextractor.h"
#include "scan.h"
#include "trafficplanextractor.h"

#include <QHash>
#include <QStringBuilder>

#include <algorithm>
#include <array>

namespace {

using namespace MarkdownLines;

// A heading under its parent, for finding duplicates: equal if the headings' case-folded forms
// are, without making them. compare() ignoring case folds each character as toCaseFolded() does.
struct HeadingKey {
    qsizetype parent = -1;
    QString normalized;

    friend bool operator==(const HeadingKey &a, const HeadingKey &b)
    {
        return a.parent == b.parent && a.normalized.compare(b.normalized, Qt::CaseInsensitive) == 0;
    }
    // A hash of the case-folded heading, folded as it goes for ASCII (nearly every heading).
    friend size_t qHash(const HeadingKey &key, size_t seed)
    {
        const bool ascii = std::all_of(key.normalized.begin(), key.normalized.end(), [](QChar c) { return c.unicode() < 0x80; });
        const QString folded = ascii ? key.normalized : key.normalized.toCaseFolded();
        size_t h = 0;
        for (const QChar c : folded)
            h = h * 31 + (c >= QLatin1Char('A') && c <= QLatin1Char('Z') ? c.unicode() + 32 : c.unicode());
        return qHashMulti(seed, key.parent, h);
    }
};

struct SectionBuild {
    RunbookSection section;
    qsizetype parent = -1; // index into the parser's sections; -1 at the top
    QString normalized;
    bool subtreeCheckable = false;
    int phaseNumber = 0;
};

} // namespace

// Like the Runbook types (runbook.h): QList may move it with memmove when it grows.
Q_DECLARE_TYPEINFO(SectionBuild, Q_RELOCATABLE_TYPE);

namespace {

class Parser
{
public:
    explicit Parser(const QString &fileName) { m_runbook.fileName = fileName; }
    Runbook run(const QString &text);

private:
    void startSection(const Heading &h, int line);
    void addListLine(const ListLine &l, int line);
    const QString &openGroupId(int line);
    void closeGroup();
    void finishSections(int lastLine);
    void extractRulesAndPlan();
    struct HeadingClass {
        RuleExtractor::HeadingTier tier = RuleExtractor::HeadingTier::None;
        bool traffic = false;    // introduces traffic-shift steps
        bool alertLevel = false; // "Critical", "Warning", "Info"
    };
    // 'normalized' is IdSlug::normalizedHeading(title) where the caller has it already.
    static HeadingClass classify(const QString &title, const QString *normalized = nullptr);
    bool underProcedure(qsizetype sectionIndex, QList<qint8> &known) const;
    const HeadingClass &sectionClass(qsizetype sectionIndex);
    RuleExtractor::HeadingTier tierOf(qsizetype sectionIndex, const HeadingClass *group);
    void diag(int line, Diagnostic::Severity s, const QString &message);
    // Diagnostics past MaxDiagnostics are only counted: a message that takes formatting is
    // built only if it is kept (a long runbook can repeat one thousands of times).
    template <typename BuildMessage>
    void diagBuilt(int line, Diagnostic::Severity s, BuildMessage buildMessage)
    {
        if (m_runbook.diagnostics.size() >= RunbookParser::MaxDiagnostics) {
            ++m_droppedDiagnostics;
            return;
        }
        m_runbook.diagnostics.append({line, s, buildMessage()});
    }

    Runbook m_runbook;
    QList<SectionBuild> m_sections;
    QList<std::optional<HeadingClass>> m_sectionClasses; // by section index, classified when first asked
    QList<int> m_stack; // indexes into m_sections, one per open heading level
    IdSlug::UniqueIds m_sectionIds; // ids kept in m_runbook.sectionIndex
    IdSlug::UniqueIds m_groupIds;   // every base starts with its section's unique id
    IdSlug::UniqueIds m_itemIds;    // every base starts with its group's unique id; ids kept in m_runbook.itemIndex
    QHash<HeadingKey, int> m_headingLines; // -> the heading's first line
    int m_currentGroup = -1; // index into the current section's groups; -1 = none open
    QString m_groupId;       // the open group's id
    // The open group's items, moved into it by closeGroup(): each group's list is then
    // allocated once, at its size, instead of growing item by item.
    QList<RunbookItem> m_openItems;
    int m_groupIndent = -1;  // indentation of the open titled group's marker
    bool m_groupTitled = false;
    int m_droppedDiagnostics = 0;
    int m_orphanItemLine = 0;
};

void Parser::diag(int line, Diagnostic::Severity s, const QString &message)
{
    diagBuilt(line, s, [&message] { return message; });
}

void Parser::startSection(const Heading &h, int line)
{
    closeGroup();
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
    b.parent = m_stack.isEmpty() ? -1 : m_stack.last();
    s.parentId = b.parent < 0 ? QString() : m_sections[b.parent].section.id;
    b.normalized = IdSlug::normalizedHeading(s.title);

    // "Phase 3: Traffic Shift": the prefix, then a title.
    if (const IdSlug::PhasePrefix phase = IdSlug::phasePrefix(s.title); phase.length > 0 && phase.length < s.title.size()) {
        s.kind = SectionKind::Phase;
        b.phaseNumber = phase.number.toInt();
        if (const std::optional<WindowText> w = phaseWindow(s.title)) {
            const int factor = w->unit.startsWith(QLatin1Char('h'), Qt::CaseInsensitive) ? 60 : 1;
            const int start = w->from.toInt() * factor;
            const int end = w->to.toInt() * factor;
            if (end <= start)
                diagBuilt(line, Diagnostic::Severity::Error,
                          [&] { return QStringLiteral("phase window \"%1\" ends before it starts").arg(w->text.trimmed()); });
            else
                s.window = PhaseWindow{start, end};
        } else if (s.title.contains(QLatin1Char('('))) {
            diagBuilt(line, Diagnostic::Severity::Warning,
                      [&] { return QStringLiteral("phase \"%1\" has no planned window understood as \"(A-B minutes)\"").arg(s.title); });
        }
    }

    // Duplicate headings under one parent are legal but confusing: say so, ids get a suffix.
    const qsizetype headings = m_headingLines.size();
    int &firstLine = m_headingLines[{b.parent, b.normalized}]; // one lookup: adds the heading if new
    if (m_headingLines.size() != headings)
        firstLine = line;
    else
        diagBuilt(line, Diagnostic::Severity::Warning, [&] {
            return QStringLiteral("duplicate heading \"%1\" (also at line %2); its items get ids with a suffix").arg(s.title).arg(firstLine);
        });
    s.id = m_sectionIds.insert(m_runbook.sectionIndex, IdSlug::fromText(b.normalized), m_sections.size());
    m_sections.append(std::move(b));
    m_stack.append(m_sections.size() - 1);
    m_groupIndent = -1;
    m_groupTitled = false;
}

void Parser::closeGroup()
{
    if (m_currentGroup >= 0 && !m_openItems.isEmpty()) {
        m_sections.last().section.groups[m_currentGroup].items =
            QList<RunbookItem>(std::make_move_iterator(m_openItems.begin()), std::make_move_iterator(m_openItems.end()));
        m_openItems.clear();
    }
    m_currentGroup = -1;
}

// The id of the group the next item goes to; an untitled one is opened if none is.
const QString &Parser::openGroupId(int line)
{
    if (m_currentGroup < 0) {
        SectionBuild &b = m_sections.last();
        RunbookGroup g;
        g.id = m_groupIds.take(b.section.id);
        g.line = line;
        m_groupId = g.id;
        b.section.groups.append(std::move(g));
        m_currentGroup = int(b.section.groups.size()) - 1;
        m_groupTitled = false;
        m_groupIndent = -1;
    }
    return m_groupId;
}

void Parser::addListLine(const ListLine &l, int line)
{
    if (m_sections.isEmpty()) {
        if (m_orphanItemLine == 0) {
            m_orphanItemLine = line;
            diag(line, Diagnostic::Severity::Warning, QStringLiteral("list items before the first section heading are not part of any checklist"));
        }
        return;
    }
    if (l.numbered && l.content.startsWith(QLatin1String("**"))) {
        if (const std::optional<QStringView> title = groupTitle(l.content)) {
            closeGroup();
            SectionBuild &b = m_sections.last();
            RunbookGroup g;
            g.title = InlineMarkdown::toPlain(*title).text;
            g.id = m_groupIds.take(IdSlug::childId(b.section.id, *g.title));
            g.line = line;
            m_groupId = g.id;
            b.section.groups.append(std::move(g));
            m_currentGroup = int(b.section.groups.size()) - 1;
            m_groupIndent = l.indent;
            m_groupTitled = true;
            return;
        }
    }
    // An item at or left of a titled group's own marker no longer belongs to that group.
    if (m_groupTitled && l.indent <= m_groupIndent)
        closeGroup();

    // Built in place; taken back if it turns out empty.
    RunbookItem &item = m_openItems.emplaceBack();
    item.line = line;
    QStringView content = l.content;
    // "[ ] text", "[x] text": checked by hand, it is on every item.
    if (content.size() >= 3 && content[0] == QLatin1Char('[') && content[2] == QLatin1Char(']')
        && (content[1] == QLatin1Char(' ') || content[1] == QLatin1Char('x') || content[1] == QLatin1Char('X'))
        && (content.size() == 3 || content[3].isSpace())) {
        item.checkable = true;
        item.checked = content[1] != QLatin1Char(' ');
        content = Scan::trimmed(content.sliced(3));
        if (content.isEmpty()) {
            m_openItems.removeLast();
            diag(line, Diagnostic::Severity::Warning, QStringLiteral("checklist item without text is ignored"));
            return;
        }
    }
    const std::optional<KeyValue> keyed = !item.checkable && content.startsWith(u"**") ? keyValue(content) : std::nullopt;
    if (keyed) {
        item.key = InlineMarkdown::toPlain(keyed->key).text;
        InlineMarkdown::Plain v = InlineMarkdown::toPlain(keyed->value);
        item.value = std::move(v.text);
        item.links = std::move(v.links);
        item.text = item.value.isEmpty() ? item.key : QString(item.key % u": " % item.value);
    } else {
        InlineMarkdown::Plain p = InlineMarkdown::toPlain(content);
        item.text = std::move(p.text);
        item.links = std::move(p.links);
    }
    if (item.text.isEmpty()) {
        m_openItems.removeLast(); // "1." alone: an empty list marker, nothing to keep
        return;
    }
    const QString &groupId = openGroupId(line);
    const std::array<qsizetype, 3> position{m_sections.size() - 1, m_currentGroup, m_openItems.size() - 1};
    item.id = m_itemIds.insert(m_runbook.itemIndex, IdSlug::childId(groupId, item.key.isEmpty() ? item.text : item.key), position);
}

void Parser::finishSections(int lastLine)
{
    if (!m_sections.isEmpty())
        m_sections.last().section.endLine = lastLine;

    // Children follow parents, so walking backwards carries "has checkboxes" up the tree.
    for (qsizetype i = m_sections.size() - 1; i >= 0; --i) {
        SectionBuild &b = m_sections[i];
        if (b.section.hasCheckableItems())
            b.subtreeCheckable = true;
        if (b.subtreeCheckable && b.parent >= 0)
            m_sections[b.parent].subtreeCheckable = true;
    }

    QList<qint8> procedure(m_sections.size(), -1);
    int lastPhase = 0;
    int lastPhaseLine = 0;
    for (qsizetype i = 0; i < m_sections.size(); ++i) {
        SectionBuild &b = m_sections[i];
        RunbookSection &s = b.section;
        if (s.kind == SectionKind::Phase) {
            if (lastPhase && b.phaseNumber != lastPhase + 1)
                diagBuilt(s.line, Diagnostic::Severity::Warning, [&] {
                    return QStringLiteral("phase %1 follows phase %2 (line %3)").arg(b.phaseNumber).arg(lastPhase).arg(lastPhaseLine);
                });
            lastPhase = b.phaseNumber;
            lastPhaseLine = s.line;
            continue;
        }
        if (!b.subtreeCheckable) {
            s.kind = SectionKind::Reference;
            continue;
        }
        s.kind = underProcedure(i, procedure) ? SectionKind::Procedure : SectionKind::Checklist;
    }
    if (lastPhase == 0)
        diag(0, Diagnostic::Severity::Error,
             QStringLiteral("no phases found: a deployment runbook needs headings like \"### Phase 1: Preparation (0-30 minutes)\""));

    // The parser filled Runbook::sectionIndex and itemIndex as it went; the section
    // indexes there are the positions in m_sections, kept here.
    m_runbook.sections.reserve(m_sections.size());
    for (SectionBuild &b : m_sections)
        m_runbook.sections.append(std::move(b.section));
}

// Whether a section's title or an ancestor's names a rollback or emergency procedure; 'known'
// remembers the answer for each section, as siblings share their ancestors.
bool Parser::underProcedure(qsizetype sectionIndex, QList<qint8> &known) const
{
    // \b(?:rollback|roll\s*back|emergency|emergencies|incident)\b, by hand
    const auto procedureAt = [](QStringView s, qsizetype i) {
        const qsizetype e = Scan::wholeWord(s, i, {"rollback", "emergency", "emergencies", "incident"});
        return e >= 0 ? e : Scan::wholeWord(s, Scan::spaces(s, Scan::literal(s, i, "roll")), {"back"});
    };
    static const Keywords procedureKeywords{"roll", "emergenc", "incident"};
    if (known[sectionIndex] < 0) {
        const QString &title = m_sections[sectionIndex].section.title;
        const qsizetype parent = m_sections[sectionIndex].parent;
        const bool names = procedureKeywords.foundIn(title)
            && Scan::findAtBoundary(title, 0, [&](qsizetype i) { return procedureAt(title, i); }).found();
        known[sectionIndex] = names || (parent >= 0 && underProcedure(parent, known));
    }
    return known[sectionIndex];
}

Parser::HeadingClass Parser::classify(const QString &title, const QString *normalized)
{
    // Alert levels are one short word ("Critical", "2. Warning"); skip longer titles cheaply.
    const bool level = title.size() <= 24
        && RuleExtractor::alertLevel(normalized ? *normalized : IdSlug::normalizedHeading(title)).has_value();
    return {RuleExtractor::tierForHeading(title), TrafficPlanExtractor::isTrafficHeading(title), level};
}

// A section's classification, made when first asked: sections without items are classified
// only if a descendant asks (alert levels), and many have none.
const Parser::HeadingClass &Parser::sectionClass(qsizetype sectionIndex)
{
    std::optional<HeadingClass> &known = m_sectionClasses[sectionIndex];
    if (!known)
        known = classify(m_runbook.sections[sectionIndex].title, &m_sections[sectionIndex].normalized);
    return *known;
}

// The tier a group's items have: from the group's own heading, else its section's; an
// alert-level heading ("### Critical") under an alerting heading takes its tier from there.
RuleExtractor::HeadingTier Parser::tierOf(qsizetype sectionIndex, const HeadingClass *group)
{
    const auto underAlerting = [&](qsizetype from) {
        for (qsizetype i = from; i >= 0; i = m_sections[i].parent) {
            if (sectionClass(i).tier == RuleExtractor::HeadingTier::Alerting)
                return true;
        }
        return false;
    };
    if (group) {
        if (group->tier != RuleExtractor::HeadingTier::None)
            return group->tier;
        if (group->alertLevel && underAlerting(sectionIndex))
            return RuleExtractor::HeadingTier::Alerting;
    }
    const HeadingClass own = sectionClass(sectionIndex);
    if (own.tier != RuleExtractor::HeadingTier::None)
        return own.tier;
    const qsizetype parent = m_sections[sectionIndex].parent;
    if (own.alertLevel && parent >= 0 && underAlerting(parent))
        return RuleExtractor::HeadingTier::Alerting;
    return RuleExtractor::HeadingTier::None;
}

void Parser::extractRulesAndPlan()
{
    TrafficPlanExtractor plan;
    IdSlug::UniqueIds ruleIds;
    constexpr std::size_t Tiers = std::size_t(RuleTier::AutoRollback) + 1;
    constexpr std::size_t Metrics = std::size_t(RuleMetric::SecurityAlert) + 1;
    std::array<std::array<QString, Metrics>, Tiers> ruleIdBases; // "tier.metric", made once each
    bool planSeen = false;
    m_sectionClasses.resize(m_runbook.sections.size());
    for (qsizetype si = 0; si < m_runbook.sections.size(); ++si) {
        const RunbookSection &s = m_runbook.sections[si];
        for (const RunbookGroup &g : s.groups) {
            const std::optional<HeadingClass> groupClass = g.title ? std::optional(classify(*g.title)) : std::nullopt;
            const RuleExtractor::HeadingTier tier = tierOf(si, groupClass ? &*groupClass : nullptr);
            if (tier == RuleExtractor::HeadingTier::None) {
                // Steps come from traffic-shift headings; a rollback or emergency procedure's
                // "send 100% back to blue" is not part of the plan.
                const bool trafficHeading = (groupClass && groupClass->traffic) || sectionClass(si).traffic;
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
                        level = RuleExtractor::alertLevel(m_sections[si].normalized);
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
                RuleExtractor::Result r = RuleExtractor::extract(ruleTier, item.text, item.key, item.value, item.line);
                for (Diagnostic d : r.diagnostics) {
                    // Targets and alert levels only colour the status; rules that gate or roll back must be understood.
                    if (ruleTier != RuleTier::DecisionPoint && ruleTier != RuleTier::AutoRollback)
                        d.severity = Diagnostic::Severity::Warning;
                    diag(d.line, d.severity, d.message);
                }
                for (Rule &rule : r.rules) {
                    QString &base = ruleIdBases[int(rule.tier)][int(rule.metric)];
                    if (base.isNull())
                        base = nameOf(rule.tier) % u'.' % nameOf(rule.metric); // "decision-point.error_rate"
                    rule.id = ruleIds.take(base);
                    m_runbook.rules.append(std::move(rule));
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
    // Sizes guessed from the length (an item is some 50 characters of runbook, a heading some
    // 200): a hash that grows hashes every id again.
    m_runbook.itemIndex.reserve(text.size() / 48);
    m_runbook.sectionIndex.reserve(text.size() / 128);
    m_headingLines.reserve(text.size() / 128);
    m_groupIds.reserve(text.size() / 128);
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

        // Every test below looks at the start of the line: skip its indentation only.
        qsizetype indent = 0;
        while (indent < line.size() && line[indent].isSpace())
            ++indent;
        if (indent == line.size())
            continue;
        const QStringView trimmed = line.sliced(indent);
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
            closeGroup();
    }
    closeGroup();
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
