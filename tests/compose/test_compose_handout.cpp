// Tests of compose_handout on small summaries built in code: sections, order, wording and every compose rule.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "compose/compose.hpp"
#include "compose/readability.hpp"
#include "fixtures.hpp"

using namespace takehome;
using fixtures::contains;

namespace {

doc::Document make(const model::AssessmentSummary& s, Diagnostics* diags = nullptr,
                      const std::vector<std::string>& order = {}) {
    Diagnostics local;
    return compose::compose_handout(s, fixtures::library(), diags ? *diags : local, order);
}

/// Pointers into `blocks`: never call with a temporary (deleted overloads below).
const doc::Box* first_box(const doc::Blocks& blocks) {
    for (const auto& b : blocks)
        if (const auto* box = std::get_if<doc::Box>(&b.node)) return box;
    return nullptr;
}

const doc::Box* first_box(doc::Blocks&&) = delete;
std::vector<const doc::Box*> boxes(doc::Blocks&&) = delete;
std::vector<const doc::Box*> boxes(const doc::Blocks& blocks) {
    std::vector<const doc::Box*> out;
    for (const auto& b : blocks)
        if (const auto* box = std::get_if<doc::Box>(&b.node)) out.push_back(box);
    return out;
}

}  // namespace

TEST_CASE("compose: sections come in the default order with section-<id> heading ids") {
    const auto d = make(fixtures::summary());
    // Part 1 (the plan), then Part 2; "safety-first" and "treatment-today" only appear when needed.
    CHECK(fixtures::section_ids(d) ==
          std::vector<std::string>{"header", "plan-at-a-glance", "what-we-found", "treatment-today", "exercises",
                                   "exercise-diary", "flare-ups", "red-flags", "next-steps", "education"});
    const auto ids = fixtures::heading_ids(d);
    const std::set<std::string> unique(ids.begin(), ids.end());
    CHECK(unique.size() == ids.size());
    CHECK(unique.count("topic-what-to-expect") == 1);
    CHECK(unique.count("exercise-knee-rocks") == 1);
    CHECK(unique.count("exercise-walking") == 1);
}

TEST_CASE("compose: header names the patient, clinic, clinician with role and the date in words") {
    auto s = fixtures::summary();
    auto d = make(s);
    const auto header = fixtures::section(d, "header");
    const auto text = fixtures::all_text(header);
    CHECK(contains(text, "Your plan\n"));
    // The running header names the clinic.
    CHECK(contains(text, "For: Daniel Okafor \u00b7 27 November 2026 \u00b7 From: Priya Raman, Physiotherapist\n"));
    CHECK(!contains(text, "appointment 1"));

    const auto all = fixtures::spans(header);
    const auto glance = fixtures::spans(fixtures::section(d, "plan-at-a-glance"));
    const auto* pref = fixtures::find_span(glance, "Dan");  // the main message addresses the patient
    REQUIRE(pref != nullptr);
    CHECK(pref->no_hyphens);
    const auto* name = fixtures::find_span(all, "Daniel Okafor");
    REQUIRE(name != nullptr);
    CHECK(name->no_hyphens);

    s.appointment.number = 3;
    s.patient.preferred_name.reset();
    d = make(s);
    const auto text3 = fixtures::all_text(fixtures::section(d, "header"));
    CHECK(contains(text3, "For: Daniel Okafor \u00b7 27 November 2026 \u00b7 From:"));  // the number stays out
    CHECK(!contains(text3, "ppointment 3"));

}

TEST_CASE("compose: document metadata") {
    const auto d = make(fixtures::summary());
    CHECK(d.meta.title == "Your back care plan: Daniel Okafor");
    CHECK(d.meta.author == "Priya Raman");
    CHECK(d.meta.subject == "Take-home advice after your physiotherapy appointment");
    CHECK(d.meta.language == "en-GB");
    CHECK(d.meta.creation_date == "2026-11-27");
    CHECK(d.meta.clinic_name == "Riverside Physiotherapy");
    CHECK(d.meta.patient_name == "Daniel Okafor");
    CHECK(d.meta.date_text == "27 November 2026");
    CHECK(d.meta.logo_path == std::optional<std::string>("/clinic/logo.png"));
}

TEST_CASE("compose: the plan at a glance is one summary box: main message first, 2-4 things to do, goals, next visit") {
    const auto d = make(fixtures::summary());
    const auto sec = fixtures::section(d, "plan-at-a-glance");
    const auto* box = first_box(sec);
    REQUIRE(box != nullptr);
    CHECK(box->style == doc::BoxStyle::summary);
    const auto text = fixtures::all_text(box->content);
    CHECK(fixtures::all_text({box->content[0]}) ==
          "Dan, your back pain is common and not serious, and it should get better with the exercises below.\n");
    CHECK(contains(text, "Your goals: Back to work within 3 weeks.\n"));
    const doc::List* todo = nullptr;
    for (const auto& b : box->content)
        if (const auto* l = std::get_if<doc::List>(&b.node); l && !todo) todo = l;  // the first list: what to do
    REQUIRE(todo != nullptr);
    CHECK(todo->items.size() >= 2);
    CHECK(todo->items.size() <= 4);
    CHECK(contains(text, "Do your 3 exercises every day, and tick your diary each time.\n"));
    CHECK(contains(text, "Keep moving; short walks often are better than one long one\n"));
    CHECK(contains(text, "follow your flare-up plan."));
    CHECK(contains(text, "Next appointment: 4 December 2026"));
    const auto all = fixtures::spans(box->content);
    const auto* link = fixtures::find_span(all, "your flare-up plan");
    REQUIRE(link != nullptr);
    CHECK(link->link == std::optional<std::string>("#section-flare-ups"));
    const auto* exercises = fixtures::find_span(all, "your 3 exercises");
    REQUIRE(exercises != nullptr);
    CHECK(exercises->link == std::optional<std::string>("#section-exercises"));
    // One exercise: the singular form; no activity advice: the catalogue's own line.
    auto one = fixtures::summary();
    one.plan.exercises.resize(1);
    one.plan.activity_advice.clear();
    const auto one_text = fixtures::all_text(fixtures::section(make(one), "plan-at-a-glance"));
    CHECK(contains(one_text, "Do your exercise every day, and tick your diary each time.\n"));
    CHECK(contains(one_text, "Keep moving, because gentle activity helps your back get better.\n"));
}

