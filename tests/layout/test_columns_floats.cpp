// Layout tests for the rules added after the first real handouts: Columns (side by side over the full
// content width, stacked in large print, never split, tags balanced), lead-in paragraphs keeping with what
// follows, floats (property sweep), group boxes taller than a page, short tables kept whole, wide tables and
// pictures fitted to their column (a real SVG and a PNG, and the clinic logo).
#include <map>

#include "layout_fixtures.hpp"

using namespace takehome;
using namespace takehome::layout::test;

namespace {

std::string svg_path() { return std::string(TAKEHOME_TEST_DIR) + "/layout/cases/bridge-400x200.svg"; }  // viewBox 400 x 200, a fixed copy of the old bridge picture
std::string png_path() { return std::string(TAKEHOME_TEST_DIR) + "/layout/cases/wide-300x120.png"; }

/// Body geometry of a page laid with `spec` (pt), the same formula as layout_document.
struct Body {
    double top, bottom, left, right;
};
Body body_of(const model::LayoutSpec& spec, PaperSize paper = kA4) {
    const double pitch = spec.small.size_pt * spec.small.leading;
    return {mm_to_pt(spec.margin_top_mm) + pitch + mm_to_pt(spec.header_gap_mm),
            paper.height_pt - mm_to_pt(spec.margin_bottom_mm) - pitch - mm_to_pt(spec.footer_gap_mm),
            mm_to_pt(spec.margin_left_mm), paper.width_pt - mm_to_pt(spec.margin_right_mm)};
}

/// An exercise as compose builds it: Box(group){ heading, purpose, Columns[[image, dose], [position, steps]],
/// feel, stop-if lead-in, list }.
doc::Block exercise(const std::string& name, int steps_words = 12) {
    doc::Columns cols;
    cols.weights = {2, 3};
    cols.columns.push_back({doc::Block(doc::Image{svg_path(), "A person lying on their back, lifting the hips", 0}),
                            para("LEFTCOL How much: 10 times, 2 times a day")});
    doc::List steps{true, {}};
    for (int i = 0; i < 4; ++i) steps.items.push_back(doc::plain("Step" + std::to_string(i + 1) + " " + filler(steps_words, i)));
    cols.columns.push_back({para("RIGHTCOL Starting position: " + filler(20, 5)), doc::Block(steps)});
    doc::Blocks in{heading(2, name), para("Purpose " + filler(10, 1)), doc::Block(cols, "compose:exercise"),
                   para("What you should feel: " + filler(15, 2)), para("Stop and tell us if:"),
                   doc::Block(doc::List{false, {doc::plain("the pain gets sharp"), doc::plain("you get pins and needles")}})};
    return doc::Block(doc::Box(doc::BoxStyle::group, {}, in), "compose:exercise");
}

/// Every TagBegin has its TagEnd on the same page, never closing more than opened.
void check_tags_balanced(const display::DisplayList& list) {
    for (const auto& page : list.pages) {
        int depth = 0;
        for (const auto& item : page.items) {
            if (std::holds_alternative<display::TagBegin>(item)) ++depth;
            if (std::holds_alternative<display::TagEnd>(item)) {
                --depth;
                CHECK(depth >= 0);
            }
        }
        CHECK(depth == 0);
    }
}

std::vector<const display::Image*> images(const display::Page& page) {
    std::vector<const display::Image*> out;
    for (const auto& item : page.items) {
        if (auto* img = std::get_if<display::Image>(&item)) out.push_back(img);
    }
    return out;
}

const display::GlyphRun* find_run(const display::DisplayList& list, const std::string& prefix, std::size_t* page = nullptr) {
    for (std::size_t p = 0; p < list.pages.size(); ++p) {
        for (const auto* run : runs(list.pages[p])) {
            if (run->text.rfind(prefix, 0) == 0) {
                if (page) *page = p;
                return run;
            }
        }
    }
    return nullptr;
}

}  // namespace

