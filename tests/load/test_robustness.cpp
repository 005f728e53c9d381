// Issue 11 in the load stage: no silent wrong text, messages a physio can act on, files never shown,
// bounded time, and the contract's number rules and clinic fields.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "load/load.hpp"
#include "load_test_support.hpp"
#include "support/growth.hpp"

using namespace takehome::load;
using namespace takehome::load::test;
using V = std::vector<std::string>;
using takehome::Diagnostics;

namespace {

std::string replace(std::string s, const std::string& from, const std::string& to) {
    const auto p = s.find(from);
    REQUIRE(p != std::string::npos);
    return s.replace(p, from.size(), to);
}

}  // namespace

TEST_CASE("a NUL escape in a YAML string is refused at its scalar, never truncating the name") {
    const auto text = replace(kMinimal, "  name: Ana Test\n", "  name: \"Alex\\0Minimal\"\n");
    CHECK(summary_messages("nul.yaml", text) ==
          V{"nul.yaml:2:9: error: control character U+0000 is not allowed in text; remove it"});
}

TEST_CASE("C1 controls and other C0 controls are refused; tab and line feed are allowed") {
    auto text = replace(kMinimal, "  name: Ana Test\n", "  name: \"Ana\\x85Test\"\n");
    text = replace(text, "  complaint: Low back pain\n", "  complaint: \"Low\\x07back\"\n");
    CHECK(summary_messages("ctl.yaml", text) ==
          V{"ctl.yaml:2:9: error: control character U+0085 is not allowed in text; remove it",
            "ctl.yaml:8:14: error: control character U+0007 is not allowed in text; remove it"});
    const auto ok = replace(kMinimal, "  impression: A common strain.\n", "  impression: \"A common\\tstrain.\\nIt heals.\"\n");
    CHECK(summary_messages("tab.yaml", ok).empty());
}

TEST_CASE("the YAML escapes \\_ and \\N are the characters they stand for, never bytes that stop the process") {
    // yaml-cpp decodes "\_" (no-break space) and "\N" (next line) to single Latin-1 bytes; a clinic file with
    // them ended the process (uncaught InternalError from to_nfc, found by fuzz_clinic).
    std::optional<takehome::model::AssessmentSummary> s;
    const auto nbsp = replace(kMinimal, "  name: Ana Test\n", "  name: \"Ana\\_Test\"\n");
    CHECK(summary_messages("nbsp.yaml", nbsp, &s).empty());
    REQUIRE(s);
    CHECK(s->patient.name == "Ana\xC2\xA0Test");
    const auto nel = replace(kMinimal, "  name: Ana Test\n", "  name: \"Ana\\NTest\"\n");
    CHECK(summary_messages("nel.yaml", nel) ==
          V{"nel.yaml:2:9: error: control character U+0085 is not allowed in text; remove it"});
    // The fuzzer's input itself, as a clinic profile: errors, no crash.
    TempDir dir;
    Diagnostics d;
    const std::string crash = "# A0o12n11# A0o12n11\ncolo;r: \"\\_apy\n\ncolo;r: \"\\apy\nset \\";
    CHECK_FALSE(load_clinic(dir.write("clinic.yaml", crash), d).has_value());
    CHECK(d.has_errors());
}

TEST_CASE("Unicode noncharacters are an input error with a position, not an internal error later") {
    for (const auto& [esc, name] : std::vector<std::pair<std::string, std::string>>{
             {"\\uFFFE", "U+FFFE"}, {"\\uFFFF", "U+FFFF"}, {"\\U0010FFFF", "U+10FFFF"}, {"\\uFDD0", "U+FDD0"}}) {
        CAPTURE(name);
        const auto text = replace(kMinimal, "  name: Ana Test\n", "  name: \"Ana" + esc + "\"\n");
        CHECK(summary_messages("nonchar.yaml", text) ==
              V{"nonchar.yaml:2:9: error: Unicode noncharacter " + name + " is not allowed in text; remove it"});
    }
    // Written literally (not as an escape) it is reported at its own column.
    const auto raw = replace(kMinimal, "  name: Ana Test\n", "  name: Ana \xEF\xBF\xBE Test\n");
    CHECK(summary_messages("raw.yaml", raw) ==
          V{"raw.yaml:2:13: error: Unicode noncharacter U+FFFE is not allowed in text; remove it"});
}