TEST_CASE("compose: what we found is short: impression, findings, the screen, scores with which way is better") {
    auto s = fixtures::summary();
    auto d = make(s);
    auto sec = fixtures::section(d, "what-we-found");
    auto text = fixtures::all_text(sec);
    CHECK(contains(text, "What we think: A common strain of the lower back. The muscles are tight to protect it.\n"));
    CHECK(contains(text, "When we checked you:\nBending forward is stiff\n"));
    CHECK(contains(text, "We checked for signs of anything serious and found none.\n"));
    CHECK(contains(text, "Your pain today is 5 out of 10 (at its best 2, at its worst 8), where 0 is no pain and 10 is "
                         "the worst pain you can imagine.\n"));
    CHECK(contains(text, "(the ODI) is 36 out of 100, where lower is better. It means your back pain gives you some "
                         "difficulty"));
    CHECK(contains(text, "where higher is better: 0 means you cannot do it at all"));
    CHECK(contains(text, "Why you came: Low back pain after lifting a box\n"));
    CHECK(!contains(text, "Sitting for more than 20 minutes"));
    s.assessment.red_flags_screened = false;
    CHECK(!contains(fixtures::all_text(fixtures::section(make(s), "what-we-found")), "found none"));
    s.assessment.red_flags_screened = true;
    const doc::Table* psfs = nullptr;
    for (const auto& b : sec)
        if (const auto* t = std::get_if<doc::Table>(&b.node)) psfs = t;
    REQUIRE(psfs != nullptr);
    REQUIRE(psfs->rows.size() == 2);
    CHECK(fixtures::text_of(psfs->rows[0][0].text) == "Lifting a 10 kg box");
    CHECK(fixtures::text_of(psfs->rows[0][1].text) == "3");
    CHECK(!psfs->caption.empty());

    // Each ODI band (Fairbank & Pynsent 2000) in kind words.
    const std::vector<std::pair<int, std::string>> bands = {{10, "a little difficulty"}, {44, "a lot of difficulty"},
                                                            {70, "a great deal of difficulty"}};
    for (const auto& [odi, words] : bands) {
        s.assessment.outcome_measures->odi = odi;
        text = fixtures::all_text(fixtures::section(make(s), "what-we-found"));
        CHECK_MESSAGE(contains(text, "gives you " + words + " in daily life."), odi);
    }
    s.assessment.outcome_measures->odi = 90;
    text = fixtures::all_text(fixtures::section(make(s), "what-we-found"));
    CHECK(contains(text, "almost everything you do"));
}

TEST_CASE("compose: a pain chart appears with 2 or more history points, labelled by short dates and today") {
    auto s = fixtures::summary();
    s.assessment.pain_history = {{{2026, 11, 5}, 8}};
    auto sec = fixtures::section(make(s), "what-we-found");
    CHECK(std::none_of(sec.begin(), sec.end(), [](const doc::Block& b) { return std::holds_alternative<doc::PainChart>(b.node); }));

    s.assessment.pain_history = {{{2026, 11, 5}, 8}, {{2026, 11, 12}, 7}};  // today's score (5) is added last
    sec = fixtures::section(make(s), "what-we-found");
    const doc::PainChart* chart = nullptr;
    for (const auto& b : sec)
        if (const auto* c = std::get_if<doc::PainChart>(&b.node)) chart = c;
    REQUIRE(chart != nullptr);
    REQUIRE(chart->points.size() == 3);
    CHECK(chart->points[0] == std::pair<std::string, int>{"5 Nov", 8});
    CHECK(chart->points[1] == std::pair<std::string, int>{"12 Nov", 7});
    CHECK(chart->points[2] == std::pair<std::string, int>{"Today", 5});
    CHECK(chart->alt == "Your pain scores over time: 8 out of 10 on 5 November 2026, 7 out of 10 on 12 November 2026 and 5 out of 10 "
                       "today.");
    CHECK(contains(fixtures::all_text(sec), "Your pain has come down from 8 to 5 out of 10, which is good progress.\n"));
    s.assessment.pain_history = {{{2026, 11, 5}, 3}, {{2026, 11, 12}, 4}};
    CHECK(contains(fixtures::all_text(fixtures::section(make(s), "what-we-found")),
                   "Your pain has gone up from 3 to 5 out of 10, so we will look at why together.\n"));
    s.assessment.pain_history = {{{2026, 11, 5}, 5}, {{2026, 11, 12}, 6}};
    CHECK(contains(fixtures::all_text(fixtures::section(make(s), "what-we-found")),
                   "Your pain has stayed at 5 out of 10.\n"));
}

