// layouts/standard.yaml and layouts/large-print.yaml load with the documented values; bad layout files are positioned.
#include <doctest/doctest.h>

#include <cstdlib>

#include "load_test_support.hpp"

using namespace takehome;
using namespace takehome::load;
using namespace takehome::load::test;
using V = std::vector<std::string>;

namespace {
std::string layout_path(const std::string& name) {
    const char* env = std::getenv("TAKEHOME_DATA_DIR");
    const std::string root = env != nullptr && *env != '\0' ? env : TAKEHOME_DATA_DIR;
    return root + "/layouts/" + name + ".yaml";
}
}  // namespace

TEST_CASE("standard.yaml: A4, 12 pt body on 1.3 leading, 13 mm top and bottom margins, page budget 6") {
    Diagnostics d;
    auto spec = load_layout(layout_path("standard"), d);
    CHECK(d.to_string() == "");
    REQUIRE(spec);
    CHECK(spec->name == "standard");
    CHECK(spec->paper == "A4");
    CHECK_FALSE(spec->large_print);
    CHECK(spec->body.family == "Noto Sans");
    CHECK(spec->body.size_pt >= 12.0);
    CHECK(spec->body.size_pt <= 13.0);
    CHECK(spec->body.size_pt == doctest::Approx(12));   // the mission's floor, to keep the handout short
    CHECK(spec->body.leading >= 1.3);
    CHECK(spec->margin_top_mm == doctest::Approx(13));
    CHECK(spec->page_budget == 6);
    CHECK(spec->margin_left_mm >= 12.7);
    CHECK(spec->small.size_pt >= 12);  // every printed word at 12 pt or more (the mission: "at least 12 pt")
    CHECK(spec->h1.bold);
    CHECK(spec->h1.size_pt > spec->h2.size_pt);
    CHECK(spec->h2.size_pt > spec->h3.size_pt);
    CHECK(spec->max_measure_chars <= 75);  // Bringhurst's comfortable 45-75 characters
    CHECK(spec->section_space_pt >= 16);
    CHECK(spec->accent_colour.r == doctest::Approx(0x1F / 255.0));
    CHECK(spec->header_text == "{clinic} \u00b7 Your back care plan");
    CHECK(spec->footer_text == "{patient} \u00b7 Page {page} of {pages}");
}

TEST_CASE("large-print.yaml: 18 pt body, every heading 22 pt or more, large_print, page budget 12") {
    Diagnostics d;
    auto spec = load_layout(layout_path("large-print"), d);
    CHECK(d.to_string() == "");
    REQUIRE(spec);
    CHECK(spec->name == "large-print");
    CHECK(spec->large_print);
    CHECK(spec->body.size_pt == doctest::Approx(18));
    CHECK(spec->body.leading == doctest::Approx(1.3));
    CHECK(spec->page_budget == 12);
    CHECK(spec->h1.size_pt == doctest::Approx(28));
    CHECK(spec->h2.size_pt == doctest::Approx(25));
    CHECK(spec->h3.size_pt == doctest::Approx(22));  // issue 4: large-print headings at least 22 pt
    CHECK(spec->margin_top_mm >= 12.7);  // the printers' safe area
    CHECK(spec->margin_bottom_mm >= 12.7);
    CHECK(spec->small.size_pt >= 16);  // large print: header and footer at 16 pt or more (RNIB clear print)
}

TEST_CASE("layout keys not given keep LayoutSpec's defaults") {
    TempDir dir;
    Diagnostics d;
    auto spec = load_layout(dir.write("tiny.yaml", "styles:\n  body: {size_pt: 11}\n"), d);
    CHECK(d.to_string() == "");
    REQUIRE(spec);
    CHECK(spec->name == "tiny");
    CHECK(spec->body.size_pt == doctest::Approx(11));
    CHECK(spec->body.leading == doctest::Approx(model::TextStyle{}.leading));
    CHECK(spec->margin_top_mm == doctest::Approx(model::LayoutSpec{}.margin_top_mm));
    CHECK(spec->footer_text == model::LayoutSpec{}.footer_text);
}

