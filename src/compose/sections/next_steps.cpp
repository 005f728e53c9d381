// Section "next-steps": day-to-day advice, the next visit, the review date and how to reach the clinic.
#include "compose/internal.hpp"
#include "compose/plain_words.hpp"

namespace takehome::compose::detail {

doc::Blocks next_steps_section(const Context& c) {
    const auto& s = c.s;
    const std::string& src = c.source();
    doc::Blocks b;
    b.push_back(heading(1, doc::plain(c.say("heading.next_steps")), "section-next-steps", src));
    if (s.plan.activity_advice.size() > 1) {
        // The first piece of advice is already in the plan at a glance.
        b.push_back(lead_in({strong_span(c.say("next.day_to_day"))}, src));
        b.push_back(bullet_list({s.plan.activity_advice.begin() + 1, s.plan.activity_advice.end()}, src));
    }
    // The next visit and the review of the scores, as one sentence when both are given.
    const auto& next = s.plan.next_appointment;
    const auto& review = s.plan.review_measures_on;
    if (next && review)
        b.push_back(paragraph(doc::plain(c.say("next.appointment_and_review",
                                               {{"date", c.date(*next)}, {"review", c.date(*review)}})),
                              src));
    else if (next)
        b.push_back(paragraph(doc::plain(c.say("next.appointment", {{"date", c.date(*next)}})), src));
    else if (review)
        b.push_back(paragraph(doc::plain(c.say("next.review", {{"date", c.date(*review)}})), src));
    if (s.clinic && s.clinic->booking_url) {
        const std::string& url = *s.clinic->booking_url;
        b.push_back(qr_block(with_spans(c.say("next.booking"), {{"link", link_span(short_address(url), url)}}), url,
                             "the clinic's booking page", src, /*print_address=*/false));
    }
    if (s.clinic) {
        const auto& k = *s.clinic;
        doc::List contact;
        if (k.phone && !k.phone->empty()) {
            doc::Span phone = name_span(*k.phone);
            phone.link = tel_uri(*k.phone);
            contact.items.push_back({plain_span(c.say("next.phone") + " "), phone});
        }
        if (k.email && !k.email->empty())
            contact.items.push_back({plain_span(c.say("next.email") + " "), link_span(*k.email, "mailto:" + *k.email)});
        if (k.website && !k.website->empty())
            contact.items.push_back({plain_span(c.say("next.website") + " "), link_span(*k.website, web_uri(*k.website))});
        if (!k.address.empty()) {
            std::string addr;
            for (const auto& line : k.address) addr += (addr.empty() ? "" : ", ") + line;
            contact.items.push_back({plain_span(c.say("next.address") + " "), plain_span(addr)});
        }
        if (!contact.items.empty()) {
            // A sentence as the list's label (a lead-in: kept with the list).
            b.push_back(lead_in(with_spans(c.say("next.contact"), {{"clinic", name_span(k.name, true)}}, true), src));
            b.push_back(doc::Block(std::move(contact), src));
        }
    }
    return b;
}

}  // namespace takehome::compose::detail
