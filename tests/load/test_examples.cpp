// The shared example patients and clinic load with zero diagnostics and give the values written in them.
#include <doctest/doctest.h>

#include <filesystem>

#include "load_test_support.hpp"

using namespace takehome;
using namespace takehome::load;
using namespace takehome::load::test;

namespace {
std::string example(const std::string& name) { return std::string(TAKEHOME_SHARED_DIR) + "/cases/examples/" + name; }
}  // namespace

TEST_CASE("daniel-okafor.yaml loads with no diagnostics and the values in the file") {
    Diagnostics d;
    auto s = load_summary(example("daniel-okafor.yaml"), known_ids(), d);
    CHECK(d.to_string() == "");
    REQUIRE(s);
    CHECK(s->patient.name == "Daniel Okafor");
    CHECK(s->patient.preferred_name == "Dan");
    CHECK(s->patient.date_of_birth == model::Date{1984, 3, 2});
    CHECK(s->patient.language == "en-GB");
    CHECK_FALSE(s->patient.large_print);
    CHECK(s->clinician.name == "Priya Raman");
    CHECK(s->clinician.role == "Physiotherapist");
    CHECK(s->clinician.registration == "PH0123456");
    CHECK(s->appointment.date == model::Date{2026, 11, 27});
    CHECK(s->appointment.date.iso() == "2026-11-27");
    CHECK(s->appointment.date.long_form() == "27 November 2026");
    CHECK(s->appointment.number == 1);
    const auto& a = s->assessment;
    CHECK(a.complaint == "Low back pain after lifting a box from the floor at work");
    CHECK(a.onset == model::Date{2026, 11, 17});
    CHECK(a.pattern == model::Pattern::acute);
    CHECK(a.irritability == model::Irritability::moderate);
    CHECK(a.leg_symptoms == model::LegSymptoms::none);
    REQUIRE(a.pain);
    CHECK(a.pain->now == 5);
    CHECK(a.pain->best == 2);
    CHECK(a.pain->worst == 8);
    CHECK(a.pain_history.empty());
    CHECK(a.aggravating.size() == 4);
    CHECK(a.aggravating[1] == "Bending forward, for example putting socks on");
    CHECK(a.easing == std::vector<std::string>{"Walking", "A hot shower", "Lying on your back with your knees bent"});
    CHECK(a.red_flags_screened);
    REQUIRE(a.outcome_measures);
    CHECK(a.outcome_measures->odi == 36);
    REQUIRE(a.outcome_measures->psfs.size() == 3);
    CHECK(a.outcome_measures->psfs[2].activity == "Playing football with my son");
    CHECK(a.outcome_measures->psfs[2].score == 2);
    CHECK(a.findings.size() == 4);
    CHECK(a.impression ==
          "A common, non-serious strain of the lower back. The muscles around it are tightening up to protect it, "
          "which makes bending feel stiff and sore.");
    CHECK(s->goals == std::vector<std::string>{"Back to full duties at work within 3 weeks",
                                              "Five-a-side football within 8 weeks"});
    const auto& p = s->plan;
    REQUIRE(p.manual_therapy);
    CHECK(p.manual_therapy->techniques.size() == 2);
    CHECK(p.manual_therapy->purpose == "Ease the pain and muscle guarding so that moving and exercising feel easier");
    REQUIRE(p.exercises.size() == 5);
    CHECK(p.exercises[0].id.value == "knee-rocks");
    CHECK(p.exercises[0].id.pos.line == 61);
    CHECK(p.exercises[0].id.pos.column == 11);
    CHECK(p.exercises[0].dose.reps == 10);
    CHECK(p.exercises[0].dose.times_per_day == 3);
    CHECK_FALSE(p.exercises[0].dose.sets.has_value());
    CHECK(p.exercises[0].notes == "Each way, slowly, within comfort");
    CHECK(p.exercises[2].id.value == "bridge");
    CHECK(p.exercises[2].dose.sets == 3);
    CHECK(p.exercises[2].dose.hold_seconds == 3);
    CHECK(p.exercises[4].id.value == "walking");
    CHECK(p.exercises[4].notes == "10 minutes at an easy pace");
    CHECK(p.activity_advice.size() == 2);
    CHECK(p.flare_up_notes == "Use heat for 15 minutes, then do your knee rocks and a short walk");
    CHECK(p.next_appointment == model::Date{2026, 12, 4});
    CHECK(p.review_measures_on == model::Date{2026, 12, 25});
    CHECK_FALSE(s->topics.has_value());
    REQUIRE(s->clinic);
    CHECK(s->clinic->name == "Riverside Physiotherapy");
    CHECK(s->clinic->emergency_number == "999");
    CHECK(s->clinic->phone == "01632 960 123");
    CHECK(s->clinic->address == std::vector<std::string>{"12 Mill Lane", "Riverside", "RV1 2AB"});
    CHECK(s->clinic->urgent_advice == "NHS 111");
    REQUIRE(s->clinic->colour);
    CHECK(s->clinic->colour->r == doctest::Approx(0x1F / 255.0));
    CHECK(s->clinic->colour->g == doctest::Approx(0x5F / 255.0));
    CHECK(s->clinic->colour->b == doctest::Approx(0x8B / 255.0));
    CHECK(s->clinic->colour_pos.line == 12);
    REQUIRE(s->clinic->default_layout);
    CHECK(s->clinic->default_layout->value == "standard");
    CHECK(s->clinic->paper == "A4");
    CHECK(s->clinic->source_file == example("riverside-clinic.yaml"));
    CHECK_FALSE(s->clinic->logo.has_value());
}

