#pragma once
// Finding things in a ReportDocument for tests: a section's blocks, entries by title, facts.
#include "report/reportdocument.h"

namespace ReportSearch {

// The blocks of the level-2 section with `anchor`, up to the next one.
inline QList<ReportBlock> section(const ReportDocument &doc, const QString &anchor)
{
    QList<ReportBlock> result;
    bool in = false;
    for (const ReportBlock &b : doc.blocks) {
        if (b.kind == ReportBlock::Kind::Heading && b.level == 2)
            in = b.anchor == anchor;
        else if (in)
            result << b;
    }
    return result;
}

inline QList<ReportBlock> ofKind(const QList<ReportBlock> &blocks, ReportBlock::Kind kind)
{
    QList<ReportBlock> result;
    for (const ReportBlock &b : blocks) {
        if (b.kind == kind)
            result << b;
    }
    return result;
}

inline QList<ReportBlock> entriesContaining(const ReportDocument &doc, const QString &titlePart)
{
    QList<ReportBlock> result;
    for (const ReportBlock &b : doc.blocks) {
        if (b.kind == ReportBlock::Kind::Entry && b.text.contains(titlePart))
            result << b;
    }
    return result;
}

inline QString fact(const ReportBlock &block, const QString &label)
{
    for (const ReportFact &f : block.facts) {
        if (f.first == label)
            return f.second.text;
    }
    return QStringLiteral("<no fact %1>").arg(label);
}

} // namespace ReportSearch
