// Issue 11 in the content stage: deep Markdown nesting neither crashes nor takes long, repeated warnings are
// capped, control characters are refused at their line and column, front-matter counts follow the contract.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "content/content.hpp"
#include "content_test_util.hpp"

using namespace takehome;
using namespace takehome::content;
using takehome::content::test::TempCwd;
using takehome::content::test::text_of;

namespace {

template <class F>
double seconds(F&& f) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/// The ratio of the time `parse` takes on `make(n)` to the time on `make(n / 4)`, best of three each: about 4 when
/// the parser is linear in its input, 16 when it is quadratic (as the '*_' case was: 6 s for 200,000 characters).
/// A complexity guard, not a speed measure: it holds on a loaded machine and under the sanitizers, where the
/// absolute time is several times longer; speed belongs to the benchmark.
template <class Make, class Parse>
double scaling(Make&& make, Parse&& parse, int n) {
    const auto small = make(n / 4), big = make(n);
    double small_best = 1e9, big_best = 1e9;
    for (int i = 0; i < 3; ++i) {
        small_best = std::min(small_best, seconds([&] { parse(small); }));
        big_best = std::min(big_best, seconds([&] { parse(big); }));
    }
    return big_best / small_best;
}

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

TEST_CASE("emphasis nested 50,000 deep in a clinic exercise's steps loads (no stack overflow)") {
    TempCwd cwd;
    make_library(cwd);
    cwd.write("lib/exercises/deep.md", exercise("1. " + repeat("*", 50000) + "x" + repeat("*", 50000)));
    Diagnostics diags;
    Library lib = Library::load("lib", diags);
    const Exercise* e = lib.exercise("deep");
    REQUIRE_MESSAGE(e != nullptr, diags.to_string());
    REQUIRE(e->steps.size() == 3);
    CHECK(text_of(e->steps[0]).find('x') != std::string::npos);
}

TEST_CASE("alternating '*_' emphasis 50,000 deep is parsed in linear time (it took 6 s)") {
    Diagnostics diags;
    const auto alternating = [](int n) { return repeat("*_", n) + "x" + repeat("_*", n) + "\n"; };
    CHECK(scaling(alternating, [](const std::string& md) { Diagnostics d; (void)parse_markdown(md, "t.md", 1, ".", d); },
                  200000) < 9.0);
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
