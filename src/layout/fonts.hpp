// Private font set-up of the layout stage: a fontconfig configuration that sees only fonts/, the Pango
// font map and contexts built on it, and the per-font facts (file, face, PostScript name) glyph runs need.
// All of it, with the stage's caches, lives in one FontSystem per layout::Typesetter (no process-wide state),
// so several typesetters can lay out in parallel threads.
#pragma once

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "base/diagnostics.hpp"
#include "layout/shape.hpp"

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

/// Ascent, descent and average character width of a style's primary face (pt).
struct PrimaryMetrics {
    double ascent = 0, descent = 0, char_width = 0;
};

/// Intrinsic size of a picture (px; only the aspect ratio matters), with the file's identity when measured.
struct PictureSize {
    double width = 0, height = 0;
    long long mtime_ns = 0;      ///< modification time when measured: a changed file is measured again
    long long file_size = 0;     ///< bytes
};

/// A file's identity for the picture caches: modification time (ns) and size (bytes); {0, -1} when it
/// cannot be stat'ed (the cache then never matches it).
[[nodiscard]] std::pair<long long, long long> file_identity(const std::string& path);

/// The intrinsic size (px) of the SVG at `path` as librsvg reads it: its width and height, else its viewBox;
/// {0, 0} when it has neither. Nothing, with librsvg's words in `why`, when the file is not a readable SVG.
[[nodiscard]] std::optional<std::pair<double, double>> svg_size(const std::string& path, std::string& why);

/// A picture check (layout::check_image) with the identity of the file it was made on.
struct CheckedPicture {
    ImageCheck check;
    long long mtime_ns = 0;
    long long file_size = 0;
};

/// One private fontconfig configuration, its Pango font map and contexts, and the layout stage's caches.
/// Not shared between threads: Pango font maps and contexts may be used by one thread at a time, so each
/// thread that lays out owns its own (through its own layout::Typesetter).
class FontSystem {
public:
    /// Builds a configuration that sees only `fonts_dir` (plus Debian's Noto Sans CJK collections by file, when
    /// installed). Throws InternalError when the folder is missing or fontconfig/Pango cannot be set up.
    explicit FontSystem(const std::string& fonts_dir);
    ~FontSystem();
    FontSystem(const FontSystem&) = delete;
    FontSystem& operator=(const FontSystem&) = delete;

    /// The Pango context for a paragraph direction (one per direction, reused for every layout).
    [[nodiscard]] PangoContext* context(bool rtl) const { return rtl ? rtl_ : ltr_; }

    /// The fonts folder (absolute, normalised), for messages ("not covered by any font in fonts/").
    [[nodiscard]] const std::string& dir() const { return dir_; }

    /// Facts of a font Pango picked, cached per font. Throws InternalError when the font is not a fontconfig font.
    [[nodiscard]] const FontFacts& facts(PangoFont* font);

    /// Checks that fonts/ holds a real face of `family` in the requested weight and slant (no synthesis, H13).
    /// Throws InputError "no bold face for family 'Inter' in fonts/ (needed by FILE:LINE)" positioned at `where`.
    void require_face(const std::string& family, bool bold, bool italic, const SourcePos& where);

    /// Primary-face metrics per (family, size pt, bold, italic, language): filled by shape.cpp.
    std::map<std::tuple<std::string, double, bool, bool, std::string>, PrimaryMetrics> metrics;
    /// Picture sizes per path: filled by flow.cpp, and for SVG by Typesetter::check_picture (one parse for both).
    std::map<std::string, PictureSize> picture_sizes;
    /// Picture checks per path: filled by Typesetter::check_picture.
    std::map<std::string, CheckedPicture> picture_checks;
    /// Shaped paragraphs, keyed by everything that decides the result (see shape.cpp's shape_key): filled and
    /// read by shape_text. The education text, the exercise cards and the headings repeat across patients and
    /// across the layout's rounds, so most paragraphs of a handout are shaped once per process (issue 14).
    /// Emptied whole when its estimated size passes kShapeCacheBytes.
    std::unordered_map<std::string, CachedShape> shape_cache;
    std::size_t shape_cache_bytes = 0;  ///< estimated bytes held by shape_cache

private:
    std::string dir_;
    FcConfig* config_ = nullptr;
    PangoFontMap* font_map_ = nullptr;
    PangoContext* ltr_ = nullptr;
    PangoContext* rtl_ = nullptr;
    std::map<PangoFont*, FontFacts> facts_;
    std::set<std::tuple<std::string, bool, bool>> checked_faces_;
    std::map<std::string, std::string> real_files_;  ///< link in the cache folder -> the font file it names
};

}  // namespace takehome::layout::detail
