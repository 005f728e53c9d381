// Tests of dose_line: plain-words doses with prescription fields overriding the exercise's defaults.
#include <doctest/doctest.h>

#include "compose/compose.hpp"
#include "fixtures.hpp"

using namespace takehome;
using compose::dose_line;

namespace {
model::ExercisePrescription make_rx() { return fixtures::rx("x", 1); }
const auto& words = fixtures::strings("en-GB");
}  // namespace

TEST_CASE("dose_line: reps and times a day") {
    auto p = make_rx();
    p.dose.reps = 10;
    p.dose.times_per_day = 3;
    CHECK(dose_line(p, {}, words) == "10 times, 3 times a day");
}

TEST_CASE("dose_line: sets of reps with a hold, once a day") {
    auto p = make_rx();
    p.dose.sets = 3;
    p.dose.reps = 10;
    p.dose.hold_seconds = 3;
    p.dose.times_per_day = 1;
    CHECK(dose_line(p, {}, words) == "3 sets of 10, hold each for 3 seconds, once a day");
}

TEST_CASE("dose_line: sets of reps") {
    auto p = make_rx();
    p.dose.sets = 2;
    p.dose.reps = 8;
    p.dose.times_per_day = 1;
    CHECK(dose_line(p, {}, words) == "2 sets of 8, once a day");
}

TEST_CASE("dose_line: prescription fields override the exercise's default dose, field by field") {
    takehome::model::Dose d;
    d.reps = 10;
    d.sets = 3;
    d.hold_seconds = 3;
    d.times_per_day = 1;
    auto p = make_rx();
    CHECK(dose_line(p, d, words) == "3 sets of 10, hold each for 3 seconds, once a day");
    p.dose.reps = 5;
    p.dose.times_per_day = 2;
    CHECK(dose_line(p, d, words) == "3 sets of 5, hold each for 3 seconds, 2 times a day");
    p.dose.hold_seconds = 0;  // 0 = no hold
    CHECK(dose_line(p, d, words) == "3 sets of 5, 2 times a day");
}

TEST_CASE("dose_line: walking takes its amount from the notes or the dose text") {
    takehome::model::Dose d;
    d.text = "10 minutes at an easy pace";
    auto p = make_rx();
    p.dose.times_per_day = 3;
    CHECK(dose_line(p, d, words) == "10 minutes at an easy pace, 3 times a day");
    p.notes = "15 minutes, on the flat";
    CHECK(dose_line(p, d, words) == "15 minutes, on the flat, 3 times a day");  // the physio's amount wins
    p.notes = "Only on the flat";   // not an amount: the default text stays
    CHECK(dose_line(p, d, words) == "10 minutes at an easy pace, 3 times a day");
}

TEST_CASE("dose_line: days per week below 7 are added; 7 is every day") {
    auto p = make_rx();
    p.dose.reps = 10;
    p.dose.times_per_day = 2;
    p.dose.days_per_week = 5;
    CHECK(dose_line(p, {}, words) == "10 times, 2 times a day, on 5 days a week");
    p.dose.days_per_week = 1;
    CHECK(dose_line(p, {}, words) == "10 times, 2 times a day, on 1 day a week");
    p.dose.days_per_week = 7;
    CHECK(dose_line(p, {}, words) == "10 times, 2 times a day");
}

TEST_CASE("dose_line: single rep, hold only, one set, and nothing at all") {
    auto p = make_rx();
    p.dose.reps = 1;
    p.dose.times_per_day = 1;
    CHECK(dose_line(p, {}, words) == "once, once a day");
    auto h = make_rx();
    h.dose.hold_seconds = 30;
    h.dose.times_per_day = 2;
    CHECK(dose_line(h, {}, words) == "hold for 30 seconds, 2 times a day");
    auto s = make_rx();
    s.dose.sets = 1;
    s.dose.reps = 12;
    CHECK(dose_line(s, {}, words) == "12 times");
    CHECK(dose_line(make_rx(), {}, words) == "as your physio showed you");
    auto one = make_rx();
    one.dose.sets = 1;
    one.dose.hold_seconds = 1;
    one.dose.days_per_week = 1;
    CHECK(dose_line(one, {}, words) == "1 set, hold each for 1 second, on 1 day a week");  // the .one forms
}

TEST_CASE("dose_line: every part comes from the catalogue it is given") {
    // A catalogue with other words for two keys: the dose follows it (no English built into the C++).
    content::Strings other = words;
    other.text["dose.times.other"] = "{count} repetitions";
    other.text["dose.times_a_day.other"] = "{count} sessions daily";
    auto p = make_rx();
    p.dose.reps = 10;
    p.dose.times_per_day = 3;
    CHECK(dose_line(p, {}, other) == "10 repetitions, 3 sessions daily");
}