TEST_CASE("compose: the pain scores (NPRS) are one sentence, whichever of today, best and worst are given") {
    auto s = fixtures::summary();
    const std::string scale = ", where 0 is no pain and 10 is the worst pain you can imagine.\n";
    const auto pain = [&](std::optional<int> now, std::optional<int> best, std::optional<int> worst) {
        s.assessment.pain = model::PainScores{now, best, worst};
        return fixtures::all_text(fixtures::section(make(s), "what-we-found"));
    };
    CHECK(contains(pain(5, std::nullopt, std::nullopt), "\nYour pain today is 5 out of 10" + scale));
    CHECK(contains(pain(5, 2, std::nullopt), "\nYour pain today is 5 out of 10 (at its best 2)" + scale));
    CHECK(contains(pain(5, std::nullopt, 8), "\nYour pain today is 5 out of 10 (at its worst 8)" + scale));
    CHECK(contains(pain(0, 0, 9), "\nYour pain today is 0 out of 10 (at its best 0, at its worst 9)" + scale));
    CHECK(contains(pain(std::nullopt, 2, 8), "\nYour pain is 2 out of 10 at its best and 8 at its worst" + scale));
    CHECK(contains(pain(std::nullopt, 2, std::nullopt), "\nYour pain at its best is 2 out of 10" + scale));
    CHECK(contains(pain(std::nullopt, std::nullopt, 8), "\nYour pain at its worst is 8 out of 10" + scale));
    CHECK(!contains(pain(std::nullopt, std::nullopt, std::nullopt), "out of 10, where 0 is no pain"));
}

TEST_CASE("compose: treatment today (only after hands-on care) says what was done, why, and that soreness settles") {
    auto s = fixtures::summary();
    auto d = make(s);
    const auto text = fixtures::all_text(fixtures::section(d, "treatment-today"));
    CHECK(contains(text, "Your treatment today\nToday we used:\nGentle mobilisation\nSoft tissue work\n"));
    CHECK(contains(text, "Why: Ease the pain\n"));
    CHECK(contains(text, "a little sore for a day or two after hands-on treatment. This is normal and settles"));
    // Flare-ups and red flags have their own sections, never among the education topics.
    const auto ids = fixtures::heading_ids(d);
    CHECK(std::count(ids.begin(), ids.end(), "topic-flare-ups") == 0);
    CHECK(std::count(ids.begin(), ids.end(), "topic-red-flags") == 0);

    // No hands-on care: no section, no hands-on topic, no hands-on sentence anywhere.
    s.plan.manual_therapy.reset();
    d = make(s);
    const auto ids2 = fixtures::section_ids(d);
    CHECK(std::find(ids2.begin(), ids2.end(), "treatment-today") == ids2.end());
    const auto all = fixtures::all_text(d.blocks);
    CHECK(!contains(all, "hands-on"));
    CHECK(!contains(all, "Today we used"));
    CHECK(!contains(all, "manual-therapy"));
    CHECK(!contains(all, "What manual therapy is"));
    CHECK(contains(all, "Why your exercises matter"));
}

TEST_CASE("compose: Part 2 prints each chosen topic whole after the plan; topics: [] leaves it out") {
    auto s = fixtures::summary();
    auto d = make(s);
    const auto edu = fixtures::section(d, "education");
    const auto text = fixtures::all_text(edu);
    CHECK(contains(text, "Part 2: Understanding your back\n"));
    CHECK(contains(text, "What to expect\nText about what-to-expect.\n"));
    CHECK(contains(text, "Is it safe?\nText about is-it-safe.\n"));
    CHECK(!contains(text, "A short summary."));          // never the one-line summary
    CHECK(!contains(text, "More about hands-on care"));
    CHECK(fixtures::section_ids(d).back() == "education");
    s.topics = std::vector<model::Located>{};
    d = make(s);
    const auto ids = fixtures::section_ids(d);
    CHECK(std::find(ids.begin(), ids.end(), "education") == ids.end());
    CHECK(std::find(ids.begin(), ids.end(), "red-flags") != ids.end());
}

TEST_CASE("compose: content placeholders are filled from the clinic, with safe fallbacks") {
    auto s = fixtures::summary();
    auto d = make(s);
    auto rf = fixtures::section(d, "red-flags");
    auto text = fixtures::all_text(rf);
    CHECK(contains(text, "Go to A&E or call 999 now if you have"));
    CHECK(contains(text, "Get advice today from NHS 111 if you have"));
    CHECK(contains(text, "Contact 01632 960 123 if\n"));
    CHECK(contains(text, "Call Riverside Physiotherapy on 01632 960 123 if you are worried."));
    const auto all = fixtures::spans(rf);
    const auto* number = fixtures::find_span(all, "999");
    REQUIRE(number != nullptr);
    CHECK(number->no_hyphens);
    CHECK(number->link == std::optional<std::string>("tel:999"));
    CHECK(!contains(fixtures::all_text(d.blocks), "{"));

    s.clinic->urgent_advice.reset();
    s.clinic->phone.reset();
    text = fixtures::all_text(fixtures::section(make(s), "red-flags"));
    CHECK(contains(text, "Get advice today from your GP or an urgent care service if you have"));
    CHECK(contains(text, "Contact hello@riverside-physio.example if\n"));  // no phone: the e-mail
    CHECK(!contains(text, "on the clinic"));
    CHECK(!contains(text, "NHS 111"));
    s.clinic->email.reset();
    text = fixtures::all_text(fixtures::section(make(s), "red-flags"));
    CHECK(contains(text, "Contact your physiotherapy clinic if\n"));
    CHECK(contains(text, "Call Riverside Physiotherapy on your physiotherapy clinic"));  // {clinic_phone} stays safe
    CHECK(!contains(text, "the clinic"));
    s.patient.language = "en-US";
    text = fixtures::all_text(fixtures::section(make(s), "red-flags"));
    CHECK(contains(text, "Go to the emergency room or call 999 now"));
}

