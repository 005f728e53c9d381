// The compose stage: chooses the education topics, phrases doses, and builds the handout's document tree.
#include "compose/compose.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>
#include <utility>

#include "compose/plain_words.hpp"
#include "model/language.hpp"

namespace takehome::compose {
namespace {

using doc::Block;
using doc::Blocks;
using doc::Inlines;
using doc::Span;

// ---------------------------------------------------------------------------------------------------
// Topic rules

/// The five topics that only make sense when hands-on treatment was used today.
const std::array<const char*, 5> kManualTherapyTopics = {"what-is-manual-therapy", "when-manual-therapy-helps",
                                                         "what-the-research-says", "what-treatment-feels-like",
                                                         "is-it-safe"};
constexpr const char* kFlareUps = "flare-ups";
constexpr const char* kRedFlags = "red-flags";
constexpr const char* kWhyExercise = "why-exercise";
constexpr const char* kNotEnough = "not-enough-on-its-own";
constexpr const char* kLastingRecovery = "lasting-recovery";
constexpr const char* kWhenMtHelps = "when-manual-therapy-helps";

bool is_manual_therapy_topic(const std::string& id) {
    return std::any_of(kManualTherapyTopics.begin(), kManualTherapyTopics.end(),
                       [&](const char* t) { return id == t; });
}

void push_unique(std::vector<std::string>& ids, const std::string& id) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

// ---------------------------------------------------------------------------------------------------
// Small builders for spans and blocks

Span plain_span(std::string text) { return Span{std::move(text)}; }

Span strong_span(std::string text) {
    Span s{std::move(text)};
    s.strong = true;
    return s;
}

/// A name, code or number that must never gain a hyphen when broken.
Span name_span(std::string text, bool strong = false) {
    Span s{std::move(text)};
    s.no_hyphens = true;
    s.strong = strong;
    return s;
}

Span link_span(std::string text, std::string uri) {
    Span s{std::move(text)};
    s.no_hyphens = true;
    s.link = std::move(uri);
    return s;
}

Block heading(int level, Inlines text, std::string id, const std::string& what) {
    doc::Heading h;
    h.level = level;
    h.text = std::move(text);
    h.id = std::move(id);
    return Block(std::move(h), "compose:" + what);
}

Block paragraph(Inlines text, const std::string& what) { return Block(doc::Paragraph{std::move(text)}, "compose:" + what); }

Block bullet_list(const std::vector<std::string>& items, const std::string& what, bool ordered = false) {
    doc::List l;
    l.ordered = ordered;
    for (const auto& i : items) l.items.push_back(doc::plain(i));
    return Block(std::move(l), "compose:" + what);
}

std::string times_a_day(int n) {
    if (n == 1) return "once a day";
    return std::to_string(n) + " times a day";
}

// ---------------------------------------------------------------------------------------------------
// Placeholders in content ({emergency_number}, {urgent_advice}, {clinic_name}, {clinic_phone})

struct Placeholder {
    std::string key;        ///< "{emergency_number}"
    std::string value;      ///< text to print
    std::optional<std::string> link;   ///< tel: link for real phone numbers
    bool is_name = false;   ///< printed without hyphenation (numbers, names)
};

std::vector<Placeholder> placeholders_for(const model::AssessmentSummary& s) {
    std::vector<Placeholder> out;
    const auto& clinic = s.clinic;
    // Emergency number: required in a clinic profile; without a clinic we cannot know the country's number.
    if (clinic && !clinic->emergency_number.empty())
        out.push_back({"{emergency_number}", clinic->emergency_number, tel_uri(clinic->emergency_number), true});
    else
        out.push_back({"{emergency_number}", "your local emergency number", std::nullopt, false});
    if (clinic && clinic->urgent_advice && !clinic->urgent_advice->empty())
        out.push_back({"{urgent_advice}", *clinic->urgent_advice, std::nullopt, true});
    else
        out.push_back({"{urgent_advice}", "your GP or an urgent care service", std::nullopt, false});
    if (clinic && !clinic->name.empty())
        out.push_back({"{clinic_name}", clinic->name, std::nullopt, true});
    else
        out.push_back({"{clinic_name}", "your clinic", std::nullopt, false});
    if (clinic && clinic->phone && !clinic->phone->empty())
        out.push_back({"{clinic_phone}", *clinic->phone, tel_uri(*clinic->phone), true});
    else
        out.push_back({"{clinic_phone}", "the clinic", std::nullopt, false});
    // {emergency_place}: the words for the emergency department follow the handout's language
    // (safety-netting.md: "A&E" in en-GB, "the emergency room" in en-US).
    if (s.patient.language.rfind("en-US", 0) == 0)
        out.push_back({"{emergency_place}", "the emergency room", std::nullopt, false});
    else
        out.push_back({"{emergency_place}", "A&E", std::nullopt, true});
    // {clinic_contact}: the clinic's phone, else its e-mail, else "your physiotherapy clinic", never a bare
    // "the clinic" (safety-netting.md, tier 3).
    if (clinic && clinic->phone && !clinic->phone->empty())
        out.push_back({"{clinic_contact}", *clinic->phone, tel_uri(*clinic->phone), true});
    else if (clinic && clinic->email && !clinic->email->empty())
        out.push_back({"{clinic_contact}", *clinic->email, "mailto:" + *clinic->email, true});
    else
        out.push_back({"{clinic_contact}", "your physiotherapy clinic", std::nullopt, false});
    return out;
}

/// Replaces placeholders in one span; a filled-in phone number or name becomes its own span (no
/// hyphenation, tel: link when the span has no link of its own).
void substitute_span(const Span& in, const std::vector<Placeholder>& ph, Inlines& out) {
    std::string rest = in.text;
    Span current = in;
    current.text.clear();
    while (!rest.empty()) {
        std::size_t best = std::string::npos;
        const Placeholder* which = nullptr;
        for (const auto& p : ph) {
            const auto at = rest.find(p.key);
            if (at != std::string::npos && at < best) {
                best = at;
                which = &p;
            }
        }
        if (!which) {
            current.text += rest;
            break;
        }
        current.text += rest.substr(0, best);
        if (!current.text.empty()) out.push_back(current);
        current.text.clear();
        Span filled = in;
        filled.text = which->value;
        filled.no_hyphens = in.no_hyphens || which->is_name;
        if (!filled.link && which->link) filled.link = which->link;
        out.push_back(std::move(filled));
        rest = rest.substr(best + which->key.size());
    }
    if (!current.text.empty()) out.push_back(std::move(current));
}

Inlines substitute(const Inlines& in, const std::vector<Placeholder>& ph) {
    Inlines out;
    for (const auto& s : in) {
        Span copy = s;
        if (copy.link) {
            // A link target may hold a placeholder too ("tel:{clinic_phone}").
            for (const auto& p : ph) {
                const auto at = copy.link->find(p.key);
                if (at == std::string::npos) continue;
                const bool tel = copy.link->rfind("tel:", 0) == 0;
                std::string value = p.value;
                if (tel && p.link) value = p.link->substr(4);
                copy.link->replace(at, p.key.size(), value);
            }
        }
        substitute_span(copy, ph, out);
    }
    return out;
}

/// Copies content blocks with placeholders filled in and headings demoted below `min_level`
/// (a topic's own "##" must not compete with the section and topic headings).
Blocks adapt_content(const Blocks& blocks, const std::vector<Placeholder>& ph, int min_level) {
    Blocks out;
    out.reserve(blocks.size());
    for (const auto& b : blocks) {
        Block copy = b;
        std::visit(
            [&](auto& n) {
                using T = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<T, doc::Heading>) {
                    n.text = substitute(n.text, ph);
                    n.level = std::max(n.level, min_level);
                    n.outline = false;
                } else if constexpr (std::is_same_v<T, doc::Paragraph>) {
                    n.text = substitute(n.text, ph);
                } else if constexpr (std::is_same_v<T, doc::List>) {
                    for (auto& item : n.items) item = substitute(item, ph);
                } else if constexpr (std::is_same_v<T, doc::Table>) {
                    if (n.header)
                        for (auto& c : *n.header) c.text = substitute(c.text, ph);
                    for (auto& row : n.rows)
                        for (auto& c : row) c.text = substitute(c.text, ph);
                } else if constexpr (std::is_same_v<T, doc::Box>) {
                    n.title = substitute(n.title, ph);
                    n.content = adapt_content(n.content, ph, min_level);
                } else if constexpr (std::is_same_v<T, doc::Columns>) {
                    for (auto& column : n.columns) column = adapt_content(column, ph, min_level);
                }
            },
            copy.node);
        out.push_back(std::move(copy));
    }
    return out;
}

bool blocks_mention(const Blocks& blocks, const std::string& needle);

bool inlines_mention(const Inlines& inl, const std::string& needle) {
    return std::any_of(inl.begin(), inl.end(), [&](const Span& s) { return s.text.find(needle) != std::string::npos; });
}

bool blocks_mention(const Blocks& blocks, const std::string& needle) {
    for (const auto& b : blocks) {
        const bool hit = std::visit(
            [&](const auto& n) -> bool {
                using T = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<T, doc::Heading> || std::is_same_v<T, doc::Paragraph>) {
                    return inlines_mention(n.text, needle);
                } else if constexpr (std::is_same_v<T, doc::List>) {
                    return std::any_of(n.items.begin(), n.items.end(),
                                       [&](const Inlines& i) { return inlines_mention(i, needle); });
                } else if constexpr (std::is_same_v<T, doc::Box>) {
                    return blocks_mention(n.content, needle);
                } else if constexpr (std::is_same_v<T, doc::Columns>) {
                    return std::any_of(n.columns.begin(), n.columns.end(),
                                       [&](const Blocks& column) { return blocks_mention(column, needle); });
                } else {
                    return false;
                }
            },
            b.node);
        if (hit) return true;
    }
    return false;
}

