// libFuzzer harness: the content-file reader. The bytes are one Markdown file with YAML front matter,
// loaded by the library both as an exercise (content/exercises/) and as a topic (content/topics/): binary
// and UTF-8 checks, front matter, cmark, the Markdown walker and the exercise sections.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "content/content.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace takehome;
    static const std::filesystem::path root = [] {
        const auto r = fuzz::scratch_dir() / "content";
        std::filesystem::create_directories(r / "exercises");
        // The shipped pictures, so a seed's `image: images/knee-rocks.svg` resolves and is decoded.
        std::filesystem::create_directory_symlink(fuzz::data_dir() + "/content/exercises/images", r / "exercises" / "images");
        return r;
    }();
    // The file stem is the id; "knee-rocks" lets a seed's `id: knee-rocks` match.
    fuzz::write_file(root / "exercises" / "knee-rocks.md", data, size);
    fuzz::write_file(root / "topics" / "flare-ups.md", data, size);
    Diagnostics diags;
    try {
        (void)content::Library::load(root.string(), diags);
    } catch (const InputError&) {
    }
    for (const auto& d : diags.capped()) (void)d.to_json(), (void)d.format();
    return 0;
}
