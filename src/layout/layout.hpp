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

/// Decodes the picture at `path` (PNG: the whole image, as the backends will; SVG: parsed by librsvg).
/// Nothing when it can be drawn, else the reason in words ("the PNG data is truncated or damaged").
[[nodiscard]] std::optional<std::string> probe_image(const std::string& path);

}  // namespace takehome::layout
