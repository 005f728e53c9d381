// Internal to the render stage: the accessibility pass over Cairo's tagged PDF (qpdf), for what Cairo 1.16 cannot write.
#pragma once

#include <string>

#include "display/display_list.hpp"

class QPDF;

namespace takehome::render::detail {

/// The Cairo structure tag that carries a display::TagBegin "Artifact" (running header and footer) through Cairo:
/// Cairo 1.16 refuses tag names outside ISO 32000-1's standard structure types, so "Private" (a grouping
/// element the display list never uses) stands in, and make_pdf_accessible turns every /S /Private element
/// into marked-content artifacts.
inline constexpr const char* kArtifactCarrierRole = "Private";

/// Rewrites the PDF `pdf` (bytes from Cairo's PDF surface, drawn from `list`) with qpdf and returns the new bytes:
/// - the catalog's /Lang from list.meta.language (BCP 47, ISO 32000-1 section 14.9.2; skipped when empty);
/// - /ViewerPreferences << /DisplayDocTitle true >> (the title bar shows the Info /Title, section 12.2);
/// - /Alt on every /S /Figure structure element, the n-th in depth-first order of the StructTreeRoot's /K tree
///   taking the n-th TagBegin{"Figure"} of `list` in page and item order (section 14.9.3);
/// - every /S /Private structure element (kArtifactCarrierRole: the running header and footer) is removed from
///   the structure tree and the parent tree, and its marked content "/Private <</MCID n>> BDC" becomes
///   "/Artifact <</Type /Pagination>> BDC" (an artifact, section 14.8.2.2).
/// The output is reproducible: the same input bytes give the same output bytes (the /ID is derived from the
/// content, no time stamps). Compressed streams are kept as they are; rewritten page contents are Flate-compressed.
/// Throws InternalError when qpdf cannot read or write the file, warns about it, or when the number of Figure
/// elements or artifact marked-content sequences differs from what `list` asks for.
[[nodiscard]] std::string make_pdf_accessible(const std::string& pdf, const display::DisplayList& list);

/// Rewrites the Info dictionary's /CreationDate and /ModDate into the form ISO 32000-1 §7.9.4 requires
/// ("D:20261127000000Z"); Cairo 1.16 leaves out the "D:" prefix. Throws InternalError for any other form.
void fix_info_dates(QPDF& pdf);

}  // namespace takehome::render::detail
