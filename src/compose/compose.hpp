// The compose stage: decides what this patient's handout says and builds the document tree, in four steps:
// select (which education topics), fill (placeholders in content), phrase (doses, dates and scores in
// plain words) and sections (sections/*.cpp, registered once in sections/registry.cpp). Pure data in,
// document out; every problem goes to the Diagnostics it is given, positioned in the summary.
//
// The handout has two parts. Part 1, "Your plan": header, at a glance, what we found, your treatment
// today, your exercises, your diary, your flare-up plan, when to get help urgently, next steps. Part 2,
// "Understanding your back": the chosen topics, each printed whole.
#pragma once

#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "content/content.hpp"
#include "doc/document.hpp"
#include "model/summary.hpp"

namespace takehome::compose {

/// Section ids in their default order (from the one registry); a layout's `section_order` may reorder them.
[[nodiscard]] const std::vector<std::string>& default_section_order();

/// The Part 2 topic ids this patient reads, in order, keeping only topics the library has:
/// - the summary's `topics:` replaces the automatic choice (`[]` = no Part 2); red-flags and flare-ups are
///   never in Part 2 (they are sections of Part 1);
/// - without `plan.manual_therapy` no hands-on-care topic at all (what-is-manual-therapy,
///   when-manual-therapy-helps, not-enough-on-its-own, what-the-research-says, what-treatment-feels-like,
///   is-it-safe);
/// - automatic, in this printing order: your-back-and-everyday-life; the pattern's leading topic (acute ->
///   what-to-expect, recurrent -> not-enough-on-its-own with manual therapy else lasting-recovery,
///   persistent -> persistent-pain); leg-pain-from-a-nerve for one_leg / both_legs; what-is-manual-therapy
///   and is-it-safe with manual therapy; why-exercise with exercises; lasting-recovery.
/// - `word_budget` (words, < 0 = no limit) keeps the automatic choice short: topics are taken in priority
///   order (the leading topic always, then leg pain, what-is-manual-therapy, everyday life, then the rest in
///   printing order) while their words (topic_words) fit the budget; a topic that does not fit is skipped
///   and a shorter one after it may still be taken. The physio's own `topics:` list is never cut.
/// - `max_topics` (>= 1; < 0 = no limit) takes at most that many automatic topics, in the same priority
///   order: how the pipeline fits the layout's page budget (model::LayoutSpec::page_budget).
[[nodiscard]] std::vector<std::string> choose_topics(const model::AssessmentSummary& summary,
                                                     const content::Library& library, int word_budget = -1,
                                                     int max_topics = -1);

/// Words in a topic as printed (its title and body), counted as readability.hpp counts them.
[[nodiscard]] int topic_words(const content::Topic& topic);

/// The whole handout's word target: a standard handout of about 6 A4 pages, in line with the NHS back-pain
/// leaflets (4-8 A5 pages) and printed home-exercise programmes of 1-3 pages (issue 9). Part 2 gets the
/// words Part 1 leaves under it, and at least its leading topic.
inline constexpr int kHandoutWordTarget = 1800;

/// Plain-words dose line in the catalogue's words (dose.*), its parts joined with ", ", e.g. "10 times,
/// 3 times a day" or "3 sets of 10, hold each for 3 seconds, once a day".
[[nodiscard]] std::string dose_line(const model::ExercisePrescription& rx, const model::Dose& defaults,
                                    const content::Strings& words);

/// The library-default fields printed for `rx` that the physio did not write, as the warning text
/// "no dose given; printing the library default '10 times, hold each for 5 seconds'" (or "no hold given;
/// ..."), or "" when the printed dose is all the physio's own. Rule chosen for issue 9: a defaulted dose is
/// printed (the patient needs an amount) and reported to the physio as a warning at the exercise. The
/// message is the physio's (English); the quoted dose is in `words`, as printed.
[[nodiscard]] std::string defaulted_dose(const model::ExercisePrescription& rx, const model::Dose& defaults,
                                         const content::Strings& words);

/// Builds the handout. Warnings and errors for the physio go to `diags`, positioned in the summary
/// (e.g. more than 5 exercises, a defaulted dose, unknown ids). `section_order` empty = the default order.
/// `max_topics`: see choose_topics; the chosen ids are in the document's `meta.topics`.
/// Never throws for bad input: on errors the returned document may be incomplete and `diags` has errors.
[[nodiscard]] doc::Document compose_handout(const model::AssessmentSummary& summary, const content::Library& library,
                                            Diagnostics& diags, const std::vector<std::string>& section_order = {},
                                            int max_topics = -1);

}  // namespace takehome::compose