TEST_CASE("bad layout files: every problem positioned") {
    TempDir dir;
    const std::string text =
        "large_print: true\n"
        "page:\n"
        "  paper: A5\n"
        "  margins_mm: {top: 5, left: \"20\"}\n"
        "styles:\n"
        "  body: {size_pt: 12, leading: 0.9, italics: true}\n"
        "  small: {size_pt: 8}\n"
        "colours:\n"
        "  accent: \"#12345\"\n"
        "footer_text: \"Page {page} of {page_count}\"\n"
        "section_order: [summary, Exercises]\n"
        "margins: 20\n"
        "page_budget: 5.5\n";
    Diagnostics d;
    CHECK_FALSE(load_layout(dir.write("bad.yaml", text), d));
    CHECK(messages(d, dir) ==
          V{"bad.yaml:1:14: error: a large-print layout needs 'styles.body.size_pt' of at least 16, got 12",
            "bad.yaml:3:10: error: 'page.paper' must be one of A4/Letter, got 'A5' (did you mean 'A4'?)",
            "bad.yaml:4:21: error: 'page.margins_mm.top' must be a number 12.7..60, got '5'",
            "bad.yaml:4:30: error: 'page.margins_mm.left' must be a number 12.7..60, got '20' in quotes (write the number "
            "without quotes)",
            "bad.yaml:6:32: error: 'styles.body.leading' must be a number 1..3, got '0.9'",
            "bad.yaml:6:37: warning: unknown field 'italics' in 'styles.body' (did you mean 'italic'?)",
            "bad.yaml:7:20: error: 'styles.small.size_pt' must be a number 10..72, got '8'",
            "bad.yaml:9:11: error: 'colours.accent' must be a colour written #RRGGBB, got '#12345'",
            "bad.yaml:10:14: error: 'footer_text' has an unknown field '{page_count}' (known: {clinic} {patient} {date} "
            "{page} {pages})",
            "bad.yaml:11:26: error: 'section_order[2]' must be a section id (a-z, 0-9, '-', '_'), got 'Exercises'",
            "bad.yaml:12:1: warning: unknown field 'margins'",
            "bad.yaml:13:14: error: 'page_budget' must be a whole number of pages"});
}

TEST_CASE("pagination rules: read from the layout file, defaults when not given, bad values positioned") {
    TempDir dir;
    Diagnostics d;
    auto spec = load_layout(dir.write("rules.yaml",
                                      "pagination:\n"
                                      "  orphans: 3\n"
                                      "  widows: 4\n"
                                      "  list_keep_whole_items: 8\n"
                                      "  table_keep_whole_rows: 20\n"
                                      "  float_hole_fraction: 0.5\n"
                                      "  movable_kept_fraction: 0.1\n"),
                            d);
    CHECK(d.to_string() == "");
    REQUIRE(spec);
    CHECK(spec->pagination.orphans == 3);
    CHECK(spec->pagination.widows == 4);
    CHECK(spec->pagination.list_keep_whole_items == 8);
    CHECK(spec->pagination.table_keep_whole_rows == 20);
    CHECK(spec->pagination.float_hole_fraction == doctest::Approx(0.5));
    CHECK(spec->pagination.movable_kept_fraction == doctest::Approx(0.1));

    // Not given: CSS Fragmentation's initial 2 and 2, and the brief's 6 items, 12 rows and 1/3.
    Diagnostics d2;
    auto plain = load_layout(dir.write("plain.yaml", "name: plain\n"), d2);
    REQUIRE(plain);
    CHECK(plain->pagination.orphans == 2);
    CHECK(plain->pagination.widows == 2);
    CHECK(plain->pagination.list_keep_whole_items == 6);
    CHECK(plain->pagination.table_keep_whole_rows == 12);
    CHECK(plain->pagination.float_hole_fraction == doctest::Approx(1.0 / 3.0));

    Diagnostics d3;
    CHECK_FALSE(load_layout(dir.write("bad.yaml",
                                      "pagination:\n"
                                      "  orphans: 0\n"
                                      "  widows: 2.5\n"
                                      "  float_hole_fraction: 1.5\n"
                                      "  widow: 2\n"),
                            d3));
    CHECK(messages(d3, dir) ==
          V{"bad.yaml:2:12: error: 'pagination.orphans' must be a number 1..5, got '0'",
            "bad.yaml:3:11: error: 'pagination.widows' must be a whole number",
            "bad.yaml:4:24: error: 'pagination.float_hole_fraction' must be a number 0.05..0.95, got '1.5'",
            "bad.yaml:5:3: warning: unknown field 'widow' in 'pagination' (did you mean 'widows'?)"});
}
