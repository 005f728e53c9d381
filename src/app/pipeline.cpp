// Orchestration of the stages for one handout.
#include "app/pipeline.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <optional>

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

/// An identity for a path: device and inode when it exists (so links and "./x" match), else the
/// normalised absolute path (two outputs of one run that do not exist yet).
std::string identity(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) return "inode:" + std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
    std::error_code ec;
    const fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
    return "path:" + (ec ? path : p.lexically_normal().string());
}

/// Every destination is checked against every input and every other destination before anything is
/// written (error contract rule 6): an output may not replace the summary, the clinic profile, the layout
/// file, the logo, or another output of the same run.
bool check_destinations(const std::vector<Artifact>& files, const std::vector<std::string>& inputs, Diagnostics& diags) {
    std::vector<std::pair<std::string, std::string>> seen;  // identity -> what it is
    for (const auto& in : inputs)
        if (!in.empty()) seen.emplace_back(identity(in), "the input file '" + in + "'");
    bool ok = true;
    for (const auto& f : files) {
        const std::string id = identity(f.path);
        const auto hit = std::find_if(seen.begin(), seen.end(), [&](const auto& s) { return s.first == id; });
        if (hit != seen.end()) {
            diags.error(SourcePos{f.path, 0, 0}, "the " + f.kind + " output would replace " + hit->second, "",
                        {"choose another file name for it"});
            ok = false;
            continue;
        }
        seen.emplace_back(id, "the " + f.kind + " output '" + f.path + "' of the same run");
    }
    return ok;
}

}  // namespace

void Pipeline::preflight_images(const model::AssessmentSummary& s, const content::Library& lib,
                                Diagnostics& diags) const {
    if (s.clinic && s.clinic->logo) {
        const auto check = typesetter_->check_picture(*s.clinic->logo);
        const std::string field = s.clinic->source_file.empty() ? "clinic.logo" : "logo";
        if (check.error) {
            diags.error(s.clinic->logo_pos, "cannot read the logo '" + s.clinic->logo_as_written + "': " + *check.error, field);
        } else if (check.warning) {
            diags.warning(s.clinic->logo_pos, "the logo '" + s.clinic->logo_as_written + "': " + *check.warning, field);
        }
    }
    for (const auto& rx : s.plan.exercises) {
        const content::Exercise* ex = lib.exercise(rx.id.value);
        if (ex == nullptr || !ex->image) continue;
        const auto check = typesetter_->check_picture(*ex->image);
        if (check.error) {
            // The path as the author wrote it in the front matter, never the absolute one: it is what they can find
            // and fix, and it shows nothing of the machine's folders (issue 11).
            diags.error(ex->image_pos, "cannot read the picture '" + ex->image_as_written + "' of exercise '" + ex->id +
                                           "': " + *check.error,
                        "image");
        } else if (check.warning) {
            diags.warning(ex->image_pos,
                          "the picture '" + ex->image_as_written + "' of exercise '" + ex->id + "': " + *check.warning,
                          "image");
        }
    }
}

std::string default_output_path(const std::string& summary_path) {
    return fs::path(summary_path).stem().string() + ".pdf";
}

std::string default_slip_path(const std::string& pdf_path) {
    const fs::path p(pdf_path);
    return (p.parent_path() / (p.stem().string() + "-password-slip.pdf")).string();
}

namespace {

std::shared_ptr<const content::Library> load_shipped_content(const std::string& data_root) {
    Diagnostics content_diags;
    auto library =
        std::make_shared<const content::Library>(content::Library::load(data_root + "/content", content_diags));
    if (content_diags.has_errors()) {
        throw InternalError("the shipped content has errors:\n" + content_diags.to_string());
    }
    return library;
}

}  // namespace

Pipeline::Pipeline(const std::string& data_root) : Pipeline(data_root, load_shipped_content(data_root)) {}

Pipeline::Pipeline(const std::string& data_root, std::shared_ptr<const content::Library> library)
    : data_root_(data_root),
      typesetter_(std::make_unique<layout::Typesetter>(data_root + "/fonts")),
      library_(std::move(library)) {
    if (!library_) throw InternalError("pipeline: no content library");
    known_.exercises = library_->exercise_ids();
    known_.topics = library_->topic_ids();
}

Pipeline::~Pipeline() = default;

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
    std::vector<std::string> hints;
    if (auto near = closest_match(name_or_file, names); !near.empty()) {
        hints.push_back("did you mean '" + near + "'?");
    } else {
        std::string list;
        for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
        hints.push_back("available: " + list);
    }
    diags.error(where, "unknown layout '" + name_or_file + "'", where.line > 0 ? "default_layout" : "", std::move(hints));
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
    auto summary = load::load_summary(req.source, known, diags, opts, req.clinic_override);
    if (!summary || diags.has_errors()) return std::nullopt;
    return Checked{std::move(*summary), std::move(library)};
}

Diagnostic Pipeline::user_positioned(Diagnostic d, const std::string& summary_name) const {
    // Blocks that compose generated carry "compose:<section>" as their source: they come from the summary.
    if (d.pos.file.rfind("compose:", 0) == 0 || d.pos.file.empty()) d.pos = SourcePos{summary_name, 0, 0};
    // Shipped files are named as they are in the data folder ("content/exercises/bridge.md"), never by
    // an absolute path the user did not type.
    const std::string root = data_root_ + "/";
    if (d.pos.file.rfind(root, 0) == 0) d.pos.file = d.pos.file.substr(root.size());
    for (std::size_t at = d.message.find(root); at != std::string::npos; at = d.message.find(root, at))
        d.message.erase(at, root.size());
    return d;
}