TEST_CASE("explicit bidi overrides and embeddings U+202A..U+202E are refused where they stand") {
    const auto text = replace(kMinimal, "  name: Ana Test\n", "  name: Ana \xE2\x80\xAETest\n");
    CHECK(summary_messages("rlo.yaml", text) ==
          V{"rlo.yaml:2:13: error: bidirectional control U+202E is not allowed in text (it reverses the text around "
            "it); remove it"});
    const auto lre = replace(kMinimal, "  name: Ana Test\n", "  name: \"\\u202AAna\"\n");
    CHECK(summary_messages("lre.yaml", lre).at(0).find("bidirectional control U+202A") != std::string::npos);
}

TEST_CASE("a ': ' inside unquoted free text is explained at the second colon") {
    const auto text = replace(kMinimal, "  impression: A common strain.\n", "  impression: Sciatica: an irritated nerve\n");
    CHECK(summary_messages("colon.yaml", text) ==
          V{"colon.yaml:11:23: error: a ': ' inside text starts a new key; put the whole text in quotes"});
}

TEST_CASE("a missing colon is reported on the line where it is missing") {
    const auto text = replace(kMinimal, "  complaint: Low back pain\n", "  complaint Low back pain\n");
    CHECK(summary_messages("nocolon.yaml", text) ==
          V{"nocolon.yaml:8:12: error: missing ':' after 'complaint' (write 'complaint: ...')"});
}

TEST_CASE("a missing '-' before the second exercise is one message, not three duplicate keys") {
    std::string text = kMinimal;
    text += "plan:\n  exercises:\n    - id: bridge\n      reps: 10\n      sets: 2\n      id: clam\n      reps: 8\n"
            "      sets: 3\n";
    CHECK(summary_messages("dash.yaml", text) ==
          V{"dash.yaml:17:7: error: missing '-' before this exercise? ('id' is already given at 14:7)"});
}

TEST_CASE("a clinic path to /etc/passwd never shows the file's content") {
    TempDir dir;
    const std::string summary = std::string(kMinimal) + "clinic: ../../../../../../../../etc/passwd\n";
    Diagnostics d;
    (void)load_summary(dir.write("s.yaml", summary), known_ids(), d);
    const std::string all = d.to_string();
    CHECK(all.find("root:") == std::string::npos);
    CHECK(all.find("/bin/") == std::string::npos);
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].format().ends_with(
        "etc/passwd:1:1: error: not a clinic profile (expected a YAML mapping with 'name' and 'emergency_number')"));
}

TEST_CASE("a clinic file that is a mapping of something else is 'not a clinic profile', its keys unlisted") {
    TempDir dir;
    const auto shadow = dir.write("shadow.yaml", "root: x\ndaemon: y\nsecret-token-abc: z\n");
    Diagnostics d;
    CHECK_FALSE(load_clinic(shadow, d).has_value());
    CHECK(messages(d, dir) ==
          V{"shadow.yaml:1:1: error: not a clinic profile (expected a YAML mapping with 'name' and 'emergency_number')"});
}

TEST_CASE("a message quotes at most 60 characters of a value") {
    const std::string long_value(500, 'x');
    const auto text = replace(kMinimal, "  pattern: acute\n", "  pattern: " + long_value + "\n");
    const auto m = summary_messages("long.yaml", text);
    REQUIRE(m.size() == 1);
    CHECK(m[0] == "long.yaml:9:12: error: 'assessment.pattern' must be one of acute/recurrent/persistent, got '" +
                      std::string(60, 'x') + "\u2026'");
}

