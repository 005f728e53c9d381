// The output registry and the built-in output kinds.
#include "app/outputs.hpp"

#include <algorithm>
#include <filesystem>

#include "base/diagnostics.hpp"
#include "render/render.hpp"

namespace takehome::app {

namespace fs = std::filesystem;

void OutputRegistry::add(OutputKind kind) { kinds_.push_back(std::move(kind)); }

void OutputRegistry::add_post_pass(std::string name, PostPass pass) {
    passes_.emplace_back(std::move(name), std::move(pass));
}

const OutputKind* OutputRegistry::find(const std::string& name) const {
    const auto it = std::find_if(kinds_.begin(), kinds_.end(), [&](const OutputKind& k) { return k.name == name; });
    return it == kinds_.end() ? nullptr : &*it;
}

std::vector<Artifact> OutputRegistry::run(const OutputRequest& request, const display::DisplayList& list,
                                          const std::string& stem) const {
    const OutputKind* kind = find(request.kind);
    if (kind == nullptr) throw InternalError("no output kind '" + request.kind + "' is registered");
    std::vector<Artifact> files = kind->exporter(ExportInput{list, request, stem});
    for (const auto& name : kind->post_passes) {
        const auto it = std::find_if(passes_.begin(), passes_.end(), [&](const auto& p) { return p.first == name; });
        if (it == passes_.end()) throw InternalError("no post-pass '" + name + "' is registered");
        for (auto& f : files) f.bytes = it->second(std::move(f.bytes), list, request);
    }
    return files;
}

const OutputRegistry& OutputRegistry::builtin() {
    static const OutputRegistry registry = [] {
        OutputRegistry r;
        // What Cairo 1.16 cannot write (/Lang, DisplayDocTitle, Figure /Alt, artifacts); libharu's copy is
        // not tagged and is left as it is.
        r.add_post_pass("accessibility",
                        [](std::string pdf, const display::DisplayList& list, const OutputRequest& request) {
                            if (request.options.backend == "haru") return pdf;
                            return render::accessibility_pass(pdf, list);
                        });
        r.add(OutputKind{"patient", "the patient copy (PDF; tagged and accessible with the Cairo backend)", false,
                         [](const ExportInput& in) {
                             const bool haru = in.request.options.backend == "haru";
                             return std::vector<Artifact>{
                                 {"patient", in.request.destination,
                                  haru ? render::render_pdf_haru(in.list) : render::render_pdf_cairo_plain(in.list)}};
                         },
                         {"accessibility"}});
        r.add(OutputKind{"archive", "the archival copy (PDF/A-1b, libharu)", false,
                         [](const ExportInput& in) {
                             return std::vector<Artifact>{
                                 {"archive", in.request.destination, render::render_pdf_haru(in.list)}};
                         },
                         {}});
        r.add(OutputKind{"png", "page previews (PNG, one file per page: STEM-N.png in the folder)", true,
                         [](const ExportInput& in) {
                             std::vector<Artifact> out;
                             auto pages = render::render_png_pages(in.list, in.request.options.dpi);
                             for (std::size_t i = 0; i < pages.size(); ++i) {
                                 out.push_back({"png",
                                                (fs::path(in.request.destination) /
                                                 (in.stem + "-" + std::to_string(i + 1) + ".png"))
                                                    .string(),
                                                std::move(pages[i])});
                             }
                             return out;
                         },
                         {}});
        r.add(OutputKind{"dump", "the display list as text (for layout goldens and debugging)", false,
                         [](const ExportInput& in) {
                             return std::vector<Artifact>{
                                 {"dump", in.request.destination, render::render_text_dump(in.list)}};
                         },
                         {}});
        return r;
    }();
    return registry;
}

}  // namespace takehome::app
