// The render stage: one walker per backend over the display list. Backends never see content or style.
#pragma once

#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "display/display_list.hpp"

namespace takehome::render {

/// The PDF from Cairo: subset-embedded fonts, metadata, outline, links, tagged structure; then a qpdf pass adds
/// /Lang (meta.language), DisplayDocTitle, Figure /Alt and marks the running header/footer as artifacts.
/// Returns the file's bytes (written atomically by the deliver stage). Throws InternalError when a Cairo
/// call fails (the status is checked after every page) and InputError when an image cannot be read.
[[nodiscard]] std::string render_pdf_cairo(const display::DisplayList& list);

/// The PDF exactly as Cairo writes it (tagged, but without what the accessibility pass adds). The patient
/// copy is this followed by the post-passes of the app layer's output registry.
[[nodiscard]] std::string render_pdf_cairo_plain(const display::DisplayList& list);

/// The accessibility post-pass over a Cairo PDF of `list` (qpdf): /Lang from meta.language, DisplayDocTitle,
/// Figure /Alt in document order, the running header and footer as /Artifact, object streams and a
/// content-derived /ID. Throws InternalError when the PDF does not match `list`.
[[nodiscard]] std::string accessibility_pass(const std::string& pdf, const display::DisplayList& list);

/// PNG previews: the bytes of one PNG file per page, at `dpi` dots per inch on a white background.
/// Nothing is written here (the deliver stage writes them with the PDFs). Throws InternalError when Cairo
/// fails or `dpi` is outside 1..2400.
[[nodiscard]] std::vector<std::string> render_png_pages(const display::DisplayList& list, double dpi = 96);

/// A human-readable text dump of the display list (positions rounded to 0.1 pt): the layout goldens.
[[nodiscard]] std::string render_text_dump(const display::DisplayList& list);

/// The archival copy: PDF/A-1b from libharu (sRGB output intent, XMP). Throws InputError naming the
/// first thing it cannot represent faithfully (right-to-left or complex scripts, colour emoji).
[[nodiscard]] std::string render_pdf_haru(const display::DisplayList& list);

}  // namespace takehome::render
