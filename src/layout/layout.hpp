// The layout stage (the only stage that includes Pango): shapes and breaks lines with Pango, breaks pages
// with our own page breaker, and produces the display list.
#pragma once

#include <optional>
#include <string>

#include "base/diagnostics.hpp"
#include "base/length.hpp"
#include "display/display_list.hpp"
#include "doc/document.hpp"
#include "model/layout_spec.hpp"

namespace takehome::layout {

/// Points Pango at the private fontconfig configuration that sees only `fonts_dir` (plus, when installed,
/// the two Noto Sans CJK collections of Debian's fonts-noto-cjk by file path), so no other system font can
/// leak into a PDF. Idempotent; call before any layout.
/// Throws InternalError when fontconfig cannot load the configuration.
void use_private_fonts(const std::string& fonts_dir);

/// Lays out the document on pages of `paper` using `spec`. Warnings (uncovered characters, colour
/// contrast) go to `diags`; errors that would print wrong (a face missing from fonts/, a table header
/// taller than the page) are thrown as InputError.
[[nodiscard]] display::DisplayList layout_document(const doc::Document& document, const model::LayoutSpec& spec,
                                                   PaperSize paper, Diagnostics& diags);

/// What check_image found: an error when the picture cannot be used, and a warning when it will print
/// differently from how a photo viewer shows it (an EXIF orientation that is not applied).
struct ImageCheck {
    std::optional<std::string> error;    ///< the reason in words ("the PNG data is damaged (libpng: IDAT: CRC error)")
    std::optional<std::string> warning;  ///< e.g. the PNG's EXIF data asks for it to be turned 90° clockwise
};

/// Checks the picture at `path` before layout. PNG: the header is read first and a size of 0 x 0 or over
/// kMaxImagePixels (40 megapixels, base/png_info.hpp) is refused before anything is decoded; then every row
/// is decoded with libpng, one row at a time, so a truncated file or a bad CRC is found with libpng's reason.
/// SVG: parsed by librsvg.
[[nodiscard]] ImageCheck check_image(const std::string& path);

/// check_image(path).error.
[[nodiscard]] std::optional<std::string> probe_image(const std::string& path);

}  // namespace takehome::layout