// ---------------------------------------------------------------------------------------------------
// Doses

/// The prescription's dose fields merged over the exercise's defaults.
model::Dose merged_dose(const model::ExercisePrescription& rx, const model::Dose& d) { return rx.dose.over(d); }

bool has_count(const model::Dose& m) {
    return m.reps.has_value() || m.sets.has_value() || (m.hold_seconds && *m.hold_seconds > 0);
}

/// True when the physio wrote the amount itself in the notes ("10 minutes at an easy pace"): the dose
/// has no reps, sets or hold, and the notes start with a digit.
bool notes_are_the_dose(const model::ExercisePrescription& rx, const model::Dose& defaults) {
    if (!rx.notes || rx.notes->empty()) return false;
    if (has_count(merged_dose(rx, defaults))) return false;
    return std::isdigit(static_cast<unsigned char>(rx.notes->front())) != 0;
}

/// "3 times a day" / "once a day" plus "on 5 days a week"; "" when neither is given.
std::string how_often(const model::Dose& m) {
    std::string out;
    if (m.times_per_day) out = times_a_day(*m.times_per_day);
    if (m.days_per_week && *m.days_per_week < 7) {
        if (!out.empty()) out += ", ";
        const int d = *m.days_per_week;
        out += "on " + std::to_string(d) + (d == 1 ? " day a week" : " days a week");
    }
    return out;
}

// ---------------------------------------------------------------------------------------------------
// Sections

struct Context {
    const model::AssessmentSummary& s;
    const content::Library& lib;
    std::vector<Placeholder> ph;
    std::vector<std::string> topics;
    bool rtl = false;
    bool large_print = false;
};

std::string date_words(const model::Date& d) { return d.long_form(); }

