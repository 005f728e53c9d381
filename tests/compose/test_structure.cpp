// Tests of the handout's block structure: exercise columns, one red-flag box per tier, floats, topics in brief.
#include <doctest/doctest.h>

#include <algorithm>

#include "compose/compose.hpp"
#include "fixtures.hpp"

using namespace takehome;
using fixtures::contains;

namespace {

doc::Document make(const model::AssessmentSummary& s, const content::Library& lib = fixtures::library()) {
    Diagnostics diags;
    return compose::compose_handout(s, lib, diags);
}

std::vector<const doc::Box*> boxes(doc::Blocks&&) = delete;  // returns pointers into its argument
std::vector<const doc::Box*> boxes(const doc::Blocks& blocks) {
    std::vector<const doc::Box*> out;
    for (const auto& b : blocks)
        if (const auto* box = std::get_if<doc::Box>(&b.node)) out.push_back(box);
    return out;
}

doc::Block h3(const std::string& text) { return doc::Block(doc::Heading{3, doc::plain(text), "", true}, "test"); }

doc::Block bullets(std::vector<std::string> items) {
    doc::List l;
    for (auto& i : items) l.items.push_back(doc::plain(std::move(i)));
    return doc::Block(std::move(l), "test");
}

/// A red-flags topic shaped like content/topics/red-flags.md: an intro, then three "###" tiers.
content::Library tiered_library() {
    auto lib = fixtures::library();
    lib.topics["red-flags"] = fixtures::topic(
        "red-flags", "Warning signs",
        {fixtures::para("These problems are rare."), h3("Go to A&E or call {emergency_number} now if you have"),
         bullets({"numbness between your legs", "new trouble walking"}),
         h3("Get urgent advice today from {urgent_advice} if you have"), bullets({"a fever"}),
         h3("Contact us on {clinic_phone} if"), bullets({"you are worried about anything"}),
         fixtures::para("We are here to help.")});
    return lib;
}

/// Every block with may_float set, recursively, as the name of its node type.
void floats(const doc::Blocks& blocks, std::vector<std::string>& out) {
    for (const auto& b : blocks) {
        if (b.may_float) {
            if (std::holds_alternative<doc::PainChart>(b.node)) out.push_back("chart");
            else if (std::holds_alternative<doc::Table>(b.node)) out.push_back("table");
            else out.push_back("other");
        }
        if (const auto* box = std::get_if<doc::Box>(&b.node)) floats(box->content, out);
        if (const auto* cols = std::get_if<doc::Columns>(&b.node))
            for (const auto& c : cols->columns) floats(c, out);
    }
}

}  // namespace

TEST_CASE("structure: every exercise sets picture and dose beside position and steps, weighted 0.42 : 0.58") {
    const auto sec = fixtures::section(make(fixtures::summary()), "exercises");
    const auto groups = boxes(sec);
    REQUIRE(groups.size() == 3);
    for (const auto* g : groups) {
        CHECK(g->style == doc::BoxStyle::group);
        const auto n = std::count_if(g->content.begin(), g->content.end(),
                                     [](const doc::Block& b) { return std::holds_alternative<doc::Columns>(b.node); });
        CHECK(n == 1);
    }
    // Walking: the amount from the notes is the dose line in the left column, under the picture, and the
    // stop signs follow it there.
    const auto& walk = std::get<doc::Columns>(groups[2]->content[2].node);
    REQUIRE(walk.columns.size() == 2);
    CHECK(std::holds_alternative<doc::Image>(walk.columns[0][0].node));
    CHECK(fixtures::all_text(walk.columns[0]) ==
          "A person doing Walking\nHow much: 10 minutes at an easy pace, 3 times a day\n"
          "Stop and tell us if:\nthe pain gets much worse\n");
    CHECK(walk.gap_pt == 18);  // the document tree's default gap
}

TEST_CASE("structure: an exercise with no position, steps or feeling has one column, picture and dose") {
    auto lib = fixtures::library();
    lib.exercises["bridge"].start_position.clear();
    lib.exercises["bridge"].steps.clear();
    lib.exercises["bridge"].feel.clear();
    lib.exercises["bridge"].image.reset();
    const auto sec = fixtures::section(make(fixtures::summary(), lib), "exercises");
    const auto groups = boxes(sec);
    REQUIRE(groups.size() == 3);
    const auto& cols = std::get<doc::Columns>(groups[1]->content[2].node);
    REQUIRE(cols.columns.size() == 1);
    CHECK(cols.weights.size() == 1);
    CHECK(fixtures::all_text(cols.columns[0]) ==
          "How much: 3 sets of 10, hold each for 3 seconds, once a day\nStop and tell us if:\nthe pain gets much worse\n");
}

