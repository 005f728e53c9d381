// The YAML cases of ../shared/cases/hard-inputs.md (H01-H08, H17, B01-B08, L01-L03), in the contract's field names.
#include <doctest/doctest.h>

#include "load_test_support.hpp"

using namespace takehome;
using namespace takehome::load;
using namespace takehome::load::test;
using V = std::vector<std::string>;

TEST_CASE("H01: yes/no/on/off stay strings; booleans and enums reject them") {
    const std::string text =
        "patient:\n"
        "  name: Nora Nordmann\n"
        "  language: no\n"
        "  large_print: yes\n"
        "clinician:\n"
        "  name: Priya Raman\n"
        "appointment:\n"
        "  date: 2026-11-27\n"
        "assessment:\n"
        "  complaint: Low back pain\n"
        "  pattern: acute\n"
        "  leg_symptoms: no\n"
        "  irritability: off\n"
        "  red_flags_screened: true\n"
        "  impression: A common strain.\n";
    CHECK(summary_messages("h01.yaml", text) ==
          V{"h01.yaml:4:16: error: 'patient.large_print': expected true or false, got 'yes'",
            "h01.yaml:12:17: error: 'assessment.leg_symptoms' must be one of none/one_leg/both_legs, got 'no' "
            "(did you mean 'none'?)",
            "h01.yaml:13:17: error: 'assessment.irritability' must be one of low/moderate/high, got 'off'"});

    // `language: no` is Norwegian, not false; quoting does not change a string field.
    std::optional<model::AssessmentSummary> s;
    std::string ok = kMinimal;
    ok.replace(ok.find("  name: Ana Test\n"), 17, "  name: Nora Nordmann\n  language: no\n");
    CHECK(summary_messages("h01-ok.yaml", ok, &s).empty());
    REQUIRE(s);
    CHECK(s->patient.language == "no");
    CHECK(s->patient.large_print == false);

    // A quoted "true" in a boolean field is not a boolean either (the rule: plain true/false only).
    std::string quoted = kMinimal;
    quoted.replace(quoted.find("red_flags_screened: true"), 24, "red_flags_screened: \"true\"");
    CHECK(summary_messages("h01-q.yaml", quoted) ==
          V{"h01-q.yaml:10:23: error: 'assessment.red_flags_screened': expected true or false, got 'true' in quotes "
            "(remove the quotes)"});
}

TEST_CASE("H02: duplicate keys are errors that name the first definition") {
    std::string text = kMinimal;
    text += "  pain:\n    now: 3\n    now: 8\n";
    CHECK(summary_messages("h02.yaml", text) == V{"h02.yaml:14:5: error: duplicate key 'now' (first defined at 13:5)"});
    // Top-level duplicate (a pasted second `patient:` block).
    std::string top = kMinimal;
    top += "patient:\n  name: Someone Else\n";
    CHECK(summary_messages("h02b.yaml", top) == V{"h02b.yaml:12:1: error: duplicate key 'patient' (first defined at 1:1)"});
}

TEST_CASE("H04: a byte order mark is accepted and does not shift columns; U+FEFF mid-text is removed") {
    std::optional<model::AssessmentSummary> with_bom, without;
    CHECK(summary_messages("h04.yaml", std::string("\xEF\xBB\xBF") + kMinimal, &with_bom).empty());
    CHECK(summary_messages("h04-plain.yaml", kMinimal, &without).empty());
    REQUIRE(with_bom);
    REQUIRE(without);
    CHECK(with_bom->patient.name == without->patient.name);
    CHECK(with_bom->patient.name == "Ana Test");

    // Error columns are the same with and without the BOM.
    std::string bad = kMinimal;
    bad += "  pain:\n    now: 11\n";
    CHECK(summary_messages("h04-err.yaml", std::string("\xEF\xBB\xBF") + bad) ==
          V{"h04-err.yaml:13:10: error: 'assessment.pain.now' must be an integer 0..10, got '11'"});
    CHECK(summary_messages("h04-err.yaml", bad) ==
          V{"h04-err.yaml:13:10: error: 'assessment.pain.now' must be an integer 0..10, got '11'"});

    std::string mid = kMinimal;
    mid.replace(mid.find("Ana Test"), 8, "Ana\xEF\xBB\xBF Test");
    std::optional<model::AssessmentSummary> s;
    CHECK(summary_messages("h04-mid.yaml", mid, &s) ==
          V{"h04-mid.yaml:2:12: warning: invisible character U+FEFF (zero-width no-break space) removed"});
    REQUIRE(s);
    CHECK(s->patient.name == "Ana Test");
}