Blocks header_section(const Context& c) {
    const auto& s = c.s;
    Blocks b;
    b.push_back(heading(1, doc::plain("Your back care plan"), "section-header", "header"));
    // Two short labelled lines: who it is for and when, then who it is from. The clinic's name is in the
    // running header of every page and the appointment number means little to a patient, so both stay out
    // here: in large print each line then fits on one line and the plan box fits on page 1.
    b.push_back(paragraph({strong_span("For: "), name_span(s.patient.name, true),
                           plain_span(" \u00b7 " + date_words(s.appointment.date))},
                          "header"));
    Inlines from{strong_span("From: "), name_span(s.clinician.name)};
    if (!s.clinician.role.empty()) from.push_back(plain_span(", " + s.clinician.role));
    if (!s.clinic || s.clinic->name.empty()) {
        // No clinic profile: nothing else names where the handout is from.
    } else if (c.large_print) {
        // The running header names the clinic.
    } else {
        from.push_back(plain_span(", "));
        from.push_back(name_span(s.clinic->name));
    }
    b.push_back(paragraph(std::move(from), "header"));
    Inlines greet;
    if (s.patient.preferred_name && !s.patient.preferred_name->empty()) {
        greet.push_back(name_span(*s.patient.preferred_name));
        greet.push_back(plain_span(", this is your plan from today\u2019s appointment."));
    } else {
        greet.push_back(plain_span("This is your plan from today\u2019s appointment."));
    }
    b.push_back(paragraph(std::move(greet), "header"));
    return b;
}

Blocks plan_at_a_glance_section(const Context& c) {
    const auto& s = c.s;
    Blocks inside;
    const std::string found = first_sentence(s.assessment.impression);
    if (!found.empty())
        inside.push_back(paragraph({strong_span("What we found: "), plain_span(found)}, "plan-at-a-glance"));
    inside.push_back(paragraph({strong_span("What to do:")}, "plan-at-a-glance"));

    doc::List todo;
    if (!s.plan.exercises.empty()) {
        Inlines item{plain_span("Do your exercises.")};
        for (const auto& rx : s.plan.exercises) {
            const content::Exercise* ex = c.lib.exercise(rx.id.value);
            if (!ex) continue;
            std::string often = how_often(merged_dose(rx, ex->dose));
            if (often.empty()) often = "each day";
            item.push_back(plain_span(" " + ex->name + ": " + often + "."));
        }
        todo.items.push_back(std::move(item));
    }
    if (!s.plan.activity_advice.empty())
        todo.items.push_back(doc::plain(s.plan.activity_advice.front()));
    else
        todo.items.push_back(doc::plain("Keep moving. Gentle activity helps your back get better."));
    todo.items.push_back({plain_span("If your pain flares up, follow "),
                          link_span("your flare-up plan", "#section-flare-ups"), plain_span(".")});
    // Safety on page 1 even when the red-flag box is near the end: where the warning signs are.
    todo.items.push_back({plain_span("Learn the rare warning signs that need help fast: see "),
                          link_span("When to get help urgently", "#section-red-flags"), plain_span(".")});
    inside.push_back(Block(std::move(todo), "compose:plan-at-a-glance"));

    if (s.plan.next_appointment)
        inside.push_back(paragraph({strong_span("Next appointment: "), plain_span(date_words(*s.plan.next_appointment))},
                                   "plan-at-a-glance"));

    Blocks b;
    b.push_back(heading(1, doc::plain("Your plan at a glance"), "section-plan-at-a-glance", "plan-at-a-glance"));
    b.push_back(Block(doc::Box(doc::BoxStyle::summary, {}, std::move(inside), "box-plan-at-a-glance"),
                      "compose:plan-at-a-glance"));
    return b;
}

std::string score_words(int score) { return std::to_string(score) + " out of 10"; }

Blocks what_we_found_section(const Context& c) {
    const auto& a = c.s.assessment;
    const std::string what = "what-we-found";
    Blocks b;
    b.push_back(heading(1, doc::plain("What we found"), "section-what-we-found", what));
    b.push_back(paragraph({strong_span("Why you came: "), plain_span(a.complaint)}, what));
    if (!a.impression.empty())
        b.push_back(paragraph({strong_span("What we think: "), plain_span(a.impression)}, what));
    if (!a.findings.empty()) {
        b.push_back(paragraph({strong_span("What we found when we checked you:")}, what));
        b.push_back(bullet_list(a.findings, what));
    }

    if (a.pain) {
        // Today, best and worst in one paragraph, with the NPRS anchors said once.
        const auto& p = *a.pain;
        std::string text;
        if (p.now) text = "Your pain today: " + score_words(*p.now) + " (0 is no pain, 10 is the worst pain you can imagine).";
        if (p.best) text += std::string(text.empty() ? "" : " ") + "At its best: " + score_words(*p.best) + ".";
        if (p.worst) text += std::string(text.empty() ? "" : " ") + "At its worst: " + score_words(*p.worst) + ".";
        if (!p.now && !text.empty()) text += " (0 is no pain, 10 is the worst pain you can imagine.)";
        if (!text.empty()) b.push_back(paragraph(doc::plain(text), what));
    }

    if (a.pain_history.size() >= 2) {
        doc::PainChart chart;
        std::vector<model::PainPoint> points = a.pain_history;
        if (a.pain && a.pain->now && points.back().date < c.s.appointment.date)
            points.push_back({c.s.appointment.date, *a.pain->now});
        std::string alt = "Your pain scores over time: ";
        for (std::size_t i = 0; i < points.size(); ++i) {
            const bool today = points[i].date == c.s.appointment.date;
            chart.points.emplace_back(today ? "Today" : short_date(points[i].date), points[i].score);
            if (i > 0) alt += (i + 1 == points.size()) ? " and " : ", ";
            alt += score_words(points[i].score) + (today ? " today" : " on " + date_words(points[i].date));
        }
        alt += ".";
        chart.alt = alt;
        Block figure(std::move(chart), "compose:what-we-found");
        figure.may_float = true;  // self-contained: may be set after the text that follows rather than leave a hole
        b.push_back(std::move(figure));
        const int first = points.front().score;
        const int last = points.back().score;
        std::string trend;
        if (last < first)
            trend = "Your pain has come down from " + std::to_string(first) + " to " + std::to_string(last) +
                    " out of 10. That is good progress.";
        else if (last > first)
            trend = "Your pain has gone up from " + std::to_string(first) + " to " + std::to_string(last) +
                    " out of 10. We will look at why together.";
        else
            trend = "Your pain has stayed at " + score_words(last) + ".";
        b.push_back(paragraph(doc::plain(trend), what));
    }

    if (a.outcome_measures) {
        const auto& om = *a.outcome_measures;
        if (om.odi) {
            const int odi = *om.odi;
            std::string text = "Your score on the back pain form (the ODI) is " + std::to_string(odi) +
                               " out of 100. ";
            if (odi > 80)
                text += "This means your back pain gets in the way of almost everything you do.";
            else
                text += "This means your back pain gives you " + odi_band_words(odi) + " in daily life.";
            b.push_back(paragraph(doc::plain(text), what));
        }
        if (!om.psfs.empty()) {
            b.push_back(paragraph(doc::plain("You scored how well you can do these things now. 0 means you cannot "
                                             "do it at all. 10 means you can do it as well as before."),
                                  what));
            doc::Table t;
            t.column_weights = {3, 1};
            t.header = std::vector<doc::TableCell>{{doc::plain("What you want to do"), false},
                                                   {doc::plain("Your score out of 10"), false}};
            for (const auto& item : om.psfs)
                t.rows.push_back({{doc::plain(item.activity), false}, {{name_span(std::to_string(item.score))}, false}});
            t.caption = "Activities you find hard, each with your score out of 10 for how well you can do it now";
            b.push_back(Block(std::move(t), "compose:what-we-found"));
        }
    }

    if (!a.aggravating.empty()) {
        b.push_back(paragraph({strong_span("You told us these bring on your pain:")}, what));
        b.push_back(bullet_list(a.aggravating, what));
        b.push_back(paragraph(doc::plain("This does not mean they harm your back. Do them in short spells, and "
                                         "change position often."),
                              what));
    }
    if (!a.easing.empty()) {
        // Said once here (not again under flare-ups), with the advice before the list so it stays with it.
        b.push_back(paragraph({strong_span("You told us these ease your pain."),
                               plain_span(" They are safe to use when your pain is bad or flares up:")},
                              what));
        b.push_back(bullet_list(a.easing, what));
    }
    return b;
}

