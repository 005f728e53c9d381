// The compose stage's entry point: checks the inputs (reporting to Diagnostics, never throwing), picks the
// language, selects the topics and runs the registered sections in order.
#include "compose/compose.hpp"

#include <algorithm>
#include <set>

#include "compose/internal.hpp"
#include "compose/readability.hpp"
#include "compose/plain_words.hpp"
#include "model/language.hpp"

namespace takehome::compose {
namespace {

using namespace detail;

/// The clinic's default language (clinic profiles have no language field yet).
constexpr const char* kDefaultLanguage = "en-GB";

std::vector<std::string> section_ids_in_order(const std::vector<std::string>& requested) {
    const auto& given = requested.empty() ? default_section_order() : requested;
    std::vector<std::string> order;
    for (const auto& id : given)
        if (std::find(order.begin(), order.end(), id) == order.end()) order.push_back(id);
    if (std::find(order.begin(), order.end(), kRedFlags) == order.end()) order.push_back(kRedFlags);  // never dropped
    // Page 1 carries the emergency tier when it is needed: right after the header, whatever the order says.
    const auto sf = std::find(order.begin(), order.end(), "safety-first");
    if (sf != order.end()) order.erase(sf);
    const auto header = std::find(order.begin(), order.end(), "header");
    order.insert(header == order.end() ? order.begin() : header + 1, "safety-first");
    return order;
}

SourcePos summary_pos(const model::AssessmentSummary& s) { return SourcePos{s.source_file, 0, 0}; }

/// Every problem with the inputs, as positioned diagnostics in the summary.
void check_inputs(const model::AssessmentSummary& s, const content::Library& lib,
                  const std::vector<std::string>& section_order, const content::Strings& words, Diagnostics& diags) {
    const auto exercise_ids = lib.exercise_ids();
    for (std::size_t i = 0; i < s.plan.exercises.size(); ++i) {
        const auto& rx = s.plan.exercises[i];
        const std::string where = "'plan.exercises[" + std::to_string(i + 1) + "]'";
        const content::Exercise* ex = lib.exercise(rx.id.value);
        if (!ex) {
            std::string msg = "unknown exercise id '" + rx.id.value + "' in 'plan.exercises[" + std::to_string(i + 1) +
                              "].id', expected one of the exercises in content/exercises/";
            const std::string hint = closest_match(rx.id.value, exercise_ids);
            if (!hint.empty()) msg += " (did you mean '" + hint + "'?)";
            diags.error(rx.id.pos, msg);
            continue;
        }
        // A library default the physio did not prescribe is printed (the patient needs an amount) and
        // reported here, so the physio can confirm or change it.
        if (const std::string d = defaulted_dose(rx, ex->dose, words); !d.empty())
            diags.warning(rx.id.pos, where + " (" + rx.id.value + "): " + d);
    }
    // Adherence falls as the number of exercises grows: warn the physio beyond 5 (the team's clinical rule).
    if (s.plan.exercises.size() > 5)
        diags.warning(s.plan.exercises[5].id.pos,
                      "'plan.exercises' has " + std::to_string(s.plan.exercises.size()) +
                          " exercises, expected at most 5: patients keep up fewer exercises when given more");
    const auto topic_ids = lib.topic_ids();
    if (s.topics) {
        std::set<std::string> reported;
        for (const auto& t : *s.topics) {
            if (!reported.insert(t.value).second) continue;
            if (!lib.topic(t.value)) {
                std::string msg = "unknown topic id '" + t.value + "' in 'topics', expected one of the topics in "
                                  "content/topics/";
                const std::string hint = closest_match(t.value, topic_ids);
                if (!hint.empty()) msg += " (did you mean '" + hint + "'?)";
                diags.error(t.pos, msg);
            } else if (is_hands_on_topic(t.value) && !s.plan.manual_therapy) {
                diags.warning(t.pos, "topic '" + t.value + "' in 'topics' is about hands-on care, but "
                                     "'plan.manual_therapy' is not given; it is left out");
            }
        }
    }
    for (const char* id : {kFlareUps, kRedFlags})
        if (!lib.topic(id))
            diags.error(summary_pos(s), std::string("content topic '") + id +
                                            "' is missing from content/topics/ and every handout needs it");
    std::vector<std::string> known;
    for (const auto& sec : sections()) known.emplace_back(sec.id);
    for (const auto& id : section_order) {
        if (std::find(known.begin(), known.end(), id) != known.end()) continue;
        std::string list;
        for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
        std::string msg = "unknown section id '" + id + "' in 'section_order', expected one of " + list;
        const std::string hint = closest_match(id, known);
        if (!hint.empty()) msg += " (did you mean '" + hint + "'?)";
        diags.error(SourcePos{}, msg);
    }
    if (!s.clinic)
        diags.warning(summary_pos(s), "no clinic profile, so the red-flag box cannot give an emergency number or "
                                      "clinic phone; add 'clinic' to the summary or pass --clinic");
}

/// The handout's language: the patient's when a catalogue exists for it, else the clinic default (warned).
std::string handout_language(const model::AssessmentSummary& s, const content::Library& lib, Diagnostics& diags) {
    const std::string& want = s.patient.language;
    if (want.empty()) return kDefaultLanguage;
    if (lib.strings.count(want)) return want;
    diags.warning(summary_pos(s), "'patient.language' is '" + want + "', but there is no wording for it "
                                  "(content/strings/" + want + ".yaml); the handout is written in " +
                                  kDefaultLanguage);
    return kDefaultLanguage;
}

}  // namespace

const std::vector<std::string>& default_section_order() {
    static const std::vector<std::string> ids = [] {
        std::vector<std::string> out;
        for (const auto& s : detail::sections()) out.emplace_back(s.id);
        return out;
    }();
    return ids;
}

doc::Document compose_handout(const model::AssessmentSummary& summary, const content::Library& library,
                              Diagnostics& diags, const std::vector<std::string>& section_order, int max_topics) {
    const std::string language = handout_language(summary, library, diags);
    static const content::Strings kNoCatalogue;
    const auto cat = library.strings.find(language);
    if (cat == library.strings.end())
        diags.error(summary_pos(summary), "no wording catalogue for " + language + " (content/strings/" + language +
                                              ".yaml is missing)");
    const content::Strings& words = cat == library.strings.end() ? kNoCatalogue : cat->second;
    check_inputs(summary, library, section_order, words, diags);
    model::AssessmentSummary s = summary;
    s.patient.language = language;  // placeholders ({emergency_place}) follow the handout's language
    const auto& a = s.assessment;
    Context c{s,
              library,
              placeholders_for(s, words),
              {},  // Part 2 topics: chosen below, once Part 1's length is known
              language,
              words,
              model::is_right_to_left(language),
              !a.red_flags_screened || a.leg_symptoms == model::LegSymptoms::both_legs};

    doc::Document d;
    auto& m = d.meta;
    m.title = c.say("meta.title", {{"name", s.patient.name}});
    m.author = s.clinician.name;
    m.subject = c.say("meta.subject");
    m.keywords = c.say("meta.keywords");
    m.language = language;
    m.creation_date = s.appointment.date.iso();
    m.clinic_name = s.clinic ? s.clinic->name : "";
    m.patient_name = s.patient.name;
    m.date_text = c.date(s.appointment.date);
    if (s.clinic && s.clinic->logo) m.logo_path = s.clinic->logo;

    // Part 1 first, so that Part 2 (the education topics) gets the words Part 1 leaves under the target.
    const auto& all = sections();
    std::vector<std::pair<const Section*, doc::Blocks>> built;
    int part1_words = 0;
    for (const auto& id : section_ids_in_order(section_order)) {
        const auto sec = std::find_if(all.begin(), all.end(), [&](const Section& x) { return id == x.id; });
        if (sec == all.end()) continue;  // reported by check_inputs
        doc::Blocks blocks = sec->build == education_section ? doc::Blocks{} : sec->build(c);
        part1_words += measure(blocks).words;
        built.emplace_back(&*sec, std::move(blocks));
    }
    c.topics = choose_topics(s, library, std::max(0, kHandoutWordTarget - part1_words), max_topics);
    m.topics = c.topics;
    for (auto& [sec, blocks] : built) {
        if (sec->build == education_section) blocks = sec->build(c);
        for (auto& b : blocks) d.blocks.push_back(std::move(b));
    }
    warn_unknown_placeholders(d.blocks, diags, s.source_file);
    return d;
}

}  // namespace takehome::compose
