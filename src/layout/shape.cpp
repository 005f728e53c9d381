// Shaping with Pango: spans -> attributes -> PangoLayout -> glyph runs with font files, clusters and links.
#include "layout/shape.hpp"

#include "model/language.hpp"

#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <cstdio>
#include <map>
#include <tuple>

#include "layout/fonts.hpp"

namespace takehome::layout::detail {
namespace {

constexpr double kScale = PANGO_SCALE;  // Pango units per pt at the contexts' 72 dpi

/// Unicode names of the characters most often met uncovered (emoji from patient messages); others get none.
const char* unicode_name(std::uint32_t cp) {
    static const std::map<std::uint32_t, const char*> names = {
        {0x1F4AA, "FLEXED BICEPS"},         {0x1F44D, "THUMBS UP SIGN"},
        {0x1F3FB, "EMOJI MODIFIER FITZPATRICK TYPE-1-2"}, {0x1F3FC, "EMOJI MODIFIER FITZPATRICK TYPE-3"},
        {0x1F3FD, "EMOJI MODIFIER FITZPATRICK TYPE-4"}, {0x1F3FE, "EMOJI MODIFIER FITZPATRICK TYPE-5"},
        {0x1F3FF, "EMOJI MODIFIER FITZPATRICK TYPE-6"}, {0x1F600, "GRINNING FACE"},
        {0x1F642, "SLIGHTLY SMILING FACE"}, {0x1F60A, "SMILING FACE WITH SMILING EYES"},
        {0x2764, "HEAVY BLACK HEART"},      {0x2705, "WHITE HEAVY CHECK MARK"},
        {0x274C, "CROSS MARK"},             {0x26A0, "WARNING SIGN"},
        {0x20E3, "COMBINING ENCLOSING KEYCAP"}, {0xF8FF, "PRIVATE USE AREA"},
    };
    auto it = names.find(cp);
    return it == names.end() ? nullptr : it->second;
}

std::string code_point_label(std::uint32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    std::string label = buf;
    if (const char* name = unicode_name(cp)) label += std::string(" '") + name + "'";
    return label;
}

/// Removes every code point of `drop` from UTF-8 `text`.
std::string strip_code_points(const std::string& text, const std::set<std::uint32_t>& drop) {
    std::string out;
    const char* p = text.c_str();
    const char* end = p + text.size();
    while (p < end) {
        // g_utf8_next_char trusts the lead byte: clamp, so a cut-off sequence at the end cannot read past it
        // (found by fuzz_layout; the loaders validate UTF-8, this keeps layout safe without them).
        const char* next = g_utf8_next_char(p);
        if (next > end) next = end;
        if (!drop.count(g_utf8_get_char_validated(p, next - p))) out.append(p, next);
        p = next;
    }
    return out;
}

struct SpanRange {
    std::size_t start = 0, end = 0;
    const doc::Span* span = nullptr;
};

PangoFontDescription* describe(const model::TextStyle& style, bool bold, bool italic) {
    PangoFontDescription* desc = pango_font_description_new();
    pango_font_description_set_family(desc, style.family.c_str());
    pango_font_description_set_absolute_size(desc, style.size_pt * kScale);
    pango_font_description_set_weight(desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(desc, italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    return desc;
}

/// Ascent, descent and average character width of a style's primary face (pt), cached per style.
const PrimaryMetrics& primary_metrics(const model::TextStyle& style, bool bold, const std::string& language,
                                     FontSystem& fonts) {
    auto& cache = fonts.metrics;
    PangoContext* ctx = fonts.context(false);
    auto key = std::make_tuple(style.family, style.size_pt, bold || style.bold, style.italic, language);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
    PangoFontDescription* desc = describe(style, bold || style.bold, style.italic);
    PangoLanguage* lang = pango_language_from_string(language.c_str());
    PangoFontMetrics* m = pango_context_get_metrics(ctx, desc, lang);
    PrimaryMetrics out;
    out.ascent = pango_font_metrics_get_ascent(m) / kScale;
    out.descent = pango_font_metrics_get_descent(m) / kScale;
    out.char_width = pango_font_metrics_get_approximate_char_width(m) / kScale;
    pango_font_metrics_unref(m);
    pango_font_description_free(desc);
    return cache.emplace(key, out).first->second;
}

display::Colour colour_of(const SpanRange* range, const TextOptions& options, const ShapeEnv& env) {
    if (range && range->span->link) return env.link_colour;
    return options.colour;
}

struct GObjectUnref {
    void operator()(gpointer p) const { g_object_unref(p); }
};
struct AttrListUnref {
    void operator()(PangoAttrList* p) const { pango_attr_list_unref(p); }
};
struct IterFree {
    void operator()(PangoLayoutIter* p) const { pango_layout_iter_free(p); }
};

/// A web or e-mail address as printed: a span linking to https:, http: or mailto: whose text has no space
/// ("riverside-physio.example/book"), as opposed to linked words ("your exercise diary").
bool is_printed_address(const doc::Span& span) {
    const std::string& uri = *span.link;
    const bool web = uri.rfind("https:", 0) == 0 || uri.rfind("http:", 0) == 0 || uri.rfind("mailto:", 0) == 0;
    return web && !span.text.empty() && span.text.find(' ') == std::string::npos;
}

/// An address breaks only after a '/', never at the hyphen of a host name or a path, which a reader would take
/// for a word broken in two (Chicago Manual of Style 6.8: break a URL after a slash, never at a hyphen). Each
/// segment up to and including a '/' of text[start, end) gets Pango's allow-breaks attribute off.
void keep_address_segments(const std::string& text, std::size_t start, std::size_t end, PangoAttrList* attrs) {
    std::size_t seg = start;
    while (seg < end) {
        std::size_t slash = text.find('/', seg);
        std::size_t stop = slash == std::string::npos || slash >= end ? end : slash + 1;
        PangoAttribute* a = pango_attr_allow_breaks_new(FALSE);
        a->start_index = static_cast<guint>(seg);
        a->end_index = static_cast<guint>(stop);
        pango_attr_list_insert(attrs, a);
        seg = stop;
    }
}

/// True for a code point of the Han script: CJK Unified Ideographs and their extensions A-H, the
/// compatibility ideographs and their supplement (Unicode 15 Scripts.txt, Han ranges of the BMP and planes 2-3).
bool is_han(std::uint32_t cp) {
    return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0x20000 && cp <= 0x3134F);
}

/// Han characters look different in Chinese, Japanese and Korean typefaces (regional glyph forms), and
/// fontconfig's fallback does not weigh the language: every face of the Noto Sans CJK collections covers the
/// same characters, so a Chinese name in an en-GB handout took the collection's first face, the Japanese one.
/// So runs of Han text name their regional family: the handout's own for ja, ko, zh-Hant (zh-TW, zh-HK, zh-MO)
/// and zh-Hans, else Simplified Chinese, the most widely read form (issue 11). Only Han is marked; kana and
/// hangul are covered alike by every face.
const char* han_family(const std::string& language) {
    std::string tag = language;
    std::transform(tag.begin(), tag.end(), tag.begin(), [](unsigned char c) { return c == '_' ? '-' : std::tolower(c); });
    const std::string primary = model::primary_subtag(tag);
    if (primary == "ja") return "Noto Sans CJK JP";
    if (primary == "ko") return "Noto Sans CJK KR";
    if (primary == "zh") {
        if (tag.find("-hk") != std::string::npos) return "Noto Sans CJK HK";
        if (tag.find("-hant") != std::string::npos || tag.find("-tw") != std::string::npos ||
            tag.find("-mo") != std::string::npos)
            return "Noto Sans CJK TC";
    }
    return "Noto Sans CJK SC";
}

/// Marks each run of Han characters in `text` (spaces between two of them included) with han_family(language).
void mark_han_family(const std::string& text, const std::string& language, PangoAttrList* attrs) {
    const char* family = nullptr;
    std::size_t i = 0, run_start = std::string::npos, han_end = 0;
    auto close = [&](std::size_t end) {
        if (run_start == std::string::npos) return;
        if (!family) family = han_family(language);
        PangoAttribute* a = pango_attr_family_new(family);
        a->start_index = static_cast<guint>(run_start);
        a->end_index = static_cast<guint>(end);
        pango_attr_list_insert(attrs, a);
        run_start = std::string::npos;
    };
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        std::uint32_t cp = len == 1 ? lead : len == 2 ? lead & 0x1F : len == 3 ? lead & 0x0F : lead & 0x07;
        for (std::size_t k = 1; k < len && i + k < text.size(); ++k) cp = cp << 6 | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        if (is_han(cp)) {
            if (run_start == std::string::npos) run_start = i;
            han_end = std::min(i + len, text.size());
        } else if (cp != ' ') {
            close(han_end);
        }
        i += len;
    }
    close(han_end);
}

/// Runs of more than this many bytes without a space are set with character wrapping (see has_long_unbroken_run).
/// Far above any word or printed address (the longest web addresses in the shipped content are under 80).
constexpr std::size_t kLongestUnbrokenRun = 256;

/// True when `text` holds more than kLongestUnbrokenRun bytes in a row of characters below U+0800 (Latin,
/// Greek, Cyrillic, Hebrew, Arabic, punctuation) with no space, tab or line break. Characters from U+0800 up end a
/// run: the scripts there that write without spaces (Chinese, Japanese, Thai, ...) get break opportunities
/// between characters or words from Pango's own rules, and must keep them. Pango's
/// word-then-character wrapping (PANGO_WRAP_WORD_CHAR) first looks for a word break for each line and, finding
/// none, re-measures the run for a character break: for one run that grows with the square of its length and
/// more (12,000 letters took 1.1 s, 48,000 took 20 s; '*_' emphasis markers 200,000 long, which Markdown leaves
/// as text, 104 s). Plain character wrapping breaks such a run in linear time; a paragraph that holds one is
/// not prose, and its other words may then break anywhere too.
bool has_long_unbroken_run(const std::string& text) {
    std::size_t run = 0;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        run = (c == ' ' || c == '\t' || c == '\n' || byte >= 0xE0) ? 0 : run + 1;  // 0xE0..: a 3- or 4-byte lead
        if (run > kLongestUnbrokenRun) return true;
    }
    return false;
}

/// Appends `piece` to `out` as valid UTF-8: an invalid sequence or a NUL byte becomes U+FFFD (g_utf8_make_valid).
/// Pango rewrites invalid bytes of a layout's text and stops the text at a NUL, so its line and run offsets
/// would index a different string from ours (fuzz_layout read one byte past the end of a paragraph that
/// ended in a cut-off sequence). The loaders refuse such text with a position; this keeps layout safe when
/// it is called without them.
void append_valid_utf8(std::string& out, const std::string& piece) {
    if (g_utf8_validate_len(piece.data(), piece.size(), nullptr)) {  // NUL counts as invalid here
        out += piece;
        return;
    }
    const std::unique_ptr<gchar, decltype(&g_free)> valid(
        g_utf8_make_valid(piece.data(), static_cast<gssize>(piece.size())), &g_free);
    out += valid.get();
}

/// How shape_once may break lines. Never PANGO_WRAP_WORD_CHAR: Pango 1.50 (Debian 12 has 1.50.12) aborts the
/// process in its line breaker when a word must be broken between characters near a one-glyph run
/// ("process_line: assertion failed: (result == BREAK_SOME_FIT || result == BREAK_EMPTY_FIT)", GNOME pango
/// issue 832, fixed in 1.56.4; fuzz_layout found it with a long link text ending in an emphasised letter).
/// Words are tried first (PANGO_WRAP_WORD: the same lines as WORD_CHAR wherever every word fits the measure),
/// and only a paragraph that still has a line wider than its measure is set again breaking anywhere between
/// characters (PANGO_WRAP_CHAR), where fuzz_layout has found no abort.
enum class Wrap { words, characters };

/// One pass of shaping; collects uncovered code points into `unknown` instead of emitting them.
ShapedText shape_once(const doc::Inlines& spans, const TextOptions& options, double width, ShapeEnv& env,
                      std::set<std::uint32_t>& unknown, bool keep_addresses = true, Wrap wrap = Wrap::words) {
    const model::TextStyle& style = *options.style;
    std::string text;
    std::vector<SpanRange> ranges;
    for (const doc::Span& span : spans) {
        SpanRange r;
        r.start = text.size();
        append_valid_utf8(text, span.text);
        r.end = text.size();
        r.span = &span;
        ranges.push_back(r);
    }

    // Owned by RAII: require_face (below) throws for a missing face, and nothing may leak then.
    FontSystem& fonts = *env.fonts;
    PangoContext* ctx = fonts.context(env.rtl);
    const std::unique_ptr<PangoLayout, GObjectUnref> layout_owner(pango_layout_new(ctx));
    PangoLayout* layout = layout_owner.get();
    pango_layout_set_auto_dir(layout, FALSE);
    pango_layout_set_text(layout, text.c_str(), static_cast<int>(text.size()));
    const bool base_bold = style.bold || options.force_bold;
    const bool base_italic = style.italic && !env.large_print;
    PangoFontDescription* desc = describe(style, base_bold, base_italic);
    pango_layout_set_font_description(layout, desc);
    pango_font_description_free(desc);

    const std::unique_ptr<PangoAttrList, AttrListUnref> attrs_owner(pango_attr_list_new());
    PangoAttrList* attrs = attrs_owner.get();
    pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));  // never add '-' (H11)
    pango_attr_list_insert(attrs, pango_attr_language_new(pango_language_from_string(env.language.c_str())));
    mark_han_family(text, env.language, attrs);
    for (const SpanRange& r : ranges) {
        if (r.start == r.end) continue;
        const bool bold = base_bold || r.span->strong || (r.span->emph && env.large_print);
        const bool italic = base_italic || (r.span->emph && !env.large_print);
        fonts.require_face(style.family, bold, italic, options.where);
        auto add = [&](PangoAttribute* a) {
            a->start_index = static_cast<guint>(r.start);
            a->end_index = static_cast<guint>(r.end);
            pango_attr_list_insert(attrs, a);
        };
        if (bold != base_bold) add(pango_attr_weight_new(bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL));
        if (italic != base_italic) add(pango_attr_style_new(italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL));
        if (r.span->link) {  // a colour change splits runs at link boundaries
            const display::Colour c = env.link_colour;
            add(pango_attr_foreground_new(static_cast<guint16>(c.r * 65535), static_cast<guint16>(c.g * 65535),
                                          static_cast<guint16>(c.b * 65535)));
            if (keep_addresses && is_printed_address(*r.span)) keep_address_segments(text, r.start, r.end, attrs);
        }
        if (keep_addresses && r.span->no_breaks) add(pango_attr_allow_breaks_new(FALSE));
    }
    if (ranges.empty() || text.empty()) fonts.require_face(style.family, base_bold, base_italic, options.where);
    pango_layout_set_attributes(layout, attrs);  // takes its own reference
    if (width > 0) pango_layout_set_width(layout, static_cast<int>(width * kScale));
    pango_layout_set_wrap(layout, wrap == Wrap::characters || has_long_unbroken_run(text) ? PANGO_WRAP_CHAR : PANGO_WRAP_WORD);
    if (options.single_line) pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
    const bool to_right = env.rtl != options.align_end;
    pango_layout_set_alignment(layout, to_right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);

    const PrimaryMetrics& metrics = primary_metrics(style, base_bold, env.language, fonts);
    ShapedText out;
    out.pitch = style.size_pt * style.leading;
    out.ascent = metrics.ascent;
    out.descent = metrics.descent;
    out.baseline = (out.pitch - (metrics.ascent + metrics.descent)) / 2 + metrics.ascent;

    auto range_at = [&](std::size_t offset) -> const SpanRange* {
        for (const SpanRange& r : ranges) {
            if (offset >= r.start && offset < r.end) return &r;
        }
        return nullptr;
    };

    const std::unique_ptr<PangoLayoutIter, IterFree> iter_owner(pango_layout_get_iter(layout));
    PangoLayoutIter* iter = iter_owner.get();
    do {
        PangoLayoutLine* line = pango_layout_iter_get_line_readonly(iter);
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(iter, nullptr, &logical);
        ShapedLine shaped;
        double x = logical.x / kScale;
        shaped.width = logical.width / kScale;
        out.max_width = std::max(out.max_width, shaped.width);
        // A wrapped line ends at the white space Pango broke at; it is drawn as nothing, so it is dropped from
        // the runs' text too (else PDF text extraction attaches it to the line's last word: "day. ").
        std::size_t text_end = std::min(static_cast<std::size_t>(line->start_index + line->length), text.size());
        if (!pango_layout_iter_at_last_line(iter)) {
            while (text_end > static_cast<std::size_t>(line->start_index) &&
                   (text[text_end - 1] == ' ' || text[text_end - 1] == '\t' || text[text_end - 1] == '\n' ||
                    text[text_end - 1] == '\r')) {
                --text_end;
            }
        }
        for (GSList* l = line->runs; l; l = l->next) {
            auto* run = static_cast<PangoGlyphItem*>(l->data);
            PangoItem* item = run->item;
            PangoGlyphString* glyphs = run->glyphs;
            const FontFacts& font = fonts.facts(item->analysis.font);
            display::GlyphRun g;
            g.font_file = font.file;
            g.face_index = font.face_index;
            g.font_name = font.postscript;
            g.size_pt = font.size_pt;
            g.ascent = font.ascent;
            g.descent = font.descent;
            g.rtl = (item->analysis.level % 2) == 1;
            const auto item_start = static_cast<std::size_t>(item->offset);
            const std::size_t item_end = std::min(item_start + static_cast<std::size_t>(item->length),
                                                  std::max(item_start, text_end));
            g.text = text.substr(item_start, item_end - item_start);
            const SpanRange* range = range_at(static_cast<std::size_t>(item->offset));
            g.colour = colour_of(range, options, env);
            double pen = 0;
            // Link extents per span of this run: (span, min x, max x).
            std::map<const SpanRange*, std::pair<double, double>> link_extent;
            for (int i = 0; i < glyphs->num_glyphs; ++i) {
                const PangoGlyphInfo& info = glyphs->glyphs[i];
                const double advance = info.geometry.width / kScale;
                const auto cluster = static_cast<std::uint32_t>(glyphs->log_clusters[i]);
                if (cluster >= g.text.size()) {
                    pen += advance;  // the dropped white space at the end of a wrapped line: keeps its advance
                    continue;
                }
                if (info.glyph == PANGO_GLYPH_EMPTY || info.glyph == PANGO_GLYPH_INVALID_INPUT) {
                    pen += advance;  // default-ignorables (U+2066..U+2069, ZWJ): nothing to draw
                    continue;
                }
                if (info.glyph & PANGO_GLYPH_UNKNOWN_FLAG) {
                    unknown.insert(info.glyph & ~PANGO_GLYPH_UNKNOWN_FLAG);
                    pen += advance;
                    continue;
                }
                display::Glyph glyph;
                glyph.id = info.glyph;
                glyph.x = pen + info.geometry.x_offset / kScale;
                glyph.y = info.geometry.y_offset / kScale;
                glyph.advance = advance;
                glyph.cluster = cluster;
                g.glyphs.push_back(glyph);
                if (const SpanRange* r = range_at(static_cast<std::size_t>(item->offset) + cluster); r && r->span->link) {
                    auto [it, fresh] = link_extent.try_emplace(r, pen, pen + advance);
                    if (!fresh) {
                        it->second.first = std::min(it->second.first, pen);
                        it->second.second = std::max(it->second.second, pen + advance);
                    }
                }
                pen += advance;
            }
            g.x = x;
            g.y = 0;
            g.width = pen;
            for (const auto& [r, extent] : link_extent) {
                display::Link link;
                link.x = x + extent.first;
                link.w = extent.second - extent.first;
                link.y = -out.ascent;
                link.h = out.ascent + out.descent;
                const std::string& target = *r->span->link;
                if (!target.empty() && target[0] == '#') {
                    link.dest = target.substr(1);
                } else {
                    link.uri = target;
                }
                // Merge with the previous rectangle of the same target on this line (runs split by font).
                if (!shaped.links.empty() && shaped.links.back().uri == link.uri && shaped.links.back().dest == link.dest &&
                    std::abs(shaped.links.back().x + shaped.links.back().w - link.x) < 0.5) {
                    shaped.links.back().w = link.x + link.w - shaped.links.back().x;
                } else {
                    shaped.links.push_back(link);
                }
            }
            x += pen;
            if (!g.glyphs.empty()) shaped.runs.push_back(std::move(g));
        }
        out.lines.push_back(std::move(shaped));
    } while (pango_layout_iter_next_line(iter));
    return out;
}

}  // namespace

