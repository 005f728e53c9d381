// Shaping: one paragraph of styled spans -> lines of display::GlyphRuns via a PangoLayout (Pango does the
// shaping and line breaking; we place the lines on a fixed grid of line pitch = size x leading).
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "display/display_list.hpp"
#include "doc/document.hpp"
#include "layout/layout.hpp"
#include "model/layout_spec.hpp"

namespace takehome::layout::detail {

class FontSystem;

/// Document-wide shaping settings and the warnings already given (one warning per code point and source).
struct ShapeEnv {
    FontSystem* fonts = nullptr;      ///< the typesetter's fonts and caches (never null while shaping)
    Diagnostics* diags = nullptr;
    std::string language = "en-GB";   ///< BCP 47 tag for Pango (shaping, line breaking)
    bool rtl = false;                 ///< paragraph base direction right-to-left (ar, he, fa, ur)
    bool large_print = false;         ///< emphasis set in bold, never italic
    display::Colour link_colour;      ///< colour of linked spans
    std::set<std::pair<std::string, std::uint32_t>> warned;  ///< (source, code point) already reported
};

/// How to set one piece of text.
struct TextOptions {
    const model::TextStyle* style = nullptr;
    display::Colour colour;
    bool force_bold = false;    ///< table header cells, box titles
    bool single_line = false;   ///< running header/footer: one line, ellipsized at `width`
    bool align_end = false;     ///< right-aligned in LTR (left in RTL) (chart labels)
    SourcePos where;            ///< for diagnostics
};

/// One line: runs positioned relative to the text box's left edge (x, pt) and the line's baseline (y = 0).
struct ShapedLine {
    std::vector<display::GlyphRun> runs;
    std::vector<display::Link> links;  ///< y relative to the baseline
    double width = 0;                  ///< logical width of the line's ink-free extent (pt)
};

/// A shaped paragraph on the line grid.
struct ShapedText {
    std::vector<ShapedLine> lines;
    double pitch = 0;       ///< distance between baselines = size x leading (pt)
    double baseline = 0;    ///< baseline offset from a line's top (pt); the primary font is centred in the pitch
    double ascent = 0, descent = 0;  ///< primary font metrics (pt)
    double max_width = 0;   ///< widest line (pt)
    [[nodiscard]] double height() const { return pitch * static_cast<double>(lines.size()); }
};

/// A shaped paragraph kept by FontSystem::shape_cache, with the code points no font covered (left out of
/// `shaped`; their warning is given again for each new source that sets the same text).
struct CachedShape {
    ShapedText shaped;
    std::set<std::uint32_t> unknown;
};

/// The most FontSystem::shape_cache holds before it is emptied (see Typesetter::kShapeCacheBytes).
inline constexpr std::size_t kShapeCacheBytes = Typesetter::kShapeCacheBytes;

/// Shapes `text` into lines at most `width` pt wide (width <= 0: no wrapping). Characters no font in fonts/
/// covers are left out with a warning "U+1F4AA 'FLEXED BICEPS' not covered by any font in fonts/; left out".
/// Throws InputError (via require_face) when a requested face is missing from fonts/. The result is cached in
/// env.fonts->shape_cache (a hit gives the same lines and the same warnings, positioned at this `options.where`).
[[nodiscard]] ShapedText shape_text(const doc::Inlines& text, const TextOptions& options, double width, ShapeEnv& env);

/// Appends the lines' runs and links to `out`, line i's top at `top + i * pitch`, left edge at `left`.
void emit_lines(const ShapedText& text, std::size_t first, std::size_t count, double left, double top,
                std::vector<display::Item>& out);

/// Average character width of a style's primary font (pt), for the measure (spec.max_measure_chars).
[[nodiscard]] double average_char_width(const model::TextStyle& style, const ShapeEnv& env);

}  // namespace takehome::layout::detail
