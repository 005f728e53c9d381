// Page breaker tests: keep-with-next (H22), widows and orphans, unsplittable boxes and lists, repeated table
// headers and rows taller than a page (H23), "Page N of M" (H24), margins on A4 and Letter.
#include <cstdio>
#include <map>

#include "layout_fixtures.hpp"

using namespace takehome;
using namespace takehome::layout::test;

namespace {

bool is_heading(const std::string& role) { return role == "H1" || role == "H2" || role == "H3"; }

/// Checks the widow/orphan and keep-with-next rules on every page break of `list`; returns how many
/// paragraphs were split across a break (so sweeps can show they exercised the rule).
int check_breaks(const display::DisplayList& list) {
    int splits = 0;
    for (std::size_t p = 0; p < list.pages.size(); ++p) {
        const auto gs = groups(list.pages[p]);
        REQUIRE(!gs.empty());
        CHECK_MESSAGE(!is_heading(gs.back().role), "page " << p + 1 << " ends with a heading");
        if (p + 1 == list.pages.size()) continue;
        const auto next = groups(list.pages[p + 1]);
        REQUIRE(!next.empty());
        const Group& end = gs.back();
        const Group& start = next.front();
        if (end.role == "P" && start.role == "P" && !start.lines.empty() && start.lines[0].rfind("P", 0) != 0) {
            // A paragraph split across the break: >= 2 lines each side (so 2-3 line paragraphs never split).
            CHECK_MESSAGE(end.lines.size() >= 2, "orphan at the bottom of page " << p + 1);
            CHECK_MESSAGE(start.lines.size() >= 2, "widow at the top of page " << p + 2);
            ++splits;
        }
    }
    return splits;
}

}  // namespace

TEST_CASE("a heading landing in the last lines of a page moves with two lines of its paragraph (H22)") {
    // Sweep the filler so the heading falls on every position near the page bottom.
    int moved = 0;
    for (int filler_words = 330; filler_words <= 520; filler_words += 3) {
        doc::Document d;
        d.blocks.push_back(marked(1, filler_words));
        d.blocks.push_back(heading(2, "Week 2", "week-2"));
        d.blocks.push_back(marked(2, 30));  // a 3-line paragraph
        Diagnostics diags;
        const auto list = lay(d, diags);
        CHECK(diags.empty());
        check_breaks(list);
        for (std::size_t p = 0; p < list.pages.size(); ++p) {
            const auto gs = groups(list.pages[p]);
            for (std::size_t g = 0; g < gs.size(); ++g) {
                if (gs[g].role != "H2") continue;
                REQUIRE(g + 1 < gs.size());
                CHECK(gs[g + 1].lines.size() >= 2);
                if (g == 0) ++moved;
            }
        }
    }
    CHECK(moved >= 1);  // the sweep really hit the bottom of the page
}

TEST_CASE("keep-with-next chains: h1 then h2 then a paragraph never leave a heading at the bottom") {
    for (int filler_words = 330; filler_words <= 520; filler_words += 4) {
        doc::Document d;
        d.blocks.push_back(marked(1, filler_words));
        d.blocks.push_back(heading(1, "Your exercises", "section-exercises"));
        d.blocks.push_back(heading(2, "Cat-camel", "cat-camel"));
        d.blocks.push_back(marked(2, 60));
        Diagnostics diags;
        check_breaks(lay(d, diags));
    }
}

TEST_CASE("no page starts or ends with a single line of a paragraph; 2-3 line paragraphs never split") {
    int split_paragraphs = 0;
    for (int filler_words = 300; filler_words <= 520; filler_words += 4) {
        doc::Document d;
        d.blocks.push_back(marked(1, filler_words));
        d.blocks.push_back(marked(2, 20));   // 2 lines
        d.blocks.push_back(marked(3, 30));   // 3 lines
        d.blocks.push_back(marked(4, 50));   // 5 lines
        d.blocks.push_back(marked(5, 20));
        d.blocks.push_back(marked(6, 50));
        Diagnostics diags;
        const auto list = lay(d, diags);
        split_paragraphs += check_breaks(list);
        for (const auto& page : list.pages) {
            for (const auto& g : groups(page)) {
                if (g.lines.empty() || g.lines[0].rfind("P2:", 0) == 0 || g.lines[0].rfind("P3:", 0) == 0 ||
                    g.lines[0].rfind("P5:", 0) == 0) {
                    CHECK(g.lines.size() >= 2);
                    CHECK(g.lines.back().back() == '.');  // the whole paragraph is here
                }
            }
        }
    }
    CHECK(split_paragraphs >= 10);
}