namespace {

/// Everything that decides shape_text's result, as bytes: the spans (text and every flag), the style, the
/// options that reach Pango or the runs (colour, bold, one line, alignment; not the source position, which only
/// positions warnings), the width's exact bits and the document settings (language, direction, large print,
/// link colour).
std::string shape_key(const doc::Inlines& text, const TextOptions& options, double width, const ShapeEnv& env) {
    std::string key;
    std::size_t size = 64 + env.language.size() + options.style->family.size();
    for (const doc::Span& s : text) size += s.text.size() + 8 + (s.link ? s.link->size() : 0);
    key.reserve(size);
    auto bytes = [&key](const auto& v) { key.append(reinterpret_cast<const char*>(&v), sizeof v); };
    auto str = [&](const std::string& s) {
        bytes(s.size());
        key += s;
    };
    const model::TextStyle& st = *options.style;
    str(st.family);
    bytes(st.size_pt);
    bytes(st.leading);
    key += static_cast<char>(st.bold | st.italic << 1 | options.force_bold << 2 | options.single_line << 3 |
                             options.align_end << 4 | env.rtl << 5 | env.large_print << 6);
    bytes(options.colour.r), bytes(options.colour.g), bytes(options.colour.b);
    bytes(env.link_colour.r), bytes(env.link_colour.g), bytes(env.link_colour.b);
    bytes(width);
    str(env.language);
    for (const doc::Span& s : text) {
        str(s.text);
        key += static_cast<char>(s.strong | s.emph << 1 | s.no_hyphens << 2 | s.no_breaks << 3 | s.link.has_value() << 4);
        if (s.link) str(*s.link);
    }
    return key;
}

/// Estimated heap bytes of a cache entry: every allocation's capacity plus 32 bytes of allocator overhead
/// (glibc's chunk header and rounding; a node of the hash map, a vector's buffer, a string longer than its
/// 15-byte inline buffer), for kShapeCacheBytes.
std::size_t shape_bytes(const std::string& key, const ShapedText& t) {
    constexpr std::size_t kOverhead = 32;
    const auto str = [](const std::string& s) { return s.capacity() > 15 ? s.capacity() + kOverhead : 0; };
    std::size_t n = sizeof(std::string) + sizeof(CachedShape) + 2 * kOverhead + str(key);  // map node, bucket
    n += t.lines.capacity() * sizeof(ShapedLine) + kOverhead;
    for (const ShapedLine& line : t.lines) {
        n += line.runs.capacity() * sizeof(display::GlyphRun) + kOverhead;
        n += line.links.capacity() * sizeof(display::Link) + (line.links.empty() ? 0 : kOverhead);
        for (const display::GlyphRun& r : line.runs) {
            n += str(r.font_file) + str(r.font_name) + str(r.text) + r.glyphs.capacity() * sizeof(display::Glyph) + kOverhead;
        }
        for (const display::Link& l : line.links) n += str(l.uri) + str(l.dest);
    }
    return n;
}

void warn_unknown(const std::set<std::uint32_t>& unknown, const TextOptions& options, ShapeEnv& env) {
    // Policy (H12): a character no font in fonts/ covers is left out, with one warning per code point and
    // source; never a .notdef box.
    for (std::uint32_t cp : unknown) {
        if (env.warned.emplace(options.where.file + ":" + std::to_string(options.where.line), cp).second &&
            env.diags) {
            env.diags->warning(options.where, code_point_label(cp) + " not covered by any font in fonts/; left out");
        }
    }
}

ShapedText shape_uncached(const doc::Inlines& text, const TextOptions& options, double width, ShapeEnv& env,
                          std::set<std::uint32_t>& unknown) {
    ShapedText shaped = shape_once(text, options, width, env, unknown);
    bool keep = true;
    Wrap wrap = Wrap::words;
    auto overflows = [&] { return width > 0 && shaped.max_width > width + 0.01; };
    if (overflows()) {
        keep = false;
        // An address segment longer than the line: let Pango break it at its own break opportunities rather
        // than run past the column (nothing is ever drawn outside the body).
        unknown.clear();
        shaped = shape_once(text, options, width, env, unknown, /*keep_addresses=*/false);
    }
    if (overflows()) {
        // A word wider than the line: break anywhere between characters (see Wrap).
        wrap = Wrap::characters;
        unknown.clear();
        shaped = shape_once(text, options, width, env, unknown, /*keep_addresses=*/false, wrap);
    }
    if (unknown.empty()) return shaped;
    // Reshape without the uncovered characters so widths and breaks do not include their boxes.
    doc::Inlines stripped = text;
    for (doc::Span& span : stripped) span.text = strip_code_points(span.text, unknown);
    std::set<std::uint32_t> again;
    return shape_once(stripped, options, width, env, again, keep, wrap);
}

}  // namespace

