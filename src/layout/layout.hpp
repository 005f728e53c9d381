// The layout stage (the only stage that includes Pango): shapes and breaks lines with Pango, breaks pages
// with our own page breaker, and produces the display list.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "base/diagnostics.hpp"
#include "base/length.hpp"
#include "display/display_list.hpp"
#include "doc/document.hpp"
#include "model/layout_spec.hpp"

namespace takehome::layout {

namespace detail {
class FontSystem;
}

/// What check_image found: an error when the picture cannot be used, and a warning when it will print
/// differently from how a photo viewer shows it (an EXIF orientation that is not applied).
struct ImageCheck {
    std::optional<std::string> error;    ///< the reason in words ("the PNG data is damaged (libpng: IDAT: CRC error)")
    std::optional<std::string> warning;  ///< a way the picture will print that the user may not expect
};

/// The layout stage's long-lived state: a private fontconfig configuration that sees only `fonts_dir` (plus,
/// when installed, the two Noto Sans CJK collections of Debian's fonts-noto-cjk by file path, so no other
/// system font can leak into a PDF), its Pango font map and contexts, and the caches of font facts, face
/// checks, primary-face metrics and picture sizes. Nothing of it is process-wide: a typesetter is used by one
/// thread at a time, and several typesetters lay out in parallel threads (one per batch worker).
class Typesetter {
public:
    /// Throws InternalError when the folder is missing or fontconfig cannot load the configuration.
    explicit Typesetter(const std::string& fonts_dir);
    ~Typesetter();
    Typesetter(const Typesetter&) = delete;
    Typesetter& operator=(const Typesetter&) = delete;

    /// The fonts and caches (internal to the layout stage).
    [[nodiscard]] detail::FontSystem& fonts() const { return *fonts_; }

    /// The shaped-paragraph cache (shared by every document this typesetter lays out): its entries and their
    /// estimated heap bytes (glyphs, runs, strings and allocator overhead), at most kShapeCacheBytes: 12 MiB,
    /// the paragraphs of about 20 distinct standard handouts, so a process with a Typesetter per worker stays
    /// inside issue 14's 40 MB bound after 1,000 different handouts (and the server's memory flat under load),
    /// while one patient's layout rounds and the text all patients share stay cached. Past it, it is emptied.
    [[nodiscard]] std::size_t shape_cache_entries() const;
    [[nodiscard]] std::size_t shape_cache_bytes() const;
    static constexpr std::size_t kShapeCacheBytes = 12u << 20;

    /// check_image(path), remembered per file (path, modification time and size) for as long as this typesetter
    /// lives, so a batch or the server checks each shared exercise picture once, not once per handout. The SVG
    /// parse of the check also gives layout the picture's size, so a picture is parsed once before rendering.
    [[nodiscard]] ImageCheck check_picture(const std::string& path);

private:
    std::unique_ptr<detail::FontSystem> fonts_;
};

/// Lays out the document on pages of `paper` using `spec`, with `typesetter`'s fonts and caches. Warnings
/// (uncovered characters, colour contrast) go to `diags`; errors that would print wrong (a face missing from
/// fonts/, a table header taller than the page) are thrown as InputError.
[[nodiscard]] display::DisplayList layout_document(const doc::Document& document, const model::LayoutSpec& spec,
                                                   PaperSize paper, Diagnostics& diags, Typesetter& typesetter);

/// Single-threaded convenience for tests and tools: makes a process-wide default Typesetter over `fonts_dir`
/// (idempotent for the same folder; another folder replaces it). Call before the four-argument
/// layout_document. Not for parallel use: threads each own a Typesetter. Throws InternalError like Typesetter.
void use_private_fonts(const std::string& fonts_dir);

/// The default Typesetter made by use_private_fonts(). Throws InternalError when it was not called.
[[nodiscard]] Typesetter& default_typesetter();

/// layout_document with the default Typesetter (use_private_fonts()); single-threaded use only.
[[nodiscard]] inline display::DisplayList layout_document(const doc::Document& document,
                                                          const model::LayoutSpec& spec, PaperSize paper,
                                                          Diagnostics& diags) {
    return layout_document(document, spec, paper, diags, default_typesetter());
}


/// Checks the picture at `path` before layout. PNG and JPEG (told apart by their first bytes): the header is
/// read first and a size of 0 x 0 or over kMaxImagePixels (40 megapixels, base/png_info.hpp) is refused before
/// anything is decoded; then every row is decoded, one row at a time (libpng, libjpeg), so a truncated file, a
/// bad CRC or corrupt JPEG data is found with the library's reason. SVG: parsed by librsvg.
[[nodiscard]] ImageCheck check_image(const std::string& path);

/// check_image(path).error.
[[nodiscard]] std::optional<std::string> probe_image(const std::string& path);

}  // namespace takehome::layout
