// The two example patients, loaded by the real loader with the shipped content, composed and measured.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <iostream>

#include "base/paths.hpp"
#include "compose/compose.hpp"
#include "compose/readability.hpp"
#include "content/content.hpp"
#include "fixtures.hpp"
#include "load/load.hpp"

using namespace takehome;

namespace {

struct Composed {
    model::AssessmentSummary summary;
    doc::Document doc;
    Diagnostics diags;
};

Composed compose_example(const std::string& name) {
    Diagnostics content_diags;
    const auto lib = content::Library::load(std::string(TAKEHOME_DATA_DIR) + "/content", content_diags);
    REQUIRE_MESSAGE(!content_diags.has_errors(), content_diags.to_string());
    load::KnownIds known{lib.exercise_ids(), lib.topic_ids()};
    Composed c;
    const std::string path = std::string(TAKEHOME_SHARED_DIR) + "/cases/examples/" + name;
    auto s = load::load_summary(path, known, c.diags);
    REQUIRE_MESSAGE(s.has_value(), c.diags.to_string());
    c.summary = *s;
    c.doc = compose::compose_handout(c.summary, lib, c.diags);
    return c;
}

}  // namespace

TEST_CASE("examples: both example handouts read at grade 7 or below with reading ease 65 or more") {
    for (const std::string name : {"daniel-okafor.yaml", "margaret-lindqvist.yaml"}) {
        const auto c = compose_example(name);
        const auto r = compose::measure(c.doc);
        MESSAGE(name << ": grade " << r.grade << ", ease " << r.ease << ", words " << r.words << ", sentences "
                     << r.sentences << ", syllables " << r.syllables);
        CHECK_MESSAGE(r.grade <= 7.0, name);
        CHECK_MESSAGE(r.ease >= 65.0, name);
        CHECK_MESSAGE(!c.diags.has_errors(), c.diags.to_string());
        CHECK(!fixtures::contains(fixtures::all_text(c.doc.blocks), "{"));  // every placeholder filled
    }
}

TEST_CASE("examples: Daniel (acute, manual therapy, 5 exercises) gets the expected plan") {
    const auto c = compose_example("daniel-okafor.yaml");
    CHECK(c.diags.empty());  // 5 exercises: no warning yet
    CHECK(compose::choose_topics(c.summary).front() == "when-manual-therapy-helps");
    CHECK(fixtures::section_ids(c.doc) == compose::kDefaultSectionOrder);
    const auto text = fixtures::all_text(c.doc.blocks);
    CHECK(fixtures::contains(text, "Dan, this is your plan from today\u2019s appointment."));
    CHECK(fixtures::contains(text, "How much: 3 sets of 10, hold each for 3 seconds, once a day\n"));
    CHECK(fixtures::contains(text, "How much: 10 minutes at an easy pace, 3 times a day\n"));
    CHECK(fixtures::contains(text, "Your own plan: Use heat for 15 minutes, then do your knee rocks and a short walk\n"));
    CHECK(fixtures::contains(text, "Go to A&E or call 999 now if you have"));
    CHECK(c.doc.meta.title == "Your back care plan: Daniel Okafor");

    // The shipped red-flags topic gives three tiers, each its own warning box; 999 is in the first.
    const auto rf = fixtures::section(c.doc, "red-flags");
    std::vector<std::string> tiers;
    for (const auto& b : rf)
        if (const auto* box = std::get_if<doc::Box>(&b.node)) tiers.push_back(fixtures::all_text(box->content));
    REQUIRE(tiers.size() == 3);
    CHECK(fixtures::contains(tiers[0], "Go to A&E or call 999 now if you have\n"));
    CHECK(fixtures::contains(tiers[1], "Get advice today from NHS 111 if you have\n"));
    CHECK(fixtures::contains(tiers[2], "Contact 01632 960 123 if\n"));
}

TEST_CASE("examples: Margaret (persistent, pain history) leads with not-enough-on-its-own and has a pain chart") {
    const auto c = compose_example("margaret-lindqvist.yaml");
    const auto topics = compose::choose_topics(c.summary);
    REQUIRE(topics.size() >= 2);
    CHECK(topics[0] == "not-enough-on-its-own");
    CHECK(topics[1] == "lasting-recovery");
    const auto sec = fixtures::section(c.doc, "what-we-found");
    const doc::PainChart* chart = nullptr;
    for (const auto& b : sec)
        if (const auto* x = std::get_if<doc::PainChart>(&b.node)) chart = x;
    REQUIRE(chart != nullptr);
    REQUIRE(chart->points.size() == 4);
    CHECK(chart->points.front() == std::pair<std::string, int>{"5 Nov", 8});
    CHECK(chart->points.back() == std::pair<std::string, int>{"Today", 6});
    const auto text = fixtures::all_text(c.doc.blocks);
    CHECK(fixtures::contains(text, "For: Margaret Lindqvist \u00b7 26 November 2026\n"));
    CHECK(fixtures::contains(text, "a lot of difficulty"));  // ODI 44: severe band
}