Blocks manual_therapy_note(const model::ManualTherapy& mt) {
    Blocks inside;
    if (!mt.techniques.empty()) {
        inside.push_back(paragraph({strong_span("Today we used:")}, "manual-therapy"));
        inside.push_back(bullet_list(mt.techniques, "manual-therapy"));
    }
    if (!mt.purpose.empty())
        inside.push_back(paragraph({strong_span("The aim: "), plain_span(mt.purpose)}, "manual-therapy"));
    Blocks b;
    b.push_back(Block(doc::Box(doc::BoxStyle::note, doc::plain("Your treatment today"), std::move(inside),
                               "box-manual-therapy"),
                      "compose:manual-therapy"));
    return b;
}

Blocks topic_blocks(const Context& c, const content::Topic& t) {
    Blocks b;
    b.push_back(Block(doc::Heading{2, doc::plain(t.title), "topic-" + t.id, true}, t.file));
    for (auto& blk : adapt_content(t.body, c.ph, 3)) b.push_back(std::move(blk));
    return b;
}

/// Topics set in full: when the physio listed `topics:`, all of them; otherwise the ones that lead for this
/// pattern (see choose_topics), why-exercise and, when hands-on care was used, what it is and why it is not
/// enough on its own (the two things every such patient must read: what was done, and that it is one piece
/// of the puzzle, not the cure). The other automatic topics repeat what these say (hands-on care eases pain
/// for a while, exercise does the lasting work), so they are given as their one-sentence summary only,
/// which keeps the standard handout to about 10 pages.
std::set<std::string> topics_in_full(const model::AssessmentSummary& s) {
    if (s.topics) {
        std::set<std::string> all;
        for (const auto& t : *s.topics) all.insert(t.value);
        return all;
    }
    std::set<std::string> full{kWhyExercise};
    const auto pattern = s.assessment.pattern;
    if (pattern == model::Pattern::recurrent || pattern == model::Pattern::persistent) {
        full.insert(kNotEnough);
        full.insert(kLastingRecovery);
    } else if (s.plan.manual_therapy) {
        full.insert(kWhenMtHelps);
    }
    if (s.plan.manual_therapy) {
        full.insert("what-is-manual-therapy");
        full.insert(kNotEnough);
    }
    return full;
}

/// "**What is manual therapy?** Manual therapy is hands-on care ..." for the list of topics in brief.
Inlines topic_in_brief(const content::Topic& t) {
    const bool ends_sentence = !t.title.empty() && (t.title.back() == '?' || t.title.back() == '.');
    Inlines item{strong_span(t.title + (ends_sentence ? "" : ":"))};
    if (!t.summary.empty()) item.push_back(plain_span(" " + t.summary));
    return item;
}

Blocks education_section(const Context& c) {
    const auto& mt = c.s.plan.manual_therapy;
    const auto full = topics_in_full(c.s);
    Blocks body;
    doc::List brief;
    bool mt_note_done = false;
    auto note_before = [&](const std::string& id) {
        if (mt && !mt_note_done && is_manual_therapy_topic(id)) {
            for (auto& blk : manual_therapy_note(*mt)) body.push_back(std::move(blk));
            mt_note_done = true;
        }
    };
    for (const auto& id : c.topics) {
        if (id == kFlareUps || id == kRedFlags) continue;
        const content::Topic* t = c.lib.topic(id);
        if (!t) continue;  // checked before composing
        if (!full.count(id)) {
            brief.items.push_back(substitute(topic_in_brief(*t), c.ph));
            continue;
        }
        note_before(id);
        for (auto& blk : topic_blocks(c, *t)) body.push_back(std::move(blk));
    }
    if (!brief.items.empty()) {
        if (mt) note_before(kManualTherapyTopics.front());
        body.push_back(heading(2, doc::plain("More about hands-on care"), "topic-in-brief", "education"));
        body.push_back(Block(std::move(brief), "compose:education"));
        body.push_back(paragraph(doc::plain("Ask your physio if you want to know more about any of these."),
                                 "education"));
    }
    if (mt && !mt_note_done) {
        Blocks note = manual_therapy_note(*mt);
        body.insert(body.begin(), note.begin(), note.end());
    }
    if (body.empty()) return {};
    Blocks b;
    b.push_back(heading(1, doc::plain("Understanding your back pain"), "section-education", "education"));
    for (auto& blk : body) b.push_back(std::move(blk));
    return b;
}

