// Private font set-up of the layout stage: a fontconfig configuration that sees only fonts/, the Pango
// font map and contexts built on it, and the per-font facts (file, face, PostScript name) glyph runs need.
#pragma once

#include <pango/pangocairo.h>

#include <string>

#include "base/diagnostics.hpp"

namespace takehome::layout::detail {

/// What a display::GlyphRun needs to know about one shaped font (file path inside fonts/, metrics in pt).
struct FontFacts {
    std::string file;        ///< FC_FILE of the face, as fontconfig scanned it (inside fonts/)
    int face_index = 0;      ///< FC_INDEX (face in a .ttc collection)
    std::string postscript;  ///< FC_POSTSCRIPT_NAME
    double size_pt = 0;      ///< absolute size of the font (pt; the context runs at 72 dpi)
    double ascent = 0;       ///< pt, positive
    double descent = 0;      ///< pt, positive
};

/// The Pango context for a paragraph direction (one per process and direction, reused for every layout).
/// Throws InternalError when use_private_fonts() has not been called.
[[nodiscard]] PangoContext* context(bool rtl);

/// The folder given to use_private_fonts(), for messages ("not covered by any font in fonts/").
[[nodiscard]] const std::string& fonts_dir();

/// Facts of a font Pango picked, cached per font. Throws InternalError when the font is not a fontconfig font.
[[nodiscard]] const FontFacts& facts(PangoFont* font);

/// Checks that fonts/ holds a real face of `family` in the requested weight and slant (no synthesis, H13).
/// Throws InputError "no bold face for family 'Inter' in fonts/ (needed by FILE:LINE)" positioned at `where`.
void require_face(const std::string& family, bool bold, bool italic, const SourcePos& where);

}  // namespace takehome::layout::detail
