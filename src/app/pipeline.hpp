// The whole pipeline behind `takehome render`: load -> compose -> layout -> render -> deliver.
// Shared by the command line and the benchmark so both measure the same code.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "content/content.hpp"
#include "app/outputs.hpp"
#include "display/display_list.hpp"
#include "doc/document.hpp"
#include "load/load.hpp"
#include "model/layout_spec.hpp"

namespace takehome::layout {
class Typesetter;
}

namespace takehome::app {

/// What a render decided that an output's file name may use (the batch's --name '{stem}-{date}.pdf').
struct NameFields {
    std::string stem;    ///< the summary's file name without its extension
    std::string date;    ///< the appointment date, YYYY-MM-DD
    std::string layout;  ///< the layout's name ("standard", "large-print", a layout file's `name:`)
    std::string paper;   ///< "a4" or "letter"
};

/// Sets the outputs' destinations once the layout is done and before any output is rendered. May throw
/// InputError (a name already taken), which becomes a diagnostic of the render.
using OutputNamer = std::function<void(const NameFields& fields, std::vector<OutputRequest>& outputs)>;

/// What one `takehome render` (or `check`) is asked to do.
struct RenderRequest {
    load::InputSource source;            ///< the assessment summary: a file, or bytes with a name and folder
    std::vector<OutputRequest> outputs;  ///< what to produce; empty = one "patient" output at
                                         ///< SUMMARY-stem.pdf in the current folder
    std::string clinic_override;         ///< --clinic: replaces the summary's clinic reference
    std::string layout;                  ///< --layout NAME|FILE; "" = large-print if patient.large_print, else
                                         ///< the clinic's default_layout, else "standard"
    std::string paper;                   ///< --paper a4|letter; "" = the clinic's paper, else the layout's
    bool strict = false;                 ///< --strict: unknown keys are errors
    std::vector<std::string> exercise_dirs;  ///< --exercises DIR (repeatable): a clinic's own exercises;
                                             ///< an id there replaces the shipped exercise of that id
    OutputNamer name_outputs;            ///< optional: names the outputs from what the render decided

    /// Adds an output (kind from OutputRegistry::builtin()) and returns *this.
    RenderRequest& add(std::string kind, std::string destination, OutputOptions options = {}) {
        outputs.push_back(OutputRequest{std::move(kind), std::move(destination), std::move(options)});
        return *this;
    }
    /// Adds the encrypted patient copy at `pdf` ("encrypted": opens with `passphrase.text`) and, unless
    /// `slip` is "", the password slip at `slip`, both holding the same passphrase; returns *this. The
    /// e-mail attaches RenderedHandout::bytes("encrypted"). `options.backend` picks the patient copy's backend.
    RenderRequest& add_encrypted(std::string pdf, std::string slip, deliver::Passphrase passphrase,
                                 OutputOptions options = {}) {
        options.passphrase = std::make_shared<const deliver::Passphrase>(std::move(passphrase));
        add("encrypted", std::move(pdf), options);
        if (!slip.empty()) add("slip", std::move(slip), options);
        return *this;
    }
};

/// Everything a render produced, before anything is written.
struct RenderedHandout {
    doc::Document document;              ///< the composed document (readability is measured on it)
    display::DisplayList list;
    std::vector<Artifact> artifacts;     ///< every file of every output, in request order
    model::LayoutSpec layout;            ///< the layout actually used
    std::string paper;                   ///< "A4" or "Letter"
    model::AssessmentSummary summary;    ///< the validated summary it was made from (for delivery: e-mail, print)