TEST_CASE("a clinic profile that is a FIFO, a directory, a device or a link loop says what it is") {
    TempDir dir;
    REQUIRE(::mkfifo((dir.path / "fifo.yaml").c_str(), 0600) == 0);
    std::filesystem::create_directory(dir.path / "folder.yaml");
    std::filesystem::create_symlink("loopB.yaml", dir.path / "loopA.yaml");
    std::filesystem::create_symlink("loopA.yaml", dir.path / "loopB.yaml");
    const auto check = [&](const std::string& clinic) {
        Diagnostics d;
        (void)load_summary(dir.write("s.yaml", std::string(kMinimal) + "clinic: " + clinic + "\n"), known_ids(), d);
        return messages(d, dir);
    };
    CHECK(check("fifo.yaml") == V{"s.yaml:12:9: error: clinic profile 'fifo.yaml' is a FIFO, expected a regular file"});
    CHECK(check("folder.yaml") == V{"s.yaml:12:9: error: clinic profile 'folder.yaml' is a directory, expected a file"});
    CHECK(check("loopA.yaml") ==
          V{"s.yaml:12:9: error: clinic profile 'loopA.yaml' is a symbolic link loop (the link points back to itself)"});
    CHECK(check("/dev/zero") ==
          V{"s.yaml:12:9: error: clinic profile '/dev/zero' is a character device, expected a regular file"});
    // --clinic goes through the reader, which also checks the type before opening (a FIFO never blocks).
    Diagnostics d;
    CHECK_FALSE(load_clinic((dir.path / "fifo.yaml").string(), d).has_value());
    CHECK(messages(d, dir) == V{"fifo.yaml: error: is a FIFO, expected a regular file"});
}

TEST_CASE("a file over 1 MiB is refused from its size, before it is read") {
    TempDir dir;
    const auto big = dir.path / "big.yaml";
    { std::ofstream(big) << "a: b\n"; }
    std::filesystem::resize_file(big, 50u * 1024 * 1024);  // sparse: 50 MB that is never read
    Diagnostics d;
    (void)load_clinic(big.string(), d);  // sparse: reading it would take 50 MB; the message comes from fstat
    CHECK(messages(d, dir) == V{"big.yaml:1:1: error: file too large (52428800 bytes; the limit is 1 MiB)"});
}

/// The ratio of the time to load a flow-style list of `big` items to one of `big / 4` items: about 4 when the
/// loader is linear, 16 when it is quadratic (as it was). A complexity guard, not a speed measure: the
/// absolute time (about 1 s for 1 MB, most of it yaml-cpp's scanner) belongs to the benchmark.
double flow_scaling(std::size_t big) {
    auto make = [](std::size_t items) {
        std::string list = "[";
        for (std::size_t i = 0; i < items; ++i) list += "a, ";
        list += "a]";
        return replace(kMinimal, "  complaint: Low back pain\n", "  complaint: Low back pain\n  findings: " + list + "\n");
    };
    const auto small_text = make(big / 4), big_text = make(big);
    return test_support::growth_ratio([&](int) { (void)summary_messages("flow.yaml", small_text); },
                                      [&](int) { (void)summary_messages("flow.yaml", big_text); });
}

TEST_CASE("flow-style YAML loads in time linear in its size (it was quadratic)") {
    CHECK(flow_scaling(330000) < 9.0);  // 1 MB at the large end
    std::string map = "{";
    for (int i = 0; map.size() < 1000 * 1000; ++i) map += "k" + std::to_string(i) + ": v, ";
    map += "z: v}";
    const auto text2 = replace(kMinimal, "  pattern: acute\n", "  pattern: acute\n  outcome_measures: " + map + "\n");
    const auto m = summary_messages("flowmap.yaml", text2);
    REQUIRE(m.size() == 21);  // 20 unknown fields, then one line for the rest
    CHECK(m[0].find("warning: unknown field 'k0' in 'assessment.outcome_measures'") != std::string::npos);
    CHECK(m[20].find("warning: and ") != std::string::npos);
    CHECK(m[20].find(" more like this") != std::string::npos);
}

