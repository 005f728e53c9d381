// libFuzzer harness: the PDF post-pass (accessibility pass, qpdf) over fuzzed PDF bytes. The display list is
// a fixed small handout (a heading, a paragraph, a figure with alt text, the running header and footer); its
// own Cairo PDF is the seed (`fuzz_pdf_pass --write-seed FILE` writes it). A PDF that qpdf cannot read, or
// one that does not match the list, is an InternalError (exit 1 in the tool, never a crash): expected here.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <string>

#include "content/content.hpp"
#include "fuzz_support.hpp"
#include "layout/layout.hpp"
#include "load/load.hpp"
#include "render/render.hpp"

namespace {

const takehome::display::DisplayList& handout() {
    using namespace takehome;
    static const display::DisplayList list = [] {
        layout::use_private_fonts(fuzz::data_dir() + "/fonts");
        Diagnostics d;
        auto spec = load::load_layout(fuzz::data_dir() + "/layouts/standard.yaml", d);
        if (!spec) __builtin_trap();
        doc::Document document;
        document.meta.title = "Your back care plan: Alex Sample";
        document.meta.patient_name = "Alex Sample";
        document.meta.clinic_name = "Fuzz Clinic";
        document.meta.date_text = "1 December 2026";
        document.meta.creation_date = "2026-12-01";
        document.meta.language = "en-GB";
        document.blocks = content::parse_markdown(
            "# Your plan\n\nMove a little every day.\n\n![Lying on your back, knees bent](images/knee-rocks.svg)\n",
            "topic.md", 1, fuzz::data_dir() + "/content/exercises", d);
        if (d.has_errors()) __builtin_trap();
        return layout::layout_document(document, *spec, kA4, d);
    }();
    return list;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
    for (int i = 1; i + 1 < *argc; ++i) {
        if (std::strcmp((*argv)[i], "--write-seed") == 0) {
            const std::string pdf = takehome::render::render_pdf_cairo_plain(handout());
            std::ofstream((*argv)[i + 1], std::ios::binary) << pdf;
            std::exit(0);
        }
    }
    (void)handout();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace takehome;
    try {
        (void)render::accessibility_pass(std::string(reinterpret_cast<const char*>(data), size), handout());
    } catch (const InternalError&) {
    }
    return 0;
}
