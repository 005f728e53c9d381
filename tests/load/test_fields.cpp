// Field-level validation of the summary and the clinic: types, ranges, unknown keys, ids, clinic references, limits.
#include <doctest/doctest.h>

#include <filesystem>

#include "load_test_support.hpp"

using namespace takehome;
using namespace takehome::load;
using namespace takehome::load::test;
using V = std::vector<std::string>;

TEST_CASE("integers: leading zeros (read as decimal, with a warning), quotes and dose ranges") {
    std::string text = kMinimal;
    text += "  pain:\n    now: 007\n    best: \"2\"\n"
            "plan:\n  exercises:\n    - id: bridge\n      reps: 0\n      hold_seconds: 0\n"
            "      times_per_day: 13\n      days_per_week: 8\n      sets: 99999999999\n";
    CHECK(summary_messages("ints.yaml", text) ==
          V{"ints.yaml:13:10: warning: 'assessment.pain.now': leading zeros ignored in '007' (read as 7)",
            "ints.yaml:14:11: error: 'assessment.pain.best' must be an integer 0..10, got '2' in quotes (write the number "
            "without quotes)",
            "ints.yaml:18:13: error: 'plan.exercises[1].reps' must be an integer 1..200, got '0'",
            "ints.yaml:20:22: error: 'plan.exercises[1].times_per_day' must be an integer 1..12, got '13'",
            "ints.yaml:21:22: error: 'plan.exercises[1].days_per_week' must be an integer 1..7, got '8'",
            "ints.yaml:22:13: error: 'plan.exercises[1].sets' must be an integer 1..20, got '99999999999'"});
}

TEST_CASE("outcome measures: ODI 0..100 and PSFS 1..5 items") {
    std::string text = kMinimal;
    text += "  outcome_measures:\n    odi: 101\n    psfs:\n";
    for (int i = 0; i < 6; ++i) text += "      - {activity: Walking, score: 4}\n";
    CHECK(summary_messages("om.yaml", text) ==
          V{"om.yaml:13:10: error: 'assessment.outcome_measures.odi' must be an integer 0..100, got '101'",
            "om.yaml:15:7: error: 'assessment.outcome_measures.psfs' must have 1 to 5 activities, got 6"});
    std::string missing = kMinimal;
    missing += "  outcome_measures:\n    psfs:\n      - {activity: Walking}\n      - Gardening\n";
    CHECK(summary_messages("om2.yaml", missing) ==
          V{"om2.yaml:14:10: error: missing required field 'score' in 'assessment.outcome_measures.psfs[1]'",
            "om2.yaml:15:9: error: 'assessment.outcome_measures.psfs[2]' must be a mapping {activity, score}, got a string"});
}

TEST_CASE("unknown keys are warnings with a hint, errors with --strict") {
    std::string text = kMinimal;
    text += "  complaints: typo\nextra: 1\n";
    std::optional<model::AssessmentSummary> s;
    CHECK(summary_messages("keys.yaml", text, &s) ==
          V{"keys.yaml:12:3: warning: unknown field 'complaints' in 'assessment' (did you mean 'complaint'?)",
            "keys.yaml:13:1: warning: unknown field 'extra'"});
    CHECK(s.has_value());
    LoadOptions strict;
    strict.strict = true;
    CHECK(summary_messages("keys.yaml", text, nullptr, strict) ==
          V{"keys.yaml:12:3: error: unknown field 'complaints' in 'assessment' (did you mean 'complaint'?)",
            "keys.yaml:13:1: error: unknown field 'extra'"});
}

TEST_CASE("wrong shapes and empty sections") {
    std::string text = kMinimal;
    text.replace(text.find("clinician:\n  name: Priya Raman\n"), 31, "clinician: Priya Raman\n");
    text += "goals:\nplan:\n  activity_advice: [Walk, {a: b}]\n";
    CHECK(summary_messages("shape.yaml", text) ==
          V{"shape.yaml:3:12: error: 'clinician' must be a mapping, got a string",
            "shape.yaml:11:1: error: 'goals' is empty; expected a list (write [] for none)",
            "shape.yaml:13:27: error: 'plan.activity_advice[2]' must be a string, got a mapping"});
}