TEST_CASE("Columns sit side by side over the full content width; the picture fills its column") {
    const auto spec = standard_spec();
    doc::Document d;
    d.blocks.push_back(exercise("Bridge"));
    Diagnostics diags;
    const auto list = lay(d, diags, spec);
    CHECK(diags.empty());
    REQUIRE(list.pages.size() == 1);
    const Body body = body_of(spec);
    const double content = body.right - body.left;
    const double left_col = (content - 18) * 2 / 5;
    const auto imgs = images(list.pages[0]);
    REQUIRE(imgs.size() == 1);
    CHECK(imgs[0]->x == doctest::Approx(body.left).epsilon(1e-6));
    CHECK(imgs[0]->w == doctest::Approx(left_col).epsilon(1e-6));        // fitted to the column
    CHECK(imgs[0]->h == doctest::Approx(imgs[0]->w / 2).epsilon(1e-6));  // 400 x 200 viewBox
    const auto* left_run = find_run(list, "LEFTCOL");
    const auto* right_run = find_run(list, "RIGHTCOL");
    REQUIRE(left_run);
    REQUIRE(right_run);
    CHECK(left_run->x == doctest::Approx(body.left));
    CHECK(right_run->x == doctest::Approx(body.left + left_col + 18));    // gap_pt = 18
    CHECK(right_run->y < left_run->y);                                   // beside, not below: dose is under the picture
    CHECK(right_run->y < imgs[0]->y + imgs[0]->h);
    // The steps column reaches past the narrowed text measure (70 characters) towards the right margin.
    double right_edge = 0;
    for (const auto* run : body_runs(list.pages[0])) {
        if (run->x > body.left + left_col) right_edge = std::max(right_edge, run->x + run->width);
    }
    const auto* feel = find_run(list, "What you should feel");
    REQUIRE(feel);
    double measure_edge = 0;
    for (const auto* run : body_runs(list.pages[0])) {
        if (std::abs(run->y - feel->y) < 0.01) measure_edge = std::max(measure_edge, run->x + run->width);
    }
    CHECK(right_edge > measure_edge);
    CHECK(right_edge <= body.right + 0.01);
    check_inside_margins(list, spec);
    check_tags_balanced(list);
    // Tagging: the box (Sect) holds a Div with one Div per column, the children keep their own roles.
    const auto gs = groups(list.pages[0]);
    REQUIRE(gs.size() == 1);
    CHECK(gs[0].role == "Sect");
    const auto& roles = gs[0].inner_roles;
    CHECK(std::count(roles.begin(), roles.end(), "Div") == 3);
    CHECK(std::count(roles.begin(), roles.end(), "Figure") == 1);
    CHECK(std::count(roles.begin(), roles.end(), "LI") == 6);
}

TEST_CASE("Columns are stacked in order when a column's measure would be under min_measure_chars (large print)") {
    auto spec = standard_spec();
    spec.body.size_pt = 18;  // large print: a 2:3 split of 481 pt leaves the picture column about 20 characters
    doc::Document d;
    d.blocks.push_back(exercise("Bridge"));
    Diagnostics diags;
    const auto list = lay(d, diags, spec);
    CHECK(diags.empty());
    const Body body = body_of(spec);
    std::size_t lp = 0, rp = 0;
    const auto* left_run = find_run(list, "LEFTCOL", &lp);
    const auto* right_run = find_run(list, "RIGHTCOL", &rp);
    REQUIRE(left_run);
    REQUIRE(right_run);
    CHECK(right_run->x == doctest::Approx(body.left));
    CHECK((rp > lp || (rp == lp && right_run->y > left_run->y)));  // in order: picture and dose, then steps
    // The dose that follows the picture in its column is set beside it (issue 10, item 5): 18 pt right of the
    // figure, its first line within the picture's height; the steps column starts under the picture.
    REQUIRE(images(list.pages[lp]).size() == 1);
    const auto* img = images(list.pages[lp]).front();
    CHECK(img->w == doctest::Approx(spec.exercise_image_width_pt));  // the figure width, not a column
    CHECK(img->h == doctest::Approx(img->w / 2));
    CHECK(img->x == doctest::Approx(body.left));
    CHECK(left_run->x == doctest::Approx(img->x + img->w + 18));
    CHECK(left_run->y > img->y);
    CHECK(left_run->y < img->y + img->h);
    CHECK((rp > lp || right_run->y > img->y + img->h));
    check_inside_margins(list, spec);
    check_tags_balanced(list);
}

