// libFuzzer target: RunbookParser::parse on any bytes, decoded as RunbookLoader does.
// Beyond "no crash, no UB, no leak": every line a result points at is inside the text, the
// id indexes find what they index, the diagnostics are capped, the plan is one increasing plan,
// no limit is read without a unit (tables and prose included), phase windows end after they
// start, and the JSON and diagnostics text of --parse-runbook can be made from any result.

#include "fuzzcheck.h"

#include "runbook/runbookjson.h"
#include "runbook/runbookloader.h"
#include "runbook/runbookparser.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    QString text;
    Diagnostic error;
    if (!RunbookLoader::decode(bytes, &text, &error)) {
        FUZZ_CHECK(!error.message.english().isEmpty(), "a refused decode says why");
        return 0;
    }
    const Runbook runbook = RunbookParser::parse(text, QStringLiteral("fuzz.md"));
    FUZZ_CHECK(runbook.source == text, "the runbook keeps the exact text parsed");
    const int lines = int(text.count(u'\n')) + 1;
    FUZZ_CHECK(runbook.diagnostics.size() <= RunbookParser::MaxDiagnostics + 1, "diagnostics are capped");
    for (const Diagnostic &d : runbook.diagnostics)
        FUZZ_CHECK(d.line >= 0 && d.line <= lines, "a diagnostic's line is in the text (or 0)");
    for (const RunbookSection &section : runbook.sections) {
        FUZZ_CHECK(section.line >= 1 && section.line <= lines, "a section's line is in the text");
        FUZZ_CHECK(runbook.section(section.id) == &section, "the section index finds the section");
        for (const RunbookGroup &group : section.groups)
            for (const RunbookItem &item : group.items) {
                FUZZ_CHECK(item.line >= 1 && item.line <= lines, "an item's line is in the text");
                const RunbookItem *found = runbook.item(item.id);
                FUZZ_CHECK(found && found->id == item.id, "the item index finds the item");
            }
    }
    // Each of these walks the whole text: once per input, on the first and the last section.
    if (!runbook.sections.isEmpty()) {
        (void)runbook.sectionSource(runbook.sections.constFirst().id);
        (void)runbook.sectionSource(runbook.sections.constLast().id);
    }
    (void)runbook.checkableItems();
    for (qsizetype i = 0; i < runbook.trafficPlan.size(); ++i) {
        const TrafficStep &step = runbook.trafficPlan[i];
        FUZZ_CHECK(step.line >= 1 && step.line <= lines, "a traffic step's line is in the text");
        FUZZ_CHECK(step.percent >= 1 && step.percent <= 100, "a traffic step is 1-100 %");
        FUZZ_CHECK(i == 0 || step.percent > runbook.trafficPlan[i - 1].percent, "traffic steps increase (one plan, never two mixed)");
        FUZZ_CHECK(!step.holdMs || (*step.holdMs >= 0 && *step.holdMs % 1000 == 0), "a hold is whole seconds, not negative");
    }
    for (const Rule &rule : runbook.rules) {
        FUZZ_CHECK(rule.line >= 1 && rule.line <= lines, "a rule's line is in the text");
        FUZZ_CHECK(rule.op == RuleOp::Firing || rule.unit != RuleUnit::None, "a limit has a unit: none is guessed");
    }
    for (const RunbookSection &section : runbook.sections)
        FUZZ_CHECK(!section.window || section.window->endMinutes > section.window->startMinutes, "a phase window ends after it starts");
    (void)RunbookJson::toJson(runbook);
    (void)RunbookJson::diagnosticsText(runbook);
    return 0;
}