TEST_CASE("schema, language tag and topics") {
    std::string text = std::string("schema: takehome/assessment-summary/v2\n") + kMinimal;
    text.replace(text.find("  name: Ana Test\n"), 17, "  name: Ana Test\n  language: English\n");
    text += "topics: [red-flags, flare-up, Why-Exercise]\n";
    CHECK(summary_messages("misc.yaml", text) ==
          V{"misc.yaml:1:9: error: 'schema' must be 'takehome/assessment-summary/v1', got 'takehome/assessment-summary/v2'",
            "misc.yaml:4:13: error: 'patient.language' must be a language tag such as en-GB, got 'English'",
            "misc.yaml:14:21: error: unknown topic id 'flare-up' (did you mean 'flare-ups'?)",
            "misc.yaml:14:31: error: unknown topic id 'Why-Exercise' (ids are lower-case; did you mean 'why-exercise'?)"});
    std::string ok = kMinimal;
    ok += "topics: []\n";
    std::optional<model::AssessmentSummary> s;
    CHECK(summary_messages("topics.yaml", ok, &s).empty());
    REQUIRE(s);
    REQUIRE(s->topics.has_value());
    CHECK(s->topics->empty());
}

TEST_CASE("anchors/aliases, deep nesting and very large files are refused in bounded time") {
    std::string alias = kMinimal;
    alias += "  aggravating: &a [Sitting]\n  easing: *a\n";
    CHECK(summary_messages("alias.yaml", alias) ==
          V{"alias.yaml:12:16: error: anchors and aliases are not supported (write the value out in full)",
            "alias.yaml:13:11: error: anchors and aliases are not supported (write the value out in full)"});

    std::string laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n";
    for (char c = 'b'; c <= 'k'; ++c) {
        laughs += std::string(1, c) + ": &" + c + " [";
        for (int i = 0; i < 9; ++i) laughs += std::string(i ? ", *" : "*") + static_cast<char>(c - 1);
        laughs += "]\n";
    }
    CHECK(summary_messages("laughs.yaml", laughs) ==
          V{"laughs.yaml:1:4: error: anchors and aliases are not supported (write the value out in full)",
            "laughs.yaml:2:8: error: anchors and aliases are not supported (write the value out in full)"});

    const std::string deep = "a: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
    CHECK(summary_messages("deep.yaml", deep) == V{"deep.yaml:1:35: error: nesting is deeper than 32 levels"});

    std::string big;
    while (big.size() <= 1024 * 1024) big += "# padding comment line to make the file large\n";
    const auto msgs = summary_messages("big.yaml", big);
    REQUIRE(msgs.size() == 1);
    CHECK(msgs[0] == "big.yaml:1:1: error: file too large (" + std::to_string(big.size()) + " bytes; the limit is 1 MiB)");
}

TEST_CASE("syntax errors from yaml-cpp are positioned and lower-case") {
    const auto msgs = summary_messages("syntax.yaml", "patient:\n  name: [Ana\n");
    REQUIRE(msgs.size() == 1);
    CHECK(msgs[0].rfind("syntax.yaml:", 0) == 0);
    CHECK(msgs[0].find(": error: syntax error: ") != std::string::npos);
}

TEST_CASE("files that cannot be read are diagnostics, not exceptions") {
    TempDir dir;
    Diagnostics d;
    CHECK_FALSE(load_summary((dir.path / "missing.yaml").string(), known_ids(), d));
    CHECK(messages(d, dir) == V{"missing.yaml: error: file not found"});
    Diagnostics d2;
    CHECK_FALSE(load_summary(dir.path.string(), known_ids(), d2));
    REQUIRE(d2.items().size() == 1);
    CHECK(d2.items()[0].message == "is a directory, expected a file");
}