TEST_CASE("compose: each exercise is a kept-together group with heading, picture, steps, dose and notes") {
    const auto d = make(fixtures::summary());
    const auto sec = fixtures::section(d, "exercises");
    const auto groups = boxes(sec);
    REQUIRE(groups.size() == 3);
    for (const auto* g : groups) CHECK(g->style == doc::BoxStyle::group);
    const auto& knee = groups[0]->content;
    const auto* h = std::get_if<doc::Heading>(&knee[0].node);
    REQUIRE(h != nullptr);
    CHECK(h->level == 2);
    CHECK(h->id == "exercise-knee-rocks");
    CHECK(fixtures::text_of(h->text) == "Knee rocks");
    // heading, then balanced columns: purpose, picture, dose, note | position, steps, what to feel, stop signs.
    REQUIRE(knee.size() == 2);
    const auto* cols = std::get_if<doc::Columns>(&knee[1].node);
    REQUIRE(cols != nullptr);
    REQUIRE(cols->columns.size() == 2);
    CHECK(cols->weights == std::vector<double>{0.42, 0.58});
    CHECK(cols->balance);
    const auto& left = cols->columns[0];
    const auto& right = cols->columns[1];
    REQUIRE(left.size() == 4);
    CHECK(fixtures::text_of(std::get<doc::Paragraph>(left[0].node).text) == "Helps your back move.");
    const auto* img = std::get_if<doc::Image>(&left[1].node);
    CHECK(fixtures::all_text({left[2]}) == "How much: 10 times, 3 times a day\n");
    CHECK(fixtures::all_text({left[3]}) == "Your physio\u2019s note: Each way, slowly\n");
    REQUIRE(right.size() == 5);
    CHECK(fixtures::all_text({right[3], right[4]}) == "Stop and tell us if:\nthe pain gets much worse\n");
    CHECK(right[3].keep_with_next);  // the stop rules' lead-in is set to keep with its list, by compose
    CHECK_FALSE(right[2].keep_with_next);
    CHECK(fixtures::all_text({right[0]}) == "Starting position: Lie on your back.\n");
    const auto* steps = std::get_if<doc::List>(&right[1].node);
    REQUIRE(img != nullptr);
    CHECK(img->path == "/data/content/exercises/images/knee-rocks.svg");
    CHECK(img->alt == "A person doing Knee rocks");
    REQUIRE(steps != nullptr);
    CHECK(steps->ordered);
    CHECK(steps->items.size() == 3);
    CHECK(fixtures::all_text({right[2]}) == "What you should feel: A gentle stretch.\n");
    const auto text = fixtures::all_text(knee);
    CHECK(contains(text, "Starting position: Lie on your back.\n"));
    CHECK(contains(text, "How much: 10 times, 3 times a day\n"));
    CHECK(contains(text, "What you should feel: A gentle stretch.\n"));
    CHECK(contains(text, "Stop and tell us if:\nthe pain gets much worse\n"));
    CHECK(contains(text, "Your physio\u2019s note: Each way, slowly\n"));
    const auto knee_spans = fixtures::spans(knee);  // keep the spans alive: find_span points into them
    const auto* dose = fixtures::find_span(knee_spans, "10 times, 3 times a day");
    REQUIRE(dose != nullptr);
    CHECK(dose->no_hyphens);

    // The bridge takes its whole dose from the library (and compose warns); walking's notes are its amount.
    CHECK(contains(fixtures::all_text(groups[1]->content), "How much: 3 sets of 10, hold each for 3 seconds, once a day\n"));
    const auto walk = fixtures::all_text(groups[2]->content);
    CHECK(contains(walk, "How much: 10 minutes at an easy pace, 3 times a day\n"));
    CHECK(!contains(walk, "Your physio\u2019s note"));
}

