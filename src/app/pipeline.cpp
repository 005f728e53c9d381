// Orchestration of the stages for one handout.
#include "app/pipeline.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>

#include "base/length.hpp"
#include "compose/compose.hpp"
#include "deliver/atomic_write.hpp"
#include "layout/layout.hpp"
#include "render/render.hpp"

namespace takehome::app {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

/// True when both paths name the same existing file (so `-o summary.yaml` cannot destroy the input).
bool same_file(const std::string& a, const std::string& b) {
    struct stat sa {}, sb {};
    return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

}  // namespace

std::string default_output_path(const std::string& summary_path) {
    return fs::path(summary_path).stem().string() + ".pdf";
}

Pipeline::Pipeline(const std::string& data_root) : data_root_(data_root) {
    layout::use_private_fonts(data_root_ + "/fonts");
    Diagnostics content_diags;
    library_ = std::make_shared<const content::Library>(content::Library::load(data_root_ + "/content", content_diags));
    if (content_diags.has_errors()) {
        throw InternalError("the shipped content has errors:\n" + content_diags.to_string());
    }
    known_.exercises = library_->exercise_ids();
    known_.topics = library_->topic_ids();
}

std::optional<std::string> Pipeline::resolve_layout(const std::string& name_or_file, const SourcePos& where,
                                                    Diagnostics& diags) const {
    const bool is_path = name_or_file.find('/') != std::string::npos ||
                         (name_or_file.size() > 5 && name_or_file.ends_with(".yaml"));
    if (is_path) {
        if (!fs::is_regular_file(name_or_file)) {
            diags.error(where, "layout file '" + name_or_file + "' not found");
            return std::nullopt;
        }
        return name_or_file;
    }
    const std::string path = data_root_ + "/layouts/" + name_or_file + ".yaml";
    if (fs::is_regular_file(path)) return path;
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(data_root_ + "/layouts")) {
        if (e.path().extension() == ".yaml") names.push_back(e.path().stem().string());
    }
    std::sort(names.begin(), names.end());
    std::string msg = "unknown layout '" + name_or_file + "'";
    if (auto near = closest_match(name_or_file, names); !near.empty()) {
        msg += " (did you mean '" + near + "'?)";
    } else {
        std::string list;
        for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
        msg += "; available: " + list;
    }
    diags.error(where, msg);
    return std::nullopt;
}

std::optional<Pipeline::Checked> Pipeline::check(const RenderRequest& req, Diagnostics& diags) const {
    // The shipped library is shared, never copied; a clinic's extra folders give a library of this run's own.
    std::shared_ptr<const content::Library> library = library_;
    load::KnownIds known = known_;
    if (!req.exercise_dirs.empty()) {
        for (const auto& dir : req.exercise_dirs) {
            if (!fs::is_directory(dir)) {
                diags.error(SourcePos{dir, 0, 0}, "exercise folder not found (--exercises)");
                return std::nullopt;
            }
        }
        library = std::make_shared<const content::Library>(
            content::Library::load(data_root_ + "/content", diags, req.exercise_dirs));
        if (diags.has_errors()) return std::nullopt;
        known.exercises = library->exercise_ids();
    }
    load::LoadOptions opts;
    opts.strict = req.strict;
    auto summary = load::load_summary(req.summary_path, known, diags, opts, req.clinic_override);
    if (!summary || diags.has_errors()) return std::nullopt;
    return Checked{std::move(*summary), std::move(library)};
}

