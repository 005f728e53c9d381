// Section "plan-at-a-glance": one main-message sentence, the 2-4 things to do, the goals and the next visit.
#include <cctype>

#include "compose/internal.hpp"

namespace takehome::compose::detail {

namespace {

/// The one main message, adapted to the pattern and to what the screen showed (CDC Clear Communication
/// Index item 1: one main message at the top). "Not serious" is only said after a complete screen.
std::string main_message(const Context& c) {
    const auto& a = c.s.assessment;
    const bool exercises = !c.s.plan.exercises.empty();
    const std::vector<std::pair<std::string, std::string>> how = {
        {"how", c.say(exercises ? "glance.how.exercises" : "glance.how.active")}};
    if (a.leg_symptoms == model::LegSymptoms::both_legs) return c.say("glance.main.both_legs");
    if (!a.red_flags_screened) return c.say("glance.main.not_screened", how);
    switch (a.pattern) {
        case model::Pattern::acute: return c.say("glance.main.acute", how);
        case model::Pattern::recurrent: return c.say("glance.main.recurrent", how);
        case model::Pattern::persistent: return c.say("glance.main.persistent", how);
    }
    return "";
}

}  // namespace

doc::Blocks at_a_glance_section(const Context& c) {
    const auto& s = c.s;
    const std::string& src = c.source();
    doc::Blocks inside;
    // Addressed to the patient by the name they prefer: "Dan, your back pain is common ...".
    std::string message = main_message(c);
    doc::Inlines lead;
    if (s.patient.preferred_name && !s.patient.preferred_name->empty() && !message.empty()) {
        message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
        lead = with_spans(c.say("glance.addressed", {{"message", message}}),
                          {{"name", name_span(*s.patient.preferred_name, true)}}, true);
    } else {
        lead.push_back(strong_span(message));
    }
    inside.push_back(paragraph(std::move(lead), src));
    // The 2-4 things to do follow the main message directly (no "What to do:" line: it costs the large-print
    // box its place on page 1).
    doc::List todo;
    if (!s.plan.exercises.empty()) {
        // One short line: the doses are with each exercise and the times a day in the diary.
        const int n = static_cast<int>(s.plan.exercises.size());
        todo.items.push_back(with_spans(
            c.count("glance.do_exercises", n),
            {{"link", link_span(c.count("glance.do_exercises_link", n), "#section-exercises")}}));
    }
    if (!s.plan.activity_advice.empty())
        todo.items.push_back(doc::plain(s.plan.activity_advice.front()));
    else
        todo.items.push_back(doc::plain(c.say("glance.keep_moving")));
    todo.items.push_back(with_spans(c.say("glance.flare_ups"),
                                    {{"link", link_span(c.say("glance.flare_ups.link"), "#section-flare-ups")}}));
    todo.items.push_back(with_spans(c.say("glance.warning_signs"),
                                    {{"link", link_span(c.say("glance.warning_signs.link"), "#section-red-flags")}}));
    inside.push_back(doc::Block(std::move(todo), src));
    if (!s.goals.empty()) {
        // One paragraph, each goal as written and ended as a sentence: keeps the box on page 1 in large print.
        doc::Inlines goals{strong_span(c.say("glance.goals") + " ")};
        for (std::size_t i = 0; i < s.goals.size(); ++i) {
            std::string g = s.goals[i];
            if (!g.empty() && g.back() != '.' && g.back() != '!' && g.back() != '?') g += '.';
            goals.push_back(plain_span((i == 0 ? "" : " ") + g));
        }
        inside.push_back(paragraph(std::move(goals), src));
    }
    if (s.plan.next_appointment)
        inside.push_back(paragraph(c.labelled("glance.next_appointment", c.date(*s.plan.next_appointment)), src));

    doc::Blocks b;
    b.push_back(heading(1, doc::plain(c.say("heading.plan_at_a_glance")), "section-plan-at-a-glance", src));
    b.push_back(doc::Block(doc::Box(doc::BoxStyle::summary, {}, std::move(inside), "box-plan-at-a-glance"), src));
    return b;
}

}  // namespace takehome::compose::detail
