// The wording catalogues (content/strings/*.yaml): the shipped ones load clean with every key; a missing or
// unknown key and a placeholder typo are positioned errors.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <tuple>

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
    CHECK(gb->say("date.long", {{"day", "4"}, {"month", "December"}, {"year", "2026"}}) == "4 December 2026");
    CHECK(us->say("date.long", {{"day", "4"}, {"month", "December"}, {"year", "2026"}}) == "December 4, 2026");
    CHECK(gb->count("dose.times_a_day", 1) == "once a day");
    CHECK(gb->count("dose.times_a_day", 3) == "3 times a day");
    CHECK(us->say("fallback.urgent_advice") == "your doctor or an urgent care center");
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
        const auto path = variant("exercise, from {first}", "exercise, from {frist}", "th-strings-typo.yaml");
        Diagnostics d;
        CHECK(!content::load_strings(path, d).has_value());
        const std::string line = std::to_string(line_of("diary.lead:"));
        CHECK(d.to_string() == path + ":" + line + ":13: error: unknown placeholder '{frist}' in 'diary.lead', " +
                                   "expected one of {first}, {last}\n");
    }
}

TEST_CASE("strings: each key's text uses the placeholders its entry in string_keys() allows, in both languages") {
    // Catches a key list that allows a placeholder the wording never uses (a stale entry). {count} is always
    // allowed in a .one / .other form: the singular often spells the number out ("once a day").
    for (const std::string lang : {"en-GB", "en-US"}) {
        Diagnostics d;
        const auto s = content::load_strings(shipped(lang), d);
        REQUIRE(s.has_value());
        for (const auto& k : content::string_keys())
            for (const char* p : k.placeholders) {
                if (std::string(p) == "count") continue;
                CHECK_MESSAGE(s->text.at(k.key).find("{" + std::string(p) + "}") != std::string::npos,
                              (lang + " " + k.key + " does not use {" + std::string(p) + "}"));
            }
    }
}

TEST_CASE("strings: every sentence with a number has its singular and plural form") {
    std::set<std::string> one, other;
    for (const auto& k : content::string_keys()) {
        const std::string key = k.key;
        if (key.size() > 4 && key.compare(key.size() - 4, 4, ".one") == 0) one.insert(key.substr(0, key.size() - 4));
        if (key.size() > 6 && key.compare(key.size() - 6, 6, ".other") == 0) other.insert(key.substr(0, key.size() - 6));
    }
    CHECK(one == other);
    for (const char* base : {"dose.times_a_day", "dose.days_a_week", "dose.times", "dose.sets", "dose.seconds",
                             "flare.easing", "glance.do_exercises", "glance.do_exercises_link"})
        CHECK_MESSAGE(one.count(base) == 1, base);
}

TEST_CASE("strings: a missing key or a placeholder typo in the new keys is a positioned error too") {
    // Each moved sentence is checked like the first ones: a typo in its placeholder names the key, the line
    // and column of the value, and the placeholders it allows.
    const std::vector<std::tuple<std::string, std::string, std::string, std::string>> typos = {
        {"pain.now_best_worst:", "{worst}", "{wrost}", "one of {now}, {best}, {worst}"},
        {"dose.times_a_day.other:", "{count} times a day", "{cuont} times a day", "one of {count}"},
        {"flare.easing.other:", "{items} ease", "{item} ease", "one of {items}, {count}"},
        {"next.contact:", "{clinic}", "{clinic_name}", "one of {clinic}"},
        {"trend.down:", "{last}", "{lats}", "one of {first}, {last}"},
        {"date.long:", "{month}", "{monht}", "one of {day}, {month}, {year}"},
    };
    for (const auto& [key_line, from, to, allowed] : typos) {
        // Replace the placeholder on the key's own line only.
        std::ifstream in(shipped("en-GB"));
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const auto line_at = text.find("\n" + key_line);
        REQUIRE_MESSAGE(line_at != std::string::npos, key_line);
        const auto at = text.find(from, line_at);
        REQUIRE(at != std::string::npos);
        const std::string value_col = std::to_string(key_line.size() + 2);  // after "key: "
        text.replace(at, from.size(), to);
        const auto path = (std::filesystem::temp_directory_path() / "th-strings-typo-new.yaml").string();
        std::ofstream(path, std::ios::binary) << text;
        Diagnostics d;
        CHECK(!content::load_strings(path, d).has_value());
        const std::string key = key_line.substr(0, key_line.size() - 1);
        const std::string bad = to.substr(0, to.find('}') + 1);
        CHECK(d.to_string() == path + ":" + std::to_string(line_of(key_line)) + ":" + value_col +
                                   ": error: unknown placeholder '" + bad + "' in '" + key + "', expected " + allowed +
                                   "\n");
    }
    // A plural form left out: missing, at the top of the file.
    const auto path = variant("dose.times_a_day.one:", "# dose.times_a_day.one:", "th-strings-missing.yaml");
    Diagnostics d;
    CHECK(!content::load_strings(path, d).has_value());
    CHECK(d.to_string() == path + ":1:1: error: missing wording key 'dose.times_a_day.one'\n");
}