std::optional<RenderedHandout> Pipeline::render(const RenderRequest& req, Diagnostics& diags) const {
    auto checked = check(req, diags);
    if (!checked) return std::nullopt;
    const model::AssessmentSummary* summary = &checked->summary;

    RenderedHandout out;
    out.output_path = req.output_path.empty() ? default_output_path(req.summary_path) : req.output_path;
    if (same_file(out.output_path, req.summary_path) ||
        (!req.archive_path.empty() && same_file(req.archive_path, req.summary_path))) {
        diags.error(SourcePos{out.output_path, 0, 0}, "output path is the input file; choose another name with -o");
        return std::nullopt;
    }

    // Layout choice: --layout, then large print, then the clinic's default, then "standard".
    std::string layout_name = req.layout;
    SourcePos layout_pos{"--layout", 0, 0};
    if (layout_name.empty()) {
        if (summary->patient.large_print) {
            layout_name = "large-print";
        } else if (summary->clinic && summary->clinic->default_layout) {
            layout_name = summary->clinic->default_layout->value;
            layout_pos = summary->clinic->default_layout->pos;
        } else {
            layout_name = "standard";
        }
    }
    const auto layout_file = resolve_layout(layout_name, layout_pos, diags);
    if (!layout_file) return std::nullopt;
    load::LoadOptions opts;
    opts.strict = req.strict;
    auto spec = load::load_layout(*layout_file, diags, opts);
    if (!spec || diags.has_errors()) return std::nullopt;

    // The clinic's colour becomes the accent (headings and rules); layout darkens it if it is too light.
    if (summary->clinic && summary->clinic->colour) {
        spec->accent_colour = *summary->clinic->colour;
        spec->accent_pos = summary->clinic->colour_pos;
    }

    // Paper: --paper, then the clinic's, then the layout's.
    std::string paper = req.paper;
    if (paper.empty() && summary->clinic && summary->clinic->paper) paper = *summary->clinic->paper;
    if (paper.empty()) paper = spec->paper;
    const std::string p = lower(paper);
    if (p != "a4" && p != "letter") {
        diags.error(SourcePos{"--paper", 0, 0}, "paper must be a4 or letter, got '" + paper + "'");
        return std::nullopt;
    }
    out.paper = p == "a4" ? "A4" : "Letter";
    const PaperSize size = p == "a4" ? kA4 : kLetter;

    doc::Document document =
        compose::compose_handout(*summary, *checked->library, diags, spec->section_order);
    if (diags.has_errors()) return std::nullopt;
    Diagnostics layout_diags;
    out.list = layout::layout_document(document, *spec, size, layout_diags);
    for (Diagnostic d : layout_diags.items()) {
        // Blocks that compose generated carry "compose:<section>" as their source: show the physio the
        // summary file and the handout section instead of an internal name.
        if (d.pos.file.rfind("compose:", 0) == 0) {
            d.message = "in the handout section '" + d.pos.file.substr(8) + "': " + d.message;
            d.pos = SourcePos{req.summary_path, 0, 0};
        }
        diags.add(std::move(d));
    }
    if (diags.has_errors()) return std::nullopt;
    out.layout = std::move(*spec);

    // Render everything in memory first: a failure in any backend leaves no file behind.
    try {
        out.pdf = req.backend == "haru" ? render::render_pdf_haru(out.list) : render::render_pdf_cairo(out.list);
        if (!req.archive_path.empty()) {
            out.archive = render::render_pdf_haru(out.list);
        }
        if (!req.png_dir.empty()) {
            out.previews = render::render_png_pages(out.list, req.png_dpi);
        }
    } catch (const InputError& e) {
        // Backends see only the display list, not where it came from: point their errors at the summary.
        for (Diagnostic d : e.diagnostics().items()) {
            if (d.pos.file.empty()) d.pos.file = req.summary_path;
            diags.add(std::move(d));
        }
        return std::nullopt;
    }
    return out;
}

void Pipeline::write(const RenderRequest& req, const RenderedHandout& out) {
    // The patient copy, the archival copy, the previews and the dump land together or not at all.
    std::string dump;
    std::vector<std::pair<std::string, std::string_view>> files{{out.output_path, out.pdf}};
    if (out.archive) files.emplace_back(req.archive_path, *out.archive);
    if (!req.dump_path.empty()) {
        dump = render::render_text_dump(out.list);
        files.emplace_back(req.dump_path, dump);
    }
    if (!req.png_dir.empty()) {
        fs::create_directories(req.png_dir);
        const std::string stem = fs::path(out.output_path).stem().string();
        for (std::size_t i = 0; i < out.previews.size(); ++i) {
            files.emplace_back((fs::path(req.png_dir) / (stem + "-" + std::to_string(i + 1) + ".png")).string(),
                               out.previews[i]);
        }
    }
    deliver::write_files_atomically(files);
}

}  // namespace takehome::app