std::optional<RenderedHandout> Pipeline::render(const RenderRequest& req, Diagnostics& diags) const {
    // Every output kind must be known, and folders must be folders, before any work is done.
    std::vector<OutputRequest> outputs = req.outputs;
    if (outputs.empty()) outputs.push_back(OutputRequest{"patient", default_output_path(req.source.display_name), {}});
    const OutputRegistry& registry = OutputRegistry::builtin();
    for (const auto& o : outputs) {
        const OutputKind* kind = registry.find(o.kind);
        if (kind == nullptr) {
            diags.error(SourcePos{o.destination, 0, 0}, "unknown output kind '" + o.kind + "'");
            continue;
        }
        std::error_code ec;
        if (kind->destination_is_folder && fs::exists(o.destination, ec) && !fs::is_directory(o.destination, ec))
            diags.error(SourcePos{o.destination, 0, 0}, "the " + o.kind + " output needs a folder, and '" +
                                                            o.destination + "' is a file",
                        "", {"name a folder (it is created when missing)"});
    }
    if (diags.has_errors()) return std::nullopt;

    auto checked = check(req, diags);
    if (!checked) return std::nullopt;
    const model::AssessmentSummary* summary = &checked->summary;
    RenderedHandout out;

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

    // Pictures are decoded before layout, so a truncated logo or exercise picture is reported at the line
    // that names it, with the path as the user wrote it.
    preflight_images(*summary, *checked->library, diags);
    if (diags.has_errors()) return std::nullopt;

    // Compose and lay out; over the layout's page budget, again with one automatic Part 2 topic fewer (the
    // lowest in priority) until it fits or only the leading topic is left. A round that saves no page is
    // undone (its topic cost nothing, so it stays). Only the kept round's diagnostics are reported, so nothing
    // is reported twice.
    Diagnostics round_diags;
    struct Round {
        doc::Document document;
        display::DisplayList list;
        Diagnostics diags;
    };
    std::optional<Round> previous;
    for (int max_topics = -1;;) {
        round_diags = Diagnostics{};
        out.document = compose::compose_handout(*summary, *checked->library, round_diags, spec->section_order, max_topics);
        if (round_diags.has_errors()) break;
        Diagnostics layout_diags;
        try {
            out.list = layout::layout_document(out.document, *spec, size, layout_diags, *typesetter_);
        } catch (const InputError& e) {
            layout_diags.append(e.diagnostics());
        }
        for (Diagnostic d : layout_diags.items()) round_diags.add(user_positioned(std::move(d), req.source.display_name));
        const int pages = static_cast<int>(out.list.pages.size());
        const int topics = static_cast<int>(out.document.meta.topics.size());
        if (round_diags.has_errors()) break;
        if (previous && pages >= static_cast<int>(previous->list.pages.size())) {
            out.document = std::move(previous->document);
            out.list = std::move(previous->list);
            round_diags = std::move(previous->diags);
            break;
        }
        if (spec->page_budget <= 0 || pages <= spec->page_budget) break;
        if (summary->topics || topics <= 1) break;  // `check` shows the pages against the budget
        previous = Round{std::move(out.document), std::move(out.list), std::move(round_diags)};
        max_topics = topics - 1;
    }
    diags.append(round_diags);
    if (diags.has_errors()) return std::nullopt;
    out.layout = std::move(*spec);
    out.summary = *summary;

    if (req.name_outputs) {
        const NameFields fields{fs::path(req.source.display_name).stem().string(),
                                out.document.meta.creation_date.substr(0, 10), out.layout.name, p};
        try {
            req.name_outputs(fields, outputs);
        } catch (const InputError& e) {
            for (Diagnostic d : e.diagnostics().items()) diags.add(std::move(d));
            return std::nullopt;
        }
    }

    // Render every output in memory first: a failure in any backend leaves no file behind.
    const std::string stem = fs::path(outputs.front().destination).stem().string();
    try {
        for (const auto& o : outputs) {
            auto files = registry.run(o, out.list, stem, ExportContext{summary, &out.layout, out.document.meta.date_text, typesetter_.get()});
            for (auto& f : files) out.artifacts.push_back(std::move(f));
        }
    } catch (const InputError& e) {
        for (Diagnostic d : e.diagnostics().items()) diags.add(user_positioned(std::move(d), req.source.display_name));
        return std::nullopt;
    }
    std::vector<std::string> inputs;
    if (!req.source.bytes) inputs.push_back(req.source.display_name);
    if (summary->clinic) {
        inputs.push_back(summary->clinic->source_file);
        if (summary->clinic->logo) inputs.push_back(*summary->clinic->logo);
    }
    inputs.push_back(*layout_file);
    if (!check_destinations(out.artifacts, inputs, diags)) return std::nullopt;
    return out;
}

void Pipeline::write(const RenderedHandout& out) {
    // Every artifact lands together or not at all.
    std::vector<std::pair<std::string, std::string_view>> files;
    for (const auto& a : out.artifacts) {
        const fs::path parent = fs::path(a.path).parent_path();
        if (a.kind == "png" && !parent.empty()) fs::create_directories(parent);
        files.emplace_back(a.path, a.bytes);
    }
    deliver::write_files_atomically(files);
}

}  // namespace takehome::app
