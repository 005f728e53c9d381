// Input sources: a summary given as bytes (a web form, a batch) loads like the same file, with its own name in
// messages and its own folder for the clinic profile; JSON, a subset of YAML 1.2, loads too.
#include <doctest/doctest.h>

#include "load_test_support.hpp"

using namespace takehome;
using namespace takehome::load;
using namespace takehome::load::test;

namespace {
using test_support::slurp;
std::string replace_first(std::string s, const std::string& from, const std::string& to) {
    const auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
}
std::string examples() { return std::string(TAKEHOME_SHARED_DIR) + "/cases/examples"; }
}  // namespace

TEST_CASE("a summary given as bytes loads like its file, resolving the clinic in the base folder") {
    Diagnostics from_file, from_bytes;
    const auto a = load_summary(InputSource::file(examples() + "/daniel-okafor.yaml"), known_ids(), from_file);
    const std::string bytes = slurp(examples() + "/daniel-okafor.yaml");
    const auto b = load_summary(InputSource::memory(bytes, "form", examples()), known_ids(), from_bytes);
    CHECK(from_file.to_string() == "");
    CHECK(from_bytes.to_string() == "");
    REQUIRE(a);
    REQUIRE(b);
    CHECK(b->patient.name == a->patient.name);
    REQUIRE(b->clinic);
    CHECK(b->clinic->name == "Riverside Physiotherapy");
    CHECK(b->plan.exercises.size() == a->plan.exercises.size());
}

TEST_CASE("messages about bytes name the source as given, with the field path as data") {
    const std::string bytes = replace_first(slurp(examples() + "/daniel-okafor.yaml"), "    now: 5\n", "    now: 11\n");
    Diagnostics d;
    CHECK_FALSE(load_summary(InputSource::memory(bytes, "form", examples()), known_ids(), d));
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].pos.file == "form");
    CHECK(d.items()[0].field == "assessment.pain.now");
    CHECK(d.items()[0].format().rfind("form:", 0) == 0);
}

TEST_CASE("a JSON summary (JSON is a subset of YAML 1.2) loads with the same values") {
    const std::string json = R"({
  "patient": {"name": "Ana Test", "large_print": false},
  "clinician": {"name": "Sam Physio"},
  "clinic": {"name": "Test Clinic", "emergency_number": "999"},
  "appointment": {"date": "2026-11-27", "number": 2},
  "assessment": {"complaint": "Low back pain", "pattern": "acute", "red_flags_screened": true,
                 "pain": {"now": 4, "best": 2, "worst": 7}, "impression": "A common back strain."},
  "plan": {"exercises": [{"id": "knee-rocks", "reps": 10, "times_per_day": 3}]}
})";
    Diagnostics d;
    const auto s = load_summary(InputSource::memory(json, "summary.json", "."), known_ids(), d);
    CHECK(d.to_string() == "");
    REQUIRE(s);
    CHECK(s->patient.name == "Ana Test");
    CHECK(s->appointment.number == 2);
    REQUIRE(s->assessment.pain);
    CHECK(s->assessment.pain->worst == 7);
    REQUIRE(s->plan.exercises.size() == 1);
    CHECK(s->plan.exercises[0].dose.reps == 10);
    CHECK(s->plan.exercises[0].dose.times_per_day == 3);
    // A quoted number stays a mistake in JSON too: "4" is text, not a count.
    const std::string quoted = replace_first(json, "\"now\": 4", "\"now\": \"4\"");
    Diagnostics q;
    CHECK_FALSE(load_summary(InputSource::memory(quoted, "summary.json", "."), known_ids(), q));
    INFO(q.to_string());
    CHECK(q.to_string().find("summary.json:7:") == 0);
    CHECK(q.to_string().find("in quotes") != std::string::npos);
}
