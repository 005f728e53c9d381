// Tests of choose_topics: the clinical rules for which Part 2 topics a patient reads, and in what order.
#include <doctest/doctest.h>

#include <algorithm>

#include "compose/compose.hpp"
#include "fixtures.hpp"

using namespace takehome;

namespace {
bool has(const std::vector<std::string>& v, const std::string& id) { return std::find(v.begin(), v.end(), id) != v.end(); }
const std::vector<std::string> kHandsOn = {"what-is-manual-therapy",    "when-manual-therapy-helps",
                                           "not-enough-on-its-own",     "what-the-research-says",
                                           "what-treatment-feels-like", "is-it-safe"};
std::vector<std::string> choose(const model::AssessmentSummary& s) {
    return compose::choose_topics(s, fixtures::library());
}
}  // namespace

TEST_CASE("choose_topics: Daniel (acute, manual therapy, no leg symptoms) gets a small set, everyday life first") {
    CHECK(choose(fixtures::summary()) ==
          std::vector<std::string>{"your-back-and-everyday-life", "what-to-expect", "what-is-manual-therapy",
                                   "is-it-safe", "why-exercise", "lasting-recovery"});
}

TEST_CASE("choose_topics: no hands-on-care topic at all without manual therapy, even when the physio lists one") {
    auto s = fixtures::summary();
    s.plan.manual_therapy.reset();
    for (auto pattern : {model::Pattern::acute, model::Pattern::recurrent, model::Pattern::persistent}) {
        s.assessment.pattern = pattern;
        const auto ids = choose(s);
        for (const auto& id : kHandsOn) CHECK_MESSAGE(!has(ids, id), id);
    }
    s.topics = std::vector<model::Located>{{"is-it-safe", {"dan.yaml", 70, 5}}, {"why-exercise", {"dan.yaml", 71, 5}}};
    CHECK(choose(s) == std::vector<std::string>{"why-exercise"});
}

TEST_CASE("choose_topics: the pattern chooses the leading topic after everyday life") {
    auto s = fixtures::summary();
    s.assessment.pattern = model::Pattern::acute;
    CHECK(choose(s)[1] == "what-to-expect");
    s.assessment.pattern = model::Pattern::recurrent;
    CHECK(choose(s)[1] == "not-enough-on-its-own");  // with manual therapy
    s.plan.manual_therapy.reset();
    CHECK(choose(s)[1] == "lasting-recovery");
    s.assessment.pattern = model::Pattern::persistent;
    CHECK(choose(s)[1] == "persistent-pain");
    CHECK(!has(choose(s), "what-to-expect"));
}

TEST_CASE("choose_topics: leg-pain-from-a-nerve for one_leg and both_legs only") {
    auto s = fixtures::summary();
    CHECK(!has(choose(s), "leg-pain-from-a-nerve"));
    s.assessment.leg_symptoms = model::LegSymptoms::one_leg;
    CHECK(choose(s)[2] == "leg-pain-from-a-nerve");
    s.assessment.leg_symptoms = model::LegSymptoms::both_legs;
    CHECK(has(choose(s), "leg-pain-from-a-nerve"));
}

TEST_CASE("choose_topics: red flags and flare-ups are Part 1 sections, never Part 2 topics; why-exercise needs exercises") {
    auto s = fixtures::summary();
    auto ids = choose(s);
    CHECK(!has(ids, "red-flags"));
    CHECK(!has(ids, "flare-ups"));
    CHECK(has(ids, "why-exercise"));
    s.plan.exercises.clear();
    CHECK(!has(choose(s), "why-exercise"));
}

TEST_CASE("choose_topics: topics missing from the library are skipped, so new topics can arrive later") {
    auto lib = fixtures::library();
    lib.topics.erase("what-to-expect");
    lib.topics.erase("your-back-and-everyday-life");
    CHECK(compose::choose_topics(fixtures::summary(), lib) ==
          std::vector<std::string>{"what-is-manual-therapy", "is-it-safe", "why-exercise", "lasting-recovery"});
}

TEST_CASE("choose_topics: the summary's topics replace the automatic choice; [] means no Part 2") {
    auto s = fixtures::summary();
    s.topics = std::vector<model::Located>{{"why-exercise", {}}, {"red-flags", {}}, {"is-it-safe", {}}, {"why-exercise", {}}};
    CHECK(choose(s) == std::vector<std::string>{"why-exercise", "is-it-safe"});
    s.topics = std::vector<model::Located>{};
    CHECK(choose(s).empty());
}
