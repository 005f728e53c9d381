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
    const std::string with = exercises ? "with the exercises below" : "if you keep active";
    if (a.leg_symptoms == model::LegSymptoms::both_legs)
        return "You have symptoms in both legs, so first read the warning signs in the box below.";
    if (!a.red_flags_screened)
        return "Back pain like yours is common and usually gets better " + with +
               ", but first read the warning signs below.";
    switch (a.pattern) {
        case model::Pattern::acute:
            return "Your back pain is common and not serious, and it should get better " + with + ".";
        case model::Pattern::recurrent:
            return "Back pain that comes back is common and not a sign of damage, and you can keep it at bay " +
                   with + ".";
        case model::Pattern::persistent:
            return "Your pain has lasted a long time, but it is not a sign of damage, and it can get better "
                   "step by step " + with + ".";
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
        lead.push_back(name_span(*s.patient.preferred_name, true));
        lead.push_back(strong_span(", " + message));
    } else {
        lead.push_back(strong_span(message));
    }
    inside.push_back(paragraph(std::move(lead), src));
    // The 2-4 things to do follow the main message directly (no "What to do:" line: it costs the large-print
    // box its place on page 1).
    doc::List todo;
    if (!s.plan.exercises.empty()) {
        // One short line: the doses are with each exercise and the times a day in the diary.
        const auto n = s.plan.exercises.size();
        todo.items.push_back({plain_span(n == 1 ? "Do " : "Do your " + std::to_string(n) + " "),
                              link_span(n == 1 ? "your exercise" : "exercises", "#section-exercises"),
                              plain_span(" every day, and tick your diary each time.")});
    }
    if (!s.plan.activity_advice.empty())
        todo.items.push_back(doc::plain(s.plan.activity_advice.front()));
    else
        todo.items.push_back(doc::plain("Keep moving. Gentle activity helps your back get better."));
    todo.items.push_back({plain_span("If your pain flares up, follow "),
                          link_span("your flare-up plan", "#section-flare-ups"), plain_span(".")});
    todo.items.push_back({plain_span("Know the "), link_span("warning signs", "#section-red-flags"),
                          plain_span(" that need help fast.")});
    inside.push_back(doc::Block(std::move(todo), src));
    if (!s.goals.empty()) {
        // One paragraph, each goal as written and ended as a sentence: keeps the box on page 1 in large print.
        doc::Inlines goals{strong_span("Your goals: ")};
        for (std::size_t i = 0; i < s.goals.size(); ++i) {
            std::string g = s.goals[i];
            if (!g.empty() && g.back() != '.' && g.back() != '!' && g.back() != '?') g += '.';
            goals.push_back(plain_span((i == 0 ? "" : " ") + g));
        }
        inside.push_back(paragraph(std::move(goals), src));
    }
    if (s.plan.next_appointment)
        inside.push_back(paragraph({strong_span("Next appointment: "), plain_span(c.date(*s.plan.next_appointment))}, src));

    doc::Blocks b;
    b.push_back(heading(1, doc::plain(c.say("heading.plan_at_a_glance")), "section-plan-at-a-glance", src));
    b.push_back(doc::Block(doc::Box(doc::BoxStyle::summary, {}, std::move(inside), "box-plan-at-a-glance"), src));
    return b;
}

}  // namespace takehome::compose::detail