TEST_CASE("H05: tabs used as indentation are reported at the tab; a tab inside quotes is allowed") {
    CHECK(summary_messages("h05.yaml", "patient:\n\tname: Ana Test\n") ==
          V{"h05.yaml:2:1: error: tab character used for indentation (YAML requires spaces)"});
    CHECK(summary_messages("h05b.yaml", "patient:\n  \tname: Ana Test\n") ==
          V{"h05b.yaml:2:3: error: tab character used for indentation (YAML requires spaces)"});
    std::string text = kMinimal;
    text.replace(text.find("  name: Ana Test"), 16, "  name: \"Ana\tTest\"");
    std::optional<model::AssessmentSummary> s;
    CHECK(summary_messages("h05-ok.yaml", text, &s).empty());
    REQUIRE(s);
    CHECK(s->patient.name == "Ana\tTest");
}

TEST_CASE("H07: an empty value is reported at its key; a missing field at the mapping's first key") {
    std::string text = kMinimal;
    text += "  pain:\n    now:\n    worst: 6\n";
    CHECK(summary_messages("h07.yaml", text) ==
          V{"h07.yaml:13:5: error: 'assessment.pain.now' is empty; expected integer 0..10"});

    const std::string missing =
        "patient:\n  name: Ana Test\nclinician:\n  name: Priya Raman\nappointment:\n  number: 2\n"
        "assessment:\n  complaint: Low back pain\n  pattern: acute\n  red_flags_screened: true\n"
        "  impression: A common strain.\n";
    CHECK(summary_messages("h07b.yaml", missing) ==
          V{"h07b.yaml:6:3: error: missing required field 'date' in 'appointment'"});
}

TEST_CASE("H08: one invalid byte is reported at its line and column, nothing is loaded") {
    std::string text = kMinimal;
    text.replace(text.find("Ana Test"), 8, "Jos\xE9 Test");
    CHECK(summary_messages("h08.yaml", text) == V{"h08.yaml:2:12: error: invalid UTF-8 (byte 0xE9); save the file as UTF-8"});
}

TEST_CASE("H17: NFD and NFC input give equal models") {
    std::string nfd = kMinimal, nfc = kMinimal;
    nfd.replace(nfd.find("Ana Test"), 8, "\"Jose\xCC\x81 Mu\xCC\x88ller\"");
    nfc.replace(nfc.find("Ana Test"), 8, "\"Jos\xC3\xA9 M\xC3\xBCller\"");
    nfd += "  aggravating: [Sitting in the cafe\xCC\x81]\n";
    nfc += "  aggravating: [Sitting in the caf\xC3\xA9]\n";
    std::optional<model::AssessmentSummary> a, b;
    CHECK(summary_messages("h17-nfd.yaml", nfd, &a).empty());
    CHECK(summary_messages("h17-nfc.yaml", nfc, &b).empty());
    REQUIRE(a);
    REQUIRE(b);
    CHECK(a->patient.name == "Jos\xC3\xA9 M\xC3\xBCller");
    CHECK(a->patient.name == b->patient.name);
    CHECK(a->assessment.aggravating == b->assessment.aggravating);
}

TEST_CASE("B01: a missing required field points at the mapping's first key") {
    const std::string text =
        "patient:\n  name: Ana Test\nclinician:\n  name: Priya Raman\nappointment:\n  date: 2026-11-27\n"
        "assessment:\n  complaint: Low back pain\n  red_flags_screened: true\n  impression: A common strain.\n";
    CHECK(summary_messages("b01.yaml", text) == V{"b01.yaml:8:3: error: missing required field 'pattern' in 'assessment'"});
    CHECK(summary_messages("b01b.yaml", "patient:\n  name: Ana Test\n") ==
          V{"b01b.yaml:1:1: error: missing required field 'clinician'",
            "b01b.yaml:1:1: error: missing required field 'appointment'",
            "b01b.yaml:1:1: error: missing required field 'assessment'"});
}