TEST_CASE("a stacked exercise keeps its dose under the picture when beside it would be taller or too narrow") {
    auto spec = standard_spec();
    spec.body.size_pt = 18;
    for (const bool narrow : {false, true}) {
        CAPTURE(narrow);
        doc::Columns cols;
        cols.weights = {2, 3};
        // A note of 120 words is far taller in the column beside the picture than under it at full width.
        const std::string dose = narrow ? "LEFTCOL How much: 10 times" : "LEFTCOL Your physio's note: " + filler(120, 3);
        cols.columns.push_back({doc::Block(doc::Image{svg_path(), "A person lying on their back", 0}), para(dose)});
        cols.columns.push_back({para("RIGHTCOL Starting position: " + filler(20, 5))});
        auto layout_spec = spec;
        // Too narrow: a picture so wide that fewer than 20 average characters fit beside it.
        if (narrow) layout_spec.exercise_image_width_pt = 400;
        doc::Document d;
        d.blocks.push_back(doc::Block(doc::Box(doc::BoxStyle::group, {}, {heading(2, "Bridge"), doc::Block(cols)})));
        Diagnostics diags;
        const auto list = lay(d, diags, layout_spec);
        std::size_t lp = 0;
        const auto* left_run = find_run(list, "LEFTCOL", &lp);
        REQUIRE(left_run);
        const Body body = body_of(layout_spec);
        CHECK(left_run->x == doctest::Approx(body.left));
        const auto* img = images(list.pages[lp]).front();
        CHECK(left_run->y > img->y + img->h);  // under the picture
        check_inside_margins(list, layout_spec);
    }
}

TEST_CASE("Columns are never split across pages and move whole with their box") {
    int moved = 0;
    for (int words = 300; words <= 560; words += 8) {
        doc::Document d;
        d.blocks.push_back(marked(1, words));
        d.blocks.push_back(exercise("Bridge"));
        d.blocks.push_back(marked(2, 40));
        Diagnostics diags;
        const auto list = lay(d, diags);
        CHECK(diags.empty());
        std::size_t lp = 99, rp = 99, hp = 99, sp = 99;
        REQUIRE(find_run(list, "LEFTCOL", &lp));
        REQUIRE(find_run(list, "RIGHTCOL", &rp));
        REQUIRE(find_run(list, "Bridge", &hp));
        REQUIRE(find_run(list, "Step4", &sp));
        CHECK(lp == rp);
        CHECK(sp == rp);
        CHECK(hp == rp);
        if (rp == 1) ++moved;
        check_tags_balanced(list);
    }
    CHECK(moved >= 5);
}

TEST_CASE("a lead-in (keep_with_next) is never the last thing on a page and keeps two lines of what follows") {
    int moved = 0;
    for (int words = 330; words <= 520; words += 3) {
        for (bool list_follows : {false, true}) {
            doc::Document d;
            d.blocks.push_back(marked(1, words));
            d.blocks.push_back(doc::Block(doc::Paragraph{{doc::Span{"What we found when we checked you:", true}}}, "t.md:3"));
            d.blocks.back().keep_with_next = true;  // as compose sets it on a lead-in
            if (list_follows) {
                d.blocks.push_back(doc::Block(doc::List{false, {doc::plain("ITEM1 " + filler(8)), doc::plain("ITEM2 " + filler(8)),
                                                                doc::plain(filler(8)), doc::plain(filler(8)), doc::plain(filler(8)),
                                                                doc::plain(filler(8)), doc::plain(filler(8) + " ITEM8")}}));
            } else {
                d.blocks.push_back(marked(2, 90));  // about 8 lines: may split, but not after its first line
            }
            Diagnostics diags;
            const auto list = lay(d, diags);
            CHECK(diags.empty());
            for (std::size_t p = 0; p < list.pages.size(); ++p) {
                const auto lines = body_lines(list.pages[p]);
                REQUIRE(!lines.empty());
                CHECK_MESSAGE(lines.back().back() != ':', "page " << p + 1 << " ends with a lead-in (words " << words << ")");
                for (std::size_t k = 0; k < lines.size(); ++k) {
                    if (lines[k] != "What we found when we checked you:") continue;
                    REQUIRE(k + 2 < lines.size() + (list_follows ? 0u : 0u));
                    if (list_follows) {
                        CHECK(lines[k + 1].find("ITEM1") != std::string::npos);  // after the bullet
                    } else {
                        CHECK(lines[k + 1].rfind("P2:", 0) == 0);
                    }
                    CHECK(k + 2 < lines.size());  // at least two lines of what follows
                    if (k == 0) ++moved;
                }
            }
        }
    }
    CHECK(moved >= 2);
}

