// The compose stage: decides what this patient's handout says (topics, exercises and doses, flare-up plan,
// red-flag box, the plain-words summary) and builds the document tree. Pure data in, document out.
#pragma once

#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "content/content.hpp"
#include "doc/document.hpp"
#include "model/summary.hpp"

namespace takehome::compose {

/// Section ids in their default order; a layout's `section_order` may reorder them.
inline const std::vector<std::string> kDefaultSectionOrder = {
    "header", "plan-at-a-glance", "what-we-found", "education", "exercises", "exercise-diary",
    "flare-ups", "red-flags", "next-steps"};

/// The education topic ids this patient reads, in order (rules in compose.cpp; `topics:` replaces the
/// automatic choice but "red-flags" always stays).
[[nodiscard]] std::vector<std::string> choose_topics(const model::AssessmentSummary& summary);

/// Plain-words dose line, e.g. "10 times, 3 times a day" or "3 sets of 10, hold each for 3 seconds, once a day".
[[nodiscard]] std::string dose_line(const model::ExercisePrescription& rx, const model::Dose& defaults);

/// Builds the handout. Warnings for the physio (e.g. more than 5 exercises) go to `diags`.
/// `section_order` empty = kDefaultSectionOrder. `large_print` (the layout's flag) sets each exercise in one
/// column in reading order (picture, dose, position, steps, feel, stop signs) instead of two columns, and
/// heads the diary's day columns with bare numbers so they fit at 18 pt.
/// Throws InputError for ids missing from `library`.
[[nodiscard]] doc::Document compose_handout(const model::AssessmentSummary& summary, const content::Library& library,
                                            Diagnostics& diags, const std::vector<std::string>& section_order = {},
                                            bool large_print = false);

}  // namespace takehome::compose
