// Tests of the handout's block structure: exercise columns, floats, topics in full, one mention of a date.
#include <doctest/doctest.h>

#include <algorithm>

#include "compose/compose.hpp"
#include "fixtures.hpp"

using namespace takehome;
using fixtures::contains;

namespace {

std::vector<const doc::Box*> boxes(doc::Blocks&&) = delete;  // returns pointers into its argument
std::vector<const doc::Box*> boxes(const doc::Blocks& blocks) {
    std::vector<const doc::Box*> out;
    for (const auto& b : blocks)
        if (const auto* box = std::get_if<doc::Box>(&b.node)) out.push_back(box);
    return out;
}

/// Every block with may_float set, recursively, as the name of its node type.
void floats(const doc::Blocks& blocks, std::vector<std::string>& out) {
    for (const auto& b : blocks) {
        if (b.may_float) {
            if (std::holds_alternative<doc::PainChart>(b.node)) out.push_back("chart");
            else if (std::holds_alternative<doc::Table>(b.node)) out.push_back("table");
            else if (const auto* g = std::get_if<doc::Box>(&b.node); g && g->id == "box-warning-signs")
                out.push_back("warning-signs");
            else out.push_back("other");
        }
        if (const auto* box = std::get_if<doc::Box>(&b.node)) floats(box->content, out);
        if (const auto* cols = std::get_if<doc::Columns>(&b.node))
            for (const auto& c : cols->columns) floats(c, out);
    }
}

}  // namespace

TEST_CASE("structure: every exercise sets picture and dose beside position and steps, weighted 0.42 : 0.58") {
    const auto sec = fixtures::section(fixtures::compose_doc(fixtures::summary()), "exercises");
    const auto groups = boxes(sec);
    REQUIRE(groups.size() == 3);
    for (const auto* g : groups) {
        CHECK(g->style == doc::BoxStyle::group);
        const auto n = std::count_if(g->content.begin(), g->content.end(),
                                     [](const doc::Block& b) { return std::holds_alternative<doc::Columns>(b.node); });
        CHECK(n == 1);
    }
    // Walking: the amount from the notes is the dose line in the left column, under the purpose and the
    // picture; the stop signs end the right column, after what you should feel.
    const auto& walk = std::get<doc::Columns>(groups[2]->content[1].node);
    REQUIRE(walk.columns.size() == 2);
    CHECK(std::holds_alternative<doc::Paragraph>(walk.columns[0][0].node));
    CHECK(std::holds_alternative<doc::Image>(walk.columns[0][1].node));
    CHECK(fixtures::all_text({walk.columns[0][1], walk.columns[0][2]}) ==
          "A person doing Walking\nHow much: 10 minutes at an easy pace, 3 times a day\n");
    CHECK(fixtures::all_text({walk.columns[1][walk.columns[1].size() - 2], walk.columns[1].back()}) ==
          "Stop and tell us if:\nthe pain gets much worse\n");
    CHECK(walk.gap_pt == 18);  // the document tree's default gap
}

TEST_CASE("structure: an exercise with no position, steps or feeling: purpose and dose beside the stop signs") {
    auto lib = fixtures::library();
    lib.exercises["bridge"].start_position.clear();
    lib.exercises["bridge"].steps.clear();
    lib.exercises["bridge"].feel.clear();
    lib.exercises["bridge"].image.reset();
    const auto sec = fixtures::section(fixtures::compose_doc(fixtures::summary(), lib), "exercises");
    const auto groups = boxes(sec);
    REQUIRE(groups.size() == 3);
    const auto& cols = std::get<doc::Columns>(groups[1]->content[1].node);
    REQUIRE(cols.columns.size() == 2);
    CHECK(fixtures::all_text({cols.columns[0].back()}) == "How much: 3 sets of 10, hold each for 3 seconds, once a day\n");
    CHECK(fixtures::all_text(cols.columns[1]) == "Stop and tell us if:\nthe pain gets much worse\n");
}

TEST_CASE("structure: only the pain chart and the whole warning-signs section may float (the diary travels with its instruction)") {
    auto s = fixtures::summary();
    s.assessment.pain_history = {{{2026, 11, 5}, 8}, {{2026, 11, 12}, 7}};
    std::vector<std::string> found;
    floats(fixtures::compose_doc(s).blocks, found);
    CHECK(found == std::vector<std::string>{"chart", "warning-signs"});

    // The PSFS table in "What we found" is not a float; without history or exercises only the warning signs.
    s.assessment.pain_history.clear();
    s.plan.exercises.clear();
    found.clear();
    floats(fixtures::compose_doc(s).blocks, found);
    CHECK(found == std::vector<std::string>{"warning-signs"});
}

TEST_CASE("structure: topics the physio listed are all given in full") {
    auto s = fixtures::summary();
    s.topics = std::vector<model::Located>{{"is-it-safe", {"dan.yaml", 60, 5}},
                                           {"what-the-research-says", {"dan.yaml", 61, 5}}};
    const auto text = fixtures::all_text(fixtures::section(fixtures::compose_doc(s), "education"));
    CHECK(contains(text, "Is it safe?\nText about is-it-safe.\n"));
    CHECK(contains(text, "What the research says\nText about what-the-research-says.\n"));
    CHECK(!contains(text, "More about hands-on care"));
}

TEST_CASE("structure: pain today, best and worst are one sentence; the review date is said once; easing once") {
    const auto d = fixtures::compose_doc(fixtures::summary());
    const auto text = fixtures::all_text(d.blocks);
    CHECK(contains(text, "Your pain today is 5 out of 10 (at its best 2, at its worst 8), where 0 is no pain and 10 is "
                         "the worst pain you can imagine.\n"));
    std::size_t n = 0;
    for (auto at = text.find("25 December 2026"); at != std::string::npos; at = text.find("25 December 2026", at + 1))
        ++n;
    CHECK(n == 1);
    CHECK(contains(text, "You told us that walking and a hot shower ease your pain, so use them when it flares up.\n"));
}