TEST_CASE("a group box taller than the page splits between its parts without a warning, never after its heading") {
    auto spec = standard_spec();
    spec.body.size_pt = 18;
    doc::Document d;
    d.blocks.push_back(marked(1, 120));
    for (int i = 0; i < 3; ++i) d.blocks.push_back(exercise("Exercise" + std::to_string(i), 40));
    Diagnostics diags;
    const auto list = lay(d, diags, spec);
    CHECK(diags.empty());  // no "box taller than the page" for groups
    CHECK(list.pages.size() >= 4);
    const std::string text = all_text(list);
    for (int i = 0; i < 3; ++i) CHECK(text.find("Exercise" + std::to_string(i)) != std::string::npos);
    for (std::size_t p = 0; p < list.pages.size(); ++p) {
        const auto lines = body_lines(list.pages[p]);
        REQUIRE(!lines.empty());
        CHECK(lines.back().rfind("Exercise", 0) != 0);  // a heading never ends a page
        CHECK(lines.back().back() != ':');
    }
    check_inside_margins(list, spec);
    check_tags_balanced(list);
    // A note box taller than the page still warns (the physio can shorten the note).
    doc::Document n;
    doc::Blocks inside;
    for (int i = 0; i < 30; ++i) inside.push_back(para(filler(40, i)));
    n.blocks.push_back(doc::Block(doc::Box(doc::BoxStyle::note, doc::plain("Notes"), inside), "notes.md:2"));
    Diagnostics note_diags;
    (void)lay(n, note_diags, spec);
    REQUIRE(note_diags.items().size() == 1);
    CHECK(note_diags.items()[0].message.find("box taller than the page") != std::string::npos);
}

TEST_CASE("a table of up to 12 rows moves to the next page whole; a 20-row table breaks between rows") {
    int whole_moves = 0, splits = 0;
    for (int words = 300; words <= 560; words += 10) {
        for (int rows : {10, 12, 20}) {
            doc::Document d;
            d.blocks.push_back(marked(1, words));
            doc::Table t;
            t.header = std::vector<doc::TableCell>{{doc::plain("What you want to do")}, {doc::plain("Score")}};
            for (int r = 0; r < rows; ++r) t.rows.push_back({{doc::plain("ROW" + std::to_string(r))}, {doc::plain("5")}});
            d.blocks.push_back(doc::Block(t, "t.md:4"));
            Diagnostics diags;
            const auto list = lay(d, diags);
            CHECK(diags.empty());
            std::size_t first = 99, last = 99;
            REQUIRE(find_run(list, "ROW0", &first));
            REQUIRE(find_run(list, "ROW" + std::to_string(rows - 1), &last));
            if (rows <= 12) {
                CHECK(first == last);
                if (first == 1) ++whole_moves;
            } else if (first != last) {
                ++splits;
                // The header repeats on the continuation page.
                const auto lines = body_lines(list.pages[last]);
                CHECK(lines.front().find("What you want to do") != std::string::npos);
            }
        }
    }
    CHECK(whole_moves >= 5);
    CHECK(splits >= 5);
}

