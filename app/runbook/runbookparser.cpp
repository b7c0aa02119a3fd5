#include "runbookparser.h"

#include "idslug.h"
#include "inlinemarkdown.h"
#include "keywords.h"
#include "markdownlines.h"
#include "ruleextractor.h"
#include "scan.h"
#include "tableextractor.h"
#include "trafficplanextractor.h"

#include <QHash>
#include <QStringBuilder>

#include <algorithm>
#include <array>
#include <functional>

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
    void diag(int line, Diagnostic::Severity s, const Phrase &message);
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
    int m_lastPhaseEnd = 0; // minutes: where a phase given as a length starts

    // Pipe tables and paragraphs, read for plans and rules after the sections are known.
    struct Paragraph {
        qsizetype section = -1;
        int line = 0;
        qsizetype start = 0; // into the text parsed
        qsizetype end = 0;
    };
    void addTableLine(QStringView line, int lineNo);
    void readParagraph(const Paragraph &p, const std::function<void(Rule &&)> &addRule);
    void checkTiers();
    QList<MarkdownTable> m_tables;
    bool m_tableOpen = false;
    QList<Paragraph> m_paragraphs;
    bool m_paragraphOpen = false;
    QStringView m_text;
};

void Parser::diag(int line, Diagnostic::Severity s, const Phrase &message)
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

    // "Phase 3: Traffic Shift": the prefix, then a title. A ## or ### heading without the
    // prefix is a phase too if it ends in a window, "## Canary (0-20 min)", "### Bake (T+20 to T+60)".
    const IdSlug::PhasePrefix phase = IdSlug::phasePrefix(s.title);
    const bool prefixed = phase.length > 0 && phase.length < s.title.size();
    std::optional<WindowText> w;
    if (prefixed || h.level == 2 || h.level == 3) {
        w = phaseWindow(s.title);
        if (!w)
            w = otherPhaseWindow(s.title);
        if (w && w->length && !prefixed)
            w.reset(); // "### Smoke tests (5 min)" is no phase
    }
    if (prefixed || w) {
        s.kind = SectionKind::Phase;
        b.phaseNumber = prefixed ? phase.number.toInt() : -1;
        if (w) {
            const int factor = w->unit.startsWith(QLatin1Char('h'), Qt::CaseInsensitive) ? 60 : 1;
            // As toInt() reads them (0 if too long), kept from overflowing when added up.
            const auto minutes = [factor](QStringView digits) { return int(std::min<qint64>(qint64(digits.toInt()) * factor, 1 << 24)); };
            const int start = w->length ? m_lastPhaseEnd : minutes(w->from);
            const int end = w->length ? start + minutes(w->to) : minutes(w->to);
            if (end <= start) {
                diagBuilt(line, Diagnostic::Severity::Error,
                          [&] { return phrase("RunbookParser", "phase window \"%1\" ends before it starts").arg(w->text.trimmed()); });
            } else {
                s.window = PhaseWindow{start, end};
                m_lastPhaseEnd = end;
            }
        } else if (s.title.contains(QLatin1Char('('))) {
            diagBuilt(line, Diagnostic::Severity::Warning,
                      [&] { return phrase("RunbookParser", "phase \"%1\" has no planned window understood as \"(A-B minutes)\"").arg(s.title); });
        }
    }

    // Duplicate headings under one parent are legal but confusing: say so, ids get a suffix.
    const qsizetype headings = m_headingLines.size();
    int &firstLine = m_headingLines[{b.parent, b.normalized}]; // one lookup: adds the heading if new
    if (m_headingLines.size() != headings)
        firstLine = line;
    else
        diagBuilt(line, Diagnostic::Severity::Warning, [&] {
            return phrase("RunbookParser", "duplicate heading \"%1\" (also at line %2); its items get ids with a suffix").arg(s.title).arg(firstLine);
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
            diag(line, Diagnostic::Severity::Warning, phrase("RunbookParser", "list items before the first section heading are not part of any checklist"));
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
            diag(line, Diagnostic::Severity::Warning, phrase("RunbookParser", "checklist item without text is ignored"));
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

// A line that starts with '|': a table's header, its delimiter row or a body row.
void Parser::addTableLine(QStringView line, int lineNo)
{
    QVarLengthArray<QStringView, 6> cells = MarkdownTables::cells(line);
    if (!m_tableOpen) {
        MarkdownTable &t = m_tables.emplaceBack();
        t.section = m_sections.size() - 1;
        t.rows.append({lineNo, line, std::move(cells)});
        m_tableOpen = true;
        return;
    }
    MarkdownTable &t = m_tables.last();
    if (t.rows.size() == 1 && !t.delimited && MarkdownTables::isDelimiterRow(cells)) {
        t.delimited = true;
        return;
    }
    t.rows.append({lineNo, line, std::move(cells)});
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
            if (b.phaseNumber < 0) // "## Canary (0-20 min)": numbered by its place
                b.phaseNumber = lastPhase + 1;
            if (lastPhase && b.phaseNumber != lastPhase + 1)
                diagBuilt(s.line, Diagnostic::Severity::Warning, [&] {
                    return phrase("RunbookParser", "phase %1 follows phase %2 (line %3)").arg(b.phaseNumber).arg(lastPhase).arg(lastPhaseLine);
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
             phrase("RunbookParser", "no phases found: a deployment runbook needs headings like \"### Phase 1: Preparation (0-30 minutes)\""));

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

// Prose in a paragraph: each sentence that reads as a rollback trigger ("Roll back immediately
// when ...") gives rules, at the line the sentence starts on.
void Parser::readParagraph(const Paragraph &p, const std::function<void(Rule &&)> &addRule)
{
    static const Keywords cheap{"roll", "revert", "abort"};
    const QStringView text = m_text.sliced(p.start, p.end - p.start);
    if (!cheap.foundIn(text))
        return;
    int line = p.line; // the line of text[k] as k goes on
    qsizetype k = 0;
    const auto lineAt = [&](qsizetype to) {
        for (; k < to; ++k) {
            if (text[k] == QLatin1Char('\n'))
                ++line;
        }
        return line;
    };
    qsizetype start = 0;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        // A sentence ends at '.', '!' or '?' before a space or the end ("0.5 %" goes on).
        const bool end = i == text.size()
            || ((text[i] == QLatin1Char('.') || text[i] == QLatin1Char('!') || text[i] == QLatin1Char('?'))
                && (i + 1 == text.size() || Scan::isSpace(text[i + 1])));
        if (!end)
            continue;
        const QStringView sentence = Scan::trimmed(text.sliced(start, i - start));
        start = i + 1;
        if (sentence.isEmpty())
            continue;
        const std::optional<RuleTier> tier = RuleExtractor::proseTrigger(sentence);
        if (!tier)
            continue;
        const int sentenceLine = lineAt(sentence.data() - text.data());
        const RuleExtractor::Result r = RuleExtractor::extract(*tier, sentence.toString().simplified(), {}, {}, sentenceLine);
        for (const Diagnostic &d : r.diagnostics)
            diag(d.line, d.severity, d.message);
        for (Rule rule : r.rules)
            addRule(std::move(rule));
    }
}

void Parser::extractRulesAndPlan()
{
    TrafficPlanExtractor plan;
    IdSlug::UniqueIds ruleIds;
    constexpr std::size_t Tiers = std::size_t(RuleTier::AutoRollback) + 1;
    constexpr std::size_t Metrics = std::size_t(RuleMetric::SecurityAlert) + 1;
    std::array<std::array<QString, Metrics>, Tiers> ruleIdBases; // "tier.metric", made once each
    const std::function<void(Rule &&)> addRule = [&](Rule &&rule) {
        QString &base = ruleIdBases[int(rule.tier)][int(rule.metric)];
        if (base.isNull())
            base = nameOf(rule.tier) % u'.' % nameOf(rule.metric); // "decision-point.error_rate"
        rule.id = ruleIds.take(base);
        m_runbook.rules.append(std::move(rule));
    };
    // Targets and alert levels only colour the status; rules that gate or roll back must be understood.
    const auto report = [this](RuleTier tier, const QList<Diagnostic> &diagnostics) {
        for (Diagnostic d : diagnostics) {
            if (tier != RuleTier::DecisionPoint && tier != RuleTier::AutoRollback)
                d.severity = Diagnostic::Severity::Warning;
            diag(d.line, d.severity, d.message);
        }
    };
    // Plan tables, each read on its own: a runbook has one plan, and a second is an error.
    struct TablePlan {
        int line = 0;
        TrafficPlanExtractor extractor;
    };
    std::vector<TablePlan> tablePlans;
    bool planSeen = false;
    m_sectionClasses.resize(m_runbook.sections.size());
    qsizetype nextTable = 0;
    qsizetype nextParagraph = 0;

    // The tables and paragraphs of section 'si' (-1: before the first heading) that stand
    // before line 'before' (0: all).
    const auto readLoose = [&](qsizetype si, int before) {
        const RuleExtractor::HeadingTier tier = si >= 0 ? tierOf(si, nullptr) : RuleExtractor::HeadingTier::None;
        const bool traffic = si >= 0 && sectionClass(si).traffic && m_runbook.sections[si].kind != SectionKind::Procedure;
        while (true) {
            const bool tableNext = nextTable < m_tables.size() && m_tables[nextTable].section == si
                && (before == 0 || m_tables[nextTable].line() < before);
            const bool paragraphNext = nextParagraph < m_paragraphs.size() && m_paragraphs[nextParagraph].section == si
                && (before == 0 || m_paragraphs[nextParagraph].line < before);
            if (tableNext && (!paragraphNext || m_tables[nextTable].line() < m_paragraphs[nextParagraph].line)) {
                const MarkdownTable &table = m_tables[nextTable++];
                TablePlan tablePlan{table.line(), {}};
                const TableExtractor::Result r = TableExtractor::read(table, tier, traffic, &tablePlan.extractor);
                for (const Diagnostic &d : r.diagnostics) {
                    // A row of a targets or alert-levels table colours the status only.
                    const bool gating = r.kind != TableExtractor::Kind::Limits || tier == RuleExtractor::HeadingTier::None
                        || tier == RuleExtractor::HeadingTier::DecisionPoint || tier == RuleExtractor::HeadingTier::AutoRollback;
                    diag(d.line, gating ? d.severity : Diagnostic::Severity::Warning, d.message);
                }
                for (Rule rule : r.rules)
                    addRule(std::move(rule));
                if (r.kind == TableExtractor::Kind::TrafficPlan)
                    tablePlans.push_back(std::move(tablePlan));
            } else if (paragraphNext) {
                const Paragraph &p = m_paragraphs[nextParagraph++];
                readParagraph(p, addRule);
            } else {
                break;
            }
        }
    };
    readLoose(-1, 0);
    for (qsizetype si = 0; si < m_runbook.sections.size(); ++si) {
        const RunbookSection &s = m_runbook.sections[si];
        for (const RunbookGroup &g : s.groups) {
            readLoose(si, g.line);
            const std::optional<HeadingClass> groupClass = g.title ? std::optional(classify(*g.title)) : std::nullopt;
            const RuleExtractor::HeadingTier tier = tierOf(si, groupClass ? &*groupClass : nullptr);
            if (tier == RuleExtractor::HeadingTier::None) {
                // Steps come from traffic-shift headings; a rollback or emergency procedure's
                // "send 100% back to blue" is not part of the plan.
                const bool trafficHeading = (groupClass && groupClass->traffic) || sectionClass(si).traffic;
                const bool planned = trafficHeading && s.kind != SectionKind::Procedure;
                for (const RunbookItem &item : g.items) {
                    if (planned) {
                        const qsizetype before = plan.steps().size();
                        plan.addLine(item.text, item.line);
                        planSeen = planSeen || plan.steps().size() != before;
                    }
                    // "If the error rate exceeds 2%, roll back" wherever it stands.
                    if (const std::optional<RuleTier> prose = RuleExtractor::proseTrigger(item.text)) {
                        RuleExtractor::Result r = RuleExtractor::extract(*prose, item.text, {}, {}, item.line);
                        report(*prose, r.diagnostics);
                        for (Rule &rule : r.rules)
                            addRule(std::move(rule));
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
                             phrase("RunbookParser", "alerting threshold without a level; write \"**Critical**:\", \"**Warning**:\" or \"**Info**:\""));
                        continue;
                    }
                    ruleTier = *level;
                    break;
                }
                case RuleExtractor::HeadingTier::None: break;
                }
                RuleExtractor::Result r = RuleExtractor::extract(ruleTier, item.text, item.key, item.value, item.line);
                report(ruleTier, r.diagnostics);
                for (Rule &rule : r.rules)
                    addRule(std::move(rule));
            }
        }
        readLoose(si, 0);
    }

    // One plan: the first in the document; any other is an error at its first line.
    plan.finish();
    const int listLine = plan.steps().isEmpty() ? 0 : plan.steps().constFirst().line;
    int usedLine = listLine;
    const TrafficPlanExtractor *used = listLine ? &plan : nullptr;
    for (TablePlan &t : tablePlans) {
        t.extractor.finish();
        if (!t.extractor.steps().isEmpty() && (usedLine == 0 || t.line < usedLine)) {
            usedLine = t.line;
            used = &t.extractor;
        }
    }
    for (const TablePlan &t : tablePlans) {
        if (&t.extractor == used) {
            for (const Diagnostic &d : t.extractor.diagnostics())
                diag(d.line, d.severity, d.message);
        } else if (!t.extractor.steps().isEmpty()) {
            diagBuilt(t.line, Diagnostic::Severity::Error, [&] {
                return phrase("RunbookParser", "second traffic plan in the runbook (the plan at line %1 is the one read); this one is ignored: keep one plan").arg(usedLine);
            });
        }
    }
    if (listLine && used != &plan)
        diagBuilt(listLine, Diagnostic::Severity::Error, [&] {
            return phrase("RunbookParser", "second traffic plan in the runbook (the plan at line %1 is the one read); this one is ignored: keep one plan").arg(usedLine);
        });
    m_runbook.trafficPlan = used ? used->steps() : QList<TrafficStep>();
    for (const Diagnostic &d : plan.diagnostics())
        diag(d.line, d.severity, d.message);
    if (!planSeen && tablePlans.empty())
        diag(0, Diagnostic::Severity::Warning,
             phrase("RunbookParser", "no traffic plan found: expected steps such as \"Start with 5% traffic to green\" under a traffic-shift heading"));
    checkTiers();
}

// A decision point must trip before the automatic rollback of the same signal: a warn limit
// at or beyond the abort limit contradicts it. Each decision point is compared with the
// strictest automatic-rollback limit of its signal, metric, comparison, unit and percentile.
void Parser::checkTiers()
{
    struct Key {
        RuleMetric metric;
        RuleOp op;
        RuleUnit unit;
        int percentile;
        bool operator==(const Key &) const = default;
    };
    struct Strictest {
        double value = 0;
        qsizetype rule = -1;
    };
    QList<std::pair<Key, Strictest>> aborts; // few distinct keys: a list beats a hash
    const auto keyOf = [](const Rule &r) { return Key{r.metric, r.op, r.unit, r.percentile.value_or(0)}; };
    for (qsizetype i = 0; i < m_runbook.rules.size(); ++i) {
        const Rule &r = m_runbook.rules[i];
        if (r.tier != RuleTier::AutoRollback || !r.value)
            continue;
        const Key k = keyOf(r);
        auto it = std::find_if(aborts.begin(), aborts.end(), [&](const auto &a) { return a.first == k; });
        if (it == aborts.end())
            aborts.append({k, {*r.value, i}});
        else if (r.op == RuleOp::Greater ? *r.value < it->second.value : *r.value > it->second.value)
            it->second = {*r.value, i};
    }
    if (aborts.isEmpty())
        return;
    for (const Rule &r : std::as_const(m_runbook.rules)) {
        if (r.tier != RuleTier::DecisionPoint || !r.value)
            continue;
        const Key k = keyOf(r);
        const auto it = std::find_if(aborts.cbegin(), aborts.cend(), [&](const auto &a) { return a.first == k; });
        if (it == aborts.cend())
            continue;
        const bool contradicts = r.op == RuleOp::Greater ? *r.value >= it->second.value : *r.value <= it->second.value;
        if (!contradicts)
            continue;
        const Rule &abort = m_runbook.rules[it->second.rule];
        diagBuilt(r.line, Diagnostic::Severity::Error, [&] {
            return phrase("RunbookParser", "decision-point limit %1 %2%3 contradicts the automatic-rollback limit %1 %4%3 (line %5): "
                                  "the warning must trip before the rollback").arg(nameOf(r.op)).arg(QString::number(*r.value)).arg(nameOf(r.unit)).arg(QString::number(*abort.value)).arg(QString::number(abort.line));
        });
    }
}

Runbook Parser::run(const QString &text)
{
    m_runbook.source = text;
    m_text = text;
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
        const qsizetype lineStart = pos;
        pos = nl + 1;
        ++lineNo;

        // Every test below looks at the start of the line: skip its indentation only.
        qsizetype indent = 0;
        while (indent < line.size() && line[indent].isSpace())
            ++indent;
        if (indent == line.size()) {
            m_tableOpen = m_paragraphOpen = false; // a blank line ends a table or paragraph
            continue;
        }
        const QStringView trimmed = line.sliced(indent);
        const QChar first = trimmed.front();
        if (first == QLatin1Char('|') && !inFence) {
            m_paragraphOpen = false;
            addTableLine(trimmed, lineNo);
            if (indent == 0)
                closeGroup();
            continue;
        }
        m_tableOpen = false;
        if ((first == QLatin1Char('`') || first == QLatin1Char('~')) && (trimmed.startsWith(u"```") || trimmed.startsWith(u"~~~"))) {
            m_paragraphOpen = false;
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
                m_paragraphOpen = false;
                if (h->title.isEmpty()) {
                    diag(lineNo, Diagnostic::Severity::Warning, phrase("RunbookParser", "empty heading is ignored"));
                    continue;
                }
                startSection(*h, lineNo);
                continue;
            }
        }
        if (first == QLatin1Char('-') || first == QLatin1Char('*') || first == QLatin1Char('+') || first.isDigit()) {
            if (const std::optional<ListLine> l = listLine(line)) {
                m_paragraphOpen = false;
                addListLine(*l, lineNo);
                continue;
            }
        }
        // A paragraph at the left margin ends any list, and so any titled group.
        if (line.front() != QLatin1Char(' ') && line.front() != QLatin1Char('\t'))
            closeGroup();
        // Kept for prose rules ("Roll back immediately when ..."), read once the headings are known.
        if (m_paragraphOpen)
            m_paragraphs.last().end = lineStart + line.size();
        else
            m_paragraphs.append({m_sections.size() - 1, lineNo, lineStart, lineStart + line.size()});
        m_paragraphOpen = true;
    }
    closeGroup();
    if (inFence)
        diag(fenceLine, Diagnostic::Severity::Warning, phrase("RunbookParser", "code block opened here is never closed"));
    if (m_runbook.title.isEmpty())
        diag(0, Diagnostic::Severity::Warning, phrase("RunbookParser", "no title: expected a \"# Title\" heading at the top"));

    finishSections(lineNo);
    extractRulesAndPlan();
    if (m_droppedDiagnostics > 0)
        m_runbook.diagnostics.append({0, Diagnostic::Severity::Warning,
                                      phrase("RunbookParser", "%1 further diagnostics not shown").arg(m_droppedDiagnostics)});
    std::stable_sort(m_runbook.diagnostics.begin(), m_runbook.diagnostics.end(),
                     [](const Diagnostic &a, const Diagnostic &b) { return a.line < b.line; });
    return std::move(m_runbook);
}

} // namespace

Runbook RunbookParser::parse(const QString &text, const QString &fileName)
{
    return Parser(fileName).run(text);
}