TEST_CASE("compose: the diary has a column per day to the next visit (7..14) and a box per time a day (up to 3)") {
    auto s = fixtures::summary();
    // The diary's instruction and its tables (one, or two past a week), and the total of day columns.
    auto diary = [](const doc::Document& d) {
        const auto sec = fixtures::section(d, "exercise-diary");
        REQUIRE(sec.size() == 2);  // heading, then one group box: instruction and tables travel together
        const auto& box = std::get<doc::Box>(sec[1].node);
        CHECK(box.style == doc::BoxStyle::group);
        REQUIRE(box.content.size() >= 2);
        std::vector<doc::Table> tables;
        for (std::size_t i = 1; i < box.content.size(); ++i) tables.push_back(std::get<doc::Table>(box.content[i].node));
        return std::make_pair(fixtures::all_text({box.content[0]}), tables);
    };
    auto day_columns = [&](const doc::Document& d) {
        std::size_t n = 0;
        for (const auto& t : diary(d).second) {
            CHECK(t.header->size() - 1 <= 7);  // at most a week per table: wide enough in large print
            n += t.header->size() - 1;
        }
        return n;
    };
    auto diary_table = [&](const doc::Document& d) {
        auto [lead, tables] = diary(d);
        return std::make_pair(lead, tables.front());
    };
    // 27 November to the next visit on 4 December: 7 days, headed by the day of the month.
    auto [lead, t] = diary_table(make(s));
    CHECK(lead == "Tick a box each time you do an exercise, from 27 November 2026 to 3 December 2026:\n");
    REQUIRE(t.header.has_value());
    REQUIRE(t.header->size() == 8);
    CHECK(fixtures::text_of((*t.header)[0].text) == "Exercise");
    CHECK(fixtures::text_of((*t.header)[1].text) == "27");
    CHECK(fixtures::text_of((*t.header)[4].text) == "30");
    CHECK(fixtures::text_of((*t.header)[5].text) == "1");
    REQUIRE(t.rows.size() == 3);
    CHECK(fixtures::text_of(t.rows[0][0].text) == "Knee rocks (3 times a day)");
    CHECK(fixtures::text_of(t.rows[1][0].text) == "Bridge");
    for (const auto& row : t.rows) {
        CHECK(!row[0].tick_box);
        for (std::size_t i = 1; i < row.size(); ++i) CHECK(row[i].tick_box);
    }
    CHECK(t.rows[0][1].tick_boxes == 3);  // knee rocks, 3 times a day
    CHECK(t.rows[1][1].tick_boxes == 1);  // bridge, once a day
    CHECK(t.min_row_height_pt >= 28);
    CHECK(!t.caption.empty());

    // No next visit: up to the review date on 25 December, capped at 14 days.
    s.plan.next_appointment.reset();
    CHECK(day_columns(make(s)) == 14);
    CHECK(diary(make(s)).second.size() == 2);
    CHECK(fixtures::text_of((*diary(make(s)).second[1].header)[0].text) == "Exercise, week 2");
    CHECK(fixtures::text_of((*diary(make(s)).second[1].header)[1].text) == "4");  // 27 Nov + 7 days
    // A visit in 3 days still gets a week; no dates at all, a week.
    s.plan.next_appointment = model::Date{2026, 11, 30};
    CHECK(day_columns(make(s)) == 7);
    s.plan.next_appointment.reset();
    s.plan.review_measures_on.reset();
    CHECK(day_columns(make(s)) == 7);
    // 10 days to the next visit: 10 columns; 5 times a day still gets 3 boxes.
    s.plan.next_appointment = model::Date{2026, 12, 7};
    s.plan.exercises[0].dose.times_per_day = 5;
    CHECK(day_columns(make(s)) == 10);  // two tables of 5 days
    auto [lead2, t2] = diary_table(make(s));
    CHECK(t2.header->size() == 6);
    CHECK(t2.rows[0][1].tick_boxes == 3);
}

TEST_CASE("compose: no exercises means no exercise or diary section") {
    auto s = fixtures::summary();
    s.plan.exercises.clear();
    const auto ids = fixtures::section_ids(make(s));
    CHECK(std::find(ids.begin(), ids.end(), "exercises") == ids.end());
    CHECK(std::find(ids.begin(), ids.end(), "exercise-diary") == ids.end());
}

TEST_CASE("compose: the flare-up section holds the standard plan and the patient's own plan") {
    const auto text = fixtures::all_text(fixtures::section(make(fixtures::summary()), "flare-ups"));
    CHECK(contains(text, "Your flare-up plan\n"));
    CHECK(contains(text, "A flare-up does not mean new damage.\n"));
    CHECK(contains(text, "Call us on 01632 960 123.\n"));
    // What eases the pain is said once, here, where it is used, as one sentence.
    CHECK(contains(text, "You told us that walking and a hot shower ease your pain, so use them when it flares up.\n"));
    CHECK(contains(text, "Your own plan: Use heat for 15 minutes\n"));
}

TEST_CASE("compose: what eases the pain is one sentence for one, two and three items, names keep their capitals") {
    auto s = fixtures::summary();
    const auto easing = [&](std::vector<std::string> items, const std::string& lang = "en-GB") {
        s.assessment.easing = std::move(items);
        s.patient.language = lang;
        return fixtures::all_text(fixtures::section(make(s), "flare-ups"));
    };
    CHECK(contains(easing({"Walking"}), "\nYou told us that walking eases your pain, so use it when it flares up.\n"));
    CHECK(contains(easing({"Walking", "A hot shower"}),
                   "\nYou told us that walking and a hot shower ease your pain, so use them when it flares up.\n"));
    CHECK(contains(easing({"Walking", "A hot shower", "Lying on your back with your knees bent."}),
                   "\nYou told us that walking, a hot shower and lying on your back with your knees bent ease your "
                   "pain, so use them when it flares up.\n"));
    CHECK(contains(easing({"TENS machine", "McKenzie exercises"}),
                   "\nYou told us that TENS machine and McKenzie exercises ease your pain"));
    CHECK(!contains(easing({}), "You told us"));
    // No list of easing items any more: the sentence replaces it.
    const auto sec = fixtures::section(make(fixtures::summary()), "flare-ups");
    CHECK(!contains(fixtures::all_text(sec), "\nWalking\n"));
}