TEST_CASE("a table needing more than the measure grows into the content width, never past the margin") {
    const auto spec = standard_spec();
    doc::Document d;
    doc::Table t;
    t.column_weights = {3, 1, 1, 1, 1, 1, 1, 1};
    std::vector<doc::TableCell> header{{doc::plain("Exercise")}};
    for (int day = 1; day <= 7; ++day) header.push_back({doc::plain("Day " + std::to_string(day))});
    t.header = header;
    for (int r = 0; r < 5; ++r) {
        std::vector<doc::TableCell> row{{doc::plain("Cat and camel")}};
        for (int day = 0; day < 7; ++day) row.push_back({{}, true});
        t.rows.push_back(row);
    }
    t.min_row_height_pt = 24;
    d.blocks.push_back(doc::Block(t));
    Diagnostics diags;
    const auto list = lay(d, diags, spec);
    CHECK(diags.empty());
    // Every "Day N" header fits on one line (no "Day" / "1" wrap).
    int days = 0;
    for (const auto* run : runs(list.pages[0])) {
        if (run->text.rfind("Day", 0) == 0) {
            ++days;
            CHECK(run->text.size() == 5);
        }
    }
    CHECK(days == 7);
    check_inside_margins(list, spec);
    check_tags_balanced(list);
}

TEST_CASE("pictures keep their aspect ratio and stay inside the margins: SVG and PNG, in and out of columns, the logo") {
    const auto spec = standard_spec();
    const Body body = body_of(spec);
    doc::Document d;
    d.meta.logo_path = svg_path();
    d.blocks.push_back(doc::Block(doc::Image{png_path(), "A wide picture", 0}));
    d.blocks.push_back(doc::Block(doc::Image{png_path(), "Too wide for the column", 5000}));
    doc::Columns cols;
    cols.columns = {{doc::Block(doc::Image{png_path(), "PNG in a column", 0})}, {doc::Block(doc::Image{svg_path(), "SVG", 0})}};
    d.blocks.push_back(doc::Block(cols));
    Diagnostics diags;
    const auto list = lay(d, diags, spec);
    CHECK(diags.empty());
    std::vector<const display::Image*> all;
    for (const auto& page : list.pages) {
        for (const auto* img : images(page)) all.push_back(img);
    }
    REQUIRE(all.size() == 5);
    const double content = body.right - body.left;
    const double column = (content - 18) / 2;
    std::map<std::string, int> seen;
    for (const auto* img : all) {
        const bool png = img->path.find(".png") != std::string::npos;
        CHECK(img->h == doctest::Approx(img->w / (png ? 2.5 : 2.0)));  // 300 x 120 px, 400 x 200 viewBox
        CHECK(img->x >= body.left - 0.01);
        CHECK(img->x + img->w <= body.right + 0.01);
        ++seen[img->alt];
    }
    // The logo: in the header band, at the top right, no taller than the band.
    const display::Image* logo = all[0];
    CHECK(logo->alt.empty());
    CHECK(logo->x + logo->w == doctest::Approx(body.right));
    CHECK(logo->y == doctest::Approx(mm_to_pt(spec.margin_top_mm)));
    CHECK(logo->y + logo->h <= body.top);
    CHECK(all[1]->w == doctest::Approx(spec.exercise_image_width_pt));  // the default figure width
    CHECK(all[2]->w <= (body.right - body.left) + 0.01);                // max_width 5000 clamped to the measure
    CHECK(all[3]->w == doctest::Approx(column));
    CHECK(all[4]->w == doctest::Approx(column));
    CHECK(all[4]->x == doctest::Approx(body.left + column + 18));
    check_inside_margins(list, spec);
}

