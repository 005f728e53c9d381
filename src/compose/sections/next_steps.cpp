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
        b.push_back(paragraph({strong_span("Day to day:")}, src));
        b.push_back(bullet_list({s.plan.activity_advice.begin() + 1, s.plan.activity_advice.end()}, src));
    }
    if (s.plan.next_appointment)
        b.push_back(paragraph(doc::plain("Your next appointment is on " + c.date(*s.plan.next_appointment) + "."), src));
    if (s.plan.review_measures_on)
        b.push_back(paragraph(doc::plain("We will check your scores again on " + c.date(*s.plan.review_measures_on) + "."),
                              src));
    if (s.clinic && s.clinic->booking_url) {
        const std::string& url = *s.clinic->booking_url;
        b.push_back(qr_block({plain_span("To book or change an appointment, scan the code or go to "),
                              link_span(short_address(url), url), plain_span(".")},
                             url, "the clinic's booking page", src));
    }
    if (s.clinic) {
        const auto& k = *s.clinic;
        doc::List contact;
        if (k.phone && !k.phone->empty()) {
            doc::Span phone = name_span(*k.phone);
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
            b.push_back(paragraph({strong_span("Contact "), name_span(k.name, true), strong_span(":")}, src));
            b.push_back(doc::Block(std::move(contact), src));
        }
    }
    return b;
}

}  // namespace takehome::compose::detail