TEST_CASE("structure: red flags are one warning box per tier, the first with the intro and the emergency number") {
    const auto d = make(fixtures::summary(), tiered_library());
    const auto sec = fixtures::section(d, "red-flags");
    REQUIRE(sec.size() == 4);  // section heading + 3 boxes
    const auto* h = std::get_if<doc::Heading>(&sec[0].node);
    REQUIRE(h != nullptr);
    CHECK(h->id == "section-red-flags");
    const auto tiers = boxes(sec);
    REQUIRE(tiers.size() == 3);
    for (const auto* t : tiers) CHECK(t->style == doc::BoxStyle::warning);
    CHECK(tiers[0]->id == "box-red-flags");
    CHECK(tiers[1]->id == "box-red-flags-2");
    CHECK(tiers[2]->id == "box-red-flags-3");
    CHECK(fixtures::all_text(tiers[0]->content) ==
          "These problems are rare.\nGo to A&E or call 999 now if you have\nnumbness between your legs\nnew trouble walking\n");
    CHECK(fixtures::all_text(tiers[1]->content) == "Get urgent advice today from NHS 111 if you have\na fever\n");
    // A tier keeps every block up to the next tier heading.
    CHECK(fixtures::all_text(tiers[2]->content) ==
          "Contact us on 01632 960 123 if\nyou are worried about anything\nWe are here to help.\n");
    for (const auto* t : {tiers[1], tiers[2]}) {
        const auto* th = std::get_if<doc::Heading>(&t->content.front().node);
        REQUIRE(th != nullptr);
        CHECK(th->level == 3);
    }
    const auto first_spans = fixtures::spans(tiers[0]->content);
    const auto* number = fixtures::find_span(first_spans, "999");
    REQUIRE(number != nullptr);
    CHECK(number->link == std::optional<std::string>("tel:999"));
    CHECK(!contains(fixtures::all_text(sec), "In an emergency, call"));  // the tier already names it
}

TEST_CASE("structure: the 'still needs to check' notice opens the first red-flag box, which moves to page 1") {
    auto s = fixtures::summary();
    s.assessment.leg_symptoms = model::LegSymptoms::both_legs;
    auto d = make(s, tiered_library());
    CHECK(fixtures::section_ids(d)[2] == "red-flags");
    auto sec = fixtures::section(d, "red-flags");
    auto tiers = boxes(sec);
    REQUIRE(tiers.size() == 3);
    auto first = fixtures::all_text(tiers[0]->content);
    CHECK(first.rfind("You have symptoms in both legs. Your physio still needs to check these questions with you at "
                      "each visit. Read them now.",
                      0) == 0);
    CHECK(contains(first, "These problems are rare.\nGo to A&E or call 999 now if you have\n"));
    CHECK(!contains(fixtures::all_text(tiers[1]->content), "still needs to check"));

    s.assessment.leg_symptoms = model::LegSymptoms::none;
    s.assessment.red_flags_screened = false;
    d = make(s, tiered_library());
    sec = fixtures::section(d, "red-flags");
    tiers = boxes(sec);
    REQUIRE(tiers.size() == 3);
    first = fixtures::all_text(tiers[0]->content);
    CHECK(first.rfind("Your physio still needs to check these questions with you.", 0) == 0);
}

TEST_CASE("structure: when the first tier does not name the emergency number, the first box says it") {
    auto lib = tiered_library();
    lib.topics["red-flags"].body = {h3("Contact us on {clinic_phone} if"), bullets({"you are worried"}),
                                    h3("Call {emergency_number} if"), bullets({"you cannot walk"})};
    const auto sec = fixtures::section(make(fixtures::summary(), lib), "red-flags");
    const auto tiers = boxes(sec);
    REQUIRE(tiers.size() == 2);
    CHECK(fixtures::all_text(tiers[0]->content) ==
          "Contact us on 01632 960 123 if\nyou are worried\nIn an emergency, call 999.\n");

    // A topic with no tiers at all is one box.
    lib.topics["red-flags"].body = {fixtures::para("Call {emergency_number} if you cannot walk.")};
    const auto sec1 = fixtures::section(make(fixtures::summary(), lib), "red-flags");
    const auto one = boxes(sec1);
    REQUIRE(one.size() == 1);
    CHECK(fixtures::all_text(one[0]->content) == "Call 999 if you cannot walk.\n");
}