TEST_CASE("clinic: a path relative to the summary, inline mapping, override, and a missing file") {
    TempDir dir;
    dir.write("clinics/riverside.yaml", "name: Riverside\nemergency_number: 999\n");
    dir.write("other.yaml", "name: Other Clinic\nemergency_number: \"112\"\npaper: Letter\n");

    Diagnostics d;
    auto s = load_summary(dir.write("a.yaml", std::string(kMinimal) + "clinic: clinics/riverside.yaml\n"), known_ids(), d);
    CHECK(d.to_string() == "");
    REQUIRE(s);
    REQUIRE(s->clinic);
    CHECK(s->clinic->name == "Riverside");
    CHECK(s->clinic->emergency_number == "999");  // a plain number is kept as its text

    Diagnostics d2;
    auto o = load_summary(dir.path / "a.yaml", known_ids(), d2, {}, (dir.path / "other.yaml").string());
    REQUIRE(o);
    CHECK(o->clinic->name == "Other Clinic");
    CHECK(o->clinic->paper == "Letter");

    Diagnostics d3;
    CHECK_FALSE(load_summary(dir.write("b.yaml", std::string(kMinimal) + "clinic: clinics/riverside.yml\n"), known_ids(), d3));
    CHECK(messages(d3, dir) ==
          V{"b.yaml:12:9: error: clinic profile 'clinics/riverside.yml' not found (did you mean 'clinics/riverside.yaml'?)"});

    Diagnostics d4;
    auto inl = load_summary(dir.write("c.yaml", std::string(kMinimal) +
                                                    "clinic:\n  name: Inline Clinic\n  emergency_number: \"999\"\n"
                                                    "  colour: blue\n  paper: a4\n  fone: 123\n"),
                            known_ids(), d4);
    CHECK_FALSE(inl);
    CHECK(messages(d4, dir) ==
          V{"c.yaml:15:11: error: 'clinic.colour' must be a colour written #RRGGBB, got 'blue'",
            "c.yaml:16:10: error: 'clinic.paper' must be one of A4/Letter, got 'a4' (did you mean 'A4'?)",
            "c.yaml:17:3: warning: unknown field 'fone' in 'clinic' (did you mean 'phone'?)"});
}

