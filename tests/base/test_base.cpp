// Unit tests of the base stage: diagnostics formatting and ordering, did-you-mean, UTF-8 and NFC.
#include <doctest/doctest.h>

#include "base/diagnostics.hpp"
#include "base/text.hpp"

using namespace takehome;

TEST_CASE("diagnostics are formatted compiler-style and sorted by position") {
    Diagnostics d;
    d.error({"daniel.yaml", 22, 9}, "unknown exercise id 'knee-rock'", "plan.exercises[1].id",
            {"did you mean 'knee-rocks'?"});
    d.error({"daniel.yaml", 14, 12}, "'pain.now' must be an integer 0..10, found '11'");
    d.warning({"clinic.yaml", 4, 7}, "unknown field 'fone' (did you mean 'phone'?)");
    d.error({"missing.yaml", 0, 0}, "file not found");
    CHECK(d.error_count() == 3);
    CHECK(d.to_string() ==
          "clinic.yaml:4:7: warning: unknown field 'fone' (did you mean 'phone'?)\n"
          "daniel.yaml:14:12: error: 'pain.now' must be an integer 0..10, found '11'\n"
          "daniel.yaml:22:9: error: unknown exercise id 'knee-rock' (did you mean 'knee-rocks'?)\n"
          "missing.yaml: error: file not found\n");
    CHECK(d.items()[0].to_json() ==
          R"j({"severity":"error","file":"daniel.yaml","line":22,"column":9,"field":"plan.exercises[1].id","message":"unknown exercise id 'knee-rock'","hints":["did you mean 'knee-rocks'?"]})j");
    CHECK(d.items()[3].to_json() ==
          R"j({"severity":"error","file":"missing.yaml","line":0,"column":0,"field":"","message":"file not found","hints":[]})j");
}

TEST_CASE("repeated diagnostics of one kind are capped, with a count of the rest") {
    Diagnostics d;
    for (int i = 1; i <= 25; ++i) d.warning({"s.yaml", i, 1}, "unknown field 'k" + std::to_string(i) + "'");
    d.error({"s.yaml", 30, 3}, "'pain.now' must be an integer 0..10, got '11'");
    const auto shown = d.capped(20);
    REQUIRE(shown.size() == 22);
    CHECK(shown[19].format() == "s.yaml:20:1: warning: unknown field 'k20'");
    CHECK(shown[20].format() == "s.yaml:21:1: warning: and 5 more like this");
    CHECK(shown[21].format() == "s.yaml:30:3: error: 'pain.now' must be an integer 0..10, got '11'");
}

TEST_CASE("a capped count is grouped in thousands as the error contract writes it") {
    Diagnostics d;
    for (int i = 1; i <= 1021; ++i) d.warning({"s.yaml", i, 1}, "unknown field 'k" + std::to_string(i) + "'");
    const auto shown = d.capped(20);
    REQUIRE(shown.size() == 21);
    CHECK(shown[20].format() == "s.yaml:21:1: warning: and 1,001 more like this");
}

TEST_CASE("one line and column counter: 1-based lines, columns in code points, counted on along a line") {
    const std::string text = "ab\n\u00e9t\u00e9 x\n\nz";
    const TextPositions p(text, 5);
    CHECK(p.at(0) == std::pair{5, 1});
    CHECK(p.at(3) == std::pair{6, 1});
    CHECK(p.at(text.find('x')) == std::pair{6, 5});  // two 2-byte letters count one column each
    CHECK(p.at(text.find('z')) == std::pair{8, 1});
    CHECK(p.at(1) == std::pair{5, 2});              // asked out of order: counted afresh
    CHECK(p.at(text.size() + 10) == std::pair{8, 2});  // clamped to the end
    CHECK(p.line_count() == 4);
    CHECK(p.line(1) == "\u00e9t\u00e9 x");
}

TEST_CASE("closest_match suggests near ids only") {
    const std::vector<std::string> ids = {"knee-rocks", "cat-camel", "bridge", "sit-to-stand"};
    CHECK(closest_match("knee-rock", ids) == "knee-rocks");
    CHECK(closest_match("brigde", ids) == "bridge");
    CHECK(closest_match("swimming", ids).empty());
    CHECK(edit_distance("Zo\xc3\xab", "Zoe") == 1);  // code points, not bytes
}

TEST_CASE("invalid UTF-8 is located by line and column; NUL counts as invalid") {
    const auto e = find_invalid_utf8("patient:\n  name: Jos\xe9 Test\n");
    REQUIRE(e.has_value());
    CHECK(e->byte == 0xE9);
    CHECK(e->line == 2);
    CHECK(e->column == 12);
    CHECK_FALSE(find_invalid_utf8("Nguy\xe1\xbb\x85n Th\xe1\xbb\x8b Lan").has_value());
    CHECK(find_invalid_utf8(std::string_view("a\0b", 3)).has_value());
    // A BOM does not shift columns.
    const auto b = find_invalid_utf8("\xEF\xBB\xBFname: \x96");
    REQUIRE(b.has_value());
    CHECK(b->column == 7);
}

TEST_CASE("binary signatures are recognised before any parser sees the bytes") {
    CHECK(binary_signature("\x89PNG\r\n\x1a\n...") == std::optional<std::string>("PNG image signature"));
    CHECK(binary_signature("PK\x03\x04rest")->rfind("ZIP/.docx signature", 0) == 0);
    CHECK_FALSE(binary_signature("patient:\n").has_value());
}

TEST_CASE("NFC normalisation composes accents; BOM stripping") {
    CHECK(to_nfc("Jose\xcc\x81 Mu\xcc\x88ller") == "Jos\xc3\xa9 M\xc3\xbcller");
    CHECK(strip_bom("\xEF\xBB\xBFpatient:") == "patient:");
    CHECK(utf8_length("Zo\xc3\xab") == 3);
}

TEST_CASE("user text inserted into template text is isolated (FSI ... PDI) where it could reorder its neighbours") {
    // An Arabic name before the date in a left-to-right header: isolated, so the date keeps its place.
    CHECK(isolated("\u0639\u0644\u064a \u062d\u0633\u0646", false) == "\u2068\u0639\u0644\u064a \u062d\u0633\u0646\u2069");
    CHECK(isolated("Dana \u05db\u05d4\u05df", false) == "\u2068Dana \u05db\u05d4\u05df\u2069");
    // In a right-to-left handout every piece is isolated (a Latin clinic name with a number must not split).
    CHECK(isolated("Riverside Clinic 2", true) == "\u2068Riverside Clinic 2\u2069");
    // Left-to-right text in a left-to-right header is left as it is, and nothing is made of nothing.
    CHECK(isolated("Daniel Okafor", false) == "Daniel Okafor");
    CHECK(isolated("\u738b\u82b3", false) == "\u738b\u82b3");
    CHECK(isolated("", true).empty());
}
