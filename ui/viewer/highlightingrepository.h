#pragma once

namespace KSyntaxHighlighting {
class Repository;
}

// The application's one KSyntaxHighlighting::Repository. Loading it reads every syntax
// definition and theme index from disk, so it is created once, on first use, and shared by
// every SourceView; never create a Repository per viewer.
namespace HighlightingRepository {
KSyntaxHighlighting::Repository &instance();
}
