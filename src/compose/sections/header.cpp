// Section "header": Part 1's title, who the handout is for and from.
#include "compose/internal.hpp"

namespace takehome::compose::detail {

doc::Blocks header_section(const Context& c) {
    const auto& s = c.s;
    doc::Blocks b;
    b.push_back(heading(1, doc::plain(c.say("heading.header")), "section-header", c.source()));
    // One labelled paragraph, so that in large print the plan at a glance still fits on page 1. The clinic's
    // name is in the running header of every page.
    doc::Inlines line{strong_span(c.say("header.for") + " "), name_span(s.patient.name, true),
                      plain_span(" \u00b7 " + c.date(s.appointment.date) + " \u00b7 "),
                      strong_span(c.say("header.from") + " "), name_span(s.clinician.name)};
    if (!s.clinician.role.empty()) line.push_back(plain_span(", " + s.clinician.role));
    b.push_back(paragraph(std::move(line), c.source()));
    return b;
}

}  // namespace takehome::compose::detail
