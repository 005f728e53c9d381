// layout_document: page geometry, accent contrast check, the page breaker (keep-with-next, widows and
// orphans, unsplittable chunks, repeated table headers) and the running header/footer ("Page N of M").
#include "layout/layout.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "base/text.hpp"
#include "layout/flow.hpp"
#include "layout/fonts.hpp"
#include "layout/shape.hpp"
#include "model/language.hpp"

namespace takehome::layout {
namespace {

using detail::Chunk;

constexpr double kMinContrast = 4.5;      // WCAG 2.x AA for normal text
constexpr double kHeaderRule = 0.5;       // pt, thin rule under the running header
constexpr double kLogoMaxWidth = 120;     // pt

/// WCAG 2.x relative luminance of an sRGB colour.
double luminance(const display::Colour& c) {
    auto lin = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

/// Contrast ratio against white (1..21).
double contrast_with_white(const display::Colour& c) { return 1.05 / (luminance(c) + 0.05); }

std::string hex(const display::Colour& c) {
    char buf[8];
    auto byte = [](double v) { return static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * 255)); };
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", byte(c.r), byte(c.g), byte(c.b));
    return buf;
}

/// The accent colour, darkened in 5 % steps until it keeps 4.5:1 against white (with a warning).
display::Colour checked_accent(const model::LayoutSpec& spec, Diagnostics& diags) {
    display::Colour c = detail::to_colour(spec.accent_colour);
    const double ratio = contrast_with_white(c);
    if (ratio >= kMinContrast) return c;
    display::Colour dark = c;
    while (contrast_with_white(dark) < kMinContrast) {
        dark = {dark.r * 0.95, dark.g * 0.95, dark.b * 0.95};
    }
    char ratio_text[16];
    std::snprintf(ratio_text, sizeof ratio_text, "%.1f:1", ratio);
    const SourcePos where = spec.accent_pos.file.empty() ? SourcePos{spec.source_file, 0, 0} : spec.accent_pos;
    diags.warning(where, "accent colour " + hex(c) + " has a contrast of " + ratio_text +
                                                         " with white, expected at least 4.5:1; darkened to " + hex(dark));
    return dark;
}

std::string replace_all(std::string text, const std::string& field, const std::string& value) {
    for (std::size_t at = text.find(field); at != std::string::npos; at = text.find(field, at + value.size())) {
        text.replace(at, field.size(), value);
    }
    return text;
}

/// `utf8` cut to at most `max` code points, ending with "…" (U+2026) when it was longer.
std::string cut_field(const std::string& utf8, std::size_t max) {
    std::size_t points = 0;
    for (std::size_t at = 0; at < utf8.size(); ++at) {
        if ((static_cast<unsigned char>(utf8[at]) & 0xC0) == 0x80) continue;  // a continuation byte
        if (points == max) return utf8.substr(0, at) + "\u2026";
        ++points;
    }
    return utf8;
}

/// The user's fields of a running header or footer ({clinic}, {patient}, {date}) and the page numbers.
struct RunningFields {
    std::string clinic, patient, date;
    int page = 1, pages = 1;
    /// `pattern` with every field filled, each user field cut to at most `cap` code points (with "…"). User
    /// text holding right-to-left letters is isolated (FSI ... PDI), so it cannot pull the date or the page
    /// number next to it into its run (issue 11). Left-to-right text is left as it is, also in a right-to-left
    /// handout: the header's pattern then keeps the order its own text gives it.
    [[nodiscard]] std::string fill(const std::string& pattern, std::size_t cap) const {
        std::string t = replace_all(pattern, "{clinic}", isolated(cut_field(clinic, cap), false));
        t = replace_all(t, "{patient}", isolated(cut_field(patient, cap), false));
        t = replace_all(t, "{date}", isolated(cut_field(date, cap), false));
        t = replace_all(t, "{page}", std::to_string(page));
        return replace_all(t, "{pages}", std::to_string(pages));
    }
};

/// The narrowest a glyph of running text is taken to be, as a fraction of its size (Noto Sans' narrowest
/// letters and the space advance about 0.26 em): a field needs no more code points than the line's width over
/// this to fill the line, so the search below shapes short texts even for a 5,000-character name.
constexpr double kNarrowestGlyphEm = 0.2;

/// One line of running header or footer text: `pattern` filled, set as one line at most `width` pt wide. When
/// the filled line is wider, the user's fields are shortened with an ellipsis, each to the same largest number
/// of code points that lets the line fit (found by bisection), so the pattern's own words and "Page N of M"
/// stay whole (issue 10: a 5,000-character name pushed the page number out of the footer). Only when even "…"
/// for every field does not fit is the line itself ellipsized at its end.
detail::ShapedText running_text(const std::string& pattern, const RunningFields& fields, detail::TextOptions o,
                                double width, detail::ShapeEnv& env) {
    // Widths are measured unwrapped; the line is then set at `width` as one ellipsized line, so a right-to-left
    // handout aligns it at the right margin as before.
    o.single_line = false;
    auto natural_width = [&](std::size_t cap) {
        return detail::shape_text(doc::plain(fields.fill(pattern, cap)), o, 0, env).max_width;
    };
    auto set = [&](std::size_t cap) {
        detail::TextOptions line = o;
        line.single_line = true;
        return detail::shape_text(doc::plain(fields.fill(pattern, cap)), line, width, env);
    };
    const std::size_t longest = std::max({utf8_length(fields.clinic), utf8_length(fields.patient), utf8_length(fields.date)});
    const auto bound = static_cast<std::size_t>(std::ceil(width / (o.style->size_pt * kNarrowestGlyphEm)));
    const std::size_t top_cap = std::min(longest, bound);
    if (top_cap == longest) {
        // The common case, every field whole: one shaping when it fits. A left-to-right line set unwrapped is the
        // line set at `width` (left-aligned, nothing to ellipsize); a right-to-left one is aligned by setting it.
        detail::ShapedText whole = detail::shape_text(doc::plain(fields.fill(pattern, top_cap)), o, 0, env);
        if (whole.max_width <= width) return env.rtl ? set(top_cap) : whole;
    } else if (natural_width(top_cap) <= width) {
        return set(top_cap);
    }
    if (natural_width(0) > width) return set(0);  // even the pattern alone is too wide: the line is ellipsized
    std::size_t lo = 0, hi = top_cap;             // cap lo fits, cap hi does not
    while (hi - lo > 1) {
        const std::size_t mid = lo + (hi - lo) / 2;
        (natural_width(mid) <= width ? lo : hi) = mid;
    }
    return set(lo);
}

/// A placed chunk: the chunk (from the flow or a repeated header) and its top relative to the body top.
struct Placement {
    const Chunk* chunk;
    double y;
};

/// True when the chunk may be set before a float that did not fit (see paginate): flexible text, or a kept-whole
/// block no taller than rules.movable_kept_fraction of the body (a QR code with its words, a short box), so a
/// section such as "Your next steps" is not cut in two by the float. Taller kept blocks (exercise cards, the
/// diary) keep their place.
bool movable_before_float(const Chunk& c, double body_height, const model::PaginationRules& rules) {
    if (c.may_float || c.float_barrier || c.force_break_before) return false;
    return c.flexible || (c.block >= 0 && c.height <= body_height * rules.movable_kept_fraction);
}

/// The page breaker. Fills pages top to bottom with chunks; when a chunk does not fit, the page ends at
/// the last allowed break (Chunk::break_before) after the page's first chunk, which is how headings and
/// lead-in paragraphs keep with the next two lines, how widows/orphans are avoided and how boxes, Columns
/// and short tables stay whole. If no allowed break exists (a keep-chain taller than a page), the page ends
/// before the chunk that did not fit. Space before a chunk collapses at the top of a page. A page starting
/// inside a table begins with the table's header row again, and one inside a split box with a continued title
/// (an exercise taller than a page) with that title marked "(continued)".
///
/// Order rule: the reader's order wins, with one exception, floats. A kept-together block that does not
/// fit moves to the next page whole. If that block has doc::Block::may_float (a chart, the diary table), the
/// page would end right before it, the hole it leaves is more than rules.float_hole_fraction (1/3) of the page body and it
/// fits on an empty page, then the flexible blocks that follow it (paragraphs, lists, headings and small kept blocks, with their
/// keep-with-next content; Chunk::flexible), even from later sections of the same part (never past a
/// part's first heading, doc::Block::float_barrier, a forced page break or any non-flexible block), are set
/// before it until the page is full, and the float
/// starts the next page, followed by whatever of those blocks did not fit. Every other block keeps its place.
std::vector<std::vector<Placement>> paginate(const detail::Flow& flow, double body_height,
                                             const model::PaginationRules& rules) {
    std::vector<std::vector<Placement>> pages;
    const std::vector<Chunk>& chunks = flow.chunks;
    const std::size_t n = chunks.size();
    std::vector<std::size_t> order(n);  // reading order of the chunks, changed only by floats
    for (std::size_t k = 0; k < n; ++k) order[k] = k;
    auto at = [&](std::size_t pos) -> const Chunk& { return chunks[order[pos]]; };
    std::size_t i = 0;
    while (i < n) {
        std::vector<Placement> page;
        double y = 0;
        const Chunk& start = at(i);
        // A page that resumes a table (or a split exercise) starts with its header row (or its continued title).
        const bool resumes = start.repeat_header >= 0 && i > 0 &&
                             at(i - 1).repeat_header == start.repeat_header && !pages.empty();
        if (resumes) {
            const Chunk& header = flow.headers[static_cast<std::size_t>(start.repeat_header)];
            page.push_back({&header, 0});
            y = header.height;
        }
        const std::size_t floor_count = page.size();
        // True when a break before position k would leave too few lines of a paragraph on this page that is split
        // from its lines on both sides: its earlier lines are on an earlier page (the page, or a float set first on
        // it, starts in the paragraph's middle) and its later ones would go to the next. Such a middle piece keeps
        // at least max(orphans, widows) lines, like the pieces around one break (Chunk::break_before), so a float
        // set at the top of a page never leaves one line alone under it (issue 10).
        const auto middle_lines = static_cast<std::size_t>(std::max({1, rules.orphans, rules.widows}));
        auto lone_line_before = [&](std::size_t k, std::size_t first) {
            const Chunk& next = at(k);
            if (!detail::is_paragraph_line(next)) return false;
            std::size_t start = k;
            while (start > first && detail::same_element(at(start - 1), next)) --start;
            if (start == k) return false;  // no line of this paragraph before the break on this page
            const std::size_t chunk = order[start];
            const bool continued = chunk > 0 && detail::same_element(chunks[chunk - 1], next);
            return continued && k - start < middle_lines;
        };
        std::vector<double> top_of;  // y after the chunk at position i + k (before the next one's space)
        std::size_t j = i;
        std::size_t end = n;
        bool floated = false;         // at most one float per page
        std::size_t float_at = n;     // position of the float moved behind flexible chunks on this page
        while (j < n) {
            const Chunk& c = at(j);
            if (j > i && c.force_break_before) {
                end = j;
                break;
            }
            const double before = j == i ? 0 : c.space_before;
            if (j == i || fits(y + before + c.height, body_height)) {
                page.push_back({&c, y + before});
                y += before + c.height;
                top_of.push_back(y);
                ++j;
                continue;
            }
            std::size_t k = j;
            while (k > i && (!at(k).break_before || lone_line_before(k, i))) --k;
            if (k == i) k = j;  // nothing breakable on this page: break where it overflowed
            const double used = k > i ? top_of[k - i - 1] : 0;
            if (!floated && k > i && at(k).may_float && at(k).break_before && body_height - used > body_height * rules.float_hole_fraction) {
                // The float: positions [k, float_end) of one block, if it fits on an empty page.
                std::size_t float_end = k;
                double float_height = 0;
                while (float_end < n && order[float_end] == order[k] + (float_end - k) &&
                       at(float_end).block == at(k).block && at(float_end).may_float) {
                    float_height += (float_end == k ? 0 : at(float_end).space_before) + at(float_end).height;
                    ++float_end;
                }
                // The flexible run after it, ending where a break is allowed (so a heading never leaves
                // its kept-with content behind).
                std::size_t run_end = float_end;
                while (run_end < n && movable_before_float(at(run_end), body_height, rules)) ++run_end;
                while (run_end > float_end && run_end < n && !at(run_end).break_before) --run_end;
                if (run_end > float_end && fits(float_height, body_height) && at(float_end).break_before) {
                    std::rotate(order.begin() + static_cast<long>(k), order.begin() + static_cast<long>(float_end),
                                order.begin() + static_cast<long>(run_end));
                    float_at = k + (run_end - float_end);
                    floated = true;
                    page.resize(floor_count + (k - i));
                    top_of.resize(k - i);
                    y = used;
                    j = k;
                    continue;  // fill the page with the moved flexible chunks
                }
            }
            end = k;
            page.resize(floor_count + (k - i));
            break;
        }
        if (j >= n) end = n;
        if (floated && end < float_at) {
            // Flexible chunks that did not fit go back behind the float, which starts the next page.
            const std::size_t float_len = [&] {
                std::size_t e = float_at;
                while (e < n && at(e).block == at(float_at).block && at(e).may_float) ++e;
                return e - float_at;
            }();
            std::rotate(order.begin() + static_cast<long>(end), order.begin() + static_cast<long>(float_at),
                        order.begin() + static_cast<long>(float_at + float_len));
        }
        pages.push_back(std::move(page));
        i = end;
    }
    return pages;
}

}  // namespace

