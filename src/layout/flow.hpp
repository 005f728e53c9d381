// The flow: document blocks -> a list of chunks (unbreakable vertical pieces: a line, a list item, a table
// row, a whole box) with the break rules between them, ready for the page breaker.
#pragma once

#include <string>
#include <vector>

#include "display/display_list.hpp"
#include "doc/document.hpp"
#include "layout/shape.hpp"
#include "model/layout_spec.hpp"

namespace takehome::layout::detail {

/// A heading's outline entry, positioned relative to its chunk's top.
struct HeadingMark {
    std::string title;
    int level = 1;
    std::string dest;
    double y = 0;  ///< pt below the chunk's top
};

/// One level of the structure tree a chunk's items sit in: the block it belongs to (for grouping) and its role.
struct TagLevel {
    int block = -1;     ///< index of the block (top-level or inner) this level is
    std::string role;   ///< structure role ("P", "L", "Table", ...); "" = not tagged
    std::string alt;    ///< /Alt of a "Figure"
};

/// An unbreakable vertical piece of the flow. Items have page x (pt) and y relative to the chunk's top.
struct Chunk {
    double height = 0;              ///< pt
    double space_before = 0;        ///< pt above the chunk; collapses at the top of a page
    bool break_before = true;       ///< a page may end just before this chunk (keep-with-next, widow/orphan)
    bool force_break_before = false;  ///< a doc::PageBreak precedes it
    std::vector<display::Item> items;
    int block = -1;                 ///< index of the top-level block it belongs to (for structure tags)
    std::string role;               ///< structure role wrapping this block's chunks ("P", "H1", "L", "Table")
    std::string alt;                ///< /Alt of a "Figure" (or a table's summary)
    /// Structure levels inside `role` that hold the items, outermost first. Set on the pieces of a box split
    /// between its parts (the part's paragraph, list or table, and deeper levels of a nested split box), so
    /// that append_tagged gives the consecutive pieces on one page one "Sect" and one element per paragraph,
    /// list or table, not one per line. Empty: the items carry their own inner tags.
    std::vector<TagLevel> inner_tags;
    int repeat_header = -1;         ///< index into Flow::headers: repeated on top of a page starting here
    std::vector<HeadingMark> marks;
    // Float rules (top-level chunks only; see paginate in layout.cpp).
    bool may_float = false;         ///< part of a doc::Block::may_float block: may be set after later flexible chunks
    bool flexible = false;          ///< part of a paragraph, list or heading: may be set before a float
    bool float_barrier = false;     ///< a doc::Block::float_barrier (a part's first heading): floats never pass it
};

/// All chunks of the document and the table header rows that repeat on continuation pages.
struct Flow {
    std::vector<Chunk> chunks;
    std::vector<Chunk> headers;
};

/// Geometry and colours the flow needs (all pt).
struct FlowGeometry {
    double left = 0;          ///< the text column's left edge on the page
    double width = 0;         ///< the text column's width (the measure)
    double content_left = 0;  ///< left margin: Columns and wide tables may use [content_left, +content_width]
    double content_width = 0; ///< the full width between the margins (>= width); 0 = same as width
    double body_height = 0;   ///< height available for the body on every page
    display::Colour accent;   ///< headings and rules (already checked for contrast)
};

/// Lays every block into chunks. Throws InputError for a table header taller than the page or a face
/// missing from fonts/; warns (in env.diags) for uncovered characters and boxes split across pages.
[[nodiscard]] Flow build_flow(const doc::Blocks& blocks, const model::LayoutSpec& spec, const FlowGeometry& geometry,
                              ShapeEnv& env);

/// True when `c` is one line of a paragraph ("P", at top level or as a part of a split box).
[[nodiscard]] bool is_paragraph_line(const Chunk& c);

/// True when `a` and `b` belong to the same structure element (the same block and the same inner levels).
[[nodiscard]] bool same_element(const Chunk& a, const Chunk& b);

/// Moves an item by (dx, dy) pt.
void translate(display::Item& item, double dx, double dy);

/// Appends the items of `chunks` (placed at `y[i]` + dy) to `out`, wrapped in TagBegin/TagEnd per block:
/// consecutive chunks of the same block share one element, and so do consecutive chunks whose
/// Chunk::inner_tags start with the same blocks (the pieces of one paragraph in a split box).
void append_tagged(const std::vector<const Chunk*>& chunks, const std::vector<double>& y, double dy,
                   std::vector<display::Item>& out);

/// sRGB display colour of a model colour.
[[nodiscard]] display::Colour to_colour(const model::Rgb& rgb);

/// Parses a doc::Block::source ("file:line" or "compose:what") into a position for diagnostics.
[[nodiscard]] SourcePos source_pos(const std::string& source);

}  // namespace takehome::layout::detail
