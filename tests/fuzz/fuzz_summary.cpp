// libFuzzer harness: the assessment summary loader (YAML or JSON bytes, as a web form would give them),
// resolving its clinic reference in examples/ so the seeds' clinic profiles load too.
// Any exception other than InputError (the loader reports input problems as diagnostics) is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "load/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace takehome;
    static const load::KnownIds known{{"knee-rocks", "pelvic-tilt", "bird-dog", "walking", "bridge"},
                                      {"flare-ups", "red-flags", "sleep", "activity"}};
    static const std::string base = fuzz::data_dir() + "/examples";
    Diagnostics diags;
    try {
        (void)load::load_summary(load::InputSource::memory(std::string(reinterpret_cast<const char*>(data), size),
                                                           "summary.yaml", base),
                                 known, diags);
    } catch (const InputError&) {
    }
    // Formatting every diagnostic (text and JSON) is part of what a user sees.
    for (const auto& d : diags.capped()) (void)d.to_json(), (void)d.format();
    return 0;
}