TEST_CASE("compose: topics in the summary replace the automatic choice but the red-flag section stays") {
    auto s = fixtures::summary();
    s.topics = std::vector<model::Located>{{"is-it-safe", {"dan.yaml", 60, 5}}};
    const auto d = make(s);
    const auto ids = fixtures::heading_ids(d);
    CHECK(std::count(ids.begin(), ids.end(), "topic-is-it-safe") == 1);
    CHECK(std::count(ids.begin(), ids.end(), "topic-why-exercise") == 0);
    CHECK(std::count(ids.begin(), ids.end(), "section-red-flags") == 1);
    CHECK(std::count(ids.begin(), ids.end(), "section-flare-ups") == 1);

    s.plan.manual_therapy.reset();
    Diagnostics diags;
    const auto d2 = make(s, &diags);
    CHECK(contains(diags.to_string(), "dan.yaml:60:5: warning: topic 'is-it-safe' in 'topics' is about hands-on care, "
                                      "but 'plan.manual_therapy' is not given; it is left out\n"));
    const auto ids2 = fixtures::section_ids(d2);
    CHECK(std::find(ids2.begin(), ids2.end(), "education") == ids2.end());
}

TEST_CASE("compose: more than 5 exercises warns the physio at the 6th entry") {
    auto s = fixtures::summary();
    s.plan.exercises = {fixtures::rx("knee-rocks", 40), fixtures::rx("bridge", 42),    fixtures::rx("walking", 44),
                        fixtures::rx("cat-camel", 46),  fixtures::rx("sit-to-stand", 48)};
    for (auto& p : s.plan.exercises) {  // every amount written: no defaulted-dose warnings
        p.dose.reps = 8;
        p.dose.sets = 1;
        p.dose.hold_seconds = 0;
    }
    Diagnostics five;
    (void)make(s, &five);
    CHECK(five.empty());
    s.plan.exercises.push_back(fixtures::rx("clam", 50));
    s.plan.exercises.push_back(fixtures::rx("pelvic-tilt", 52));
    for (std::size_t i = 5; i < 7; ++i) s.plan.exercises[i].dose = s.plan.exercises[0].dose;
    Diagnostics seven;
    (void)make(s, &seven);
    REQUIRE(seven.items().size() == 1);
    CHECK(seven.items()[0].severity == Severity::warning);
    CHECK(seven.to_string() ==
          "dan.yaml:50:11: warning: 'plan.exercises' has 7 exercises, expected at most 5: patients keep up fewer "
          "exercises when given more\n");
}

TEST_CASE("compose: patient text is never markup and goes into spans as written") {
    auto s = fixtures::summary();
    s.assessment.complaint = "Pain > 5/10 when I <i>bend</i> & lift &amp; carry";
    s.goals = {"*Dance* at my daughter's wedding"};
    const auto d = make(s);
    const auto all = fixtures::spans(d.blocks);
    CHECK(fixtures::find_span(all, "Pain > 5/10 when I <i>bend</i> & lift &amp; carry") != nullptr);
    const auto goal = fixtures::find_span(all, "*Dance* at my daughter's wedding.");
    REQUIRE(goal != nullptr);
    CHECK(!goal->emph);
    CHECK(!goal->strong);
}

TEST_CASE("compose: unknown exercise or topic ids are positioned errors in diags, never exceptions") {
    auto s = fixtures::summary();
    s.plan.exercises.push_back(fixtures::rx("knee-rock", 52));
    Diagnostics diags;
    CHECK_NOTHROW((void)make(s, &diags));
    CHECK(contains(diags.to_string(),
                   "dan.yaml:52:11: error: unknown exercise id 'knee-rock' in 'plan.exercises[4].id', expected one of "
                   "the exercises in content/exercises/ (did you mean 'knee-rocks'?)\n"));
    auto t = fixtures::summary();
    t.topics = std::vector<model::Located>{{"is-it-saf", {"dan.yaml", 60, 5}}};
    Diagnostics tdiags;
    CHECK_NOTHROW((void)make(t, &tdiags));
    CHECK(contains(tdiags.to_string(), "dan.yaml:60:5: error: unknown topic id 'is-it-saf' in 'topics'"));
    for (const auto& d : tdiags.items()) CHECK(d.pos.file.rfind("compose:", 0) == std::string::npos);
}

TEST_CASE("compose: a library default dose the physio did not write prints and warns at that exercise") {
    Diagnostics diags;
    const auto d = make(fixtures::summary(), &diags);
    CHECK(diags.to_string() ==
          "dan.yaml:44:11: warning: 'plan.exercises[2]' (bridge): no dose given; printing the library default "
          "'3 sets of 10, hold each for 3 seconds'\n");
    CHECK(contains(fixtures::all_text(fixtures::section(d, "exercises")),
                   "How much: 3 sets of 10, hold each for 3 seconds, once a day\n"));
    // Some of the dose given: the rest is named.
    model::ExercisePrescription rx;
    rx.dose.reps = 12;
    model::Dose lib;
    lib.reps = 10;
    lib.hold_seconds = 5;
    const auto& words = fixtures::strings("en-GB");
    CHECK(compose::defaulted_dose(rx, lib, words) == "no hold given; printing the library default 'hold for 5 seconds'");
    rx.dose.hold_seconds = 0;
    CHECK(compose::defaulted_dose(rx, lib, words).empty());
    model::ExercisePrescription none;
    CHECK(compose::defaulted_dose(none, lib, words) ==
          "no dose given; printing the library default '10 times, hold each for 5 seconds'");
}

