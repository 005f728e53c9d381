// Internals of the compose stage, shared by its stages: select (which topics), fill (placeholders in
// content), phrase (doses, dates, scores in plain words) and sections (one file each in sections/).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "compose/compose.hpp"
#include "content/content.hpp"
#include "doc/document.hpp"
#include "model/summary.hpp"

namespace takehome::compose::detail {

// ---- topic ids the rules name (select.cpp) ----
inline constexpr const char* kFlareUps = "flare-ups";
inline constexpr const char* kRedFlags = "red-flags";
inline constexpr const char* kWhyExercise = "why-exercise";
inline constexpr const char* kNotEnough = "not-enough-on-its-own";
inline constexpr const char* kLastingRecovery = "lasting-recovery";
inline constexpr const char* kWhatToExpect = "what-to-expect";
inline constexpr const char* kPersistentPain = "persistent-pain";
inline constexpr const char* kLegPain = "leg-pain-from-a-nerve";
inline constexpr const char* kEverydayLife = "your-back-and-everyday-life";
inline constexpr const char* kWhatIsMt = "what-is-manual-therapy";
inline constexpr const char* kIsItSafe = "is-it-safe";

/// True for the topics about hands-on care, which a patient without `plan.manual_therapy` never gets.
[[nodiscard]] bool is_hands_on_topic(const std::string& id);

// ---- small builders (fill.cpp) ----
[[nodiscard]] doc::Span plain_span(std::string text);
[[nodiscard]] doc::Span strong_span(std::string text);
/// A name, code or number that must never gain a hyphen when broken.
[[nodiscard]] doc::Span name_span(std::string text, bool strong = false);
[[nodiscard]] doc::Span link_span(std::string text, std::string uri);
/// A heading block; its source is the summary (compose's own wording has no content file).
[[nodiscard]] doc::Block heading(int level, doc::Inlines text, std::string id, const std::string& source);
[[nodiscard]] doc::Block paragraph(doc::Inlines text, const std::string& source);
/// A lead-in paragraph: the sentence that introduces the list or table after it, kept with it on one page
/// (doc::Block::keep_with_next).
[[nodiscard]] doc::Block lead_in(doc::Inlines text, const std::string& source);
[[nodiscard]] doc::Block bullet_list(const std::vector<std::string>& items, const std::string& source);

// ---- QR codes (qr_blocks.cpp) ----
/// An https:// address as printed: without "https://", a leading "www." and a trailing '/'.
[[nodiscard]] std::string short_address(const std::string& url);
/// Space (pt) between a QR code and the words beside it: about one body em.
constexpr double kQrBesideGapPt = 10;
/// The words beside a QR code may be as narrow as this many average characters (a short address breaks at
/// its '/' and '-'); narrower, the code and its words are stacked.
constexpr double kQrBesideMinChars = 10;
/// A QR code for `url` with `lead` (what the code is for) and, when `print_address`, its short address
/// (linked) set beside it, kept together (doc::Columns with the code's natural width first). `leads_to`
/// completes the alt text "QR code: opens ...". `module_mm`: the module size (layout never goes under 0.5 mm);
/// 0.6 mm sets a version-4 code (33 modules and the 4-module quiet zone each side) about 25 mm across, above the
/// 2 cm commonly advised as the smallest printed code a phone camera reads at arm's length.
[[nodiscard]] doc::Block qr_block(doc::Inlines lead, const std::string& url, const std::string& leads_to,
                                  const std::string& source, bool print_address = true, double module_mm = 0.6);

// ---- placeholders (fill.cpp) ----
struct Placeholder {
    std::string key;                   ///< "{emergency_number}"
    std::string value;                 ///< text to print
    std::optional<std::string> link;   ///< tel: link for real phone numbers
    bool is_name = false;              ///< printed without hyphenation (numbers, names)
};
/// {emergency_number}, {urgent_advice}, {clinic_name}, {clinic_phone}, {emergency_place}, {clinic_contact}.
/// `words` gives the language's {emergency_place}.
[[nodiscard]] std::vector<Placeholder> placeholders_for(const model::AssessmentSummary& s, const content::Strings& words);
[[nodiscard]] doc::Inlines substitute(const doc::Inlines& in, const std::vector<Placeholder>& ph);
[[nodiscard]] std::vector<doc::Inlines> substitute_all(const std::vector<doc::Inlines>& in,
                                                       const std::vector<Placeholder>& ph);
/// Content blocks with placeholders filled in and headings demoted to at least `min_level`.
[[nodiscard]] doc::Blocks adapt_content(const doc::Blocks& blocks, const std::vector<Placeholder>& ph, int min_level);
[[nodiscard]] bool blocks_mention(const doc::Blocks& blocks, const std::string& needle);
/// Warns about placeholders left in content blocks (a typo prints literally); blocks whose source is
/// `own_source` (compose's own, from the summary) may hold braces on purpose and are skipped.
void warn_unknown_placeholders(const doc::Blocks& blocks, Diagnostics& diags, const std::string& own_source);

// ---- phrase (phrase.cpp) ----
/// "once a day", "3 times a day" (dose.times_a_day.one / .other).
[[nodiscard]] std::string times_a_day(int n, const content::Strings& words);
/// "3 times a day, on 5 days a week"; "" when neither is given.
[[nodiscard]] std::string how_often(const model::Dose& merged, const content::Strings& words);
/// True when the physio wrote the amount itself in the notes ("10 minutes at an easy pace").
[[nodiscard]] bool notes_are_the_dose(const model::ExercisePrescription& rx, const model::Dose& defaults);
/// The date in the catalogue's words (date.long): "27 November 2026" (en-GB) or "November 27, 2026" (en-US).
[[nodiscard]] std::string date_words(const model::Date& d, const content::Strings& words);
/// A short chart label (date.short): "5 Nov" (en-GB) or "Nov 5" (en-US).
[[nodiscard]] std::string short_date_words(const model::Date& d, const content::Strings& words);
/// The date `days` days after `d`.
[[nodiscard]] model::Date add_days(const model::Date& d, int days);
/// Days from `a` to `b` (negative when b is earlier).
[[nodiscard]] int days_between(const model::Date& a, const model::Date& b);
/// "a, b and c" with the catalogue's list.and.
[[nodiscard]] std::string join_items(const std::vector<std::string>& items, const content::Strings& words);
/// An easing item as it reads inside a sentence: the first letter lower-cased ("Walking" -> "walking"),
/// unless the first word looks like a name or a code: "I" and words with another capital or a digit
/// ("TENS", "McKenzie", "iPad", "A1") keep their case. Only ASCII letters are changed.
[[nodiscard]] std::string in_sentence(const std::string& item);
/// Catalogue text as spans: each "{name}" in `text` that `spans` names becomes that span (a link, a
/// number); the rest becomes spans like `base` (plain or strong).
[[nodiscard]] doc::Inlines with_spans(const std::string& text, const std::vector<std::pair<std::string, doc::Span>>& spans,
                                      bool strong = false);

// ---- the context every section reads ----
struct Context {
    const model::AssessmentSummary& s;
    const content::Library& lib;
    std::vector<Placeholder> ph;
    std::vector<std::string> topics;   ///< Part 2, in order
    std::string language;              ///< the handout's language (a catalogue exists for it)
    const content::Strings& words;     ///< its wording catalogue
    bool rtl = false;
    /// True when page 1 carries the emergency tier (screen not done, or both legs).
    bool emergency_first = false;
    [[nodiscard]] std::string date(const model::Date& d) const { return date_words(d, words); }
    [[nodiscard]] const std::string& source() const { return s.source_file; }
    /// The catalogue text of `key` with its placeholders filled.
    [[nodiscard]] std::string say(const std::string& key,
                                  const std::vector<std::pair<std::string, std::string>>& vars = {}) const {
        return words.say(key, vars);
    }
    /// The .one or .other form of `key` for the number n ({count}).
    [[nodiscard]] std::string count(const std::string& key, int n,
                                    std::vector<std::pair<std::string, std::string>> vars = {}) const {
        return words.count(key, n, std::move(vars));
    }
    /// A bold label from the catalogue ("How much:") followed by `value`: "How much: 10 times".
    [[nodiscard]] doc::Inlines labelled(const std::string& key, doc::Span value) const {
        return {strong_span(say(key) + " "), std::move(value)};
    }
    [[nodiscard]] doc::Inlines labelled(const std::string& key, const std::string& value) const {
        return labelled(key, plain_span(value));
    }
};

/// The red-flag topic split into its intro and its three tiers (emergency, same day, contact), each tier
/// with the physio's own `plan.safety_notes` for it (sections/red_flags.cpp).
struct SafetyTiers {
    doc::Blocks intro;
    std::vector<doc::Blocks> tiers;    ///< 3 entries, heading first when the topic has one
};
[[nodiscard]] SafetyTiers safety_tiers(const Context& c);
/// One tier as its warning box: emergency (heavy frame), urgent (normal frame), calm (thin frame).
[[nodiscard]] doc::Block tier_box(std::size_t tier, doc::Blocks content, const Context& c);

// ---- sections: each in sections/<id>.cpp, registered once in sections/registry.cpp ----
using SectionFn = doc::Blocks (*)(const Context&);
struct Section {
    const char* id;
    SectionFn build;
};
/// Every section, in the default order.
[[nodiscard]] const std::vector<Section>& sections();

doc::Blocks header_section(const Context& c);
doc::Blocks safety_first_section(const Context& c);
doc::Blocks at_a_glance_section(const Context& c);
doc::Blocks what_we_found_section(const Context& c);
doc::Blocks treatment_today_section(const Context& c);
doc::Blocks exercises_section(const Context& c);
doc::Blocks exercise_diary_section(const Context& c);
doc::Blocks flare_ups_section(const Context& c);
doc::Blocks red_flags_section(const Context& c);
doc::Blocks next_steps_section(const Context& c);
doc::Blocks education_section(const Context& c);

}  // namespace takehome::compose::detail
