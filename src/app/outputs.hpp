// Outputs as a list: what a render request asks for (kind + destination + options), and the one registry
// of output kinds (an exporter over the display list each) and of post-passes over PDF bytes.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "display/display_list.hpp"

namespace takehome::app {

/// Options an output may use; each kind reads only its own.
struct OutputOptions {
    double dpi = 96;                 ///< "png": preview resolution in dots per inch (18..1200)
    std::string backend = "cairo";   ///< "patient": "cairo" (tagged, accessible) or "haru" (libharu)
};

/// One output of a render request.
struct OutputRequest {
    std::string kind;         ///< a registered kind: "patient", "archive", "png", "dump"
    std::string destination;  ///< a file path, or a folder for kinds whose destination_is_folder
    OutputOptions options;
};

/// A file ready to be written (all of a request's artifacts are written as one step).
struct Artifact {
    std::string kind;         ///< the output kind that made it
    std::string path;         ///< where it goes
    std::string bytes;
};

/// What an exporter is given.
struct ExportInput {
    const display::DisplayList& list;
    const OutputRequest& request;
    std::string stem;         ///< the patient copy's file stem, for names of files inside a folder
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
                                            const std::string& stem) const;

    /// The built-in kinds: patient (Cairo PDF + accessibility pass), archive (PDF/A-1b, libharu), png
    /// (previews into a folder, STEM-N.png), dump (the display list as text).
    [[nodiscard]] static const OutputRegistry& builtin();

private:
    std::vector<OutputKind> kinds_;
    std::vector<std::pair<std::string, PostPass>> passes_;
};

}  // namespace takehome::app