display::DisplayList layout_document(const doc::Document& document, const model::LayoutSpec& spec, PaperSize paper,
                                     Diagnostics& diags, Typesetter& typesetter) {
    display::DisplayList list;
    list.meta.title = document.meta.title;
    list.meta.author = document.meta.author;
    list.meta.subject = document.meta.subject;
    list.meta.keywords = document.meta.keywords;
    list.meta.language = document.meta.language;
    list.meta.creation_date = document.meta.creation_date;

    detail::ShapeEnv env;
    env.fonts = &typesetter.fonts();
    env.diags = &diags;
    env.language = document.meta.language.empty() ? "en-GB" : document.meta.language;
    env.rtl = model::is_right_to_left(env.language);
    env.large_print = spec.large_print;
    const display::Colour accent = checked_accent(spec, diags);
    env.link_colour = accent;
    const display::Colour text_colour = detail::to_colour(spec.text_colour);

    // Page geometry (pt). The header band and the footer band have fixed heights (one line of spec.small),
    // so the footer's text ("Page 9 of 10") never changes the body's layout.
    const double left = mm_to_pt(spec.margin_left_mm);
    const double right = paper.width_pt - mm_to_pt(spec.margin_right_mm);
    const double top = mm_to_pt(spec.margin_top_mm);
    const double bottom = paper.height_pt - mm_to_pt(spec.margin_bottom_mm);
    const double small_pitch = spec.small.size_pt * spec.small.leading;
    const double body_top = top + small_pitch + mm_to_pt(spec.header_gap_mm);
    const double body_bottom = bottom - small_pitch - mm_to_pt(spec.footer_gap_mm);
    const double content_width = right - left;
    if (content_width < 72 || body_bottom - body_top < 72) {
        throw InputError(SourcePos{spec.source_file, 0, 0},
                         "margins leave no room for the body (at least 1 inch each way expected)");
    }
    const double measure =
        std::min(content_width, detail::average_char_width(spec.body, env) * spec.max_measure_chars);

    detail::FlowGeometry geometry;
    geometry.width = measure;
    geometry.left = env.rtl ? right - measure : left;
    geometry.content_left = left;
    geometry.content_width = content_width;
    geometry.body_height = body_bottom - body_top;
    geometry.accent = accent;
    const detail::Flow flow = detail::build_flow(document.blocks, spec, geometry, env);
    auto pages = paginate(flow, geometry.body_height, spec.pagination);
    if (pages.empty()) pages.emplace_back();

    const int total = static_cast<int>(pages.size());
    const SourcePos layout_pos{spec.source_file, 0, 0};
    for (int p = 0; p < total; ++p) {
        display::Page page;
        page.width = paper.width_pt;
        page.height = paper.height_pt;
        const RunningFields fields{document.meta.clinic_name, document.meta.patient_name, document.meta.date_text,
                                   p + 1, total};
        // Running header (with the logo on page 1) as an artifact.
        page.items.emplace_back(display::TagBegin{"Artifact", ""});
        double header_right = right;
        if (p == 0 && document.meta.logo_path && !document.meta.logo_path->empty()) {
            doc::Image logo{*document.meta.logo_path, "", kLogoMaxWidth};
            detail::ShapeEnv logo_env = env;
            detail::FlowGeometry logo_geo = geometry;
            logo_geo.left = right - kLogoMaxWidth;
            logo_geo.width = kLogoMaxWidth;
            logo_geo.body_height = small_pitch + mm_to_pt(spec.header_gap_mm) - 4;
            detail::Flow logo_flow = detail::build_flow({doc::Block(logo, "layout:logo")}, spec, logo_geo, logo_env);
            for (const Chunk& c : logo_flow.chunks) {
                for (display::Item item : c.items) {
                    if (auto* img = std::get_if<display::Image>(&item)) {
                        img->x = right - img->w;  // top right corner of the header band
                        img->y = top;
                        header_right = img->x - 6;
                        page.items.push_back(std::move(item));
                    }
                }
            }
        }
        // One line of running header or footer text in the small style at (x, y), fitted to `width`.
        auto running_line = [&](const std::string& text, double x, double y, double width) {
            if (text.empty()) return;
            detail::TextOptions o;
            o.style = &spec.small;
            o.colour = text_colour;
            o.where = layout_pos;
            const auto shaped = running_text(text, fields, o, width, env);
            detail::emit_lines(shaped, 0, std::min<std::size_t>(1, shaped.lines.size()), x, y, page.items);
        };
        running_line(spec.header_text, left, top, header_right - left);
        page.items.emplace_back(display::Path{{{left, top + small_pitch + 1}, {header_right, top + small_pitch + 1}},
                                              false, std::nullopt, detail::to_colour(spec.rule_colour), kHeaderRule, {}});
        running_line(spec.footer_text, left, bottom - small_pitch, content_width);
        page.items.emplace_back(display::TagEnd{});

        // Body.
        std::vector<const Chunk*> chunks;
        std::vector<double> ys;
        for (const Placement& placed : pages[static_cast<std::size_t>(p)]) {
            chunks.push_back(placed.chunk);
            ys.push_back(placed.y);
            for (const detail::HeadingMark& mark : placed.chunk->marks) {
                // Repeated table headers carry no marks; every heading is listed once.
                list.outline.push_back(display::OutlineEntry{mark.title, mark.level, mark.dest, p, body_top + placed.y + mark.y});
            }
        }
        detail::append_tagged(chunks, ys, body_top, page.items);
        double foot = 0;
        for (std::size_t k = 0; k < chunks.size(); ++k) foot = std::max(foot, ys[k] + chunks[k]->height);
        page.body_fill = geometry.body_height > 0 ? std::min(1.0, foot / geometry.body_height) : 0;
        list.pages.push_back(std::move(page));
    }
    return list;
}

}  // namespace takehome::layout