TEST_CASE("boxes are never split and lists of up to 6 items stay together") {
    for (int filler_words = 250; filler_words <= 480; filler_words += 10) {
        doc::Document d;
        d.blocks.push_back(marked(1, filler_words));
        doc::Blocks inside{para("BOXSTART " + filler(60, 2)), para(filler(40, 3) + " BOXEND")};
        d.blocks.push_back(doc::Block(doc::Box(doc::BoxStyle::warning, doc::plain("Red flags"), inside)));
        d.blocks.push_back(doc::Block(doc::List{true, {doc::plain("LIST1 " + filler(12)), doc::plain(filler(20)), doc::plain(filler(5)),
                                                        doc::plain(filler(8)), doc::plain(filler(30)), doc::plain(filler(9) + " LIST6")}}));
        d.blocks.push_back(marked(2, 300));
        Diagnostics diags;
        const auto list = lay(d, diags);
        CHECK(diags.empty());
        int boxes = 0, lists = 0;
        for (const auto& page : list.pages) {
            for (const auto& g : groups(page)) {
                std::string all;
                for (const auto& l : g.lines) all += l + "\n";
                if (g.role == "Sect") {
                    ++boxes;
                    CHECK(all.rfind("Red flags", 0) == 0);
                    CHECK(all.find("BOXEND") != std::string::npos);
                }
                if (g.role == "L") {
                    ++lists;
                    CHECK(all.find("LIST1") != std::string::npos);
                    CHECK(all.find("LIST6") != std::string::npos);
                }
            }
        }
        CHECK(boxes == 1);
        CHECK(lists == 1);
        check_breaks(list);
    }
}

TEST_CASE("a long list breaks between items but never leaves the first or last item alone") {
    for (int filler_words = 300; filler_words <= 480; filler_words += 6) {
        doc::Document d;
        d.blocks.push_back(marked(1, filler_words));
        doc::List l;
        for (int i = 1; i <= 12; ++i) l.items.push_back(doc::plain("Item" + std::to_string(i) + " " + filler(10, i)));
        d.blocks.push_back(doc::Block(l));
        Diagnostics diags;
        const auto list = lay(d, diags);
        std::vector<std::size_t> per_page;
        for (const auto& page : list.pages) {
            for (const auto& g : groups(page)) {
                if (g.role != "L") continue;
                std::size_t items = 0;
                for (const auto& r : g.inner_roles) items += r == "LI";
                per_page.push_back(items);
            }
        }
        REQUIRE(!per_page.empty());
        if (per_page.size() > 1) {
            CHECK(per_page.front() >= 2);
            CHECK(per_page.back() >= 2);
        }
    }
}

