#include "highlightingrepository.h"

#include <KSyntaxHighlighting/Repository>

KSyntaxHighlighting::Repository &HighlightingRepository::instance()
{
    // A function-local static: built on first use (not at start-up, which a console without a
    // viewer open never pays for), lives until the process ends, so every Definition and Theme
    // handed out stays valid as long as the views that hold them.
    static KSyntaxHighlighting::Repository repository;
    return repository;
}
