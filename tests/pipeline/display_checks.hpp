// Whole-handout page properties checked from the display list: stranded headings, widows and orphans,
// split boxes, "Page N of M" and the printers' safe area. Each check returns one readable line per violation.
#pragma once

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "display/display_list.hpp"

namespace display_checks {

using namespace takehome::display;

/// 12.7 mm (0.5 in) in pt: the printers' safe area (layouts/README.md, page.margins_mm lower bound).
inline constexpr double kSafeAreaPt = 12.7 / 25.4 * 72.0;

/// One tagged structure element on one page (TagBegin .. TagEnd), with every item inside it, nested ones too.
struct Element {
    std::string role;                      ///< "H1", "P", "Sect", "Artifact", ...
    std::vector<std::string> ancestors;    ///< roles of the enclosing elements, outermost first
    std::vector<std::size_t> leaves;       ///< indices into Page::items of the non-tag items inside
    std::vector<const GlyphRun*> runs;     ///< the glyph runs inside, in display order
    std::vector<const Image*> images;
    std::string key_;                      ///< see key()

    /// The runs' texts and image paths, concatenated in display order: an identity key (the same line
    /// breaks give the same key, and a piece cut by a page break is a substring of the whole).
    [[nodiscard]] const std::string& key() const { return key_; }
    /// The runs' texts joined by spaces, for messages.
    [[nodiscard]] std::string text() const {
        std::string t;
        for (const GlyphRun* r : runs) t += (t.empty() ? "" : " ") + r->text;
        if (t.empty() && !images.empty()) t = "[image " + images.front()->path + "]";
        return t;
    }
    /// Number of lines: distinct baselines (pt, to 0.01) of the runs.
    [[nodiscard]] std::size_t lines() const {
        std::set<long> baselines;
        for (const GlyphRun* r : runs) baselines.insert(std::lround(r->y * 100));
        return baselines.size();
    }
    [[nodiscard]] bool inside(const std::string& r) const {
        return std::find(ancestors.begin(), ancestors.end(), r) != ancestors.end();
    }
};

/// The structure elements of a page in pre-order (an element precedes the elements nested in it).
inline std::vector<Element> elements(const Page& page) {
    std::vector<Element> out;
    std::vector<std::size_t> open;  // indices into out
    for (std::size_t i = 0; i < page.items.size(); ++i) {
        const Item& item = page.items[i];
        if (const auto* b = std::get_if<TagBegin>(&item)) {
            Element e;
            e.role = b->role;
            for (std::size_t o : open) e.ancestors.push_back(out[o].role);
            open.push_back(out.size());
            out.push_back(std::move(e));
            continue;
        }
        if (std::holds_alternative<TagEnd>(item)) {
            if (!open.empty()) open.pop_back();
            continue;
        }
        for (std::size_t o : open) {
            out[o].leaves.push_back(i);
            if (const auto* r = std::get_if<GlyphRun>(&item)) {
                out[o].runs.push_back(r);
                out[o].key_ += r->text + "\x1f";
            }
            if (const auto* im = std::get_if<Image>(&item)) {
                out[o].images.push_back(im);
                out[o].key_ += "[image " + im->path + "]\x1f";
            }
        }
    }
    return out;
}

/// True for items that put ink on the page (anchors and link areas do not).
inline bool inked(const Item& item) {
    return !std::holds_alternative<Anchor>(item) && !std::holds_alternative<Link>(item) &&
           !std::holds_alternative<TagBegin>(item) && !std::holds_alternative<TagEnd>(item);
}

inline bool is_heading(const std::string& role) { return role == "H1" || role == "H2" || role == "H3"; }

/// A lead-in paragraph: its text, trailing white space ignored, ends with ':' (as in layout/flow.cpp).
inline bool is_lead_in(const Element& e) {
    if (e.role != "P") return false;
    std::string t = e.text();
    while (!t.empty() && (t.back() == ' ' || t.back() == '\n' || t.back() == '\t')) t.pop_back();
    return !t.empty() && t.back() == ':';
}

inline std::string clip(const std::string& s, std::size_t n = 70) { return s.size() <= n ? s : s.substr(0, n) + "..."; }

/// No stranded heading: on every page, the last inked body item (display order = reading order; running
/// header and footer are "Artifact" and do not count) is not part of a heading (H1..H3) nor of a lead-in
/// paragraph ending in ':'.
inline std::vector<std::string> stranded_headings(const DisplayList& list) {
    std::vector<std::string> problems;
    for (std::size_t p = 0; p < list.pages.size(); ++p) {
        const Page& page = list.pages[p];
        const auto els = elements(page);
        std::optional<std::size_t> last;  // index of the last inked body item
        std::set<std::size_t> artifact;
        for (const Element& e : els) {
            if (e.role == "Artifact") artifact.insert(e.leaves.begin(), e.leaves.end());
        }
        for (std::size_t i = 0; i < page.items.size(); ++i) {
            if (inked(page.items[i]) && !artifact.count(i)) last = i;
        }
        if (!last) continue;
        for (const Element& e : els) {
            if (std::find(e.leaves.begin(), e.leaves.end(), *last) == e.leaves.end()) continue;
            if (is_heading(e.role)) {
                problems.push_back("page " + std::to_string(p + 1) + ": heading '" + clip(e.text()) +
                                   "' is the last thing on the page");
            } else if (is_lead_in(e)) {
                problems.push_back("page " + std::to_string(p + 1) + ": lead-in '" + clip(e.text()) +
                                   "' is the last thing on the page");
            }
        }
    }
    return problems;
}

/// Keys (Element::key) of every element with `role` in a list laid out on one very tall page: the whole
/// paragraphs and boxes, before any page break cut them.
inline std::multiset<std::string> whole_keys(const DisplayList& reference, const std::string& role) {
    std::multiset<std::string> keys;
    for (const Page& page : reference.pages) {
        for (const Element& e : elements(page)) {
            if (e.role == role && !e.inside("Artifact")) keys.insert(e.key());
        }
    }
    return keys;
}

/// No widow or orphan: a paragraph ("P") whose text on a page is not a whole paragraph of `reference`
/// (the same document laid out on one very tall page, so same line breaks and no page breaks) was split by
/// a page break; that piece must have at least 2 lines (distinct baselines). Consecutive P elements on one
/// page that together are a part of one whole paragraph count as one piece (should a paragraph ever be tagged
/// as several P elements on a page; fragmented_paragraphs reports that).
inline std::vector<std::string> widows_and_orphans(const DisplayList& list, const DisplayList& reference) {
    std::vector<std::string> problems;
    const auto whole = whole_keys(reference, "P");
    auto part_of_whole = [&](const std::string& key) {
        return std::any_of(whole.begin(), whole.end(), [&](const std::string& w) { return w.find(key) != std::string::npos; });
    };
    for (std::size_t p = 0; p < list.pages.size(); ++p) {
        std::vector<Element> ps;
        for (Element& e : elements(list.pages[p])) {
            if (e.role == "P" && !e.inside("Artifact")) ps.push_back(std::move(e));
        }
        for (std::size_t i = 0; i < ps.size(); ++i) {
            if (whole.count(ps[i].key())) continue;
            // Merge the following pieces while they continue the same whole paragraph.
            Element piece = ps[i];
            while (i + 1 < ps.size() && !whole.count(ps[i + 1].key()) && part_of_whole(piece.key_ + ps[i + 1].key())) {
                ++i;
                piece.key_ += ps[i].key();
                piece.runs.insert(piece.runs.end(), ps[i].runs.begin(), ps[i].runs.end());
            }
            if (piece.lines() < 2) {
                problems.push_back("page " + std::to_string(p + 1) + ": paragraph split by a page break leaves " +
                                   std::to_string(piece.lines()) + " line here: '" + clip(piece.text()) + "'");
            }
        }
    }
    return problems;
}

/// One paragraph, one tag: a paragraph's lines on one page sit in one P element (so a screen reader reads
/// one paragraph, not one per line). Reports P elements that are only a part of a whole paragraph of
/// `reference` while the next P element on the same page continues that paragraph.
inline std::vector<std::string> fragmented_paragraphs(const DisplayList& list, const DisplayList& reference) {
    std::vector<std::string> problems;
    const auto whole = whole_keys(reference, "P");
    for (std::size_t p = 0; p < list.pages.size(); ++p) {
        std::vector<Element> ps;
        for (Element& e : elements(list.pages[p])) {
            if (e.role == "P" && !e.inside("Artifact")) ps.push_back(std::move(e));
        }
        for (std::size_t i = 0; i + 1 < ps.size(); ++i) {
            if (whole.count(ps[i].key()) || whole.count(ps[i + 1].key())) continue;
            const std::string joined = ps[i].key() + ps[i + 1].key();
            if (std::any_of(whole.begin(), whole.end(), [&](const std::string& w) { return w.find(joined) != std::string::npos; })) {
                problems.push_back("page " + std::to_string(p + 1) + ": one paragraph tagged as several P elements: '" +
                                   clip(ps[i].text(), 40) + "' / '" + clip(ps[i + 1].text(), 40) + "'");
            }
        }
    }
    return problems;
}

/// The inked extent (pt) of an item, strokes included; GlyphRuns from ascent to descent. Items with no
/// extent (tags, anchors, links) give an empty box (left > right).
struct Extent {
    double left = 1e300, top = 1e300, right = -1e300, bottom = -1e300;
};

inline Extent extent(const Item& item) {
    return std::visit(
        [](const auto& it) -> Extent {
            using T = std::decay_t<decltype(it)>;
            if constexpr (std::is_same_v<T, GlyphRun>) {
                return {it.x, it.y - it.ascent, it.x + it.width, it.y + it.descent};
            } else if constexpr (std::is_same_v<T, Rect>) {
                const double s = it.stroke ? it.stroke_width / 2 : 0;
                return {it.x - s, it.y - s, it.x + it.w + s, it.y + it.h + s};
            } else if constexpr (std::is_same_v<T, Image>) {
                return {it.x, it.y, it.x + it.w, it.y + it.h};
            } else if constexpr (std::is_same_v<T, Path>) {
                Extent e;
                const double s = it.stroke_width / 2;
                for (const auto& [x, y] : it.points) {
                    e = {std::min(e.left, x - s), std::min(e.top, y - s), std::max(e.right, x + s),
                         std::max(e.bottom, y + s)};
                }
                return e;
            } else if constexpr (std::is_same_v<T, Circle>) {
                const double r = it.r + it.stroke_width / 2;
                return {it.cx - r, it.cy - r, it.cx + r, it.cy + r};
            } else {
                return {};
            }
        },
        item);
}

/// A box split across pages that is taller than the page body, so it cannot be kept whole.
struct SplitBox {
    std::size_t page = 0;   ///< 1-based page of the piece
    std::string text;
    double height = 0;      ///< pt, the whole box in the reference
};

/// No split box. Boxes are the outermost "Sect" elements (layout/flow.cpp tags every doc::Box, whatever
/// its style, as one "Sect": exercise groups, the plan summary, warning and note boxes). A box piece on a
/// page whose key is not the key of a whole box in `reference` (the same document on one very tall page)
/// was cut by a page break. That is allowed only for a box taller than `body_height` (pt, the page body):
/// such boxes are listed in `unavoidable`; every other cut box is a violation.
inline std::vector<std::string> split_boxes(const DisplayList& list, const DisplayList& reference, double body_height,
                                            std::vector<SplitBox>* unavoidable = nullptr) {
    std::vector<std::string> problems;
    struct Whole {
        std::string key;
        double height;
    };
    std::vector<Whole> wholes;
    for (const Page& page : reference.pages) {
        for (const Element& e : elements(page)) {
            if (e.role != "Sect" || e.inside("Sect") || e.inside("Artifact")) continue;
            double top = 1e300, bottom = -1e300;
            for (std::size_t i : e.leaves) {
                const auto [l, t, r, b] = extent(page.items[i]);
                top = std::min(top, t);
                bottom = std::max(bottom, b);
            }
            wholes.push_back({e.key(), bottom - top});
        }
    }
    // Page 1 carries the at-a-glance box: when it cannot fit whole under the header it is split between its
    // parts rather than moved to page 2 (issue 10), so a box cut on page 1 may go on over page 2.
    const Whole* cut_on_page_one = nullptr;
    for (std::size_t p = 0; p < list.pages.size(); ++p) {
        for (const Element& e : elements(list.pages[p])) {
            if (e.role != "Sect" || e.inside("Sect") || e.inside("Artifact")) continue;
            const std::string key = e.key();
            if (std::any_of(wholes.begin(), wholes.end(), [&](const Whole& w) { return w.key == key; })) continue;
            if (p <= 1) {
                const Whole* whole = nullptr;
                for (const Whole& w : wholes)
                    if (!key.empty() && w.key.find(key) != std::string::npos) whole = &w;
                if (p == 0 && whole) {
                    cut_on_page_one = whole;
                    continue;
                }
                if (p == 1 && whole && whole == cut_on_page_one) continue;
            }
            // A piece: find the whole box it was cut from (the piece's text is a part of it).
            const Whole* from = nullptr;
            for (const Whole& w : wholes) {
                if (!key.empty() && w.key.find(key) != std::string::npos) from = &w;
            }
            if (from && from->height > body_height) {
                if (unavoidable) unavoidable->push_back({p + 1, e.text(), from->height});
                continue;
            }
            std::ostringstream msg;
            msg << "page " << p + 1 << ": box split across pages: '" << clip(e.text()) << "'";
            if (from) msg << " (the whole box is " << from->height << " pt, the page body " << body_height << " pt)";
            else msg << " (no whole box in the reference has this text)";
            problems.push_back(msg.str());
        }
    }
    return problems;
}

/// The running footer's text on a page: the "Artifact" runs on the lowest baseline, in display order.
inline std::string footer_text(const Page& page) {
    std::vector<const GlyphRun*> runs;
    for (const Element& e : elements(page)) {
        if (e.role == "Artifact" && !e.inside("Artifact")) runs.insert(runs.end(), e.runs.begin(), e.runs.end());
    }
    double lowest = -1e300;
    for (const GlyphRun* r : runs) lowest = std::max(lowest, r->y);
    std::string text;
    for (const GlyphRun* r : runs) {
        if (std::fabs(r->y - lowest) < 0.01) text += r->text;
    }
    return text;
}

/// "Page N of M" on every page: the footer says it exactly once with N = page index + 1 and M = page count,
/// and the footer sits below every body item.
inline std::vector<std::string> page_numbers(const DisplayList& list) {
    std::vector<std::string> problems;
    const std::size_t total = list.pages.size();
    static const std::regex page_of(R"(Page (\d+) of (\d+))");
    for (std::size_t p = 0; p < total; ++p) {
        const Page& page = list.pages[p];
        const std::string footer = footer_text(page);
        const std::string expected = "Page " + std::to_string(p + 1) + " of " + std::to_string(total);
        std::size_t found = 0;
        bool right = false;
        for (auto it = std::sregex_iterator(footer.begin(), footer.end(), page_of); it != std::sregex_iterator(); ++it) {
            ++found;
            right = it->str() == expected;
        }
        if (found != 1 || !right) {
            problems.push_back("page " + std::to_string(p + 1) + ": footer '" + footer + "', expected it to say '" +
                               expected + "' once");
        }
    }
    return problems;
}

/// Every GlyphRun, Rect, Image, Path and Circle lies on the page and inside the printers' safe area
/// (`margin` pt from each edge; GlyphRuns from ascent to descent, strokes included).
inline std::vector<std::string> outside_safe_area(const DisplayList& list, double margin = kSafeAreaPt) {
    std::vector<std::string> problems;
    constexpr double kEps = 1e-6;
    for (std::size_t p = 0; p < list.pages.size(); ++p) {
        const Page& page = list.pages[p];
        for (const Item& item : page.items) {
            if (!inked(item)) continue;
            const auto [left, top, right, bottom] = extent(item);
            if (left < margin - kEps || right > page.width - margin + kEps || top < margin - kEps ||
                bottom > page.height - margin + kEps) {
                std::ostringstream msg;
                std::string what = "shape";
                if (const auto* r = std::get_if<GlyphRun>(&item)) what = "text '" + clip(r->text, 40) + "'";
                if (const auto* im = std::get_if<Image>(&item)) what = "image " + im->path;
                if (std::holds_alternative<Rect>(item)) what = "rectangle";
                msg << "page " << p + 1 << ": " << what << " spans x " << left << ".." << right << ", y " << top << ".."
                    << bottom << " pt; the safe area is " << margin << ".." << page.width - margin << " x " << margin
                    << ".." << page.height - margin;
                problems.push_back(msg.str());
            }
        }
    }
    return problems;
}

/// All problems joined one per line (for CHECK_MESSAGE).
inline std::string lines_of(const std::vector<std::string>& problems) {
    std::string out;
    for (const auto& p : problems) out += p + "\n";
    return out;
}

}  // namespace display_checks