TEST_CASE("margaret-lindqvist.yaml loads with no diagnostics and the values in the file") {
    Diagnostics d;
    auto s = load_summary(example("margaret-lindqvist.yaml"), known_ids(), d);
    CHECK(d.to_string() == "");
    REQUIRE(s);
    CHECK(s->patient.name == "Margaret Lindqvist");
    CHECK(s->patient.preferred_name == "Peggy");
    CHECK(s->patient.large_print);
    CHECK(s->clinician.name == "Tom Hughes");
    CHECK(s->clinician.role == "Physiotherapist");  // the default
    CHECK(s->appointment.number == 3);
    CHECK(s->assessment.pattern == model::Pattern::persistent);
    CHECK(s->assessment.leg_symptoms == model::LegSymptoms::one_leg);
    REQUIRE(s->assessment.pain_history.size() == 4);
    CHECK(s->assessment.pain_history.front().date == model::Date{2026, 11, 5});
    CHECK(s->assessment.pain_history.front().score == 8);
    CHECK(s->assessment.pain_history.back().score == 6);
    CHECK(s->assessment.outcome_measures->odi == 44);
    REQUIRE(s->plan.exercises.size() == 4);
    CHECK(s->plan.exercises[1].id.value == "sciatic-nerve-slider");
    CHECK(s->plan.exercises[3].notes == "Each side");
    CHECK_FALSE(s->plan.flare_up_notes.has_value());
    CHECK(s->plan.review_measures_on == model::Date{2027, 1, 7});
    REQUIRE(s->clinic);
    CHECK(s->clinic->name == "Riverside Physiotherapy");
}

TEST_CASE("riverside-clinic.yaml loads on its own") {
    Diagnostics d;
    auto c = load_clinic(example("riverside-clinic.yaml"), d);
    CHECK(d.to_string() == "");
    REQUIRE(c);
    CHECK(c->website == "https://riverside-physio.example");
    CHECK(c->email == "hello@riverside-physio.example");
}

TEST_CASE("the examples fail when the known ids do not include their exercises") {
    Diagnostics d;
    auto s = load_summary(example("margaret-lindqvist.yaml"), KnownIds{{"knees-to-chest", "sit-to-stand", "clam"}, {}}, d);
    CHECK_FALSE(s);
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].message == "unknown exercise id 'sciatic-nerve-slider'");
    CHECK(d.items()[0].pos.line == 64);
}