TEST_CASE("100,000 unknown keys print 20 warnings and one 'and N more like this'") {
    std::string text = kMinimal;
    for (int i = 0; i < 100000; ++i) text += "k" + std::to_string(i) + ": 1\n";  // 0.99 MB, under the limit
    const auto m = summary_messages("many.yaml", text);
    REQUIRE(m.size() == 21);
    CHECK(m[0] == "many.yaml:12:1: warning: unknown field 'k0'");
    CHECK(m[20] == "many.yaml:32:1: warning: and 99,980 more like this");
}

TEST_CASE("plan.exercises longer than 30 is an error") {
    std::string text = kMinimal;
    text += "plan:\n  exercises:\n";
    for (int i = 0; i < 31; ++i) text += "    - id: bridge\n";
    CHECK(summary_messages("thirty.yaml", text) ==
          V{"thirty.yaml:13:3: error: 'plan.exercises' lists 31 exercises; at most 30 exercises fit a take-home handout"});
}

TEST_CASE("counts: leading zeros read as decimal with a warning; other number forms say 'decimal'") {
    std::string text = kMinimal;
    text += "plan:\n  exercises:\n    - id: bridge\n      sets: 03\n      reps: 010\n      hold_seconds: 08\n";
    std::optional<takehome::model::AssessmentSummary> s;
    CHECK(summary_messages("zeros.yaml", text, &s) ==
          V{"zeros.yaml:15:13: warning: 'plan.exercises[1].sets': leading zeros ignored in '03' (read as 3)",
            "zeros.yaml:16:13: warning: 'plan.exercises[1].reps': leading zeros ignored in '010' (read as 10)",
            "zeros.yaml:17:21: warning: 'plan.exercises[1].hold_seconds': leading zeros ignored in '08' (read as 8)"});
    REQUIRE(s.has_value());
    CHECK(s->plan.exercises.at(0).dose.sets == 3);
    CHECK(s->plan.exercises.at(0).dose.reps == 10);
    CHECK(s->plan.exercises.at(0).dose.hold_seconds == 8);
    for (const std::string bad : {"0x0A", "0o12", "1e1", "+10", "10.0"}) {
        CAPTURE(bad);
        std::string t = kMinimal;
        t += "plan:\n  exercises:\n    - id: bridge\n      reps: " + bad + "\n";
        CHECK(summary_messages("forms.yaml", t) ==
              V{"forms.yaml:15:13: error: 'plan.exercises[1].reps' must be an integer 1..200, got '" + bad +
                "' (expected a whole number in decimal)"});
    }
}

TEST_CASE("a number over the range names the range, never overflows") {
    const auto text = std::string(kMinimal) + "  pain:\n    now: 2147483648\n";
    CHECK(summary_messages("big.yaml", text) ==
          V{"big.yaml:13:10: error: 'assessment.pain.now' must be an integer 0..10, got '2147483648'"});
    const auto appt = replace(kMinimal, "  date: 2026-11-27\n", "  date: 2026-11-27\n  number: 2147483648\n");
    CHECK(summary_messages("appt.yaml", appt) ==
          V{"appt.yaml:7:11: error: 'appointment.number' must be an integer 1..999, got '2147483648'"});
}

TEST_CASE("pain scores out of order (best > now, now > worst) are warnings at the field") {
    const auto text = std::string(kMinimal) + "  pain:\n    now: 6\n    best: 7\n    worst: 5\n";
    CHECK(summary_messages("order.yaml", text) ==
          V{"order.yaml:13:10: warning: 'assessment.pain.now' (6) is higher than 'assessment.pain.worst' (5); check the "
            "scores",
            "order.yaml:14:11: warning: 'assessment.pain.best' (7) is higher than 'assessment.pain.now' (6); check the "
            "scores"});
}

TEST_CASE("CR-only line endings are read as line ends") {
    std::string text = kMinimal;
    for (char& c : text)
        if (c == '\n') c = '\r';
    std::optional<takehome::model::AssessmentSummary> s;
    CHECK(summary_messages("cr.yaml", text, &s).empty());
    REQUIRE(s.has_value());
    CHECK(s->assessment.impression == "A common strain.");
    const auto bad = replace(text, "  pattern: acute\r", "  pattern: sudden\r");
    CHECK(summary_messages("cr-bad.yaml", bad).at(0).rfind("cr-bad.yaml:9:12: error:", 0) == 0);
}

