// Section "header": Part 1's title, who the handout is for and from, and a greeting.
#include "compose/internal.hpp"

namespace takehome::compose::detail {

doc::Blocks header_section(const Context& c) {
    const auto& s = c.s;
    doc::Blocks b;
    b.push_back(heading(1, doc::plain("Your plan"), "section-header", c.source()));
    b.push_back(paragraph({strong_span("For: "), name_span(s.patient.name, true),
                           plain_span(" \u00b7 " + c.date(s.appointment.date))},
                          c.source()));
    doc::Inlines from{strong_span("From: "), name_span(s.clinician.name)};
    if (!s.clinician.role.empty()) from.push_back(plain_span(", " + s.clinician.role));
    if (s.clinic && !s.clinic->name.empty()) {
        from.push_back(plain_span(", "));
        from.push_back(name_span(s.clinic->name));
    }
    b.push_back(paragraph(std::move(from), c.source()));
    doc::Inlines greet;
    if (s.patient.preferred_name && !s.patient.preferred_name->empty()) {
        greet.push_back(name_span(*s.patient.preferred_name));
        greet.push_back(plain_span(", this is your plan from today\u2019s visit. Part 1 is your plan. "
                                   "Part 2 explains more about your back."));
    } else {
        greet.push_back(plain_span("This is your plan from today\u2019s visit. Part 1 is your plan. "
                                   "Part 2 explains more about your back."));
    }
    b.push_back(paragraph(std::move(greet), c.source()));
    return b;
}

}  // namespace takehome::compose::detail