/// Relative widths of an exercise's two columns: picture and dose (left), position and steps (right). At
/// the standard 170 mm measure (less the 18 pt gap) this gives the picture about 195 pt, near the standard
/// layout's 200 pt exercise figure width, and the position and steps about 270 pt.
constexpr double kExercisePictureWeight = 0.42;
constexpr double kExerciseStepsWeight = 0.58;

/// Unique anchor ids for exercises, so that one exercise prescribed twice still links correctly.
std::vector<std::string> exercise_anchor_ids(const model::Plan& plan) {
    std::vector<std::string> ids;
    std::map<std::string, int> seen;
    for (const auto& rx : plan.exercises) {
        const int n = ++seen[rx.id.value];
        ids.push_back("exercise-" + rx.id.value + (n > 1 ? "-" + std::to_string(n) : ""));
    }
    return ids;
}

Blocks exercises_section(const Context& c) {
    const auto& plan = c.s.plan;
    if (plan.exercises.empty()) return {};
    const std::string what = "exercises";
    Blocks b;
    b.push_back(heading(1, doc::plain("Your exercises"), "section-exercises", what));
    b.push_back(paragraph({plain_span("Do these as your physio showed you. Tick "),
                           link_span("your exercise diary", "#section-exercise-diary"),
                           plain_span(" each time.")},
                          what));
    const auto anchors = exercise_anchor_ids(plan);
    for (std::size_t i = 0; i < plan.exercises.size(); ++i) {
        const auto& rx = plan.exercises[i];
        const content::Exercise* ex = c.lib.exercise(rx.id.value);
        if (!ex) continue;  // checked before composing
        Blocks in;
        in.push_back(heading(2, doc::plain(ex->name), anchors[i], what));
        if (!ex->purpose.empty()) in.push_back(paragraph(doc::plain(ex->purpose), what));
        // Picture, dose, the physio's note and the stop signs on the left; position, steps and what you should
        // feel on the right. Balanced this way an exercise is about half an A4 page, so a standard page holds
        // two; the layout stacks the columns when the measure gets too narrow (large print).
        Blocks picture;
        if (ex->image) {
            doc::Image img;
            img.path = *ex->image;
            img.alt = ex->image_alt.empty() ? ex->name : ex->image_alt;
            picture.push_back(Block(std::move(img), ex->file));
        }
        std::string dose = dose_line(rx, ex->dose);
        if (c.rtl) dose = "\u2066" + dose + "\u2069";  // LRI ... PDI: the dose reads as one unit (H16)
        picture.push_back(paragraph({strong_span("How much: "), name_span(dose)}, what));
        if (rx.notes && !rx.notes->empty() && !notes_are_the_dose(rx, ex->dose))
            picture.push_back(paragraph({strong_span("Your physio\u2019s note: "), plain_span(*rx.notes)}, what));
        if (!ex->stop_if.empty()) {
            picture.push_back(paragraph({strong_span("Stop and tell us if:")}, what));
            doc::List stop;
            for (const auto& item : ex->stop_if) stop.items.push_back(substitute(item, c.ph));  // "call {emergency_number}"
            picture.push_back(Block(std::move(stop), ex->file));
        }
        Blocks how;
        if (!ex->start_position.empty())
            how.push_back(paragraph({strong_span("Starting position: "), plain_span(ex->start_position)}, what));
        if (!ex->steps.empty()) {
            doc::List steps;
            steps.ordered = true;
            steps.items = ex->steps;
            how.push_back(Block(std::move(steps), ex->file));
        }
        if (!ex->feel.empty())
            how.push_back(paragraph({strong_span("What you should feel: "), plain_span(ex->feel)}, what));
        if (c.large_print) {
            // One column in reading order: picture and dose, then how to do it, then the stop signs and note.
            auto take = [&](Blocks& from, std::size_t first, std::size_t last) {
                for (std::size_t k = first; k < std::min(last, from.size()); ++k) in.push_back(std::move(from[k]));
            };
            const std::size_t dose_end = ex->image ? 2 : 1;  // [image], "How much"
            take(picture, 0, dose_end);
            take(how, 0, how.size());
            take(picture, dose_end, picture.size());
        } else {
            doc::Columns cols;
            cols.weights = {kExercisePictureWeight, kExerciseStepsWeight};
            cols.columns.push_back(std::move(picture));
            if (!how.empty()) cols.columns.push_back(std::move(how));
            else cols.weights.pop_back();
            in.push_back(Block(std::move(cols), "compose:" + what));
        }
        b.push_back(Block(doc::Box(doc::BoxStyle::group, {}, std::move(in)), "compose:" + what));
    }
    return b;
}

