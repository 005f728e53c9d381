// libFuzzer harness: layout of a document tree built from fuzzed text. The first line is the patient's name
// (set into the running header with the date), the rest is Markdown parsed into blocks as topics are; the
// tree is laid out with the standard layout on A4 and the display list is walked by the text dump.
// InputError (a picture or a face that cannot be used) is expected; anything else is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "content/content.hpp"
#include "fuzz_support.hpp"
#include "layout/layout.hpp"
#include "load/load.hpp"
#include "render/render.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    takehome::layout::use_private_fonts(takehome::fuzz::data_dir() + "/fonts");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace takehome;
    static const model::LayoutSpec spec = [] {
        Diagnostics d;
        auto s = load::load_layout(fuzz::data_dir() + "/layouts/standard.yaml", d);
        if (!s) __builtin_trap();
        return *s;
    }();
    static const std::string images = fuzz::data_dir() + "/content/exercises";
    const std::string text(reinterpret_cast<const char*>(data), size);
    const std::size_t nl = text.find('\n');
    Diagnostics diags;
    doc::Document document;
    document.meta.title = "Your back care plan";
    document.meta.patient_name = text.substr(0, nl == std::string::npos ? 0 : nl);
    document.meta.clinic_name = "Fuzz Clinic";
    document.meta.date_text = "1 December 2026";
    document.meta.creation_date = "2026-12-01";
    document.blocks = content::parse_markdown(nl == std::string::npos ? text : text.substr(nl + 1), "topic.md", 2,
                                              images, diags);
    try {
        const display::DisplayList list = layout::layout_document(document, spec, kA4, diags);
        (void)render::render_text_dump(list);
    } catch (const InputError&) {
    }
    return 0;
}
