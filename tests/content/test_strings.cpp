// The wording catalogues (content/strings/*.yaml): the shipped ones load clean with every key; a missing or
// unknown key and a placeholder typo are positioned errors.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "content/content.hpp"
#include "content/strings.hpp"

using namespace takehome;

namespace {

std::string shipped(const std::string& lang) { return std::string(TAKEHOME_DATA_DIR_FOR_TESTS) + "/content/strings/" + lang + ".yaml"; }

/// The shipped en-GB catalogue's text, with `from` replaced by `to`, written to a temporary file.
std::string variant(const std::string& from, const std::string& to, const std::string& name) {
    std::ifstream in(shipped("en-GB"));
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    const auto path = (std::filesystem::temp_directory_path() / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

/// 1-based line of the first occurrence of `needle` in the shipped en-GB file.
int line_of(const std::string& needle) {
    std::ifstream in(shipped("en-GB"));
    std::string line;
    for (int n = 1; std::getline(in, line); ++n)
        if (line.find(needle) != std::string::npos) return n;
    return 0;
}

}  // namespace

TEST_CASE("strings: the shipped en-GB and en-US catalogues load with every key, and differ where the language does") {
    for (const std::string lang : {"en-GB", "en-US"}) {
        Diagnostics d;
        const auto s = content::load_strings(shipped(lang), d);
        REQUIRE_MESSAGE(s.has_value(), d.to_string());
        CHECK(d.empty());
        CHECK(s->language == lang);
        CHECK(s->text.size() == content::string_keys().size());
    }
    Diagnostics d;
    const auto gb = content::load_strings(shipped("en-GB"), d);
    const auto us = content::load_strings(shipped("en-US"), d);
    CHECK(gb->say("place.emergency") == "A&E");
    CHECK(us->say("place.emergency") == "the emergency room");
    CHECK(gb->say("diary.lead", {{"first", "Friday"}, {"last", "Thursday"}}) ==
          "Tick a box each time you do an exercise, from Friday to Thursday:");
    // The library picks them up from content/strings/.
    Diagnostics ld;
    const auto lib = content::Library::load(std::string(TAKEHOME_DATA_DIR_FOR_TESTS) + "/content", ld);
    CHECK(lib.strings.count("en-GB") == 1);
    CHECK(lib.strings.count("en-US") == 1);
}

TEST_CASE("strings: a missing key, an unknown key and a placeholder typo are positioned errors") {
    {
        const auto path = variant("heading.exercises:", "heading.exercise:", "th-strings-unknown.yaml");
        Diagnostics d;
        CHECK(!content::load_strings(path, d).has_value());
        const int line = line_of("heading.exercises:");
        CHECK(d.to_string() == path + ":1:1: error: missing wording key 'heading.exercises'\n" + path + ":" +
                                   std::to_string(line) +
                                   ":1: error: unknown wording key 'heading.exercise' (did you mean 'heading.exercises'?)\n");
    }
    {
        const auto path = variant("{first}", "{frist}", "th-strings-typo.yaml");
        Diagnostics d;
        CHECK(!content::load_strings(path, d).has_value());
        const std::string line = std::to_string(line_of("diary.lead:"));
        CHECK(d.to_string() == path + ":" + line + ":13: error: unknown placeholder '{frist}' in 'diary.lead', " +
                                   "expected one of {first}, {last}\n");
    }
}