TEST_CASE("compose: a layout's section order is honoured; red flags are never dropped") {
    auto s = fixtures::summary();
    const std::vector<std::string> order = {"header", "exercises", "plan-at-a-glance", "next-steps"};
    CHECK(fixtures::section_ids(make(s, nullptr, order)) ==
          std::vector<std::string>{"header", "exercises", "plan-at-a-glance", "next-steps", "red-flags"});
    s.assessment.red_flags_screened = false;
    CHECK(fixtures::section_ids(make(s, nullptr, order)) ==
          std::vector<std::string>{"header", "safety-first", "exercises", "plan-at-a-glance", "next-steps",
                                   "red-flags"});
    Diagnostics diags;
    (void)make(s, &diags, {"header", "exercise"});
    CHECK(contains(diags.to_string(), "error: unknown section id 'exercise' in 'section_order'"));
    CHECK(contains(diags.to_string(), "(did you mean 'exercises'?)"));
}

TEST_CASE("compose: next steps list the dates and clinic links") {
    const auto sec = fixtures::section(make(fixtures::summary()), "next-steps");
    const auto text = fixtures::all_text(sec);
    CHECK(!contains(text, "Back to work within 3 weeks\n"));  // the goals are in the plan at a glance
    // The next visit and the review in one sentence; each alone when the other is not given.
    CHECK(contains(text, "Your next appointment is on 4 December 2026, and we will check your scores again on "
                         "25 December 2026.\n"));
    // The contact list keeps its lines (easy to scan) under a sentence that ends in ':'.
    CHECK(contains(text, "Here is how to reach Riverside Physiotherapy:\nPhone: 01632 960 123\n"
                         "Email: hello@riverside-physio.example\nWebsite: riverside-physio.example\n"
                         "Address: 12 Mill Lane, Riverside\n"));
    auto s = fixtures::summary();
    s.plan.review_measures_on.reset();
    CHECK(contains(fixtures::all_text(fixtures::section(make(s), "next-steps")),
                   "\nYour next appointment is on 4 December 2026.\n"));
    s = fixtures::summary();
    s.plan.next_appointment.reset();
    CHECK(contains(fixtures::all_text(fixtures::section(make(s), "next-steps")),
                   "\nWe will check your scores again on 25 December 2026.\n"));
    const auto all = fixtures::spans(sec);
    const auto* phone = fixtures::find_span(all, "01632 960 123");
    REQUIRE(phone != nullptr);
    CHECK(phone->link == std::optional<std::string>("tel:01632960123"));
    const auto* mail = fixtures::find_span(all, "hello@riverside-physio.example");
    REQUIRE(mail != nullptr);
    CHECK(mail->link == std::optional<std::string>("mailto:hello@riverside-physio.example"));
    const auto* web = fixtures::find_span(all, "riverside-physio.example");
    REQUIRE(web != nullptr);
    CHECK(web->link == std::optional<std::string>("https://riverside-physio.example"));
}

TEST_CASE("compose: a language without a catalogue warns and is written and tagged in en-GB, never mis-tagged") {
    auto s = fixtures::summary();
    s.patient.language = "ar";
    Diagnostics diags;
    const auto d = make(s, &diags);
    CHECK(d.meta.language == "en-GB");
    CHECK(contains(diags.to_string(), "dan.yaml: warning: 'patient.language' is 'ar', but there is no wording for it"));
    const auto all_spans = fixtures::spans(d.blocks);
    CHECK(fixtures::find_span(all_spans, "10 times, 3 times a day") != nullptr);  // no LRI..PDI in an LTR handout
}

TEST_CASE("compose: en-US writes dates month first and says the emergency room") {
    auto s = fixtures::summary();
    s.patient.language = "en-US";
    const auto d = make(s);
    CHECK(d.meta.language == "en-US");
    CHECK(d.meta.date_text == "November 27, 2026");
    CHECK(contains(fixtures::all_text(fixtures::section(d, "plan-at-a-glance")), "Next appointment: December 4, 2026\n"));
}

TEST_CASE("compose: an en-US summary gets the en-US catalogue's wording throughout") {
    auto s = fixtures::summary();
    s.patient.language = "en-US";
    s.clinic->urgent_advice.reset();
    s.assessment.pain_history = {{{2026, 11, 5}, 8}, {{2026, 11, 12}, 7}};
    const auto d = make(s);
    const auto text = fixtures::all_text(d.blocks);
    CHECK(d.meta.subject == "Take-home advice after your physical therapy appointment");
    CHECK(contains(text, "Do your 3 exercises every day, and check them off in your diary each time.\n"));
    CHECK(contains(text, "Do these as your physio showed you, and check them off in your exercise diary each time.\n"));
    CHECK(contains(text, "Check a box each time you do an exercise, from November 27, 2026 to December 3, 2026:\n"));
    CHECK(contains(text, "Your next appointment is on December 4, 2026, and we will check your scores again on "
                         "December 25, 2026.\n"));
    CHECK(contains(text, "Get advice today from your doctor or an urgent care center if you have"));
    CHECK(!contains(text, "Tick"));
    CHECK(!contains(text, " GP "));
    CHECK(!contains(text, "A&E"));
    const doc::PainChart* chart = nullptr;
    const auto found = fixtures::section(d, "what-we-found");  // alive while `chart` points into it
    for (const auto& b : found)
        if (const auto* c = std::get_if<doc::PainChart>(&b.node)) chart = c;
    REQUIRE(chart != nullptr);
    CHECK(chart->points[0].first == "Nov 5");
    CHECK(contains(chart->alt, "8 out of 10 on November 5, 2026"));
    // The same summary in en-GB keeps the British words.
    s.patient.language = "en-GB";
    const auto gb = fixtures::all_text(make(s).blocks);
    CHECK(contains(gb, "Tick a box each time you do an exercise, from 27 November 2026 to 3 December 2026:\n"));
    CHECK(contains(gb, "Get advice today from your GP or an urgent care service if you have"));
}

