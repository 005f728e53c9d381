// Text checks and cluster mapping for the libharu backend (libharu draws encoded text, not glyph ids).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "display/display_list.hpp"

namespace takehome::render::haru {

/// One piece of source text drawn at one position: a cluster (one or more glyphs sharing a cluster offset;
/// a ligature "fi" is one cluster with the text "fi").
struct ClusterPiece {
    std::string text;  ///< the cluster's UTF-8 source text from GlyphRun::text
    double x = 0;      ///< pen position of the cluster's first glyph relative to the run origin (pt)
    double y = 0;      ///< baseline offset of that glyph (pt, down positive)
};

/// The clusters of a left-to-right run in visual order, with their source text.
/// Throws InternalError when a cluster offset points outside GlyphRun::text (a layout bug).
[[nodiscard]] std::vector<ClusterPiece> cluster_pieces(const display::GlyphRun& run);

/// Why libharu cannot draw `run` faithfully, as an error-contract message ending in "; use the cairo backend",
/// or nothing when it can. Refused: right-to-left runs, complex scripts (Hebrew, Arabic, Syriac, Thaana, NKo,
/// Indic, Thai, Lao, Tibetan, Myanmar, Khmer, Mongolian code point ranges, their presentation forms, bidi
/// controls), code points outside the BMP (emoji), and clusters of several glyphs moved off the baseline
/// (positioned combining marks). `language` is DisplayList::meta.language, named in the message.
[[nodiscard]] std::optional<std::string> unsupported_text(const display::GlyphRun& run, const std::string& language);

/// The text libharu draws for one cluster so that it looks as Cairo's glyphs do (issue 11): libharu draws
/// characters through the font's cmap, so a space or format character the font lacks shows as a .notdef box
/// (U+3000 in Noto Sans) and U+00AD shows as a hyphen wherever it is. Here every space character (U+00A0,
/// U+2000..U+200A, U+202F, U+205F, U+3000) becomes U+0020, and the format characters that draw nothing
/// (U+00AD, U+180E, U+200B..U+200D, U+2060, U+FEFF) are removed; a cluster that is only U+00AD is the
/// hyphen Pango shows at a line break after it, drawn as "-" (U+002D). Other text is returned as it is.
[[nodiscard]] std::string drawable_text(const std::string& cluster_text);

/// Decodes UTF-8 into code points (invalid bytes become U+FFFD; input is validated upstream).
[[nodiscard]] std::vector<char32_t> decode_utf8(const std::string& utf8);

}  // namespace takehome::render::haru
