// Outputs as a list: what a render request asks for (kind + destination + options), and the one registry
// of output kinds (an exporter over the display list each) and of post-passes over PDF bytes.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "deliver/passphrase.hpp"
#include "display/display_list.hpp"
#include "layout/layout.hpp"
#include "model/layout_spec.hpp"
#include "model/summary.hpp"

namespace takehome::app {

/// Options an output may use; each kind reads only its own.
struct OutputOptions {
    double dpi = 96;                 ///< "png": preview resolution in dots per inch (18..1200)
    std::string backend = "cairo";   ///< "patient", "encrypted": "cairo" (tagged, accessible) or "haru" (libharu)
    /// "encrypted": the user password that opens the copy; "slip": the password it shows (with its words when
    /// drawn by deliver::new_passphrase, none when read from a file). Never written anywhere else: not into
    /// the PDF, a log, an error message or the dump. Shared, so the two outputs hold the same one.
    std::shared_ptr<const deliver::Passphrase> passphrase;
};

/// One output of a render request.
struct OutputRequest {
    std::string kind;         ///< a registered kind: "patient", "encrypted", "slip", "archive", "png", "dump"
    std::string destination;  ///< a file path, or a folder for kinds whose destination_is_folder
    OutputOptions options;
};

/// A file ready to be written (all of a request's artifacts are written as one step).
struct Artifact {
    std::string kind;         ///< the output kind that made it
    std::string path;         ///< where it goes
    std::string bytes;
};

/// What the pipeline knows besides the display list, for outputs that lay out a document of their own (the
/// password slip). Either may be null (an exporter run on a bare display list); a kind that needs one
/// throws InternalError without it.
struct ExportContext {
    const model::AssessmentSummary* summary = nullptr;
    const model::LayoutSpec* layout = nullptr;   ///< the handout's layout (the slip scales its type up)
    std::string date_text;                       ///< the appointment date in the handout's words
    layout::Typesetter* typesetter = nullptr;    ///< the render's fonts (the slip is laid out with them)
};

/// What an exporter is given.
struct ExportInput {
    const display::DisplayList& list;
    const OutputRequest& request;
    std::string stem;         ///< the patient copy's file stem, for names of files inside a folder
    ExportContext context{};
};

/// An exporter: display list -> files. Throws InputError (a picture that cannot be drawn) or InternalError.
using Exporter = std::function<std::vector<Artifact>(const ExportInput&)>;

/// A post-pass over PDF bytes (accessibility now, encryption next), given the output it runs for (a pass
/// may apply only to some backends). Returns the new bytes.
using PostPass =
    std::function<std::string(std::string pdf, const display::DisplayList& list, const OutputRequest& request)>;

/// A registered output kind.
struct OutputKind {
    std::string name;                     ///< "patient"
    std::string summary;                  ///< one line for `takehome help`
    bool destination_is_folder = false;   ///< "png" writes one file per page into a folder
    Exporter exporter;
    std::vector<std::string> post_passes; ///< names of post-passes run, in order, over each PDF artifact
};

/// The registry: adding an output kind is one `add` call with its exporter.
class OutputRegistry {
public:
    void add(OutputKind kind);
    void add_post_pass(std::string name, PostPass pass);
    [[nodiscard]] const OutputKind* find(const std::string& name) const;
    [[nodiscard]] const std::vector<OutputKind>& kinds() const { return kinds_; }
    /// Runs the exporter of `request.kind`, then its post-passes over every artifact. Throws InternalError
    /// for an unknown kind or post-pass (the caller checks kinds first), InputError from the exporter.
    [[nodiscard]] std::vector<Artifact> run(const OutputRequest& request, const display::DisplayList& list,
                                            const std::string& stem, const ExportContext& context = {}) const;

    /// The built-in kinds: patient (Cairo PDF + accessibility pass), encrypted (the patient copy, then the
    /// encryption pass: R6 / AES-256 with options.passphrase), slip (the one-page password slip, not
    /// encrypted), archive (PDF/A-1b, libharu), png (previews into a folder, STEM-N.png), dump (the display
    /// list as text).
    [[nodiscard]] static const OutputRegistry& builtin();

private:
    std::vector<OutputKind> kinds_;
    std::vector<std::pair<std::string, PostPass>> passes_;
};

}  // namespace takehome::app