ShapedText shape_text(const doc::Inlines& text, const TextOptions& options, double width, ShapeEnv& env) {
    FontSystem& fonts = *env.fonts;
    std::string key = shape_key(text, options, width, env);
    if (auto hit = fonts.shape_cache.find(key); hit != fonts.shape_cache.end()) {
        warn_unknown(hit->second.unknown, options, env);
        return hit->second.shaped;
    }
    CachedShape entry;
    entry.shaped = shape_uncached(text, options, width, env, entry.unknown);
    warn_unknown(entry.unknown, options, env);
    const std::size_t bytes = shape_bytes(key, entry.shaped);
    if (fonts.shape_cache_bytes + bytes > kShapeCacheBytes) {
        fonts.shape_cache.clear();
        fonts.shape_cache_bytes = 0;
    }
    fonts.shape_cache_bytes += bytes;
    return fonts.shape_cache.emplace(std::move(key), std::move(entry)).first->second.shaped;
}

void emit_lines(const ShapedText& text, std::size_t first, std::size_t count, double left, double top,
                std::vector<display::Item>& out) {
    for (std::size_t i = first; i < first + count && i < text.lines.size(); ++i) {
        const double baseline = top + static_cast<double>(i - first) * text.pitch + text.baseline;
        for (display::GlyphRun run : text.lines[i].runs) {
            run.x += left;
            run.y = baseline;
            out.emplace_back(std::move(run));
        }
        for (display::Link link : text.lines[i].links) {
            link.x += left;
            link.y += baseline;
            out.emplace_back(std::move(link));
        }
    }
}

double average_char_width(const model::TextStyle& style, const ShapeEnv& env) {
    return primary_metrics(style, false, env.language, *env.fonts).char_width;
}

}  // namespace takehome::layout::detail
