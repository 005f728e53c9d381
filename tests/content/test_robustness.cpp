// Issue 11 in the content stage: deep Markdown nesting neither crashes nor takes long, repeated warnings are
// capped, control characters are refused at their line and column, front-matter counts follow the contract.
#include <doctest/doctest.h>

#include <filesystem>

#include "content/content.hpp"
#include "content_test_util.hpp"
#include "support/growth.hpp"

using namespace takehome;
using namespace takehome::content;
using takehome::content::test::TempCwd;
using takehome::content::test::text_of;

namespace {

std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

/// An exercise file with `steps` as its Steps section and `dose` lines in its front matter.
std::string exercise(const std::string& steps, const std::string& dose = "dose_reps: 10\n") {
    return "---\nid: deep\nname: Deep one\npurpose: Tests nesting.\nimage: images/heel-slide.svg\n"
           "image_alt: A person lying down.\n" + dose +
           "---\n## Starting position\nLie on your back.\n\n## Steps\n" + steps +
           "\n2. Breathe out.\n3. Rest.\n\n## What you should feel\nA gentle stretch.\n\n## Stop and tell us if\n- you get sharp pain\n";
}

/// A library folder lib/ with no topics and the shared heel-slide picture for the exercise.
void make_library(const TempCwd& cwd) {
    cwd.write("lib/topics/.keep", "");
    std::filesystem::create_directories(cwd.path() / "lib/exercises/images");
    std::filesystem::copy_file(std::string(TAKEHOME_TEST_DIR) + "/content/cases/library/exercises/images/heel-slide.svg",
                               cwd.path() / "lib/exercises/images/heel-slide.svg");
}

/// The diagnostics as the tool prints them (at most 20 of a kind: Diagnostics::capped).
std::vector<std::string> lines_of(const Diagnostics& d) {
    std::vector<std::string> out;
    for (const auto& item : d.capped()) out.push_back(item.format());
    return out;
}

}  // namespace

TEST_CASE("emphasis nested 50,000 deep in a clinic exercise's steps loads (no stack overflow), in linear time") {
    TempCwd cwd;
    make_library(cwd);
    cwd.write("lib/exercises/deep.md", exercise("1. " + repeat("*", 50000) + "x" + repeat("*", 50000)));
    Diagnostics diags;
    Library lib = Library::load("lib", diags);
    // A complexity guard (test_support::growth_ratio) on the parser alone, 200,000 markers a side.
    const auto parse = [&](const std::string& md) {
        Diagnostics d;
        (void)parse_markdown(md, "t.md", 1, ".", d);
    };
    const auto nested = [](int n) { return repeat("*", n) + "x" + repeat("*", n) + "\n"; };
    const std::string small = nested(50000), big = nested(200000);
    CHECK(test_support::growth_ratio([&](int) { parse(small); }, [&](int) { parse(big); }, 3) < 9.0);
    const Exercise* e = lib.exercise("deep");
    REQUIRE_MESSAGE(e != nullptr, diags.to_string());
    REQUIRE(e->steps.size() == 3);
    CHECK(text_of(e->steps[0]).find('x') != std::string::npos);
}

TEST_CASE("alternating '*_' emphasis 50,000 deep is parsed in linear time (it took 6 s)") {
    Diagnostics diags;
    const auto alternating = [](int n) { return repeat("*_", n) + "x" + repeat("_*", n) + "\n"; };
    // A complexity guard (test_support::growth_ratio): quadratic, as it was, would be 16 or more.
    const auto parse = [&](const std::string& md) {
        Diagnostics d;
        (void)parse_markdown(md, "t.md", 1, ".", d);
    };
    const std::string small = alternating(50000), big = alternating(200000);
    CHECK(test_support::growth_ratio([&](int) { parse(small); }, [&](int) { parse(big); }, 3) < 9.0);
    const doc::Blocks blocks = parse_markdown(alternating(50000), "t.md", 1, ".", diags);
    REQUIRE(blocks.size() == 1);
    CHECK(text_of(std::get<doc::Paragraph>(blocks[0].node).text).find('x') != std::string::npos);
}

