// Tests of choose_topics: the clinical rules for which education topics a patient reads, and in what order.
#include <doctest/doctest.h>

#include <algorithm>

#include "compose/compose.hpp"
#include "fixtures.hpp"

using namespace takehome;
using compose::choose_topics;

namespace {
bool has(const std::vector<std::string>& v, const std::string& id) { return std::find(v.begin(), v.end(), id) != v.end(); }
const std::vector<std::string> kMt = {"what-is-manual-therapy", "when-manual-therapy-helps", "what-the-research-says",
                                      "what-treatment-feels-like", "is-it-safe"};
}  // namespace

TEST_CASE("choose_topics: manual therapy topics appear only when manual therapy was used") {
    auto s = fixtures::summary();
    const auto with = choose_topics(s);
    for (const auto& id : kMt) CHECK_MESSAGE(has(with, id), id);
    s.plan.manual_therapy.reset();
    const auto without = choose_topics(s);
    for (const auto& id : kMt) CHECK_MESSAGE(!has(without, id), id);
}

TEST_CASE("choose_topics: acute pain with manual therapy leads with when-manual-therapy-helps") {
    auto s = fixtures::summary();
    s.assessment.pattern = model::Pattern::acute;
    const auto t = choose_topics(s);
    REQUIRE(!t.empty());
    CHECK(t.front() == "when-manual-therapy-helps");
    CHECK(std::count(t.begin(), t.end(), "when-manual-therapy-helps") == 1);
}

TEST_CASE("choose_topics: recurrent and persistent pain lead with not-enough-on-its-own and lasting-recovery") {
    for (const auto pattern : {model::Pattern::recurrent, model::Pattern::persistent}) {
        auto s = fixtures::summary();
        s.assessment.pattern = pattern;
        auto t = choose_topics(s);
        REQUIRE(t.size() >= 2);
        CHECK(t[0] == "not-enough-on-its-own");
        CHECK(t[1] == "lasting-recovery");
        s.plan.manual_therapy.reset();  // they lead with or without hands-on care
        t = choose_topics(s);
        CHECK(t[0] == "not-enough-on-its-own");
        CHECK(t[1] == "lasting-recovery");
    }
}

TEST_CASE("choose_topics: flare-ups and red-flags always appear, why-exercise when there are exercises") {
    auto s = fixtures::summary();
    s.plan.manual_therapy.reset();
    auto t = choose_topics(s);
    CHECK(t == std::vector<std::string>{"why-exercise", "flare-ups", "red-flags"});
    s.plan.exercises.clear();
    t = choose_topics(s);
    CHECK(t == std::vector<std::string>{"flare-ups", "red-flags"});
}

TEST_CASE("choose_topics: the summary's topics replace the automatic choice, but red flags stay") {
    auto s = fixtures::summary();
    s.topics = std::vector<model::Located>{{"is-it-safe", {"dan.yaml", 60, 5}}, {"why-exercise", {"dan.yaml", 61, 5}},
                                           {"is-it-safe", {"dan.yaml", 62, 5}}};
    CHECK(choose_topics(s) == std::vector<std::string>{"is-it-safe", "why-exercise", "red-flags"});
    s.topics = std::vector<model::Located>{};
    CHECK(choose_topics(s) == std::vector<std::string>{"red-flags"});
    s.topics = std::vector<model::Located>{{"red-flags", {}}, {"flare-ups", {}}};
    CHECK(choose_topics(s) == std::vector<std::string>{"red-flags", "flare-ups"});
}
