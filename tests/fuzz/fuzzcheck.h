#pragma once

#include <cstdio>
#include <cstdlib>

// A property of a fuzz target's result that must hold for every input. Breaking one aborts,
// which libFuzzer and the replay driver both report as a failure with the input that did it.
#define FUZZ_CHECK(condition, what)                                                                 \
    do {                                                                                            \
        if (!(condition)) {                                                                         \
            std::fprintf(stderr, "%s:%d: property broken: %s (%s)\n", __FILE__, __LINE__, what, #condition); \
            std::abort();                                                                           \
        }                                                                                           \
    } while (false)