TEST_CASE("B02: wrong types are all reported in one run") {
    std::string text = kMinimal;
    text.replace(text.find("  date: 2026-11-27\n"), 19, "  date: 2026-11-27\n  number: twice\n");
    text += "plan:\n  exercises: knee-rocks\n";
    CHECK(summary_messages("b02.yaml", text) ==
          V{"b02.yaml:7:11: error: 'appointment.number' must be an integer 1..999, got 'twice'",
            "b02.yaml:14:14: error: 'plan.exercises' must be a list, got a string"});
}

TEST_CASE("B03: out-of-range, fractional and '/10' scores") {
    std::string text = kMinimal;
    text += "  pain:\n    now: 11\n    worst: 11/10\n    best: 7.5\n  pain_history:\n    - {date: 2026-11-20, score: -1}\n";
    CHECK(summary_messages("b03.yaml", text) ==
          V{"b03.yaml:13:10: error: 'assessment.pain.now' must be an integer 0..10, got '11'",
            "b03.yaml:14:12: error: 'assessment.pain.worst' must be an integer 0..10, got '11/10' (write just the number, e.g. 8)",
            "b03.yaml:15:11: error: 'assessment.pain.best' must be an integer 0..10, got '7.5' (expected a whole number in decimal)",
            "b03.yaml:17:33: error: 'assessment.pain_history[1].score' must be an integer 0..10, got '-1'"});
}

TEST_CASE("B04: unknown exercise ids: did-you-mean, case and look-alike letters are reported, not guessed") {
    std::string text = kMinimal;
    text += "plan:\n  exercises:\n    - id: knee-rock\n      sets: 3\n    - id: Cat-Camel\n"
            "    - id: \xD0\xA1" "at-camel\n    - id: \" bridge \"\n";
    std::optional<model::AssessmentSummary> s;
    CHECK(summary_messages("b04.yaml", text, &s) ==
          V{"b04.yaml:14:11: error: unknown exercise id 'knee-rock' (did you mean 'knee-rocks'?)",
            "b04.yaml:16:11: error: unknown exercise id 'Cat-Camel' (ids are lower-case; did you mean 'cat-camel'?)",
            "b04.yaml:17:11: error: unknown exercise id '\xD0\xA1" "at-camel' (contains the non-ASCII character U+0421; "
            "ids use only a-z, 0-9 and '-'; did you mean 'cat-camel'?)"});
    // " bridge " matches after trimming: no error on line 18.
}

TEST_CASE("B05: a missing clinic logo is positioned, with a did-you-mean hint") {
    TempDir dir;
    dir.write("riverside-logo.png", "\x89PNG\r\n\x1a\n....");
    const std::string clinic = dir.write("clinic.yaml", "name: Riverside\nemergency_number: \"999\"\nlogo: riverside-logp.png\n");
    Diagnostics d;
    CHECK_FALSE(load_clinic(clinic, d).has_value());
    CHECK(messages(d, dir) == V{"clinic.yaml:3:7: error: image 'riverside-logp.png' not found (did you mean 'riverside-logo.png'?)"});
}

TEST_CASE("B06: dates in other formats, impossible dates, and dates out of order") {
    std::string text = kMinimal;
    text.replace(text.find("2026-11-27"), 10, "03/05/2024");
    text += "plan:\n  review_measures_on: 2024-02-30\n  next_appointment: 5 March\n";
    CHECK(summary_messages("b06.yaml", text) ==
          V{"b06.yaml:6:9: error: 'appointment.date' must be YYYY-MM-DD, got '03/05/2024' (ambiguous day/month)",
            "b06.yaml:13:23: error: 'plan.review_measures_on' 2024-02-30 is not a real date",
            "b06.yaml:14:21: error: 'plan.next_appointment' must be YYYY-MM-DD, got '5 March'"});

    std::string order = kMinimal;
    order.replace(order.find("  name: Ana Test\n"), 17, "  name: Ana Test\n  date_of_birth: 2027-01-01\n");
    order += "  onset: 2026-12-01\nplan:\n  next_appointment: 2026-11-20\n  review_measures_on: 2026-12-25\n";
    CHECK(summary_messages("b06b.yaml", order) ==
          V{"b06b.yaml:3:18: error: 'patient.date_of_birth' 2027-01-01 is after the appointment date 2026-11-27",
            "b06b.yaml:13:10: error: 'assessment.onset' 2026-12-01 is after the appointment date 2026-11-27",
            "b06b.yaml:15:21: error: 'plan.next_appointment' 2026-11-20 is before the appointment date 2026-11-27"});
    std::string leap = kMinimal;
    leap += "  onset: 2024-02-29\n";
    CHECK(summary_messages("b06c.yaml", leap).empty());
}

