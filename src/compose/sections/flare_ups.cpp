// Section "flare-ups": the standard flare-up plan, what eases this patient's pain, and their own plan.
#include "compose/internal.hpp"

namespace takehome::compose::detail {

doc::Blocks flare_ups_section(const Context& c) {
    const std::string& src = c.source();
    doc::Blocks b;
    b.push_back(heading(1, doc::plain(c.say("heading.flare_ups")), "section-flare-ups", src));
    if (const content::Topic* t = c.lib.topic(kFlareUps))
        for (auto& blk : adapt_content(t->body, c.ph, 3)) b.push_back(std::move(blk));
    const auto& easing = c.s.assessment.easing;
    if (!easing.empty()) {
        b.push_back(paragraph({strong_span("You told us these ease your pain."),
                               plain_span(" They are safe to use when your pain is bad or flares up:")},
                              src));
        b.push_back(bullet_list(easing, src));
    }
    if (c.s.plan.flare_up_notes && !c.s.plan.flare_up_notes->empty())
        b.push_back(paragraph({strong_span("Your own plan: "), plain_span(*c.s.plan.flare_up_notes)}, src));
    return b;
}

}  // namespace takehome::compose::detail
