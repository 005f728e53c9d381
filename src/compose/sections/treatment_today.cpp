// Section "treatment-today": only after hands-on care: what was done, why, and that mild soreness settles.
#include "compose/internal.hpp"

namespace takehome::compose::detail {

doc::Blocks treatment_today_section(const Context& c) {
    if (!c.s.plan.manual_therapy) return {};
    const auto& mt = *c.s.plan.manual_therapy;
    const std::string& src = c.source();
    doc::Blocks b;
    b.push_back(heading(1, doc::plain(c.say("heading.treatment_today")), "section-treatment-today", src));
    if (!mt.techniques.empty()) {
        b.push_back(lead_in({strong_span(c.say("treatment.techniques"))}, src));
        b.push_back(bullet_list(mt.techniques, src));
    }
    if (!mt.purpose.empty()) b.push_back(paragraph(c.labelled("treatment.why", mt.purpose), src));
    b.push_back(paragraph(doc::plain(c.say("treatment.soreness")),
                          src));
    return b;
}

}  // namespace takehome::compose::detail
