// The display list: pages of positioned items, the only thing a renderer sees (closed set of item kinds,
// like Typst's FrameItem). Coordinates are PostScript points (1/72 in), origin at the page's top-left
// corner, y growing downwards.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace takehome::display {

/// sRGB colour, components 0..1.
struct Colour {
    double r = 0, g = 0, b = 0;
    bool operator==(const Colour&) const = default;
};

/// One positioned glyph of a glyph run.
struct Glyph {
    std::uint32_t id = 0;       ///< glyph index in the font file (not a code point)
    double x = 0;               ///< pen position relative to the run's origin (pt)
    double y = 0;               ///< offset relative to the baseline (pt, down positive)
    double advance = 0;         ///< advance width (pt)
    std::uint32_t cluster = 0;  ///< byte offset in GlyphRun::text of the cluster this glyph belongs to
};

/// A run of glyphs shaped in one font at one size, with the source text and cluster map so that
/// backends can write ToUnicode maps (Cairo) or draw the text itself (libharu).
struct GlyphRun {
    std::string font_file;      ///< absolute path of the font file (always inside fonts/)
    int face_index = 0;         ///< face in a collection (.ttc)
    std::string font_name;      ///< PostScript name, for diagnostics and tests
    double size_pt = 12;
    Colour colour;
    double x = 0, y = 0;        ///< origin of the run: left end of the baseline (pt)
    double width = 0;           ///< logical width (pt)
    double ascent = 0, descent = 0;  ///< the font's ascent and descent at this size (pt, both positive)
    std::string text;           ///< the run's UTF-8 text in logical order
    std::vector<Glyph> glyphs;  ///< in visual order
    bool rtl = false;           ///< right-to-left run (glyph order is visual, cluster offsets logical)
    bool synthetic_bold = false;     ///< never set today: missing faces are errors (see layout/fonts)
};

/// A rectangle, filled and/or stroked.
struct Rect {
    double x = 0, y = 0, w = 0, h = 0;
    std::optional<Colour> fill;
    std::optional<Colour> stroke;
    double stroke_width = 1;    ///< pt
    double corner_radius = 0;   ///< pt
};

/// An open or closed polyline (chart lines, rules, tick marks).
struct Path {
    std::vector<std::pair<double, double>> points;
    bool closed = false;
    std::optional<Colour> fill;
    std::optional<Colour> stroke;
    double stroke_width = 1;    ///< pt
    std::vector<double> dash;   ///< dash pattern in pt; empty = solid
};

/// A circle (chart markers).
struct Circle {
    double cx = 0, cy = 0, r = 0;
    std::optional<Colour> fill;
    std::optional<Colour> stroke;
    double stroke_width = 1;
};

/// A raster (PNG, JPEG) or vector (SVG) image file placed into a box; the aspect ratio was kept by layout.
struct Image {
    std::string path;           ///< absolute path, checked by the content stage
    double x = 0, y = 0, w = 0, h = 0;
    std::string alt;
};

/// A clickable area: an external URI or an internal destination.
struct Link {
    double x = 0, y = 0, w = 0, h = 0;
    std::string uri;            ///< "https://...", "tel:...", "mailto:..." or "" for internal
    std::string dest;           ///< internal destination name (a heading id) when uri is ""
};

/// A named destination (target of internal links and outline entries) at a point on the page.
struct Anchor {
    std::string name;
    double x = 0, y = 0;
};

/// Opens a structure element of the tagged PDF (roles from ISO 32000-1 section 14.8.4:
/// "H1".."H3", "P", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "Figure", "Sect", "Artifact").
/// Items between TagBegin and the matching TagEnd belong to it. "Artifact" marks running headers/footers.
struct TagBegin {
    std::string role;
    std::string alt;            ///< /Alt text for "Figure"
};
struct TagEnd {};

/// The closed set of things a page can hold.
using Item = std::variant<GlyphRun, Rect, Path, Circle, Image, Link, Anchor, TagBegin, TagEnd>;

