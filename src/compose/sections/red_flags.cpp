// Sections "safety-first" and "red-flags": the warning signs in three graded tiers
// (../shared/spec/safety-netting.md): emergency now, urgent advice the same day, contact the clinic.
#include <algorithm>

#include "compose/internal.hpp"

namespace takehome::compose::detail {

namespace {

/// Splits a topic body into its intro (the blocks before the first sub-heading) and one group per
/// sub-heading (the heading and the blocks up to the next heading of the same or a higher level).
std::pair<doc::Blocks, std::vector<doc::Blocks>> split_at_subheadings(const doc::Blocks& body) {
    doc::Blocks intro;
    std::vector<doc::Blocks> parts;
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

/// A `plan.safety_notes` line's tier (0 emergency, 1 today, 2 contact) and its text without the prefix.
std::pair<std::size_t, std::string> note_tier(const std::string& note) {
    static const std::pair<const char*, std::size_t> prefixes[] = {{"emergency:", 0}, {"today:", 1}, {"contact:", 2}};
    for (const auto& [prefix, tier] : prefixes) {
        const std::string p = prefix;
        if (note.size() >= p.size() && std::equal(p.begin(), p.end(), note.begin(), [](char a, char b) {
                return a == std::tolower(static_cast<unsigned char>(b));
            })) {
            std::string rest = note.substr(p.size());
            rest.erase(0, rest.find_first_not_of(' '));
            return {tier, rest};
        }
    }
    return {1, note};
}

}  // namespace

SafetyTiers safety_tiers(const Context& c) {
    SafetyTiers out;
    out.tiers.resize(3);
    if (const content::Topic* t = c.lib.topic(kRedFlags)) {
        auto [intro, parts] = split_at_subheadings(adapt_content(t->body, c.ph, 3));
        out.intro = std::move(intro);
        for (std::size_t i = 0; i < parts.size(); ++i)
            for (auto& blk : parts[i]) out.tiers[std::min<std::size_t>(i, 2)].push_back(std::move(blk));
    }
    // The emergency tier's heading is set larger (level 2): the number in large bold type.
    if (!out.tiers[0].empty())
        if (auto* h = std::get_if<doc::Heading>(&out.tiers[0].front().node)) h->level = 2;
    const auto& em = c.ph.front();  // {emergency_number}
    if (!blocks_mention(out.tiers[0], em.value)) {
        doc::Span number = name_span(em.value, true);
        number.link = em.link;
        out.tiers[0].push_back(paragraph(with_spans(c.say("safety.call_emergency"), {{"number", number}}, true), c.source()));
    }
    std::vector<std::vector<std::string>> notes(3);
    for (const auto& n : c.s.plan.safety_notes) {
        auto [tier, text] = note_tier(n);
        if (!text.empty()) notes[tier].push_back(text);
    }
    for (std::size_t i = 0; i < 3; ++i) {
        if (notes[i].empty()) continue;
        out.tiers[i].push_back(lead_in({strong_span(c.say("safety.from_physio"))}, c.source()));
        out.tiers[i].push_back(bullet_list(notes[i], c.source()));
    }
    return out;
}

doc::Block tier_box(std::size_t tier, doc::Blocks content, const Context& c) {
    static const doc::BoxStyle styles[] = {doc::BoxStyle::emergency, doc::BoxStyle::urgent, doc::BoxStyle::calm};
    const std::string id = tier == 0 ? "box-red-flags" : "box-red-flags-" + std::to_string(tier + 1);
    doc::Box box(styles[std::min<std::size_t>(tier, 2)], {}, std::move(content), id);
    // A framed tier is self-contained: it may use the full content width (fewer lines, so it fits a page).
    box.full_width = true;
    return doc::Block(std::move(box), c.source());
}

doc::Blocks safety_first_section(const Context& c) {
    if (!c.emergency_first) return {};
    const auto& a = c.s.assessment;
    auto tiers = safety_tiers(c);
    doc::Blocks inside;
    const std::string why = c.say(a.red_flags_screened ? "safety_first.why_both_legs" : "safety_first.why_not_screened");
    inside.push_back(paragraph({strong_span(why), plain_span(" " + c.say("safety_first.act"))}, c.source()));
    for (auto& blk : tiers.tiers[0]) inside.push_back(std::move(blk));
    doc::Blocks b;
    b.push_back(heading(1, doc::plain(c.say("heading.safety_first")), "section-safety-first", c.source()));
    b.push_back(tier_box(0, std::move(inside), c));
    return b;
}

doc::Blocks red_flags_section(const Context& c) {
    auto tiers = safety_tiers(c);
    doc::Blocks inside = std::move(tiers.intro);
    if (c.emergency_first) {
        inside.push_back(paragraph(with_spans(c.say("red_flags.see_box"),
                                              {{"link", link_span(c.say("red_flags.see_box.link"), "#box-red-flags")}}),
                                   c.source()));
    } else {
        inside.push_back(tier_box(0, std::move(tiers.tiers[0]), c));
    }
    inside.push_back(tier_box(1, std::move(tiers.tiers[1]), c));
    inside.push_back(tier_box(2, std::move(tiers.tiers[2]), c));
    inside.insert(inside.begin(), heading(1, doc::plain(c.say("heading.red_flags")), "section-red-flags", c.source()));
    // The whole section, heading included, is one kept-together group, so it sits whole on one page. It is
    // set at the full content width (the tiers are framed, self-contained boxes), so that it fits. It may
    // float: when it does not fit the rest of a page, the next section fills that space first.
    doc::Box group(doc::BoxStyle::group, {}, std::move(inside), "box-warning-signs");
    group.full_width = true;
    doc::Block section(std::move(group), c.source());
    section.may_float = true;
    doc::Blocks b;
    b.push_back(std::move(section));
    return b;
}

}  // namespace takehome::compose::detail