TEST_CASE("B07: empty file and a file of only comments") {
    CHECK(summary_messages("b07-empty.yaml", "") == V{"b07-empty.yaml:1:1: error: file is empty"});
    CHECK(summary_messages("b07-comments.yaml", "# TODO fill in\n\n   \n") ==
          V{"b07-comments.yaml:1:1: error: file has no content (only comments/whitespace)"});
}

TEST_CASE("B08: binary files are recognised before the YAML parser") {
    CHECK(summary_messages("b08.yaml", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)) ==
          V{"b08.yaml:1:1: error: not a text file (PNG image signature)"});
    CHECK(summary_messages("b08-docx.yaml", std::string("PK\x03\x04\x14\0\x06\0", 8)) ==
          V{"b08-docx.yaml:1:1: error: not a text file (ZIP/.docx signature; export the document as plain text/Markdown)"});
    std::string random(4096, '\0');
    unsigned state = 12345;
    for (auto& c : random) {
        state = state * 1103515245u + 12345u;
        c = static_cast<char>(state >> 24);
    }
    random[0] = 'x';  // not a known signature; first bad byte at offset 3
    random[1] = 'y';
    random[2] = 'z';
    random[7] = '\0';
    random[3] = static_cast<char>(0xFF);
    CHECK(summary_messages("b08-random.yaml", random) ==
          V{"b08-random.yaml:1:1: error: not a text file (NUL or invalid UTF-8 bytes at offset 3)"});
}

TEST_CASE("L01: an unterminated quoted string does not swallow the next field") {
    std::string text = kMinimal;
    text.replace(text.find("  name: Ana Test"), 16, "  name: \"Ana Test");
    CHECK(summary_messages("l01.yaml", text) ==
          V{"l01.yaml:2:9: error: unterminated quoted string (the closing quote is missing)"});
    // A legitimate quoted string over two lines is fine.
    std::string ok = kMinimal;
    ok.replace(ok.find("  complaint: Low back pain"), 26, "  complaint: \"Low back pain,\n    worse when sitting\"");
    std::optional<model::AssessmentSummary> s;
    CHECK(summary_messages("l01-ok.yaml", ok, &s).empty());
    REQUIRE(s);
    CHECK(s->assessment.complaint == "Low back pain, worse when sitting");
}

TEST_CASE("L02: a scalar at the top level, with the missing-space hint") {
    CHECK(summary_messages("l02.yaml", "pain_now:7") ==
          V{"l02.yaml:1:1: error: expected a mapping at top level; did you mean 'pain_now: 7' (missing space after ':')?"});
    CHECK(summary_messages("l02b.yaml", "- a\n- b\n") == V{"l02b.yaml:1:1: error: expected a mapping at top level, got a list"});
}

TEST_CASE("L03: more than one YAML document") {
    std::string text = kMinimal;
    text += "---\n";
    text += kMinimal;
    CHECK(summary_messages("l03.yaml", text) == V{"l03.yaml:12:1: error: file contains 2 YAML documents; expected 1"});
    const std::string three = "a: 1\n---\nb: 2\n---\nc: 3\n";
    CHECK(summary_messages("l03b.yaml", three) == V{"l03b.yaml:2:1: error: file contains 3 YAML documents; expected 1"});
    // A leading `---` alone is one document.
    std::optional<model::AssessmentSummary> s;
    CHECK(summary_messages("l03-ok.yaml", std::string("---\n") + kMinimal, &s).empty());
    CHECK(s.has_value());
}
