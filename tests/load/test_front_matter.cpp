// parse_front_matter: flat keys, scalars or lists, positions shifted into the .md file, nesting refused.
#include <doctest/doctest.h>

#include "load_test_support.hpp"

using namespace takehome;
using namespace takehome::load;

TEST_CASE("front matter: scalars and lists with positions in the Markdown file") {
    Diagnostics d;
    const std::string fm =
        "id: knee-rocks\n"
        "name: Knee rocks\n"
        "purpose: \"Ease stiffness: gently\"\n"
        "dose_reps: 10\n"
        "tags: [mobility, gentle]\n"
        "image_alt:\n";
    auto v = parse_front_matter(fm, "content/exercises/knee-rocks.md", 2, d);
    CHECK(d.to_string() == "");
    REQUIRE(v.size() == 6);
    CHECK(v[0].key == "id");
    CHECK(v[0].values == std::vector<std::string>{"knee-rocks"});
    CHECK(v[0].key_pos.file == "content/exercises/knee-rocks.md");
    CHECK(v[0].key_pos.line == 2);
    CHECK(v[0].key_pos.column == 1);
    CHECK(v[0].value_pos.line == 2);
    CHECK(v[0].value_pos.column == 5);
    CHECK(v[2].values[0] == "Ease stiffness: gently");
    CHECK(v[3].values[0] == "10");
    CHECK(v[3].value_pos.line == 5);
    CHECK(v[4].is_list);
    CHECK(v[4].values == std::vector<std::string>{"mobility", "gentle"});
    CHECK_FALSE(v[5].is_list);
    CHECK(v[5].values == std::vector<std::string>{""});
}

TEST_CASE("front matter: nested mappings, duplicates, tabs, invalid UTF-8 and NFD") {
    Diagnostics d;
    auto v = parse_front_matter("id: a\ndose:\n  reps: 10\nid: b\n", "t.md", 2, d);
    CHECK(d.to_string() ==
          "t.md:4:3: error: 'dose' must be a value or a list of values, got a mapping\n"
          "t.md:5:1: error: duplicate key 'id' (first defined at 2:1)\n");
    Diagnostics t;
    CHECK(parse_front_matter("id: a\n\ttitle: b\n", "t.md", 2, t).empty());
    CHECK(t.to_string() == "t.md:3:1: error: tab character used for indentation (YAML requires spaces)\n");
    Diagnostics u;
    CHECK(parse_front_matter("id: a\ntitle: Straight leg raise \x96 10 reps\n", "h08.md", 2, u).empty());
    CHECK(u.to_string() == "h08.md:3:27: error: invalid UTF-8 (byte 0x96); save the file as UTF-8\n");
    Diagnostics n;
    auto nfd = parse_front_matter("title: Cafe\xCC\x81\n", "n.md", 2, n);
    REQUIRE(nfd.size() == 1);
    CHECK(nfd[0].values[0] == "Caf\xC3\xA9");
    Diagnostics e;
    CHECK(parse_front_matter("\n", "e.md", 2, e).empty());
    CHECK(e.empty());
    Diagnostics s;
    CHECK(parse_front_matter("just a sentence\n", "s.md", 2, s).empty());
    CHECK(s.to_string() == "s.md:2:1: error: front matter must be 'key: value' lines, got a string\n");
}

TEST_CASE("front matter of only comments has no fields and no error") {
    Diagnostics d;
    CHECK(parse_front_matter("# draft\n  \n# more\n", "c.md", 2, d).empty());
    CHECK(d.empty());
}
