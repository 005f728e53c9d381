// The whole pipeline behind `takehome render`: load -> compose -> layout -> render -> deliver.
// Shared by the command line and the benchmark so both measure the same code.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "content/content.hpp"
#include "display/display_list.hpp"
#include "model/layout_spec.hpp"
#include "load/load.hpp"

namespace takehome::app {

/// What one `takehome render` (or `check`) is asked to do.
struct RenderRequest {
    std::string summary_path;            ///< the assessment summary (YAML)
    std::string output_path;             ///< the patient copy; "" = SUMMARY-stem.pdf in the current folder
    std::string clinic_override;         ///< --clinic: replaces the summary's clinic reference
    std::string layout;                  ///< --layout NAME|FILE; "" = large-print if patient.large_print, else
                                         ///< the clinic's default_layout, else "standard"
    std::string paper;                   ///< --paper a4|letter; "" = the clinic's paper, else the layout's
    std::string png_dir;                 ///< --png DIR: also write page previews
    double png_dpi = 96;                 ///< preview resolution (dots per inch)
    std::string archive_path;            ///< --archive FILE: also write the PDF/A-1b copy (libharu)
    std::string backend = "cairo";       ///< --backend cairo|haru for the patient copy
    std::string dump_path;               ///< --dump FILE: the display list as text (debugging, goldens)
    bool strict = false;                 ///< --strict: unknown keys are errors
    std::vector<std::string> exercise_dirs;  ///< --exercises DIR (repeatable): a clinic's own exercises;
                                             ///< an id there replaces the shipped exercise of that id
};

/// Everything a render produced, before anything is written.
struct RenderedHandout {
    display::DisplayList list;
    std::string pdf;                     ///< the patient copy's bytes
    std::optional<std::string> archive;  ///< the archival copy's bytes
    std::vector<std::string> previews;   ///< PNG bytes per page (when png_dir is set)
    model::LayoutSpec layout;            ///< the layout actually used
    std::string paper;                   ///< "A4" or "Letter"
    std::string output_path;             ///< resolved output path
};

/// The long-lived part of the pipeline: private fonts and the content library, loaded once per process.
class Pipeline {
public:
    /// Loads fonts/ (private fontconfig) and content/ from `data_root`. Throws InternalError when the
    /// shipped content has errors (their diagnostics are in the message).
    explicit Pipeline(const std::string& data_root);

    /// A validated summary and the content library it was checked against.
    struct Checked {
        model::AssessmentSummary summary;
        std::shared_ptr<const content::Library> library;  ///< the shipped one, or shipped + --exercises
    };

    /// Loads and validates the summary (and clinic) against the content library for `req`: the shipped
    /// library, shared, or (with `exercise_dirs`) the shipped one plus those folders, loaded once here.
    /// Problems go to `diags`; returns nothing when there are errors.
    std::optional<Checked> check(const RenderRequest& req, Diagnostics& diags) const;

    /// Runs every stage in memory. Returns nothing when `diags` has errors (nothing was written).
    /// Throws InternalError on internal failures, InputError for problems found late (images, fonts).
    std::optional<RenderedHandout> render(const RenderRequest& req, Diagnostics& diags) const;

    /// Writes the outputs of `render` atomically: archive first, then the patient copy, then previews.
    static void write(const RenderRequest& req, const RenderedHandout& out);

    /// The shipped content library.
    [[nodiscard]] const content::Library& library() const { return *library_; }

    /// Resolves --layout NAME|FILE to a file path: a name is layouts/NAME.yaml under the data root.
    /// Unknown names give a positioned error with a did-you-mean hint.
    std::optional<std::string> resolve_layout(const std::string& name_or_file, const SourcePos& where,
                                              Diagnostics& diags) const;

private:
    std::string data_root_;
    std::shared_ptr<const content::Library> library_;
    load::KnownIds known_;
};

/// The default output path for a summary: its stem + ".pdf" in the current folder.
[[nodiscard]] std::string default_output_path(const std::string& summary_path);

}  // namespace takehome::app