Blocks exercise_diary_section(const Context& c) {
    const auto& plan = c.s.plan;
    if (plan.exercises.empty()) return {};
    const std::string what = "exercise-diary";
    Blocks b;
    b.push_back(heading(1, doc::plain("Your exercise diary"), "section-exercise-diary", what));
    Blocks inside;
    // Ends with ':' so the layout keeps it with the table (a lead-in).
    inside.push_back(paragraph(doc::plain(c.large_print ? "Tick a box on each day (1 to 7) that you do the exercise:"
                                                        : "Tick a box on each day that you do the exercise:"),
                               what));
    doc::Table t;
    t.column_weights = {3, 1, 1, 1, 1, 1, 1, 1};
    std::vector<doc::TableCell> header{{doc::plain("Exercise"), false}};
    for (int d = 1; d <= 7; ++d) {
        header.push_back({doc::plain(c.large_print ? std::to_string(d) : "Day " + std::to_string(d)), false});
    }
    t.header = std::move(header);
    for (const auto& rx : plan.exercises) {
        const content::Exercise* ex = c.lib.exercise(rx.id.value);
        if (!ex) continue;
        std::vector<doc::TableCell> row{{doc::plain(ex->name), false}};
        for (int d = 0; d < 7; ++d) row.push_back({{}, true});
        t.rows.push_back(std::move(row));
    }
    t.min_row_height_pt = 28;  // about 10 mm: room to tick with a pen
    t.caption = "Exercise diary: one row for each exercise, with a tick box for each of 7 days";
    // The instruction and the table travel together: a diary is used with a pen, as one piece.
    inside.push_back(Block(std::move(t), "compose:" + what));
    b.push_back(Block(doc::Box(doc::BoxStyle::group, {}, std::move(inside), "box-exercise-diary"), "compose:" + what));
    return b;
}

Blocks flare_ups_section(const Context& c) {
    const std::string what = "flare-ups";
    Blocks b;
    b.push_back(heading(1, doc::plain("If your back flares up"), "section-flare-ups", what));
    if (const content::Topic* t = c.lib.topic(kFlareUps))
        for (auto& blk : adapt_content(t->body, c.ph, 3)) b.push_back(std::move(blk));
    if (c.s.plan.flare_up_notes && !c.s.plan.flare_up_notes->empty())
        b.push_back(paragraph({strong_span("Your own plan: "), plain_span(*c.s.plan.flare_up_notes)}, what));
    return b;
}

bool red_flags_first(const model::AssessmentSummary& s) {
    return !s.assessment.red_flags_screened || s.assessment.leg_symptoms == model::LegSymptoms::both_legs;
}

/// Splits a topic body into its intro (the blocks before the first sub-heading) and one group per
/// sub-heading (the heading and the blocks up to the next heading of the same or a higher level).
std::pair<Blocks, std::vector<Blocks>> split_at_subheadings(const Blocks& body) {
    Blocks intro;
    std::vector<Blocks> parts;
    int part_level = 0;
    for (const auto& b : body) {
        const auto* h = std::get_if<doc::Heading>(&b.node);
        if (h && (parts.empty() || h->level <= part_level)) {
            part_level = h->level;
            parts.emplace_back();
        }
        (parts.empty() ? intro : parts.back()).push_back(b);
    }
    return {std::move(intro), std::move(parts)};
}

/// The red flags as one warning box per tier (emergency, urgent advice today, contact us), each kept whole so
/// a large-print page can hold one. The first box carries the "still needs to check" notice, the topic's
/// intro and the emergency tier, so the emergency number is always in the first box.
Blocks red_flags_section(const Context& c) {
    const std::string what = "red-flags";
    const auto& a = c.s.assessment;
    Blocks first;
    const std::string act_now = " Read them now. If any of them apply to you, act on them straight away.";
    if (!a.red_flags_screened)
        first.push_back(paragraph({strong_span("Your physio still needs to check these questions with you."),
                                   plain_span(act_now)},
                                  what));
    else if (a.leg_symptoms == model::LegSymptoms::both_legs)
        first.push_back(paragraph({strong_span("You have symptoms in both legs. Your physio still needs to check "
                                               "these questions with you at each visit."),
                                   plain_span(act_now)},
                                  what));
    std::vector<Blocks> tiers;
    const content::Topic* t = c.lib.topic(kRedFlags);
    if (t) {
        auto [intro, parts] = split_at_subheadings(adapt_content(t->body, c.ph, 3));
        for (auto& blk : intro) first.push_back(std::move(blk));
        tiers = std::move(parts);
    }
    if (tiers.empty()) tiers.emplace_back();
    for (auto& blk : tiers.front()) first.push_back(std::move(blk));
    tiers.front() = std::move(first);
    if (!t || !blocks_mention(tiers.front(), c.ph.front().value)) {
        // The emergency number belongs in the first box, whatever tier of the topic names it.
        const auto& em = c.ph.front();  // {emergency_number}
        Span number = name_span(em.value, true);
        number.link = em.link;
        tiers.front().push_back(paragraph({strong_span("In an emergency, call "), number, strong_span(".")}, what));
    }
    Blocks b;
    b.push_back(heading(1, doc::plain("When to get help urgently"), "section-red-flags", what));
    for (std::size_t i = 0; i < tiers.size(); ++i) {
        if (tiers[i].empty()) continue;
        const std::string id = i == 0 ? "box-red-flags" : "box-red-flags-" + std::to_string(i + 1);
        b.push_back(Block(doc::Box(doc::BoxStyle::warning, {}, std::move(tiers[i]), id), "compose:" + what));
    }
    return b;
}

Blocks next_steps_section(const Context& c) {
    const auto& s = c.s;
    const std::string what = "next-steps";
    Blocks b;
    b.push_back(heading(1, doc::plain("Your next steps"), "section-next-steps", what));
    if (!s.goals.empty()) {
        b.push_back(paragraph({strong_span("Your goals:")}, what));
        b.push_back(bullet_list(s.goals, what));
    }
    if (!s.plan.activity_advice.empty()) {
        b.push_back(paragraph({strong_span("Day to day:")}, what));
        b.push_back(bullet_list(s.plan.activity_advice, what));
    }
    if (s.plan.next_appointment)
        b.push_back(paragraph(doc::plain("Your next appointment is on " + date_words(*s.plan.next_appointment) + "."),
                              what));
    if (s.plan.review_measures_on)
        b.push_back(paragraph(doc::plain("We will check your scores again on " +
                                         date_words(*s.plan.review_measures_on) + "."),
                              what));
    if (s.clinic) {
        const auto& k = *s.clinic;
        doc::List contact;
        if (k.phone && !k.phone->empty()) {
            Span phone = name_span(*k.phone);
            phone.link = tel_uri(*k.phone);
            contact.items.push_back({plain_span("Phone: "), phone});
        }
        if (k.email && !k.email->empty())
            contact.items.push_back({plain_span("Email: "), link_span(*k.email, "mailto:" + *k.email)});
        if (k.website && !k.website->empty())
            contact.items.push_back({plain_span("Website: "), link_span(*k.website, web_uri(*k.website))});
        if (!k.address.empty()) {
            std::string addr;
            for (const auto& line : k.address) addr += (addr.empty() ? "" : ", ") + line;
            contact.items.push_back({plain_span("Address: "), plain_span(addr)});
        }
        if (!contact.items.empty()) {
            b.push_back(paragraph({strong_span("Contact "), name_span(k.name, true), strong_span(":")}, what));
            b.push_back(Block(std::move(contact), "compose:" + what));
        }
    }
    return b;
}

