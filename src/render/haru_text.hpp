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

/// Decodes UTF-8 into code points (invalid bytes become U+FFFD; input is validated upstream).
[[nodiscard]] std::vector<char32_t> decode_utf8(const std::string& utf8);

}  // namespace takehome::render::haru