TEST_CASE("clinic profile: booking_url, exercise_videos and smtp from the contract") {
    TempDir dir;
    const std::string base = "name: Test Clinic\nemergency_number: \"999\"\n";
    {
        Diagnostics d;
        dir.write("pw.txt", "secret\n");
        auto c = load_clinic(dir.write("ok.yaml", base + "booking_url: https://clinic.example/book\n"
                                                         "exercise_videos:\n  bridge: https://clinic.example/v/bridge\n"
                                                         "smtp:\n  host: smtp.clinic.example\n  security: tls\n"
                                                         "  from: Test Clinic <desk@clinic.example>\n"
                                                         "  password_file: pw.txt\n"),
                             d, {}, nullptr);
        CHECK(messages(d, dir).empty());
        REQUIRE(c.has_value());
        CHECK(c->booking_url == "https://clinic.example/book");
        REQUIRE(c->exercise_videos.size() == 1);
        CHECK(c->exercise_videos[0].first == "bridge");
        REQUIRE(c->smtp.has_value());
        CHECK(c->smtp->port == 465);
        CHECK(c->smtp->security == "tls");
        CHECK(c->smtp->password_file == (dir.path / "pw.txt").string());
    }
    {
        Diagnostics d;
        const KnownIds known = known_ids();
        (void)load_clinic(dir.write("bad.yaml", base + "booking_url: http://clinic.example/book\n"
                                                       "exercise_videos:\n  brige: https://clinic.example/v/bridge\n"
                                                       "smtp:\n  host: smtp.clinic.example\n  from: a@b.example\n"
                                                       "  password: hunter2\n"),
                          d, {}, &known);
        CHECK(messages(d, dir) ==
              V{"bad.yaml:3:14: error: 'booking_url' must be a web address starting with https://, got "
                "'http://clinic.example/book'",
                "bad.yaml:5:3: warning: unknown exercise id 'brige' in 'exercise_videos' (did you mean 'bridge'?)",
                "bad.yaml:9:3: error: never write the password in this file; use TAKEHOME_SMTP_PASSWORD or password_file"});
    }
}

TEST_CASE("the Northgate example profile and Kwame Asante's summary load without warnings about these fields") {
    const std::string ex = std::string(TAKEHOME_SHARED_DIR) + "/cases/examples/";
    Diagnostics d;
    auto s = load_summary(ex + "kwame-asante.yaml", known_ids(), d);
    for (const auto& item : d.items()) {
        CAPTURE(item.format());
        CHECK(item.message.find("booking_url") == std::string::npos);
        CHECK(item.message.find("exercise_videos") == std::string::npos);
        CHECK(item.message.find("smtp") == std::string::npos);
        CHECK(item.message.find("password") == std::string::npos);
    }
    Diagnostics dc;
    auto c = load_clinic(ex + "northgate-clinic.yaml", dc);
    CHECK_MESSAGE(dc.empty(), dc.to_string());
    REQUIRE(c.has_value());
    REQUIRE(c->smtp.has_value());
    CHECK(c->smtp->port == 587);
    CHECK(c->booking_url == "https://northgate-physio.example/book");
}

TEST_CASE("a ',' outside brackets is an error at its place, not a hang (found by fuzzing)") {
    // yaml-cpp 0.7 leaves such a ',' unread and starts an empty document at it again and again: `check` of the
    // two bytes ",\n" never returned.
    const std::string why = ": error: unexpected ',' here (it separates items only inside [ ] or { }); if it is "
                            "part of a text, put the whole text in quotes";
    CHECK(summary_messages("comma.yaml", ",\n") == V{"comma.yaml:1:1" + why});
    CHECK(summary_messages("after.yaml", "\"a\"\n,\n") == V{"after.yaml:2:1" + why});
    CHECK(summary_messages("comment.yaml", "# notes\n,x\n") == V{"comment.yaml:2:1" + why});
}