TEST_CASE("structure: only the pain chart may float (the diary travels with its instruction)") {
    auto s = fixtures::summary();
    s.assessment.pain_history = {{{2026, 11, 5}, 8}, {{2026, 11, 12}, 7}};
    std::vector<std::string> found;
    floats(make(s).blocks, found);
    CHECK(found == std::vector<std::string>{"chart"});

    // The PSFS table in "What we found" is not a float; without history or exercises nothing floats.
    s.assessment.pain_history.clear();
    s.plan.exercises.clear();
    found.clear();
    floats(make(s).blocks, found);
    CHECK(found.empty());
}

TEST_CASE("structure: topics that repeat the leading ones are given in brief, by title and summary") {
    const auto edu = fixtures::section(make(fixtures::summary()), "education");
    const auto text = fixtures::all_text(edu);
    // Acute with manual therapy: when-manual-therapy-helps leads and why-exercise is in full.
    CHECK(contains(text, "When manual therapy helps\nText about when-manual-therapy-helps.\n"));
    CHECK(contains(text, "Why your exercises matter\nText about why-exercise.\n"));
    // Hands-on care was used: what it is and why it is not enough on its own are always in full.
    CHECK(contains(text, "Text about what-is-manual-therapy."));
    CHECK(contains(text, "Text about not-enough-on-its-own."));
    CHECK(!contains(text, "Text about what-the-research-says."));
    const doc::List* brief = nullptr;
    for (std::size_t i = 0; i + 1 < edu.size(); ++i)
        if (const auto* h = std::get_if<doc::Heading>(&edu[i].node); h && h->id == "topic-in-brief")
            brief = std::get_if<doc::List>(&edu[i + 1].node);
    REQUIRE(brief != nullptr);
    std::vector<std::string> items;
    for (const auto& item : brief->items) items.push_back(fixtures::text_of(item));
    CHECK(items == std::vector<std::string>{"What treatment feels like: A short summary.",
                                            "Is it safe? A short summary.",
                                            "What the research says: A short summary.",
                                            "Lasting recovery: A short summary."});
    CHECK(brief->items[0][0].strong);
    CHECK(contains(text, "Ask your physio if you want to know more about any of these.\n"));
}

TEST_CASE("structure: persistent pain keeps its leading topics in full; the note comes before the brief list") {
    auto s = fixtures::summary();
    s.assessment.pattern = model::Pattern::persistent;
    const auto edu = fixtures::section(make(s), "education");
    std::vector<std::string> order;
    for (const auto& b : edu) {
        if (const auto* h = std::get_if<doc::Heading>(&b.node)) order.push_back(h->id);
        if (const auto* box = std::get_if<doc::Box>(&b.node)) order.push_back(box->id);
    }
    CHECK(order == std::vector<std::string>{"section-education", "topic-not-enough-on-its-own",
                                            "topic-lasting-recovery", "topic-why-exercise", "box-manual-therapy",
                                            "topic-what-is-manual-therapy", "topic-in-brief"});
}

TEST_CASE("structure: topics the physio listed are all given in full") {
    auto s = fixtures::summary();
    s.topics = std::vector<model::Located>{{"is-it-safe", {"dan.yaml", 60, 5}},
                                           {"what-the-research-says", {"dan.yaml", 61, 5}}};
    const auto text = fixtures::all_text(fixtures::section(make(s), "education"));
    CHECK(contains(text, "Is it safe?\nText about is-it-safe.\n"));
    CHECK(contains(text, "What the research says\nText about what-the-research-says.\n"));
    CHECK(!contains(text, "More about hands-on care"));
}

TEST_CASE("structure: pain today, best and worst share one paragraph; the review date is said once") {
    const auto d = make(fixtures::summary());
    const auto text = fixtures::all_text(d.blocks);
    CHECK(contains(text, "Your pain today: 5 out of 10 (0 is no pain, 10 is the worst pain you can imagine). At its "
                         "best: 2 out of 10. At its worst: 8 out of 10.\n"));
    std::size_t n = 0;
    for (auto at = text.find("25 December 2026"); at != std::string::npos; at = text.find("25 December 2026", at + 1))
        ++n;
    CHECK(n == 1);
    CHECK(contains(text, "You told us these ease your pain. They are safe to use when your pain is bad or flares "
                         "up:\nWalking\nA hot shower\n"));
}
