// Section "flare-ups": the standard flare-up plan, what eases this patient's pain (one sentence), and their own plan.
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
        // One sentence, not a list: "You told us that walking and a hot shower ease your pain, so use them
        // when it flares up." Each item reads inside the sentence (in_sentence: "Walking" -> "walking").
        std::vector<std::string> items;
        for (const auto& e : easing) {
            std::string item = in_sentence(e);
            while (!item.empty() && (item.back() == '.' || item.back() == ' ')) item.pop_back();
            items.push_back(std::move(item));
        }
        b.push_back(paragraph(doc::plain(c.count("flare.easing", static_cast<int>(items.size()),
                                                 {{"items", join_items(items, c.words)}})),
                              src));
    }
    if (c.s.plan.flare_up_notes && !c.s.plan.flare_up_notes->empty())
        b.push_back(paragraph(c.labelled("flare.own_plan", *c.s.plan.flare_up_notes), src));
    return b;
}

}  // namespace takehome::compose::detail