TEST_CASE("floats: a may_float table that would leave more than a third of the page empty lets the paragraphs after it move up") {
    const auto spec = standard_spec();
    const Body body = body_of(spec);
    const double body_height = body.bottom - body.top;
    int floated = 0, in_place = 0;
    for (int words = 120; words <= 700; words += 6) {
        for (bool may_float : {true, false}) {
            doc::Document d;
            d.blocks.push_back(heading(1, "What we found", "found"));
            d.blocks.push_back(marked(1, words));
            // The diary table: 12 rows of 30 pt, taller than a third of the page, kept whole.
            doc::Table diary;
            diary.header = std::vector<doc::TableCell>{{doc::plain("Exercise")}, {doc::plain("Done")}};
            for (int r = 0; r < 12; ++r) diary.rows.push_back({{doc::plain("Row " + std::to_string(r))}, {{}, true}});
            diary.min_row_height_pt = 30;
            doc::Block chart(diary, "compose:diary");
            chart.may_float = may_float;
            d.blocks.push_back(chart);
            for (int k = 2; k <= 6; ++k) d.blocks.push_back(marked(k, 25));  // 2-3 lines each: never split
            d.blocks.push_back(heading(1, "Your exercises", "exercises"));
            d.blocks.back().float_barrier = true;
            d.blocks.push_back(marked(7, 25));
            Diagnostics diags;
            const auto list = lay(d, diags, spec);
            CHECK(diags.empty());
            // Reading sequence of the top-level groups: "P1".."P7", "Figure", headings by text.
            std::vector<std::string> seq;
            std::vector<std::size_t> page_of;
            std::vector<bool> page_top;
            for (std::size_t p = 0; p < list.pages.size(); ++p) {
                const auto gs = groups(list.pages[p]);
                for (std::size_t g = 0; g < gs.size(); ++g) {
                    std::string key = gs[g].role == "Table" ? "Figure" : gs[g].lines.empty() ? "" : gs[g].lines[0].substr(0, 3);
                    const bool continued = gs[g].role == "P" && (key.size() < 3 || key[0] != 'P' || key[2] != ':');
                    if (continued) continue;  // the rest of a paragraph split across the break
                    seq.push_back(key);
                    page_of.push_back(p);
                    page_top.push_back(g == 0);
                }
            }
            // Everything once, and the non-floats in their order.
            std::vector<std::string> text_order;
            for (const auto& s : seq) {
                if (s != "Figure") text_order.push_back(s);
            }
            CHECK(std::count(seq.begin(), seq.end(), "Figure") == 1);
            const std::vector<std::string> expected{"Wha", "P1:", "P2:", "P3:", "P4:", "P5:", "P6:", "You", "P7:"};
            CHECK_MESSAGE(text_order == expected, [&] { std::string o; for (auto& x : seq) o += x + " "; return o; }());
            const auto fig = static_cast<std::size_t>(std::find(seq.begin(), seq.end(), "Figure") - seq.begin());
            REQUIRE(fig < seq.size());
            const auto p1 = static_cast<std::size_t>(std::find(seq.begin(), seq.end(), "P1:") - seq.begin());
            const auto next_section = static_cast<std::size_t>(std::find(seq.begin(), seq.end(), "You") - seq.begin());
            CHECK(fig > p1);
            CHECK(fig < next_section);  // never past a part's first heading (doc::Block::float_barrier)
            if (!may_float) {
                CHECK(fig == p1 + 1);   // blocks without may_float never move
                continue;
            }
            if (fig != p1 + 1) {
                ++floated;
                // A float that moved starts a page, and the page before it is full: nothing that was set after
                // the float fits in what is left there.
                CHECK(page_top[fig]);
                double lowest = body.top;
                for (const auto* run : body_runs(list.pages[page_of[fig] - 1])) lowest = std::max(lowest, run->y + run->descent);
                CHECK(body.bottom - lowest < body_height / 3);
            } else {
                ++in_place;
                // Kept in place: either it fit after P1, or it starts a page whose predecessor is at most 2/3 empty,
                // or nothing flexible followed it on the same page as it.
                if (page_top[fig] && page_of[fig] > 0) {
                    double lowest = body.top;
                    for (const auto* run : body_runs(list.pages[page_of[fig] - 1])) lowest = std::max(lowest, run->y + run->descent);
                    CHECK(body.bottom - lowest <= body_height / 3 + 30);  // a hole under 1/3 (plus a line's slack)
                }
            }
        }
    }
    CHECK(floated >= 5);
    CHECK(in_place >= 5);
}
