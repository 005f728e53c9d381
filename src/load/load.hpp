// The load stage: reads and validates YAML inputs (the only stage that includes yaml-cpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "model/layout_spec.hpp"
#include "model/summary.hpp"

namespace takehome::load {

/// Options that change validation.
struct LoadOptions {
    bool strict = false;  ///< unknown keys are errors instead of warnings
};

/// What the rest of the pipeline knows exists, for "unknown id (did you mean ...)" checks.
struct KnownIds {
    std::vector<std::string> exercises;  ///< ids in content/exercises/ (and the clinic's own)
    std::vector<std::string> topics;     ///< ids in content/topics/
};

/// Where an input comes from: a file the user named, or bytes already in memory (a web form, a batch list,
/// standard input) with the name messages show and the folder relative paths (the clinic profile, an inline
/// clinic's logo) resolve against. YAML and JSON both load: JSON is a subset of YAML 1.2 (YAML 1.2 §1.3).
struct InputSource {
    std::string display_name;           ///< shown in every message: the path as the user typed it, or "form"
    std::optional<std::string> bytes;   ///< the content; nothing = read the file at `display_name`
    std::string base_dir;               ///< folder for relative paths; "" = the folder of `display_name`

    /// A file named by the user (read when loaded; its folder is the base for relative paths).
    [[nodiscard]] static InputSource file(std::string path) { return InputSource{std::move(path), std::nullopt, {}}; }
    /// Bytes in memory, shown as `name` in messages, with relative paths resolved in `base_dir`.
    [[nodiscard]] static InputSource memory(std::string content, std::string name, std::string base_dir) {
        return InputSource{std::move(name), std::move(content), std::move(base_dir)};
    }
    /// The folder relative paths resolve against.
    [[nodiscard]] std::string folder() const;
};

/// Reads and validates an assessment summary from `source` (see the overload below for the rules).
[[nodiscard]] std::optional<model::AssessmentSummary> load_summary(const InputSource& source,
                                                                   const KnownIds& known,
                                                                   Diagnostics& diags,
                                                                   const LoadOptions& opts = {},
                                                                   const std::string& clinic_override = "");

/// Reads and validates an assessment summary. Every problem found is appended to `diags` (errors and
/// warnings, all of them, sorted later); returns the model only when there were no errors.
/// The clinic reference (path or inline) is resolved unless `clinic_override` is non-empty, in which case
/// that clinic profile file is loaded instead. Unknown exercise/topic ids are checked against `known`.
/// Never throws InputError for content problems (they go to `diags`); throws InternalError on bugs.
[[nodiscard]] std::optional<model::AssessmentSummary> load_summary(const std::string& path,
                                                                   const KnownIds& known,
                                                                   Diagnostics& diags,
                                                                   const LoadOptions& opts = {},
                                                                   const std::string& clinic_override = "");

/// Reads and validates a clinic profile file. Problems go to `diags`; returns the clinic when error-free.
/// `known` (optional) checks the exercise ids of `exercise_videos` (unknown ids are warnings).
[[nodiscard]] std::optional<model::Clinic> load_clinic(const std::string& path, Diagnostics& diags,
                                                       const LoadOptions& opts = {}, const KnownIds* known = nullptr);

/// Reads a layout file (layouts/NAME.yaml or any path). Keys not given keep LayoutSpec's defaults.
[[nodiscard]] std::optional<model::LayoutSpec> load_layout(const std::string& path, Diagnostics& diags,
                                                           const LoadOptions& opts = {});

/// Parses a Markdown file's YAML front matter (the text between the leading '---' lines, already cut out
/// by the content stage) into ordered key/value pairs of scalars or lists of scalars. `first_line` is the
/// 1-based line of the front matter's first line in the file, so positions point into the .md file.
struct FrontMatterValue {
    std::string key;
    SourcePos key_pos;
    std::vector<std::string> values;  ///< one entry for a scalar; several for a list
    bool is_list = false;
    SourcePos value_pos;
};
[[nodiscard]] std::vector<FrontMatterValue> parse_front_matter(const std::string& yaml_text,
                                                               const std::string& file, int first_line,
                                                               Diagnostics& diags);

}  // namespace takehome::load