TEST_CASE("20,000 bad links give 20 warnings and one 'and N more like this'") {
    Diagnostics diags;
    const auto blocks = parse_markdown(repeat("[a](ftp://x) ", 20000) + "\n", "t.md", 1, ".", diags);
    const auto lines = lines_of(diags);
    REQUIRE(lines.size() == 21);
    CHECK(lines[0] == "t.md:1:1: warning: link 'ftp://x' is not a web (https:), phone (tel:), e-mail (mailto:) or "
                      "'#section' link; shown as plain text");
    CHECK(lines[20] == "t.md:1:261: warning: and 19,980 more like this");
}

TEST_CASE("a list nested 3,000 deep is shown flat with a positioned warning") {
    std::string md;
    for (int i = 0; i < 3000; ++i) md += std::string(static_cast<std::size_t>(i) * 2, ' ') + "- level\n";
    Diagnostics diags;
    const doc::Blocks blocks = parse_markdown(md, "t.md", 1, ".", diags);
    CHECK(lines_of(diags) == std::vector<std::string>{
                                 "t.md:3:5: warning: list nested more than 2 levels deep; the deeper items are shown "
                                 "at level 2 (use at most 2 levels)"});
    REQUIRE(blocks.size() == 1);
    const auto& list = std::get<doc::List>(blocks[0].node);
    REQUIRE(list.items.size() == 1);
    const std::string text = text_of(list.items[0]);
    std::size_t count = 0;
    for (std::size_t p = text.find("level"); p != std::string::npos; p = text.find("level", p + 1)) ++count;
    CHECK(count == 3000);  // every item's text is kept
    // "- - - - x" nests one list per dash on a single line: 50,000 deep must not overflow the stack either.
    Diagnostics d2;
    CHECK_NOTHROW((void)parse_markdown(repeat("- ", 50000) + "x\n", "t.md", 1, ".", d2));
    Diagnostics d3;
    CHECK_NOTHROW((void)parse_markdown(repeat("> ", 50000) + "x\n", "t.md", 1, ".", d3));
}

TEST_CASE("control characters, noncharacters and bidi overrides in a content file are refused where they stand") {
    TempCwd cwd;
    cwd.write("c.md", "# Title\n\nSome\x01 text.\nA \xE2\x80\xAE reversed and \xEF\xBF\xBF.\n");
    Diagnostics diags;
    CHECK_FALSE(read_markdown_file("c.md", diags).has_value());
    CHECK(lines_of(diags) ==
          std::vector<std::string>{
              "c.md:3:5: error: control character U+0001 is not allowed in text; remove it",
              "c.md:4:3: error: bidirectional control U+202E is not allowed in text (it reverses the text around it); "
              "remove it",
              "c.md:4:18: error: Unicode noncharacter U+FFFF is not allowed in text; remove it"});
}

TEST_CASE("front matter counts: leading zeros read as decimal with a warning; other forms say 'decimal'") {
    TempCwd cwd;
    make_library(cwd);
    cwd.write("lib/exercises/deep.md", exercise("1. Lift.", "dose_sets: 03\ndose_reps: 010\n"));
    Diagnostics diags;
    const Library lib = Library::load("lib", diags);
    CHECK(lines_of(diags) == std::vector<std::string>{
                                 "lib/exercises/deep.md:7:12: warning: 'dose_sets': leading zeros ignored in '03' (read as 3)",
                                 "lib/exercises/deep.md:8:12: warning: 'dose_reps': leading zeros ignored in '010' (read as 10)"});
    const Exercise* e = lib.exercise("deep");
    REQUIRE(e != nullptr);
    CHECK(e->dose.sets == 3);
    CHECK(e->dose.reps == 10);
    for (const std::string bad : {"0x0A", "0o12", "1e1", "+10", "10.0"}) {
        CAPTURE(bad);
        cwd.write("lib/exercises/deep.md", exercise("1. Lift.", "dose_reps: " + bad + "\n"));
        Diagnostics d;
        (void)Library::load("lib", d);
        CHECK(lines_of(d) == std::vector<std::string>{"lib/exercises/deep.md:7:12: error: 'dose_reps' must be an "
                                                      "integer 1..200, got '" + bad +
                                                      "' (expected a whole number in decimal)"});
    }
    cwd.write("lib/exercises/deep.md", exercise("1. Lift.", "dose_reps: 2147483648\n"));
    Diagnostics d;
    (void)Library::load("lib", d);
    CHECK(lines_of(d) == std::vector<std::string>{
                             "lib/exercises/deep.md:7:12: error: 'dose_reps' must be an integer 1..200, got '2147483648'"});
}