    /// The first artifact of `kind` ("patient", "archive", ...), or nullptr.
    [[nodiscard]] const Artifact* find(const std::string& kind) const {
        for (const auto& a : artifacts)
            if (a.kind == kind) return &a;
        return nullptr;
    }
    /// The bytes of the first artifact of `kind`, or nullptr.
    [[nodiscard]] const std::string* bytes(const std::string& kind) const {
        const Artifact* a = find(kind);
        return a ? &a->bytes : nullptr;
    }
    /// The path of the first artifact of `kind`, or "".
    [[nodiscard]] std::string path(const std::string& kind) const {
        const Artifact* a = find(kind);
        return a ? a->path : std::string();
    }
};

/// The long-lived part of the pipeline: private fonts (its own layout::Typesetter, with the layout caches) and
/// the content library. Nothing of it is process-wide, but its typesetter's Pango objects may be used by one
/// thread at a time: a Pipeline renders on one thread at a time, and parallel renders use one Pipeline per
/// thread (as `takehome batch` does per worker).
class Pipeline {
public:
    /// Loads fonts/ (private fontconfig) and content/ from `data_root`. Throws InternalError when the
    /// shipped content has errors (their diagnostics are in the message).
    explicit Pipeline(const std::string& data_root);
    /// The same data with a content library already loaded (shared, read-only: workers of a batch share one).
    Pipeline(const std::string& data_root, std::shared_ptr<const content::Library> library);
    ~Pipeline();
    Pipeline(const Pipeline&) = delete;
    Pipeline& operator=(const Pipeline&) = delete;

    /// A validated summary and the content library it was checked against.
    struct Checked {
        model::AssessmentSummary summary;
        std::shared_ptr<const content::Library> library;  ///< the shipped one, or shipped + --exercises
    };

    /// Loads and validates the summary (and clinic) against the content library for `req`: the shipped
    /// library, shared, or (with `exercise_dirs`) the shipped one plus those folders, loaded once here.
    /// Problems go to `diags`; returns nothing when there are errors.
    std::optional<Checked> check(const RenderRequest& req, Diagnostics& diags) const;

    /// Runs every stage in memory, then every requested output through the output registry. Returns nothing
    /// when `diags` has errors (nothing was written). Every problem, from loading to the backends, is a
    /// diagnostic positioned at a file the user named; only internal failures throw (InternalError).
    /// `check` is this with no file written: the same loading, composing, layout and rendering.
    std::optional<RenderedHandout> render(const RenderRequest& req, Diagnostics& diags) const;

    /// Writes every artifact of `render` as one step (all temporary files, then the renames), creating a
    /// "png" output's folder. Throws InputError when a file cannot be written (nothing is left half-written).
    static void write(const RenderedHandout& out);

    /// The shipped content library.
    [[nodiscard]] const content::Library& library() const { return *library_; }
    /// The shipped content library, shared (read-only; safe to share between threads).
    [[nodiscard]] const std::shared_ptr<const content::Library>& shared_library() const { return library_; }

    /// This pipeline's typesetter (fonts and layout caches), for laying out a document the way render() does.
    [[nodiscard]] layout::Typesetter& typesetter() const { return *typesetter_; }

    /// Resolves --layout NAME|FILE to a file path: a name is layouts/NAME.yaml under the data root.
    /// Unknown names give a positioned error with a did-you-mean hint.
    std::optional<std::string> resolve_layout(const std::string& name_or_file, const SourcePos& where,
                                              Diagnostics& diags) const;

private:
    /// Decodes the clinic logo and every prescribed exercise's picture (layout::Typesetter::check_picture: once
    /// per file for the typesetter's life); a bad one is an error at the line that names it (the clinic's
    /// `logo:`, the exercise file's `image:`), with the path as written there.
    void preflight_images(const model::AssessmentSummary& s, const content::Library& lib, Diagnostics& diags) const;

    /// `d` positioned at a file the user knows: compose's sections at the summary, shipped files by their
    /// path inside the data folder.
    [[nodiscard]] Diagnostic user_positioned(Diagnostic d, const std::string& summary_name) const;

    std::string data_root_;
    std::unique_ptr<layout::Typesetter> typesetter_;
    std::shared_ptr<const content::Library> library_;
    load::KnownIds known_;
};

/// The default output path for a summary: its stem + ".pdf" in the current folder.
[[nodiscard]] std::string default_output_path(const std::string& summary_path);

/// Where the password slip of the encrypted copy at `pdf_path` goes: "X.pdf" -> "X-password-slip.pdf" in
/// the same folder.
[[nodiscard]] std::string default_slip_path(const std::string& pdf_path);

}  // namespace takehome::app
