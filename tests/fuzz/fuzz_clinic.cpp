// libFuzzer harness: the clinic profile loader, reading the bytes from a file as `--clinic FILE` does.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "load/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace takehome;
    static const std::string path = (fuzz::scratch_dir() / "clinic.yaml").string();
    static const load::KnownIds known{{"knee-rocks", "pelvic-tilt", "walking"}, {"flare-ups"}};
    fuzz::write_file(path, data, size);
    Diagnostics diags;
    try {
        (void)load::load_clinic(path, diags, {}, &known);
    } catch (const InputError&) {
    }
    for (const auto& d : diags.capped()) (void)d.to_json(), (void)d.format();
    return 0;
}