TEST_CASE("a 60-row table with a 900-word cell repeats its header and prints every label once (H23)") {
    doc::Table t;
    t.column_weights = {1, 1, 1, 3};
    t.header = std::vector<doc::TableCell>{{doc::plain("Exercise")}, {doc::plain("Sets")}, {doc::plain("Reps")},
                                           {doc::plain("Notes")}};
    for (int r = 1; r <= 60; ++r) {
        char label[16];
        std::snprintf(label, sizeof label, "Row %02d", r);
        t.rows.push_back({{doc::plain(label)}, {doc::plain("3")}, {doc::plain("10")},
                          {doc::plain(r == 31 ? filler(900) : "Slowly, no pain")}});
    }
    doc::Document d;
    d.blocks.push_back(heading(1, "Exercise diary", "diary"));
    d.blocks.push_back(doc::Block(t));
    Diagnostics diags;
    const auto list = lay(d, diags);
    CHECK(diags.empty());
    CHECK(list.pages.size() >= 4);
    std::map<std::string, int> labels;
    for (const auto& page : list.pages) {
        const auto gs = groups(page);
        for (const auto& g : gs) {
            if (g.role != "Table") continue;
            REQUIRE(g.inner_roles.size() >= 2);
            CHECK(g.inner_roles[0] == "TR");
            CHECK(g.inner_roles[1] == "TH");  // the header row is first on every page
            REQUIRE(!g.lines.empty());
            CHECK(g.lines[0] == "ExerciseSetsRepsNotes");
        }
        for (const auto* run : body_runs(page)) {
            if (run->text.rfind("Row ", 0) == 0) ++labels[run->text];
        }
    }
    CHECK(labels.size() == 60);
    for (const auto& [label, count] : labels) CHECK_MESSAGE(count == 1, label);
    check_inside_margins(list, standard_spec());
}

TEST_CASE("a table header taller than the page is an error (H23b)") {
    doc::Table t;
    t.header = std::vector<doc::TableCell>{{doc::plain(filler(2500))}};
    t.rows = {{{doc::plain("x")}}};
    doc::Document d;
    d.blocks.push_back(doc::Block(t, "h23b.md:1"));
    Diagnostics diags;
    try {
        (void)lay(d, diags);
        FAIL("expected an InputError");
    } catch (const InputError& e) {
        CHECK(e.diagnostics().to_string() == "h23b.md:1:1: error: table header taller than the page\n");
    }
}

TEST_CASE("a box taller than the page is split between its parts with a warning, never clipped") {
    doc::Blocks inside;
    for (int i = 0; i < 14; ++i) inside.push_back(para("Part" + std::to_string(i) + " " + filler(60, i)));
    doc::Document d;
    d.blocks.push_back(doc::Block(doc::Box(doc::BoxStyle::note, doc::plain("Notes"), inside), "notes.md:4"));
    Diagnostics diags;
    const auto list = lay(d, diags);
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].message.find("box taller than the page") != std::string::npos);
    CHECK(list.pages.size() >= 2);
    const std::string text = all_text(list);
    for (int i = 0; i < 14; ++i) CHECK(text.find("Part" + std::to_string(i) + " ") != std::string::npos);
    check_inside_margins(list, standard_spec());
}

TEST_CASE("Page N of M is right for 9 and 10 pages and the body does not reflow (H24)") {
    doc::Document base;
    base.meta.patient_name = "Ana Test";
    base.meta.clinic_name = "Riverside";
    Diagnostics diags;
    display::DisplayList nine, ten;
    doc::Document d = base;
    int n = 0;
    while (true) {
        d.blocks.push_back(marked(++n, 70));
        auto list = lay(d, diags);
        if (list.pages.size() == 9) nine = std::move(list);
        if (list.pages.size() == 10) {
            ten = std::move(list);
            break;
        }
        REQUIRE(n < 200);
    }
    REQUIRE(nine.pages.size() == 9);
    REQUIRE(ten.pages.size() == 10);
    for (int p = 0; p < 9; ++p) CHECK(footer_text(nine.pages[p]) == "Ana Test · Page " + std::to_string(p + 1) + " of 9");
    for (int p = 0; p < 10; ++p) CHECK(footer_text(ten.pages[p]) == "Ana Test · Page " + std::to_string(p + 1) + " of 10");
    // The 10-page run is the 9-page one plus one paragraph: pages 1-8 identical, page 9 a prefix.
    for (int p = 0; p < 8; ++p) CHECK(body_lines(nine.pages[p]) == body_lines(ten.pages[p]));
    const auto last9 = body_lines(nine.pages[8]);
    const auto same9 = body_lines(ten.pages[8]);
    REQUIRE(same9.size() >= last9.size());
    CHECK(std::equal(last9.begin(), last9.end(), same9.begin()));
    // The footer never overlaps the body.
    for (const auto& page : ten.pages) {
        double lowest_body = 0;
        for (const auto* run : body_runs(page)) lowest_body = std::max(lowest_body, run->y + run->descent);
        double footer_top = page.height;
        for (const auto* run : runs(page)) {
            if (run->y > lowest_body) footer_top = std::min(footer_top, run->y - run->ascent);
        }
        CHECK(lowest_body < footer_top);
    }
    check_breaks(ten);
}

