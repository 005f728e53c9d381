// Tests of the warning-signs section (../shared/spec/safety-netting.md): three graded tiers, the physio's
// own safety notes, the emergency tier on page 1 when the screen is incomplete or both legs are affected,
// and a clinic without a phone.
#include <doctest/doctest.h>

#include <algorithm>

#include "compose/compose.hpp"
#include "fixtures.hpp"

using namespace takehome;
using fixtures::contains;

namespace {

/// Every box inside `blocks`, recursively, in order. Points into `blocks`.
void collect_boxes(const doc::Blocks& blocks, std::vector<const doc::Box*>& out) {
    for (const auto& b : blocks)
        if (const auto* box = std::get_if<doc::Box>(&b.node)) {
            out.push_back(box);
            collect_boxes(box->content, out);
        }
}
std::vector<const doc::Box*> boxes(doc::Blocks&&) = delete;
std::vector<const doc::Box*> boxes(const doc::Blocks& blocks) {
    std::vector<const doc::Box*> out;
    collect_boxes(blocks, out);
    return out;
}

}  // namespace

TEST_CASE("safety: the section is one kept-together group of three graded tier boxes after the intro") {
    const auto d = fixtures::compose_doc(fixtures::summary());
    const auto sec = fixtures::section(d, "red-flags");
    REQUIRE(sec.size() == 1);  // one group, heading first, so it floats and stays whole as one
    CHECK(sec[0].may_float);
    const auto all = boxes(sec);
    REQUIRE(all.size() == 4);
    CHECK(all[0]->style == doc::BoxStyle::group);
    CHECK(std::get<doc::Heading>(all[0]->content[0].node).id == "section-red-flags");
    CHECK(fixtures::all_text({all[0]->content[1]}) == "These signs are rare.\n");
    CHECK(all[1]->style == doc::BoxStyle::emergency);
    CHECK(all[2]->style == doc::BoxStyle::urgent);
    CHECK(all[3]->style == doc::BoxStyle::calm);
    CHECK(all[1]->id == "box-red-flags");
    CHECK(all[2]->id == "box-red-flags-2");
    CHECK(all[3]->id == "box-red-flags-3");
    CHECK(fixtures::all_text(all[1]->content) ==
          "Go to A&E or call 999 now if you have\nnumbness between your legs\nnew trouble walking\n");
    CHECK(fixtures::all_text(all[2]->content) == "Get advice today from NHS 111 if you have\na temperature of 38 C or more\n");
    // A tier keeps every block up to the next tier heading.
    CHECK(fixtures::all_text(all[3]->content) ==
          "Contact 01632 960 123 if\nyou are worried about anything\n"
          "Call Riverside Physiotherapy on 01632 960 123 if you are worried.\n");
    // The emergency heading is set larger (level 2): the number in large bold type; the others level 3.
    CHECK(std::get<doc::Heading>(all[1]->content.front().node).level == 2);
    CHECK(std::get<doc::Heading>(all[2]->content.front().node).level == 3);
    const auto first_spans = fixtures::spans(all[1]->content);
    const auto* number = fixtures::find_span(first_spans, "999");
    REQUIRE(number != nullptr);
    CHECK(number->link == std::optional<std::string>("tel:999"));
    CHECK(number->no_hyphens);
    CHECK(!contains(fixtures::all_text(sec), "In an emergency, call"));  // the tier already names it
    // Screened and not both legs: nothing on page 1 but the link from the plan at a glance.
    const auto ids = fixtures::section_ids(d);
    CHECK(std::find(ids.begin(), ids.end(), "safety-first") == ids.end());
}

TEST_CASE("safety: plan.safety_notes go to the tier their prefix names (default today), prefix stripped") {
    auto s = fixtures::summary();
    s.plan.safety_notes = {"emergency: If your foot starts to drag, call now.",
                           "If your left big toe gets weaker, ring us the same day.",
                           "Contact: If the soreness lasts more than 3 days, let us know.",
                           "today:Numb toes"};
    const auto sec = fixtures::section(fixtures::compose_doc(s), "red-flags");
    const auto all = boxes(sec);
    REQUIRE(all.size() == 4);
    CHECK(contains(fixtures::all_text(all[1]->content), "From your physio:\nIf your foot starts to drag, call now.\n"));
    CHECK(contains(fixtures::all_text(all[2]->content),
                   "From your physio:\nIf your left big toe gets weaker, ring us the same day.\nNumb toes\n"));
    CHECK(contains(fixtures::all_text(all[3]->content),
                   "From your physio:\nIf the soreness lasts more than 3 days, let us know.\n"));
    CHECK(!contains(fixtures::all_text(sec), "emergency:"));
}

TEST_CASE("safety: an incomplete screen or both legs puts the emergency tier in full on page 1, after the header") {
    for (int which = 0; which < 2; ++which) {
        auto s = fixtures::summary();
        if (which == 0) s.assessment.red_flags_screened = false;
        else s.assessment.leg_symptoms = model::LegSymptoms::both_legs;
        const auto d = fixtures::compose_doc(s);
        const auto ids = fixtures::section_ids(d);
        REQUIRE(ids.size() >= 3);
        CHECK(ids[0] == "header");
        CHECK(ids[1] == "safety-first");
        CHECK(ids[2] == "plan-at-a-glance");
        const auto first = fixtures::section(d, "safety-first");
        const auto b1 = boxes(first);
        REQUIRE(b1.size() == 1);
        CHECK(b1[0]->style == doc::BoxStyle::emergency);
        CHECK(b1[0]->id == "box-red-flags");
        const auto text = fixtures::all_text(b1[0]->content);
        CHECK(contains(text, "still needs to ask you about these signs"));
        CHECK(contains(text, "Go to A&E or call 999 now if you have\nnumbness between your legs\nnew trouble walking\n"));
        // The rest of the section follows as usual: the same-day and contact tiers, and a link to page 1.
        const auto rest = fixtures::section(d, "red-flags");
        const auto b2 = boxes(rest);
        REQUIRE(b2.size() == 3);
        CHECK(b2[1]->style == doc::BoxStyle::urgent);
        CHECK(b2[2]->style == doc::BoxStyle::calm);
        CHECK(contains(fixtures::all_text(rest), "The signs that need emergency help are in the box at the start of your plan."));
        const auto ids2 = fixtures::heading_ids(d);
        CHECK(std::count(ids2.begin(), ids2.end(), "section-red-flags") == 1);
        // The main message sends the patient to the box first and does not say "not serious".
        const auto glance = fixtures::all_text(fixtures::section(d, "plan-at-a-glance"));
        CHECK(contains(glance, "read the warning signs"));
        CHECK(!contains(glance, "not serious"));
    }
}

TEST_CASE("safety: when the emergency tier does not name the number, the tier says it") {
    auto lib = fixtures::library();
    lib.topics["red-flags"].body = {fixtures::para("Call {emergency_place} if you cannot walk.")};
    const auto sec = fixtures::section(fixtures::compose_doc(fixtures::summary(), lib), "red-flags");
    const auto all = boxes(sec);
    REQUIRE(all.size() == 4);
    CHECK(fixtures::all_text(all[0]->content).rfind("When to get help urgently\nCall A&E if you cannot walk.\n", 0) == 0);
    CHECK(fixtures::all_text(all[1]->content) == "In an emergency, call 999.\n");
}
