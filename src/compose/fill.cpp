// The fill step of compose: placeholders in content ({emergency_number}, {clinic_contact}, ...) filled from
// the clinic profile and the handout's language, and the small span and block builders.
#include <algorithm>

#include "compose/internal.hpp"
#include "compose/plain_words.hpp"

namespace takehome::compose::detail {

using doc::Block;
using doc::Blocks;
using doc::Inlines;
using doc::Span;

Span plain_span(std::string text) { return Span{std::move(text)}; }

Span strong_span(std::string text) {
    Span s{std::move(text)};
    s.strong = true;
    return s;
}

Span name_span(std::string text, bool strong) {
    Span s{std::move(text)};
    s.no_hyphens = true;
    s.strong = strong;
    return s;
}

Span link_span(std::string text, std::string uri) {
    Span s{std::move(text)};
    s.no_hyphens = true;
    s.link = std::move(uri);
    return s;
}

Block heading(int level, Inlines text, std::string id, const std::string& source) {
    doc::Heading h;
    h.level = level;
    h.text = std::move(text);
    h.id = std::move(id);
    return Block(std::move(h), source);
}

Block paragraph(Inlines text, const std::string& source) { return Block(doc::Paragraph{std::move(text)}, source); }

Block lead_in(Inlines text, const std::string& source) {
    Block b = paragraph(std::move(text), source);
    b.keep_with_next = true;
    return b;
}

Block bullet_list(const std::vector<std::string>& items, const std::string& source) {
    doc::List l;
    for (const auto& i : items) l.items.push_back(doc::plain(i));
    return Block(std::move(l), source);
}

// Placeholders: {emergency_number} (the clinic's; required in a profile), {urgent_advice}, {clinic_name},
// {clinic_phone}, {emergency_place} ("A&E" in en-GB, "the emergency room" in en-US) and {clinic_contact}
// (the phone, else the e-mail, else the catalogue's fallback.clinic, "your physiotherapy clinic": never a
// bare "the clinic"). What is printed when the profile lacks a value is the catalogue's fallback.*.
std::vector<Placeholder> placeholders_for(const model::AssessmentSummary& s, const content::Strings& words) {
    std::vector<Placeholder> out;
    const auto& clinic = s.clinic;
    if (clinic && !clinic->emergency_number.empty())
        out.push_back({"{emergency_number}", clinic->emergency_number, tel_uri(clinic->emergency_number), true});
    else
        out.push_back({"{emergency_number}", words.say("fallback.emergency_number"), std::nullopt, false});
    if (clinic && clinic->urgent_advice && !clinic->urgent_advice->empty())
        out.push_back({"{urgent_advice}", *clinic->urgent_advice, std::nullopt, true});
    else
        out.push_back({"{urgent_advice}", words.say("fallback.urgent_advice"), std::nullopt, false});
    if (clinic && !clinic->name.empty())
        out.push_back({"{clinic_name}", clinic->name, std::nullopt, true});
    else
        out.push_back({"{clinic_name}", words.say("fallback.clinic"), std::nullopt, false});
    const bool phone = clinic && clinic->phone && !clinic->phone->empty();
    const bool email = clinic && clinic->email && !clinic->email->empty();
    if (phone)
        out.push_back({"{clinic_phone}", *clinic->phone, tel_uri(*clinic->phone), true});
    else
        out.push_back({"{clinic_phone}", words.say("fallback.clinic"), std::nullopt, false});
    out.push_back({"{emergency_place}", words.say("place.emergency"), std::nullopt, false});
    if (phone)
        out.push_back({"{clinic_contact}", *clinic->phone, tel_uri(*clinic->phone), true});
    else if (email)
        out.push_back({"{clinic_contact}", *clinic->email, "mailto:" + *clinic->email, true});
    else
        out.push_back({"{clinic_contact}", words.say("fallback.clinic"), std::nullopt, false});
    return out;
}

namespace {

/// Replaces placeholders in one span; a filled-in phone number or name becomes its own span (no
/// hyphenation, tel: link when the span has no link of its own).
void substitute_span(const Span& in, const std::vector<Placeholder>& ph, Inlines& out) {
    std::string rest = in.text;
    Span current = in;
    current.text.clear();
    while (!rest.empty()) {
        std::size_t best = std::string::npos;
        const Placeholder* which = nullptr;
        for (const auto& p : ph) {
            const auto at = rest.find(p.key);
            if (at != std::string::npos && at < best) {
                best = at;
                which = &p;
            }
        }
        if (!which) {
            current.text += rest;
            break;
        }
        current.text += rest.substr(0, best);
        if (!current.text.empty()) out.push_back(current);
        current.text.clear();
        Span filled = in;
        filled.text = which->value;
        filled.no_hyphens = in.no_hyphens || which->is_name;
        if (!filled.link && which->link) filled.link = which->link;
        out.push_back(std::move(filled));
        rest = rest.substr(best + which->key.size());
    }
    if (!current.text.empty()) out.push_back(std::move(current));
}


}  // namespace

Inlines substitute(const Inlines& in, const std::vector<Placeholder>& ph) {
    Inlines out;
    for (const auto& s : in) {
        Span copy = s;
        if (copy.link) {
            // A link target may hold a placeholder too ("tel:{clinic_phone}").
            for (const auto& p : ph) {
                const auto at = copy.link->find(p.key);
                if (at == std::string::npos) continue;
                const bool tel = copy.link->rfind("tel:", 0) == 0;
                std::string value = p.value;
                if (tel && p.link) value = p.link->substr(4);
                copy.link->replace(at, p.key.size(), value);
            }
        }
        substitute_span(copy, ph, out);
    }
    return out;
}

std::vector<Inlines> substitute_all(const std::vector<Inlines>& in, const std::vector<Placeholder>& ph) {
    std::vector<Inlines> out;
    for (const auto& i : in) out.push_back(substitute(i, ph));
    return out;
}

/// Copies content blocks with placeholders filled in and headings demoted below `min_level`
/// (a topic's own "##" must not compete with the section and topic headings).
Blocks adapt_content(const Blocks& blocks, const std::vector<Placeholder>& ph, int min_level) {
    Blocks out;
    out.reserve(blocks.size());
    for (const auto& b : blocks) {
        Block copy = b;
        std::visit(
            [&](auto& n) {
                using T = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<T, doc::Heading>) {
                    n.text = substitute(n.text, ph);
                    n.level = std::max(n.level, min_level);
                    n.outline = false;
                } else if constexpr (std::is_same_v<T, doc::Paragraph>) {
                    n.text = substitute(n.text, ph);
                } else if constexpr (std::is_same_v<T, doc::List>) {
                    for (auto& item : n.items) item = substitute(item, ph);
                } else if constexpr (std::is_same_v<T, doc::Table>) {
                    if (n.header)
                        for (auto& c : *n.header) c.text = substitute(c.text, ph);
                    for (auto& row : n.rows)
                        for (auto& c : row) c.text = substitute(c.text, ph);
                } else if constexpr (std::is_same_v<T, doc::Box>) {
                    n.title = substitute(n.title, ph);
                    n.content = adapt_content(n.content, ph, min_level);
                } else if constexpr (std::is_same_v<T, doc::Columns>) {
                    for (auto& column : n.columns) column = adapt_content(column, ph, min_level);
                }
            },
            copy.node);
        out.push_back(std::move(copy));
    }
    return out;
}