TEST_CASE("every mark stays inside the margins on A4 and Letter") {
    doc::Document d;
    d.meta.clinic_name = "Riverside Physio";
    d.meta.patient_name = "Σοφία Παπαδοπούλου";
    d.blocks.push_back(heading(1, "What we found", "found"));
    d.blocks.push_back(para(filler(120)));
    d.blocks.push_back(doc::Block(doc::PainChart{{{"3 Mar", 7}, {"10 Mar", 6}, {"17 Mar", 6}, {"24 Mar", 4}, {"31 Mar", 3}},
                                                 "NPRS falling from 7 to 3", "Pain (0 to 10)"}));
    d.blocks.push_back(doc::Block(doc::Box(doc::BoxStyle::summary, doc::plain("Your plan at a glance"), {para(filler(50))})));
    doc::Table t;
    t.header = std::vector<doc::TableCell>{{doc::plain("Day")}, {doc::plain("Done")}};
    for (int i = 0; i < 7; ++i) t.rows.push_back({{doc::plain("Day " + std::to_string(i + 1))}, {{}, true}});
    t.min_row_height_pt = 24;
    d.blocks.push_back(doc::Block(t));
    d.blocks.push_back(doc::Block(doc::Box(doc::BoxStyle::warning, doc::plain("Call 999"), {para(filler(30))})));
    for (PaperSize paper : {kA4, kLetter}) {
        Diagnostics diags;
        const auto list = lay(d, diags, standard_spec(), paper);
        CHECK(diags.empty());
        CHECK(list.pages.at(0).width == paper.width_pt);
        check_inside_margins(list, standard_spec());
        REQUIRE(list.outline.size() == 1);
        CHECK(list.outline[0].dest == "found");
        CHECK(list.outline[0].page == 0);
    }
}

TEST_CASE("orphans and widows come from the layout spec: 3 and 4 lines hold at every split, and 2 + 2 splits appear by default") {
    model::LayoutSpec strict = standard_spec();
    strict.pagination.orphans = 3;
    strict.pagination.widows = 4;
    int strict_splits = 0, default_short_sides = 0;
    for (int filler_words = 300; filler_words <= 520; filler_words += 4) {
        doc::Document d;
        d.blocks.push_back(marked(1, filler_words));
        d.blocks.push_back(marked(2, 80));  // about 8 lines: splits wherever the page ends inside it
        d.blocks.push_back(marked(3, 80));
        for (const bool use_strict : {false, true}) {
            Diagnostics diags;
            const auto list = lay(d, diags, use_strict ? strict : standard_spec());
            for (std::size_t p = 0; p + 1 < list.pages.size(); ++p) {
                const auto gs = groups(list.pages[p]);
                const auto next = groups(list.pages[p + 1]);
                if (gs.empty() || next.empty()) continue;
                const Group& end = gs.back();
                const Group& start = next.front();
                if (end.role != "P" || start.role != "P" || start.lines.empty() || start.lines[0].rfind("P", 0) == 0)
                    continue;  // not a paragraph split across this break
                if (use_strict) {
                    ++strict_splits;
                    CHECK_MESSAGE(end.lines.size() >= 3, "fewer than 3 lines at the foot of page " << p + 1);
                    CHECK_MESSAGE(start.lines.size() >= 4, "fewer than 4 lines at the top of page " << p + 2);
                } else if (end.lines.size() < 3 || start.lines.size() < 4) {
                    ++default_short_sides;  // allowed by 2 and 2, refused by 3 and 4
                }
            }
        }
    }
    CHECK(strict_splits >= 10);
    CHECK(default_short_sides >= 5);  // the rules make a difference on this sweep
}