/// "file:line" (a content block's source) as a position; "compose:..." and "" give an unknown position.
SourcePos position_of(const std::string& source) {
    const auto colon = source.rfind(':');
    if (colon == std::string::npos || source.rfind("compose:", 0) == 0) return SourcePos{};
    SourcePos p;
    p.file = source.substr(0, colon);
    try {
        p.line = std::stoi(source.substr(colon + 1));
    } catch (const std::exception&) {
        p.file = source;
    }
    return p;
}

/// The first "{name}" (lower-case letters and '_') left in a text, or "".
std::string leftover_placeholder(const std::string& text) {
    for (auto open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
        std::size_t i = open + 1;
        while (i < text.size() && ((text[i] >= 'a' && text[i] <= 'z') || text[i] == '_')) ++i;
        if (i > open + 1 && i < text.size() && text[i] == '}') return text.substr(open, i - open + 1);
    }
    return "";
}

/// Warns about placeholders the content uses that compose does not know (a typo prints literally).
/// Only content blocks are checked: patient text in compose's own blocks may hold braces on purpose.
void warn_unknown_placeholders(const Blocks& blocks, Diagnostics& diags) {
    for (const auto& b : blocks) {
        if (const auto* box = std::get_if<doc::Box>(&b.node)) {
            warn_unknown_placeholders(box->content, diags);
            continue;
        }
        if (const auto* cols = std::get_if<doc::Columns>(&b.node)) {
            for (const auto& column : cols->columns) warn_unknown_placeholders(column, diags);
            continue;
        }
        if (b.source.empty() || b.source.rfind("compose:", 0) == 0) continue;
        std::vector<const Inlines*> texts;
        if (const auto* h = std::get_if<doc::Heading>(&b.node)) texts.push_back(&h->text);
        if (const auto* p = std::get_if<doc::Paragraph>(&b.node)) texts.push_back(&p->text);
        if (const auto* l = std::get_if<doc::List>(&b.node))
            for (const auto& item : l->items) texts.push_back(&item);
        for (const auto* t : texts)
            for (const auto& span : *t)
                if (const auto ph = leftover_placeholder(span.text); !ph.empty())
                    diags.warning(position_of(b.source),
                                  "unknown placeholder '" + ph + "' in content, expected one of {emergency_number}, "
                                  "{urgent_advice}, {clinic_name}, {clinic_phone}; it prints as written");
    }
}

// ---------------------------------------------------------------------------------------------------
// Checks before composing

std::vector<std::string> section_ids_in_order(const model::AssessmentSummary& s,
                                              const std::vector<std::string>& requested) {
    const std::vector<std::string>& given = requested.empty() ? kDefaultSectionOrder : requested;
    std::vector<std::string> order;
    for (const auto& id : given) push_unique(order, id);
    const auto rf = std::find(order.begin(), order.end(), kRedFlags);
    if (red_flags_first(s)) {
        if (rf != order.end()) order.erase(rf);
        auto after = std::find(order.begin(), order.end(), "plan-at-a-glance");
        if (after == order.end()) after = std::find(order.begin(), order.end(), "header");
        order.insert(after == order.end() ? order.begin() : after + 1, kRedFlags);
    } else if (rf == order.end()) {
        order.push_back(kRedFlags);  // safety advice is never left out
    }
    return order;
}

void check_inputs(const model::AssessmentSummary& s, const content::Library& lib,
                  const std::vector<std::string>& topics, const std::vector<std::string>& section_order) {
    Diagnostics errs;
    const auto exercise_ids = lib.exercise_ids();
    for (std::size_t i = 0; i < s.plan.exercises.size(); ++i) {
        const auto& rx = s.plan.exercises[i];
        if (lib.exercise(rx.id.value)) continue;
        std::string msg = "unknown exercise id '" + rx.id.value + "' in 'plan.exercises[" + std::to_string(i) +
                          "].id', expected one of the exercises in content/exercises/";
        const std::string hint = closest_match(rx.id.value, exercise_ids);
        if (!hint.empty()) msg += " (did you mean '" + hint + "'?)";
        errs.error(rx.id.pos, msg);
    }
    const auto topic_ids = lib.topic_ids();
    std::set<std::string> reported;
    if (s.topics) {
        for (const auto& t : *s.topics) {
            if (lib.topic(t.value) || !reported.insert(t.value).second) continue;
            std::string msg = "unknown topic id '" + t.value + "' in 'topics', expected one of the topics in content/topics/";
            const std::string hint = closest_match(t.value, topic_ids);
            if (!hint.empty()) msg += " (did you mean '" + hint + "'?)";
            errs.error(t.pos, msg);
        }
    }
    std::vector<std::string> needed = topics;
    push_unique(needed, kFlareUps);
    push_unique(needed, kRedFlags);
    for (const auto& id : needed) {
        if (lib.topic(id) || reported.count(id)) continue;
        reported.insert(id);
        errs.error(SourcePos{s.source_file, 0, 0},
                   "content topic '" + id + "' is missing from content/topics/ and this handout needs it");
    }
    for (const auto& id : section_order) {
        if (std::find(kDefaultSectionOrder.begin(), kDefaultSectionOrder.end(), id) != kDefaultSectionOrder.end())
            continue;
        std::string msg = "unknown section id '" + id + "' in 'section_order', expected one of header, "
                          "plan-at-a-glance, what-we-found, education, exercises, exercise-diary, flare-ups, "
                          "red-flags, next-steps";
        const std::string hint = closest_match(id, kDefaultSectionOrder);
        if (!hint.empty()) msg += " (did you mean '" + hint + "'?)";
        errs.error(SourcePos{}, msg);
    }
    if (errs.has_errors()) throw InputError(std::move(errs));
}

}  // namespace