TEST_CASE("clinic profile: required fields, unquoted # colour, logo rules") {
    TempDir dir;
    dir.write("logo.png", "\x89PNG\r\n\x1a\nrest");
    dir.write("fake.png", "GIF89a....");
    dir.write("logo.svg", "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
    dir.write("logo.jpg", "\xFF\xD8\xFF");
    auto run = [&](const std::string& body) {
        Diagnostics d;
        auto c = load_clinic(dir.write("clinic.yaml", body), d);
        CHECK(c.has_value() == !d.has_errors());
        return messages(d, dir);
    };
    CHECK(run("phone: 01632 960 123\ncolour: #1F5F8B\n") ==
          V{"clinic.yaml:1:1: error: missing required field 'name'",
            "clinic.yaml:1:1: error: missing required field 'emergency_number'",
            "clinic.yaml:2:1: error: 'colour' is empty; expected a colour \"#RRGGBB\" (put it in quotes: an unquoted # "
            "starts a comment)"});
    const std::string head = "name: R\nemergency_number: \"999\"\n";
    CHECK(run(head + "logo: ../secrets/staff.png\n") ==
          V{"clinic.yaml:3:7: error: image path must be relative to the clinic profile's folder, got '../secrets/staff.png'"});
    CHECK(run(head + "logo: /etc/passwd.png\n") ==
          V{"clinic.yaml:3:7: error: image path must be relative to the clinic profile's folder, got '/etc/passwd.png'"});
    CHECK(run(head + "logo: file:///etc/logo.png\n") ==
          V{"clinic.yaml:3:7: error: image path must be relative to the clinic profile's folder, got 'file:///etc/logo.png'"});
    CHECK(run(head + "logo: http://169.254.169.254/logo.png\n") ==
          V{"clinic.yaml:3:7: error: image path must be relative to the clinic profile's folder, got "
            "'http://169.254.169.254/logo.png'"});
    CHECK(run(head + "logo: logo.gif\n") == V{"clinic.yaml:3:7: error: 'logo' must be a PNG, JPEG or SVG image, got 'logo.gif'"});
    // A JPEG is checked by its start-of-image marker, as a PNG is by its signature.
    dir.write("photo.jpg", "\x89PNG\r\n\x1a\n");
    CHECK(run(head + "logo: photo.jpg\n") == V{"clinic.yaml:3:7: error: image 'photo.jpg' is not a JPEG file"});
    CHECK(run(head + "logo: logo.jpg\n").empty());
    CHECK(run(head + "logo: fake.png\n") == V{"clinic.yaml:3:7: error: image 'fake.png' is not a PNG file"});

    std::filesystem::create_directories(dir.path / "inner");
    std::filesystem::create_symlink("/etc/hostname", dir.path / "inner" / "escape.png");
    CHECK(run(head + "logo: inner/escape.png\n") ==
          V{"clinic.yaml:3:7: error: image path must be relative to the clinic profile's folder, got 'inner/escape.png'"});

    Diagnostics d;
    auto ok = load_clinic(dir.write("clinic.yaml", head + "logo: logo.svg\n"), d);
    REQUIRE(ok);
    REQUIRE(ok->logo);
    CHECK(*ok->logo == std::filesystem::canonical(dir.path / "logo.svg").string());
}

TEST_CASE("a nested 'key:value' without the space gets the missing-space hint") {
    std::string text = kMinimal;
    text += "  pain:\n    now:5\n";
    CHECK(summary_messages("glued.yaml", text) ==
          V{"glued.yaml:13:5: error: 'assessment.pain' must be a mapping, got a string; did you mean 'now: 5' (missing "
            "space after ':')?"});
}

TEST_CASE("Windows line endings (CRLF) load the same as LF") {
    std::string crlf;
    for (char c : std::string(kMinimal)) {
        if (c == '\n') crlf += '\r';
        crlf += c;
    }
    std::optional<model::AssessmentSummary> a, b;
    CHECK(summary_messages("crlf.yaml", crlf, &a).empty());
    CHECK(summary_messages("lf.yaml", kMinimal, &b).empty());
    REQUIRE(a);
    REQUIRE(b);
    CHECK(a->patient.name == b->patient.name);
    CHECK(a->assessment.impression == "A common strain.");
    std::string bad = crlf + "  pain:\r\n    now: 11\r\n";
    CHECK(summary_messages("crlf-bad.yaml", bad) ==
          V{"crlf-bad.yaml:13:10: error: 'assessment.pain.now' must be an integer 0..10, got '11'"});
}

TEST_CASE("pain history must be oldest first; a repeated exercise is a warning") {
    std::string text = kMinimal;
    text += "  pain_history:\n    - {date: 2026-11-19, score: 7}\n    - {date: 2026-11-12, score: 6}\n"
            "plan:\n  exercises:\n    - id: bridge\n    - id: bridge\n";
    CHECK(summary_messages("hist.yaml", text) ==
          V{"hist.yaml:14:14: error: 'assessment.pain_history[2].date' 2026-11-12 comes before the previous entry "
            "2026-11-19; list the scores oldest first",
            "hist.yaml:18:11: warning: exercise 'bridge' is listed twice (first at 17:11)"});
}

TEST_CASE("plan.safety_notes: an optional list of strings, kept as written (compose reads the tier prefix)") {
    std::string text = kMinimal;
    text += "plan:\n  safety_notes:\n    - \"emergency: If your foot drags, call 999.\"\n    - Ring us if your toe gets weaker.\n";
    std::optional<model::AssessmentSummary> s;
    CHECK(summary_messages("notes.yaml", text, &s).empty());
    REQUIRE(s.has_value());
    CHECK(s->plan.safety_notes == V{"emergency: If your foot drags, call 999.", "Ring us if your toe gets weaker."});
    std::string bad = kMinimal;
    bad += "plan:\n  safety_notes: [Ring us, {a: b}]\n";
    const auto msgs = summary_messages("notes2.yaml", bad);
    REQUIRE(msgs.size() == 1);
    CHECK(msgs[0].rfind("notes2.yaml:13:", 0) == 0);
    CHECK(msgs[0].find("'plan.safety_notes") != std::string::npos);
}
