// Runs a fuzz target once on every file of the folders (or the files) it is given, without
// libFuzzer: the corpus and the regressions replay as an ordinary test with any compiler.
// A folder that does not exist counts as empty (a target's regressions/ folder appears with
// its first crash); at least one input must be found, so a test cannot pass on nothing.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

namespace fs = std::filesystem;

static bool isInput(const fs::path &path)
{
    const std::string name = path.filename().string();
    return fs::is_regular_file(path) && !name.empty() && name[0] != '.' && name.rfind("README", 0) != 0;
}

int main(int argc, char **argv)
{
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    std::vector<fs::path> inputs;
    for (int i = 1; i < argc; ++i) {
        const fs::path arg(argv[i]);
        if (fs::is_directory(arg)) {
            std::vector<fs::path> found;
            for (const auto &entry : fs::directory_iterator(arg))
                if (isInput(entry.path()))
                    found.push_back(entry.path());
            std::sort(found.begin(), found.end());
            std::printf("%s: %zu inputs\n", argv[i], found.size());
            inputs.insert(inputs.end(), found.begin(), found.end());
        } else if (fs::exists(arg)) {
            inputs.push_back(arg);
        } else {
            std::printf("%s: does not exist, nothing to replay there\n", argv[i]);
        }
    }
    if (inputs.empty()) {
        std::fprintf(stderr, "no input found in the arguments given: nothing was replayed\n");
        return 2;
    }
    for (const fs::path &path : inputs) {
        std::ifstream file(path, std::ios::binary);
        if (!file) {
            std::fprintf(stderr, "%s: cannot read it\n", path.c_str());
            return 2;
        }
        const std::vector<char> bytes{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
        std::printf("replaying %s (%zu bytes)\n", path.c_str(), bytes.size());
        std::fflush(stdout);
        LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size());
    }
    std::printf("replayed %zu inputs, none failed\n", inputs.size());
    return 0;
}
