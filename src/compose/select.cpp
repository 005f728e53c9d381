// The select step of compose: which education topics this patient reads in Part 2 (rules in compose.hpp).
#include <algorithm>
#include <array>

#include "compose/internal.hpp"

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

std::vector<std::string> choose_topics(const model::AssessmentSummary& summary, const content::Library& library) {
    using namespace detail;
    const bool mt = summary.plan.manual_therapy.has_value();
    std::vector<std::string> ids;
    // Red flags and flare-ups are Part 1 sections; hands-on topics need hands-on care; only topics that exist.
    auto add = [&](const std::string& id) {
        if (id == kRedFlags || id == kFlareUps) return;
        if (!mt && is_hands_on_topic(id)) return;
        if (!library.topic(id)) return;
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    };
    if (summary.topics) {
        for (const auto& t : *summary.topics) add(t.value);
        return ids;
    }
    const auto& a = summary.assessment;
    add(kEverydayLife);
    switch (a.pattern) {
        case model::Pattern::acute: add(kWhatToExpect); break;
        case model::Pattern::recurrent: add(mt ? kNotEnough : kLastingRecovery); break;
        case model::Pattern::persistent: add(kPersistentPain); break;
    }
    if (a.leg_symptoms != model::LegSymptoms::none) add(kLegPain);
    if (mt) {
        add(kWhatIsMt);
        add(kIsItSafe);
    }
    if (!summary.plan.exercises.empty()) add(kWhyExercise);
    add(kLastingRecovery);
    return ids;
}

}  // namespace takehome::compose