namespace {
bool inlines_mention(const Inlines& inl, const std::string& needle) {
    return std::any_of(inl.begin(), inl.end(), [&](const Span& s) { return s.text.find(needle) != std::string::npos; });
}

}  // namespace

bool blocks_mention(const Blocks& blocks, const std::string& needle) {
    for (const auto& b : blocks) {
        const bool hit = std::visit(
            [&](const auto& n) -> bool {
                using T = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<T, doc::Heading> || std::is_same_v<T, doc::Paragraph>) {
                    return inlines_mention(n.text, needle);
                } else if constexpr (std::is_same_v<T, doc::List>) {
                    return std::any_of(n.items.begin(), n.items.end(),
                                       [&](const Inlines& i) { return inlines_mention(i, needle); });
                } else if constexpr (std::is_same_v<T, doc::Box>) {
                    return blocks_mention(n.content, needle);
                } else if constexpr (std::is_same_v<T, doc::Columns>) {
                    return std::any_of(n.columns.begin(), n.columns.end(),
                                       [&](const Blocks& column) { return blocks_mention(column, needle); });
                } else {
                    return false;
                }
            },
            b.node);
        if (hit) return true;
    }
    return false;
}

/// "file:line" (a content block's source) as a position; "compose:..." and "" give an unknown position.
namespace {
SourcePos position_of(const std::string& source) {
    const auto colon = source.rfind(':');
    if (colon == std::string::npos) return SourcePos{source, 0, 0};
    SourcePos p;
    p.file = source.substr(0, colon);
    try {
        p.line = std::stoi(source.substr(colon + 1));
    } catch (const std::exception&) {
        p.file = source;
    }
    return p;
}

}  // namespace

namespace {
/// The first "{name}" (lower-case letters and '_') left in a text, or "".
std::string leftover_placeholder(const std::string& text) {
    for (auto open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
        std::size_t i = open + 1;
        while (i < text.size() && ((text[i] >= 'a' && text[i] <= 'z') || text[i] == '_')) ++i;
        if (i > open + 1 && i < text.size() && text[i] == '}') return text.substr(open, i - open + 1);
    }
    return "";
}

}  // namespace

/// Warns about placeholders the content uses that compose does not know (a typo prints literally).
/// Only content blocks are checked: patient text in compose's own blocks may hold braces on purpose.
void warn_unknown_placeholders(const Blocks& blocks, Diagnostics& diags, const std::string& own_source) {
    for (const auto& b : blocks) {
        if (const auto* box = std::get_if<doc::Box>(&b.node)) {
            warn_unknown_placeholders(box->content, diags, own_source);
            continue;
        }
        if (const auto* cols = std::get_if<doc::Columns>(&b.node)) {
            for (const auto& column : cols->columns) warn_unknown_placeholders(column, diags, own_source);
            continue;
        }
        if (b.source.empty() || b.source == own_source) continue;
        std::vector<const Inlines*> texts;
        if (const auto* h = std::get_if<doc::Heading>(&b.node)) texts.push_back(&h->text);
        if (const auto* p = std::get_if<doc::Paragraph>(&b.node)) texts.push_back(&p->text);
        if (const auto* l = std::get_if<doc::List>(&b.node))
            for (const auto& item : l->items) texts.push_back(&item);
        for (const auto* t : texts)
            for (const auto& span : *t)
                if (const auto ph = leftover_placeholder(span.text); !ph.empty())
                    diags.warning(position_of(b.source),
                                  "unknown placeholder '" + ph + "' in content, expected one of {emergency_number}, "
                                  "{urgent_advice}, {clinic_name}, {clinic_phone}, {emergency_place}, {clinic_contact}; it prints as written");
    }
}


}  // namespace takehome::compose::detail
