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

/// The automatic topics for `s` with the shipped library, and whether the library has `id`.
std::vector<std::string> shipped_topics(const model::AssessmentSummary& s, content::Library& lib_out) {
    Diagnostics d;
    lib_out = content::Library::load(std::string(TAKEHOME_DATA_DIR) + "/content", d);
    return compose::choose_topics(s, lib_out);
}

TEST_CASE("examples: Daniel (acute, manual therapy, 5 exercises) gets the expected plan") {
    const auto c = compose_example("daniel-okafor.yaml");
    CHECK(c.diags.empty());  // 5 exercises, every dose written by the physio: no warning
    content::Library lib;
    const auto topics = shipped_topics(c.summary, lib);
    // Hands-on care was given: what it is and whether it is safe; never the research or "when it helps" topics,
    // so Part 2 stays small. The pattern's leading topic comes first when the content has it.
    CHECK(std::find(topics.begin(), topics.end(), "what-is-manual-therapy") != topics.end());
    CHECK(std::find(topics.begin(), topics.end(), "what-the-research-says") == topics.end());
    CHECK(topics.size() <= 6);
    if (lib.topic("what-to-expect")) CHECK(std::find(topics.begin(), topics.end(), "what-to-expect") <= topics.begin() + 1);
    CHECK(fixtures::section_ids(c.doc) ==
          std::vector<std::string>{"header", "plan-at-a-glance", "what-we-found", "treatment-today", "exercises",
                                   "exercise-diary", "flare-ups", "red-flags", "next-steps", "education"});
    const auto text = fixtures::all_text(c.doc.blocks);
    CHECK(fixtures::contains(text, "Dan, your back pain is common and not serious, and it should get better with "
                                   "the exercises below.\n"));
    CHECK(fixtures::contains(text, "How much: 3 sets of 10, hold each for 3 seconds, once a day\n"));
    CHECK(fixtures::contains(text, "How much: 10 minutes at an easy pace, 3 times a day\n"));
    CHECK(fixtures::contains(text, "Your own plan: Use heat for 15 minutes, then do your knee rocks and a short walk\n"));
    CHECK(c.doc.meta.title == "Your back care plan: Daniel Okafor");

    // The shipped red-flags topic gives three graded tier boxes inside one group; 999 is in the first.
    const auto rf = fixtures::section(c.doc, "red-flags");
    REQUIRE(rf.size() == 1);
    const auto& group = std::get<doc::Box>(rf[0].node);
    std::vector<const doc::Box*> tiers;
    for (const auto& b : group.content)
        if (const auto* box = std::get_if<doc::Box>(&b.node)) tiers.push_back(box);
    REQUIRE(tiers.size() == 3);
    CHECK(tiers[0]->style == doc::BoxStyle::emergency);
    CHECK(tiers[1]->style == doc::BoxStyle::urgent);
    CHECK(tiers[2]->style == doc::BoxStyle::calm);
    CHECK(fixtures::contains(fixtures::all_text(tiers[0]->content), "999"));
    CHECK(fixtures::contains(fixtures::all_text(tiers[1]->content), "NHS 111"));
    CHECK(fixtures::contains(fixtures::all_text(tiers[0]->content), "Go to A&E or call 999 now if you have\n"));
    CHECK(fixtures::contains(fixtures::all_text(tiers[1]->content), "Get advice today from NHS 111 if you have\n"));
    CHECK(fixtures::contains(fixtures::all_text(tiers[2]->content), "Contact 01632 960 123 if\n"));
}

TEST_CASE("examples: Margaret (persistent, pain history) leads with persistent pain and has a pain chart") {
    const auto c = compose_example("margaret-lindqvist.yaml");
    content::Library lib;
    const auto topics = shipped_topics(c.summary, lib);
    REQUIRE(topics.size() >= 2);
    if (lib.topic("persistent-pain")) CHECK(std::find(topics.begin(), topics.end(), "persistent-pain") <= topics.begin() + 1);
    CHECK(std::find(topics.begin(), topics.end(), "what-to-expect") == topics.end());
    // The knees-to-chest hold is the library's: printed and reported at that exercise.
    CHECK(fixtures::contains(c.diags.to_string(), "warning: 'plan.exercises[1]' (knees-to-chest): no hold given; "
                                                  "printing the library default 'hold for 5 seconds'"));
    const auto sec = fixtures::section(c.doc, "what-we-found");
    const doc::PainChart* chart = nullptr;
    for (const auto& b : sec)
        if (const auto* x = std::get_if<doc::PainChart>(&b.node)) chart = x;
    REQUIRE(chart != nullptr);
    REQUIRE(chart->points.size() == 4);
    CHECK(chart->points.front() == std::pair<std::string, int>{"5 Nov", 8});
    CHECK(chart->points.back() == std::pair<std::string, int>{"Today", 6});
    const auto text = fixtures::all_text(c.doc.blocks);
    CHECK(fixtures::contains(text, "For: Margaret Lindqvist \u00b7 26 November 2026 \u00b7 From:"));
    CHECK(fixtures::contains(text, "a lot of difficulty"));  // ODI 44: severe band
}
