// The select step of compose: which education topics this patient reads in Part 2 (rules in compose.hpp).
#include <algorithm>
#include <array>

#include "compose/internal.hpp"
#include "compose/readability.hpp"

namespace takehome::compose {
namespace detail {

namespace {
/// The topics about hands-on care: only for a patient who had it (`plan.manual_therapy`).
constexpr std::array<const char*, 6> kHandsOnTopics = {"what-is-manual-therapy", "when-manual-therapy-helps",
                                                       "not-enough-on-its-own",  "what-the-research-says",
                                                       "what-treatment-feels-like", "is-it-safe"};
}  // namespace

bool is_hands_on_topic(const std::string& id) {
    return std::any_of(kHandsOnTopics.begin(), kHandsOnTopics.end(), [&](const char* t) { return id == t; });
}

}  // namespace detail

std::vector<std::string> choose_topics(const model::AssessmentSummary& summary, const content::Library& library,
                                       int word_budget, int max_topics) {
    using namespace detail;
    const bool mt = summary.plan.manual_therapy.has_value();
    std::vector<std::string> ids;
    // Red flags and flare-ups are Part 1 sections; hands-on topics need hands-on care; only topics that exist.
    auto wanted = [&](const std::string& id) {
        return id != kRedFlags && id != kFlareUps && (mt || !is_hands_on_topic(id)) && library.topic(id) &&
               std::find(ids.begin(), ids.end(), id) == ids.end();
    };
    if (summary.topics) {
        for (const auto& t : *summary.topics)
            if (wanted(t.value)) ids.push_back(t.value);
        return ids;
    }
    const auto& a = summary.assessment;
    const char* leading = a.pattern == model::Pattern::acute       ? kWhatToExpect
                          : a.pattern == model::Pattern::persistent ? kPersistentPain
                          : mt                                      ? kNotEnough
                                                                    : kLastingRecovery;
    // Printing order, and which topics apply to this patient at all.
    std::vector<const char*> printing = {kEverydayLife, leading};
    if (a.leg_symptoms != model::LegSymptoms::none) printing.push_back(kLegPain);
    if (mt) {
        printing.push_back(kWhatIsMt);
        printing.push_back(kIsItSafe);
    }
    if (!summary.plan.exercises.empty()) printing.push_back(kWhyExercise);
    printing.push_back(kLastingRecovery);
    // Priority under the word budget: the leading topic always, then leg pain, what hands-on care is,
    // everyday life, then the rest in printing order.
    std::vector<const char*> priority = {leading, kLegPain, kWhatIsMt, kEverydayLife};
    for (const char* id : printing) priority.push_back(id);
    std::vector<std::string> chosen;
    int used = 0;
    for (const char* id : priority) {
        if (std::find(printing.begin(), printing.end(), std::string_view(id)) == printing.end()) continue;
        if (!wanted(id) || std::find(chosen.begin(), chosen.end(), id) != chosen.end()) continue;
        const int words = topic_words(*library.topic(id));
        if (!chosen.empty() && word_budget >= 0 && used + words > word_budget) continue;
        if (max_topics > 0 && static_cast<int>(chosen.size()) >= max_topics) break;
        chosen.emplace_back(id);
        used += words;
    }
    for (const char* id : printing)
        if (std::find(chosen.begin(), chosen.end(), id) != chosen.end() && wanted(id)) ids.emplace_back(id);
    return ids;
}

int topic_words(const content::Topic& topic) {
    return measure_text(topic.title).words + measure(topic.body).words;
}

}  // namespace takehome::compose