// ---------------------------------------------------------------------------------------------------
// Public functions

std::vector<std::string> choose_topics(const model::AssessmentSummary& summary) {
    std::vector<std::string> ids;
    if (summary.topics) {
        for (const auto& t : *summary.topics) push_unique(ids, t.value);
        push_unique(ids, kRedFlags);  // the physio's list replaces ours, but safety advice always stays
        return ids;
    }
    const bool mt = summary.plan.manual_therapy.has_value();
    const bool has_exercises = !summary.plan.exercises.empty();
    const auto pattern = summary.assessment.pattern;

    // What leads: for recurring or long-lasting pain, that hands-on care is not enough and what lasting
    // recovery needs; for a new episode treated by hand, when manual therapy helps.
    if (pattern == model::Pattern::recurrent || pattern == model::Pattern::persistent) {
        push_unique(ids, kNotEnough);
        push_unique(ids, kLastingRecovery);
    } else if (mt) {
        push_unique(ids, kWhenMtHelps);
    }
    if (has_exercises) push_unique(ids, kWhyExercise);
    if (mt) {
        push_unique(ids, "what-is-manual-therapy");
        push_unique(ids, kWhenMtHelps);
        push_unique(ids, "what-treatment-feels-like");
        push_unique(ids, "is-it-safe");
        push_unique(ids, "what-the-research-says");
        push_unique(ids, kNotEnough);
        push_unique(ids, kLastingRecovery);
    }
    push_unique(ids, kFlareUps);
    push_unique(ids, kRedFlags);
    return ids;
}

std::string dose_line(const model::ExercisePrescription& rx, const model::Dose& defaults) {
    const model::Dose m = merged_dose(rx, defaults);
    std::vector<std::string> parts;
    const bool hold = m.hold_seconds && *m.hold_seconds > 0;
    const std::string hold_text =
        hold ? std::to_string(*m.hold_seconds) + (*m.hold_seconds == 1 ? " second" : " seconds") : "";
    if (m.reps) {
        const int reps = *m.reps;
        if (m.sets && *m.sets > 1)
            parts.push_back(std::to_string(*m.sets) + " sets of " + std::to_string(reps));
        else
            parts.push_back(reps == 1 ? "once" : std::to_string(reps) + " times");
        if (hold) parts.push_back("hold each for " + hold_text);
    } else if (m.sets) {
        parts.push_back(*m.sets == 1 ? "1 set" : std::to_string(*m.sets) + " sets");
        if (hold) parts.push_back("hold each for " + hold_text);
    } else if (hold) {
        parts.push_back("hold for " + hold_text);
    } else if (notes_are_the_dose(rx, defaults)) {
        parts.push_back(*rx.notes);
    } else if (m.text && !m.text->empty()) {
        parts.push_back(*m.text);
    } else {
        parts.push_back("as your physio showed you");
    }
    const std::string often = how_often(m);
    if (!often.empty()) parts.push_back(often);
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
    return out;
}

doc::Document compose_handout(const model::AssessmentSummary& summary, const content::Library& library,
                              Diagnostics& diags, const std::vector<std::string>& section_order, bool large_print) {
    Context c{summary, library, placeholders_for(summary), choose_topics(summary),
              model::is_right_to_left(summary.patient.language), large_print};
    check_inputs(summary, library, c.topics, section_order);

    // Adherence falls as the number of exercises grows: warn the physio beyond 5 (the team's clinical rule).
    if (summary.plan.exercises.size() > 5) {
        diags.warning(summary.plan.exercises[5].id.pos,
                      "'plan.exercises' has " + std::to_string(summary.plan.exercises.size()) +
                          " exercises, expected at most 5: patients keep up fewer exercises when given more");
    }
    if (!summary.clinic)
        diags.warning(SourcePos{summary.source_file, 0, 0},
                      "no clinic profile, so the red-flag box cannot give an emergency number or clinic phone; "
                      "add 'clinic' to the summary or pass --clinic");

    doc::Document d;
    auto& m = d.meta;
    m.title = "Your back care plan: " + summary.patient.name;
    m.author = summary.clinician.name;
    m.subject = "Take-home advice after your physiotherapy appointment";
    m.keywords = "back pain, exercises, flare-up plan";
    m.language = summary.patient.language.empty() ? "en-GB" : summary.patient.language;
    m.creation_date = summary.appointment.date.iso();
    m.clinic_name = summary.clinic ? summary.clinic->name : "";
    m.patient_name = summary.patient.name;
    m.date_text = summary.appointment.date.long_form();
    if (summary.clinic && summary.clinic->logo) m.logo_path = summary.clinic->logo;

    for (const auto& id : section_ids_in_order(summary, section_order)) {
        Blocks section;
        if (id == "header") section = header_section(c);
        else if (id == "plan-at-a-glance") section = plan_at_a_glance_section(c);
        else if (id == "what-we-found") section = what_we_found_section(c);
        else if (id == "education") section = education_section(c);
        else if (id == "exercises") section = exercises_section(c);
        else if (id == "exercise-diary") section = exercise_diary_section(c);
        else if (id == "flare-ups") section = flare_ups_section(c);
        else if (id == "red-flags") section = red_flags_section(c);
        else if (id == "next-steps") section = next_steps_section(c);
        for (auto& b : section) d.blocks.push_back(std::move(b));
    }
    warn_unknown_placeholders(d.blocks, diags);
    return d;
}

}  // namespace takehome::compose