TEST_CASE("compose: without a clinic the handout warns and uses safe wording") {
    auto s = fixtures::summary();
    s.clinic.reset();
    Diagnostics diags;
    const auto d = make(s, &diags);
    CHECK(contains(diags.to_string(), "dan.yaml: warning: no clinic profile"));
    const auto text = fixtures::all_text(fixtures::section(d, "red-flags"));
    CHECK(contains(text, "call your local emergency number now if you have"));
    CHECK(contains(text, "Contact your physiotherapy clinic if"));
    CHECK(d.meta.clinic_name.empty());
}

TEST_CASE("compose: the composed in-code handout reads at grade 7 or below") {
    const auto r = compose::measure(make(fixtures::summary()));
    CHECK(r.grade <= 7.0);
    CHECK(r.ease >= 65.0);
}

TEST_CASE("compose: an unknown placeholder in content is a positioned warning and prints as written") {
    auto lib = fixtures::library();
    lib.topics["flare-ups"].body.push_back(doc::Block(doc::Paragraph{doc::plain("Ring {clinic_fone} today.")},
                                                      "content/topics/flare-ups.md:12"));
    auto s = fixtures::summary();
    s.plan.exercises.pop_back();
    s.plan.exercises.pop_back();  // knee rocks only: no defaulted-dose warning
    Diagnostics diags;
    const auto d = compose::compose_handout(s, lib, diags);
    CHECK(diags.to_string() ==
          "content/topics/flare-ups.md:12: warning: unknown placeholder '{clinic_fone}' in content, expected one of "
          "{emergency_number}, {urgent_advice}, {clinic_name}, {clinic_phone}, {emergency_place}, {clinic_contact}; "
          "it prints as written\n");
    CHECK(contains(fixtures::all_text(d.blocks), "Ring {clinic_fone} today.\n"));
}

TEST_CASE("compose: every catalogue key compose asks for exists, so no key id ever prints") {
    // Strings::say returns the key itself for a key the catalogue lacks: a typo in compose's C++ would print
    // "glance.flare_up" on the handout. Compose summaries that reach every sentence, in both languages.
    std::vector<model::AssessmentSummary> all;
    auto s = fixtures::summary();
    s.assessment.pain_history = {{{2026, 11, 5}, 8}, {{2026, 11, 12}, 7}};
    all.push_back(s);
    s.assessment.red_flags_screened = false;  // the safety-first box, the "see the box" line
    s.plan.activity_advice = {"Walk", "Swim"};
    s.plan.safety_notes = {"emergency: Call if both legs go numb", "today: Fever", "contact: Worried"};
    s.assessment.outcome_measures->odi = 90;
    s.plan.exercises.resize(1);
    all.push_back(s);
    s.assessment.leg_symptoms = model::LegSymptoms::both_legs;
    s.assessment.red_flags_screened = true;
    s.assessment.pattern = model::Pattern::persistent;
    s.clinic.reset();
    s.plan.exercises.clear();
    all.push_back(s);
    s.assessment.pattern = model::Pattern::recurrent;
    s.assessment.leg_symptoms = model::LegSymptoms::none;
    all.push_back(s);
    // A key id is "<prefix>.<name>": look for every prefix the catalogue uses followed by '.' and a letter.
    std::set<std::string> prefixes;
    for (const auto& k : content::string_keys()) {
        const std::string key = k.key;
        prefixes.insert(key.substr(0, key.find('.') + 1));
    }
    const auto looks_like_key = [&](const std::string& text) -> std::string {
        for (const auto& p : prefixes)
            for (auto at = text.find(p); at != std::string::npos; at = text.find(p, at + 1)) {
                const bool starts_word = at == 0 || !std::isalpha(static_cast<unsigned char>(text[at - 1]));
                const auto next = at + p.size() < text.size() ? static_cast<unsigned char>(text[at + p.size()]) : 0;
                if (starts_word && (std::islower(next) || std::isdigit(next) || next == '_'))
                    return text.substr(at, 40);
            }
        return "";
    };
    for (const std::string lang : {"en-GB", "en-US"})
        for (auto sum : all) {
            sum.patient.language = lang;
            const auto d = make(sum);
            std::string text = fixtures::all_text(d.blocks) + d.meta.title + "\n" + d.meta.subject + "\n" + d.meta.date_text;
            for (const auto& b : d.blocks)
                if (const auto* t = std::get_if<doc::Table>(&b.node)) text += t->caption + "\n";
            CHECK_MESSAGE(looks_like_key(text).empty(), (lang + ": " + looks_like_key(text)));
            CHECK(!contains(text, "{"));
        }
}