/// What a backend implements to draw or write a page: one member per item kind, all pure, and no catch-all,
/// so a new kind of Item is a compile error in every backend (an abstract visitor cannot be instantiated)
/// until each one says what it does with it (issue 10: the painter's get_if chain skipped unknown kinds).
/// Walk a page with display::visit (one item) or display::walk (every item, in paint order).
class ItemVisitor {
public:
    ItemVisitor() = default;
    ItemVisitor(const ItemVisitor&) = default;
    ItemVisitor& operator=(const ItemVisitor&) = default;
    virtual ~ItemVisitor() = default;
    virtual void visit(const GlyphRun&) = 0;
    virtual void visit(const Rect&) = 0;
    virtual void visit(const Path&) = 0;
    virtual void visit(const Circle&) = 0;
    virtual void visit(const Image&) = 0;
    virtual void visit(const Link&) = 0;
    virtual void visit(const Anchor&) = 0;
    virtual void visit(const TagBegin&) = 0;
    virtual void visit(const TagEnd&) = 0;
};

// Adding an alternative to Item: add its pure member to ItemVisitor, then this count.
static_assert(std::variant_size_v<Item> == 9, "every Item kind has a pure ItemVisitor::visit member");

/// Calls the member of `v` for the kind of `item`.
inline void visit(const Item& item, ItemVisitor& v) {
    std::visit([&v](const auto& it) { v.visit(it); }, item);
}

/// One page.
struct Page {
    double width = 595.2756, height = 841.8898;  ///< pt (A4 by default)
    std::vector<Item> items;    ///< painted in order
    /// Page fill: the height the body's content takes (from the body's top to the foot of its last block,
    /// pt) divided by the body's height, 0..1. Set by layout; `takehome check` reports it (issue 10).
    double body_fill = 0;
};

/// Calls the member of `v` for every item of `page`, in paint order.
inline void walk(const Page& page, ItemVisitor& v) {
    for (const Item& item : page.items) visit(item, v);
}

/// Page-fill figures of a laid-out handout (Page::body_fill). The last page is left out of the average
/// and the lowest (it ends where the text ends); a one-page handout has its page as both.
struct PageFill {
    double average = 0;      ///< mean body_fill of every page but the last, 0..1
    double lowest = 0;       ///< lowest body_fill of every page but the last, 0..1
    int lowest_page = 1;     ///< 1-based page of `lowest`
    double first = 0;        ///< body_fill of page 1
};

/// An entry of the PDF outline (bookmarks).
struct OutlineEntry {
    std::string title;
    int level = 1;              ///< 1 = top level
    std::string dest;           ///< the Anchor name it points at
    int page = 0;               ///< 0-based page index of the anchor
    double y = 0;               ///< pt from the page top
};

/// Document information (PDF Info dictionary and XMP).
struct Metadata {
    std::string title, author, subject, keywords;
    std::string creator = "takehome";
    std::string language = "en-GB";
    std::string creation_date;  ///< ISO 8601 "YYYY-MM-DD" (the appointment date: reproducible output)
};

/// The laid-out handout: what every backend draws.
struct DisplayList {
    Metadata meta;
    std::vector<Page> pages;
    std::vector<OutlineEntry> outline;
};

/// The page-fill figures of `list` (see PageFill); all zero for no pages.
[[nodiscard]] inline PageFill page_fill(const DisplayList& list) {
    PageFill f;
    const std::size_t n = list.pages.size();
    if (n == 0) return f;
    f.first = list.pages.front().body_fill;
    const std::size_t counted = n == 1 ? 1 : n - 1;
    f.lowest = list.pages.front().body_fill;
    double sum = 0;
    for (std::size_t p = 0; p < counted; ++p) {
        const double v = list.pages[p].body_fill;
        sum += v;
        if (v < f.lowest) {
            f.lowest = v;
            f.lowest_page = static_cast<int>(p) + 1;
        }
    }
    f.average = sum / static_cast<double>(counted);
    return f;
}

}  // namespace takehome::display
