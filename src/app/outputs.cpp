// The output registry and the built-in output kinds.
#include "app/outputs.hpp"

#include <algorithm>
#include <filesystem>

#include "base/diagnostics.hpp"
#include "compose/slip.hpp"
#include "deliver/encrypt.hpp"
#include "layout/layout.hpp"
#include "render/render.hpp"

namespace takehome::app {

namespace fs = std::filesystem;

namespace {

/// The patient copy from the backend the request names, before its post-passes.
std::string patient_pdf(const ExportInput& in) {
    return in.request.options.backend == "haru" ? render::render_pdf_haru(in.list)
                                                : render::render_pdf_cairo_plain(in.list);
}

const deliver::Passphrase& passphrase_of(const OutputRequest& request) {
    if (!request.options.passphrase || request.options.passphrase->text.empty())
        throw InternalError("the " + request.kind + " output was requested without a password");
    return *request.options.passphrase;
}

/// Type sizes of the password slip (pt): read at arm's length and aloud over the phone. 22 pt body is well
/// above the 16-18 pt "large print" of the UK Association for Blind and Partially Sighted People's guidance.
constexpr double kSlipBodyPt = 22;
constexpr double kSlipHeadingPt = 30;
constexpr double kSlipSmallPt = 14;

/// The password slip: compose::password_slip laid out with the handout's layout, type scaled up, on the
/// handout's paper, rendered by the Cairo backend (tagged, accessibility pass) and never encrypted.
std::string slip_pdf(const ExportInput& in) {
    if (in.context.summary == nullptr || in.context.layout == nullptr || in.list.pages.empty())
        throw InternalError("the slip output needs the summary and the layout");
    const deliver::Passphrase& p = passphrase_of(in.request);
    const doc::Document document = compose::password_slip(*in.context.summary, p.words, p.text, in.context.date_text);
    model::LayoutSpec spec = *in.context.layout;
    spec.body.size_pt = kSlipBodyPt;
    spec.body.leading = 1.3;
    spec.h1.size_pt = kSlipHeadingPt;
    spec.small.size_pt = kSlipSmallPt;
    spec.paragraph_space_pt = 10;
    spec.header_text = "";  // the clinic's name is the slip's first line
    spec.footer_text = "";
    spec.large_print = true;
    const PaperSize paper{in.list.pages.front().width, in.list.pages.front().height};
    Diagnostics diags;
    if (in.context.typesetter == nullptr) throw InternalError("the slip output needs the render's typesetter");
    const display::DisplayList slip = layout::layout_document(document, spec, paper, diags, *in.context.typesetter);
    // No message quotes the slip's text: it holds the password.
    if (diags.has_errors()) throw InternalError("the password slip could not be laid out");
    if (slip.pages.size() != 1)
        throw InternalError("the password slip takes " + std::to_string(slip.pages.size()) + " pages, not 1");
    return render::render_pdf_cairo(slip);
}

}  // namespace

void OutputRegistry::add(OutputKind kind) { kinds_.push_back(std::move(kind)); }

void OutputRegistry::add_post_pass(std::string name, PostPass pass) {
    passes_.emplace_back(std::move(name), std::move(pass));
}

const OutputKind* OutputRegistry::find(const std::string& name) const {
    const auto it = std::find_if(kinds_.begin(), kinds_.end(), [&](const OutputKind& k) { return k.name == name; });
    return it == kinds_.end() ? nullptr : &*it;
}

std::vector<Artifact> OutputRegistry::run(const OutputRequest& request, const display::DisplayList& list,
                                          const std::string& stem, const ExportContext& context) const {
    const OutputKind* kind = find(request.kind);
    if (kind == nullptr) throw InternalError("no output kind '" + request.kind + "' is registered");
    std::vector<Artifact> files = kind->exporter(ExportInput{list, request, stem, context});
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
        // R6 / AES-256 over the accessible copy: the structure tree, /Alt and /Lang are encrypted with it and
        // read by a screen reader once the password is given. A fresh random owner password each time.
        r.add_post_pass("encryption", [](std::string pdf, const display::DisplayList&, const OutputRequest& request) {
            const std::string owner = deliver::random_owner_password(deliver::os_random());
            return deliver::encrypt_pdf_r6(pdf, passphrase_of(request).text, owner);
        });
        r.add(OutputKind{"encrypted",
                         "the patient copy encrypted for e-mail (AES-256, PDF 2.0 security handler R6; opens with "
                         "the passphrase)",
                         false,
                         [](const ExportInput& in) {
                             passphrase_of(in.request);  // before any work
                             return std::vector<Artifact>{{"encrypted", in.request.destination, patient_pdf(in)}};
                         },
                         {"accessibility", "encryption"}});
        r.add(OutputKind{"slip", "the password slip for the desk (one page, large type; not encrypted)", false,
                         [](const ExportInput& in) {
                             return std::vector<Artifact>{{"slip", in.request.destination, slip_pdf(in)}};
                         },
                         {}});
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
