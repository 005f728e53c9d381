// The flow: document blocks -> a list of chunks (unbreakable vertical pieces: a line, a list item, a table
// row, a whole box) with the break rules between them, ready for the page breaker.
#pragma once

#include <string>
#include <vector>

#include "display/display_list.hpp"
#include "doc/document.hpp"
#include "layout/shape.hpp"
#include "load/layout_spec.hpp"

namespace takehome::layout::detail {

/// A heading's outline entry, positioned relative to its chunk's top.
struct HeadingMark {
    std::string title;
    int level = 1;
    std::string dest;
    double y = 0;  ///< pt below the chunk's top
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
    int repeat_header = -1;         ///< index into Flow::headers: repeated on top of a page starting here
    std::vector<HeadingMark> marks;
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
    double body_height = 0;   ///< height available for the body on every page
    display::Colour accent;   ///< headings and rules (already checked for contrast)
};

/// Lays every block into chunks. Throws InputError for a table header taller than the page or a face
/// missing from fonts/; warns (in env.diags) for uncovered characters and boxes split across pages.
[[nodiscard]] Flow build_flow(const doc::Blocks& blocks, const model::LayoutSpec& spec, const FlowGeometry& geometry,
                              ShapeEnv& env);

/// Moves an item by (dx, dy) pt.
void translate(display::Item& item, double dx, double dy);

/// Appends the items of `chunks` (placed at `y[i]` + dy) to `out`, wrapped in TagBegin/TagEnd per block.
void append_tagged(const std::vector<const Chunk*>& chunks, const std::vector<double>& y, double dy,
                   std::vector<display::Item>& out);

/// sRGB display colour of a model colour.
[[nodiscard]] display::Colour to_colour(const model::Rgb& rgb);

/// Parses a doc::Block::source ("file:line" or "compose:what") into a position for diagnostics.
[[nodiscard]] SourcePos source_pos(const std::string& source);

}  // namespace takehome::layout::detail
