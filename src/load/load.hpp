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
