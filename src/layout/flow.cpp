// Blocks -> chunks: headings, paragraphs (one chunk per line), lists, tables (rows, repeated header, rows
// taller than a page sliced at line boundaries), images, the NPRS pain chart and boxes.
#include "layout/flow.hpp"

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <span>
#include <utility>

#include "base/length.hpp"
#include "base/picture_info.hpp"
#include "layout/qr.hpp"
#include "layout/fonts.hpp"

namespace takehome::layout::detail {
namespace {

constexpr double kListItemGap = 3;          // pt between list items
/// Fewest average body characters a line beside a stacked exercise's picture may hold (FlowBuilder::stacked):
/// the dose ("How much: 10 times, 2 times a day") in two or three lines. Below it the dose goes under the
/// picture. About a third of Bringhurst's 45-character minimum measure, as for a caption set beside a figure.
constexpr double kBesidePictureMinChars = 20;

/// Paragraph space inside a Columns cell (an exercise card), as a fraction of spacing.paragraph_space_pt: the
/// parts of a card sit closer than the body's paragraphs, so the card reads as one unit (the Gestalt law
/// of proximity) and a standard A4 page holds three typical cards.
constexpr double kColumnSpaceRatio = 2.0 / 3.0;
constexpr double kDenseListItemGap = 1.5;   // pt between list items in the denser warning-sign tiers (styles.warning)
constexpr double kTickBoxMm = 5;            // empty tick box side: about 5 mm, big enough for a pen tick
constexpr double kCellPadding = 4;          // pt inside table cells
constexpr double kTableRule = 0.5;          // pt
constexpr double kWarningFrame = 2.5;       // pt: heavy black frame of red-flag boxes (reads in greyscale)
constexpr double kEmergencyFrame = 3;       // pt: the emergency tier's frame, the heaviest on the page
constexpr double kUrgentFrame = 1.5;        // pt: the same-day tier's normal black frame
constexpr double kTierPadding = 8;          // pt: most inner padding of a warning tier box (frames of 3 pt at most)
constexpr double kSmallTickBoxMm = 3.5;     // several boxes in one cell (the diary's times a day), stacked
constexpr double kTickBoxGap = 2;           // pt between stacked tick boxes
constexpr double kSummaryRule = 4;          // pt: accent rule on the left of summary boxes
/// A heading taller than this fraction of the body is set as lines that may split between pages (orphans and
/// widows as a paragraph's), so that it, a second heading and the two lines they keep with never exceed a page.
constexpr double kMaxWholeHeadingFraction = 1.0 / 3.0;
/// A table's header row repeats on top of continuation pages only when it takes at most this fraction of the
/// body, so a page always has room for at least one line of a row under it.
constexpr double kMaxRepeatedHeaderFraction = 1.0 / 3.0;
/// A picture is scaled down to share a page with the heading or lead-in before it while those take at most
/// this fraction of the body; past it (a heading chain of more than half a page) it only fits the body.
constexpr double kMaxImageLeadFraction = 0.5;

std::string plain_text(const doc::Inlines& inlines) {
    std::string out;
    for (const doc::Span& s : inlines) out += s.text;
    return out;
}

Chunk make_chunk(int block, std::string role) {
    Chunk c;
    c.block = block;
    c.role = std::move(role);
    return c;
}

/// Intrinsic size of an image file in pixels (aspect ratio is all that matters), cached in the typesetter's
/// `cache` per path while the file's modification time and size stay the same. Throws InputError when the
/// file cannot be read as PNG, JPEG or SVG.
std::pair<double, double> image_size(const std::string& path, const SourcePos& where,
                                     std::map<std::string, PictureSize>& cache) {
    const auto [mtime_ns, file_size] = file_identity(path);
    if (auto it = cache.find(path);
        it != cache.end() && it->second.mtime_ns == mtime_ns && it->second.file_size == file_size) {
        return {it->second.width, it->second.height};
    }
    std::pair<double, double> size{0, 0};
    std::string lower = path;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lower.size() > 4 && lower.compare(lower.size() - 4, 4, ".svg") == 0) {
        std::string why;
        const auto svg = svg_size(path, why);
        if (!svg) throw InputError(where, "cannot read image '" + path + "': " + why);
        size = *svg;
    } else {
        // The header is enough for the size: decoding a 20,000 x 20,000 PNG here took 13 s and 2 GB (issue 11).
        // A PNG or JPEG prints turned by its EXIF orientation, so its placed size is the oriented one.
        std::string why;
        if (const auto info = read_picture_info(path, why)) {
            size = {static_cast<double>(info->oriented_width()), static_cast<double>(info->oriented_height())};
        } else if (const auto png = read_png_info(path, why)) {
            size = {static_cast<double>(png->width), static_cast<double>(png->height)};  // over budget: render refuses it
        }
    }
    if (size.first <= 0 || size.second <= 0) {
        throw InputError(where, "cannot read image '" + path + "': expected a PNG, JPEG or SVG file with a size");
    }
    cache[path] = PictureSize{size.first, size.second, mtime_ns, file_size};
    return size;
}

class FlowBuilder {
public:
    FlowBuilder(const model::LayoutSpec& spec, const FlowGeometry& g, ShapeEnv& env, Flow& flow)
        : spec_(spec), geo_(g), env_(env), flow_(flow), text_colour_(to_colour(spec.text_colour)) {}

    /// The horizontal extent (pt) that Columns and tables needing more than the measure may use.
    struct Extent {
        double left = 0, width = 0;
    };

    /// Lays `blocks` into `out` in a column [left, left + width] (the measure); Columns and wide tables may
    /// use `wide` (which contains the measure). Top-level blocks get the float flags (see Chunk).
    void blocks(const doc::Blocks& blocks, double left, double width, std::vector<Chunk>& out, bool top_level) {
        this->blocks(blocks, left, width, out, top_level, Extent{left, width});
    }

    void blocks(std::span<const doc::Block> blocks, double left, double width, std::vector<Chunk>& out, bool top_level,
                Extent wide) {
        const Extent saved_wide = wide_;
        wide_ = wide;
        double space_after = 0;
        bool keep_next = false;
        bool force_break = false;
        // Height of the keep-with-next chain ending with the previous block (pt). A box's content and stacked
        // Columns start with the lead they are kept with from outside (inherited_lead_), so a heading at their
        // top is laid out knowing the heading chain above the box it must share a page with.
        double chain = std::exchange(inherited_lead_, 0.0);
        bool continues_lead = chain > 0;  // the first block extends the chain from outside
        for (const doc::Block& block : blocks) {
            if (std::holds_alternative<doc::PageBreak>(block.node)) {
                force_break = true;
                continue;
            }
            const int id = top_level ? next_block_++ : inner_block_++;
            const std::size_t first = out.size();
            double space_before = in_column_ ? spec_.paragraph_space_pt * kColumnSpaceRatio : spec_.paragraph_space_pt;
            double after = 0;
            bool keeps = block.keep_with_next;
            const SourcePos where = source_pos(block.source);
            const double saved_lead = kept_lead_;
            kept_lead_ = keep_next || continues_lead ? chain : 0;
            space_above_ = std::max(space_before, space_after);
            std::visit(
                [&](const auto& node) {
                    using T = std::decay_t<decltype(node)>;
                    if constexpr (std::is_same_v<T, doc::Heading>) {
                        const model::TextStyle& st = heading_style(node.level);
                        space_before = st.space_before_pt + (node.level <= 1 ? spec_.section_space_pt : 0);
                        after = st.space_after_pt;
                        keeps = true;
                        heading(node, id, left, width, where, out);
                    } else if constexpr (std::is_same_v<T, doc::Paragraph>) {
                        paragraph(node, id, left, width, where, out);
                    } else if constexpr (std::is_same_v<T, doc::List>) {
                        list(node, id, left, width, where, out);
                    } else if constexpr (std::is_same_v<T, doc::Table>) {
                        table(node, id, left, width, where, out);
                    } else if constexpr (std::is_same_v<T, doc::Image>) {
                        image(node, id, left, width, where, out);
                    } else if constexpr (std::is_same_v<T, doc::PainChart>) {
                        pain_chart(node, id, left, width, where, out);
                    } else if constexpr (std::is_same_v<T, doc::QrCode>) {
                        qr_code(node, id, left, width, where, out);
                    } else if constexpr (std::is_same_v<T, doc::Box>) {
                        box(node, id, left, width, where, out);
                    } else if constexpr (std::is_same_v<T, doc::Columns>) {
                        columns(node, id, left, width, where, out);
                    }
                },
                block.node);
            kept_lead_ = saved_lead;
            if (out.size() == first) continue;
            if (top_level) {
                const auto* h = std::get_if<doc::Heading>(&block.node);
                // Paragraphs, lists and headings (with what they keep with) may be set before a float,
                // sections included, so a kept-whole block never leaves a hole the text after it could fill.
                const bool flexible = !block.may_float && !block.float_barrier &&
                                      (std::holds_alternative<doc::Paragraph>(block.node) ||
                                       std::holds_alternative<doc::List>(block.node) || h);
                for (std::size_t k = first; k < out.size(); ++k) {
                    out[k].may_float = block.may_float;
                    out[k].flexible = flexible;
                }
                out[first].float_barrier = block.float_barrier;
            }
            Chunk& head = out[first];
            head.space_before = std::max(space_before, space_after);
            double block_height = head.space_before;
            for (std::size_t k = first; k < out.size(); ++k) block_height += out[k].height;
            chain = keeps ? (keep_next || continues_lead ? chain : 0) + block_height : 0;
            continues_lead = false;
            if (keep_next) head.break_before = false;
            if (force_break) head.force_break_before = true;
            force_break = false;
            keep_next = keeps;
            space_after = after;
        }
        wide_ = saved_wide;
    }

private:
    /// spec.pagination's orphans and widows, as counts of lines (or list items); at least 1.
    [[nodiscard]] std::size_t orphans() const { return static_cast<std::size_t>(std::max(1, spec_.pagination.orphans)); }
    [[nodiscard]] std::size_t widows() const { return static_cast<std::size_t>(std::max(1, spec_.pagination.widows)); }

    const model::TextStyle& heading_style(int level) const {
        return level <= 1 ? spec_.h1 : level == 2 ? spec_.h2 : spec_.h3;
    }

    TextOptions options(const model::TextStyle& style, display::Colour colour, const SourcePos& where,
                        bool bold = false) const {
        TextOptions o;
        o.style = &style;
        o.colour = colour;
        o.force_bold = bold;
        o.where = where;
        return o;
    }

    void heading(const doc::Heading& h, int id, double left, double width, const SourcePos& where,
                 std::vector<Chunk>& out) {
        const model::TextStyle& style = heading_style(h.level);
        ShapedText text = shape_text(h.text, options(style, geo_.accent, where), width, env_);
        const int level = std::clamp(h.level, 1, 3);
        Chunk c = make_chunk(id, "H" + std::to_string(level));
        c.height = text.height();
        std::string dest = h.id.empty() ? "heading-" + std::to_string(++anonymous_) : h.id;
        c.items.emplace_back(display::Anchor{dest, left, 0});
        if (h.outline) c.marks.push_back(HeadingMark{plain_text(h.text), level, dest, 0});
        if (fits(c.height, geo_.body_height * kMaxWholeHeadingFraction) || text.lines.size() < 4) {
            emit_lines(text, 0, text.lines.size(), left, 0, c.items);
            out.push_back(std::move(c));
            return;
        }
        // Taller than a third of the body (a word of hundreds of letters set in heading type): one chunk per line,
        // so it splits like a paragraph (orphans and widows) instead of running off the page, and the
        // chain it keeps with (its last lines, the next heading, two lines of text) still fits one page.
        const std::size_t n = text.lines.size();
        for (std::size_t k = 0; k < n; ++k) {
            Chunk line = k == 0 ? std::move(c) : make_chunk(id, "H" + std::to_string(level));
            line.height = text.pitch;
            line.break_before = k == 0 || (k >= orphans() && n - k >= widows());
            emit_lines(text, k, 1, left, 0, line.items);
            out.push_back(std::move(line));
        }
    }

    /// One chunk per line. A page may break before line k of n only if k >= orphans and n - k >= widows
    /// (spec.pagination; with the default 2 and 2, 2- and 3-line paragraphs never split).
    void paragraph(const doc::Paragraph& p, int id, double left, double width, const SourcePos& where,
                   std::vector<Chunk>& out) {
        ShapedText text = shape_text(p.text, options(*text_style_, text_colour_, where), width, env_);
        const std::size_t n = text.lines.size();
        for (std::size_t k = 0; k < n; ++k) {
            Chunk c = make_chunk(id, "P");
            c.height = text.pitch;
            c.break_before = k == 0 || (k >= orphans() && n - k >= widows());
            emit_lines(text, k, 1, left, 0, c.items);
            out.push_back(std::move(c));
        }
    }

    /// One chunk per item. Up to spec.pagination.list_keep_whole_items (6): no break inside. Longer: breaks
    /// only with `orphans` items before and `widows` items after (2 and 2: never the first or last item alone).
    void list(const doc::List& l, int id, double left, double width, const SourcePos& where,
              std::vector<Chunk>& out) {
        const std::size_t n = l.items.size();
        const double indent = std::min(spec_.list_indent_pt, width / 3);
        const double body_width = width - indent;
        for (std::size_t k = 0; k < n; ++k) {
            ShapedText text = shape_text(l.items[k], options(*text_style_, text_colour_, where), body_width, env_);
            std::string label = l.ordered ? std::to_string(k + 1) + "." : "\u2022";
            ShapedText mark = shape_text(doc::plain(label), options(*text_style_, text_colour_, where), 0, env_);
            Chunk c = make_chunk(id, "L");
            c.height = std::max(text.height(), mark.height());
            c.space_before = k == 0 ? 0 : text_style_ == &spec_.body ? kListItemGap : kDenseListItemGap;
            c.break_before =
                k == 0 || (n > static_cast<std::size_t>(spec_.pagination.list_keep_whole_items) && k >= orphans() &&
                           n - k >= widows());
            const double text_left = env_.rtl ? left : left + indent;
            const double mark_left = env_.rtl ? left + width - mark.max_width : left;
            if (!fits(c.height, geo_.body_height) && text.lines.size() > 1) {
                tall_item(text, mark, c, text_left, mark_left, out);
                continue;
            }
            c.items.emplace_back(display::TagBegin{"LI", ""});
            c.items.emplace_back(display::TagBegin{"Lbl", ""});
            emit_lines(mark, 0, mark.lines.size(), mark_left, 0, c.items);
            c.items.emplace_back(display::TagEnd{});
            c.items.emplace_back(display::TagBegin{"LBody", ""});
            emit_lines(text, 0, text.lines.size(), text_left, 0, c.items);
            c.items.emplace_back(display::TagEnd{});
            c.items.emplace_back(display::TagEnd{});
            out.push_back(std::move(c));
        }
    }

    /// A list item taller than the page body: one chunk per line, like a paragraph (a page may break before
    /// line k of n only if k >= orphans and n - k >= widows), the label with the first line. The pieces share one "LI"
    /// level (Chunk::inner_tags), so the pieces on one page form one list item; `first` gives the item's
    /// height-free fields (block, role, space and break before its first line).
    void tall_item(const ShapedText& text, const ShapedText& mark, const Chunk& first, double text_left,
                   double mark_left, std::vector<Chunk>& out) {
        const std::size_t n = text.lines.size();
        const TagLevel item{inner_block_++, "LI", ""};
        for (std::size_t k = 0; k < n; ++k) {
            Chunk c = make_chunk(first.block, first.role);
            c.inner_tags.push_back(item);
            c.height = text.pitch;
            c.space_before = k == 0 ? first.space_before : 0;
            c.break_before = k == 0 ? first.break_before : k >= orphans() && n - k >= widows();
            if (k == 0) {
                c.items.emplace_back(display::TagBegin{"Lbl", ""});
                emit_lines(mark, 0, mark.lines.size(), mark_left, 0, c.items);
                c.items.emplace_back(display::TagEnd{});
            }
            c.items.emplace_back(display::TagBegin{"LBody", ""});
            emit_lines(text, k, 1, text_left, 0, c.items);
            c.items.emplace_back(display::TagEnd{});
            out.push_back(std::move(c));
        }
    }

    struct CellText {
        ShapedText text;
        bool tick_box = false;
        int tick_boxes = 1;
    };

    /// Height of `n` tick boxes in one cell: one full-size box, or n small ones stacked.
    static double stacked_ticks(int n) {
        if (n <= 1) return mm_to_pt(kTickBoxMm);
        return n * mm_to_pt(kSmallTickBoxMm) + (n - 1) * kTickBoxGap;
    }

    /// Rows are chunks; the header row is a chunk repeated on top of continuation pages; a row taller
    /// than the page is sliced at line boundaries into several chunks (nothing is clipped).
    void table(const doc::Table& t, int id, double left, double width, const SourcePos& where,
               std::vector<Chunk>& out) {
        std::size_t columns = t.header ? t.header->size() : 0;
        for (const auto& row : t.rows) columns = std::max(columns, row.size());
        if (columns == 0) return;
        std::vector<double> weights = t.column_weights;
        weights.resize(columns, weights.empty() ? 1.0 : 0.0);
        for (double& w : weights) {
            if (!(w > 0)) w = 1.0;
        }
        const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
        const double tick = mm_to_pt(kTickBoxMm);
        // A table that needs more than the measure (its widest unwrapped cells, each column at its weight)
        // may grow into the wide extent (the full content width), never beyond it.
        {
            double needed = 0;
            auto need = [&](const std::vector<doc::TableCell>& cells, bool header) {
                for (std::size_t c = 0; c < cells.size() && c < columns; ++c) {
                    const double natural =
                        (cells[c].tick_box ? tick
                                           : shape_text(cells[c].text, options(spec_.body, text_colour_, where, header), 0,
                                                        env_).max_width) + 2 * kCellPadding + 1;
                    needed = std::max(needed, natural * total / weights[c]);
                }
            };
            if (t.header) need(*t.header, true);
            for (const auto& row : t.rows) need(row, false);
            if (needed > width && wide_.width > width) {
                const double grown = std::min(needed, wide_.width);
                // LTR grows to the right of the measure, RTL to the left; both stay inside the wide extent.
                left = env_.rtl ? std::max(wide_.left, left + width - grown) : std::min(left, wide_.left + wide_.width - grown);
                width = grown;
            }
        }
        std::vector<double> col_x(columns + 1, left);
        for (std::size_t c = 0; c < columns; ++c) col_x[c + 1] = col_x[c] + width * weights[c] / total;
        col_x[columns] = left + width;
        const display::Colour rule = to_colour(spec_.rule_colour);

        auto shape_row = [&](const std::vector<doc::TableCell>& cells, bool header) {
            std::vector<CellText> row(columns);
            for (std::size_t c = 0; c < columns; ++c) {
                const double cell_width = std::max(1.0, col_x[c + 1] - col_x[c] - 2 * kCellPadding);
                if (c < cells.size() && cells[c].tick_box) {
                    row[c].tick_box = true;
                    row[c].tick_boxes = std::max(1, cells[c].tick_boxes);
                    continue;
                }
                const doc::Inlines text = c < cells.size() ? cells[c].text : doc::Inlines{};
                row[c].text = shape_text(text, options(spec_.body, text_colour_, where, header), cell_width, env_);
                if (text.empty() || (text.size() == 1 && text[0].text.empty())) row[c].text.lines.clear();
            }
            return row;
        };
        auto content_height = [&](const CellText& cell, std::size_t first, std::size_t count) {
            if (cell.tick_box) return first == 0 ? stacked_ticks(cell.tick_boxes) : 0.0;
            const std::size_t n = cell.text.lines.size();
            const std::size_t shown = first >= n ? 0 : std::min(count, n - first);
            return cell.text.pitch * static_cast<double>(shown);
        };
        // One chunk holding lines [first, first + count) of every cell of a row.
        auto row_chunk = [&](const std::vector<CellText>& row, bool header, std::size_t first, std::size_t count,
                             double min_height) {
            Chunk c = make_chunk(id, "Table");
            c.alt = t.caption;
            double inner = 0;
            for (const CellText& cell : row) inner = std::max(inner, content_height(cell, first, count));
            c.height = std::max(inner + 2 * kCellPadding, min_height);
            c.items.emplace_back(display::TagBegin{"TR", ""});
            for (std::size_t k = 0; k < columns; ++k) {
                const double x = col_x[k], w = col_x[k + 1] - col_x[k];
                display::Rect frame{x, 0, w, c.height, std::nullopt, rule, kTableRule, 0};
                if (header) frame.fill = to_colour(spec_.box_fill);
                c.items.emplace_back(frame);
                c.items.emplace_back(display::TagBegin{header ? "TH" : "TD", ""});
                // A row stretched by min_height (the diary: room for a pen) centres its contents vertically;
                // tick boxes are also centred across their cell, so a column of boxes lines up under its day.
                const double slack = std::max(0.0, c.height - 2 * kCellPadding - content_height(row[k], first, count));
                const double top = kCellPadding + (min_height > inner + 2 * kCellPadding ? slack / 2 : 0);
                if (row[k].tick_box) {
                    if (first == 0 && row[k].tick_boxes == 1) {
                        c.items.emplace_back(display::Rect{x + (w - tick) / 2, top, tick, tick, std::nullopt,
                                                           text_colour_, 1.0, 0});
                    } else if (first == 0) {
                        const double small = mm_to_pt(kSmallTickBoxMm);
                        for (int n = 0; n < row[k].tick_boxes; ++n)
                            c.items.emplace_back(display::Rect{x + (w - small) / 2, top + n * (small + kTickBoxGap),
                                                               small, small, std::nullopt, text_colour_, 1.0, 0});
                    }
                } else {
                    emit_lines(row[k].text, first, count, x + kCellPadding, top, c.items);
                }
                c.items.emplace_back(display::TagEnd{});
            }
            c.items.emplace_back(display::TagEnd{});
            return c;
        };
        auto max_lines = [&](const std::vector<CellText>& row) {
            std::size_t n = 0;
            for (const CellText& cell : row) n = std::max(n, cell.text.lines.size());
            return n;
        };
        const std::size_t all = static_cast<std::size_t>(-1) / 2;

        int header_index = -1;
        double header_height = 0;  // of the repeated header (0: none repeats)
        double header_once = 0;    // of the header row's (last) piece as set on the table's first page
        double header_total = 0;   // of the whole header row
        const std::size_t first_out = out.size();
        if (t.header) {
            std::vector<CellText> row = shape_row(*t.header, true);
            Chunk c = row_chunk(row, true, 0, all, 0);
            if (!fits(c.height, geo_.body_height)) throw InputError(where, "table header taller than the page");
            header_once = header_total = c.height;
            // A header taller than kMaxRepeatedHeaderFraction of the body is set once: repeated, it would leave
            // too little of each page for a row (a row slice under it ran off the page, issue 10).
            const double pitch = spec_.body.size_pt * spec_.body.leading;
            const double room = geo_.body_height - kept_lead_;
            if (fits(c.height, geo_.body_height * kMaxRepeatedHeaderFraction)) {
                header_height = c.height;
                flow_.headers.push_back(c);
                header_index = static_cast<int>(flow_.headers.size()) - 1;
                out.push_back(std::move(c));
            } else if (!fits(c.height, room) && room >= pitch + 2 * kCellPadding) {
                // Set once and unable to share a page with the heading chain before the table: sliced at its
                // lines like a tall row, so the heading keeps with its first lines.
                const auto per_slice =
                    static_cast<std::size_t>(std::max(1.0, std::floor((room - 2 * kCellPadding) / pitch - 1e-6)));
                for (std::size_t line = 0; line < max_lines(row); line += per_slice) {
                    out.push_back(row_chunk(row, true, line, per_slice, 0));
                    header_once = out.back().height;
                }
            } else {
                out.push_back(std::move(c));
            }
        }
        const double available = geo_.body_height - header_height;
        // Up to 12 rows (the PSFS table, a week's diary) the table moves to the next page whole, when it fits
        // on a page at all; longer tables break between rows with the header repeated.
        double table_height = header_total;
        const std::size_t rows_first = out.size();
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            std::vector<CellText> row = shape_row(t.rows[r], false);
            Chunk whole = row_chunk(row, false, 0, all, t.min_row_height_pt);
            std::vector<Chunk> pieces;
            const double pitch = spec_.body.size_pt * spec_.body.leading;
            // The first row shares its page with the header and the heading chain before the table; when it
            // cannot, it is sliced to fit under them rather than leave the heading at the foot of a page.
            const double first_room = geo_.body_height - header_once - kept_lead_;
            const double room = r == 0 && first_room >= pitch + 2 * kCellPadding ? first_room : available;
            if (fits(whole.height, room)) {
                pieces.push_back(std::move(whole));
            } else {
                // Taller than a page (or than the room under the heading): slice at line boundaries, every slice
                // no taller than that room (H23).
                const auto per_slice =
                    static_cast<std::size_t>(std::max(1.0, std::floor((room - 2 * kCellPadding) / pitch - 1e-6)));
                const std::size_t lines = max_lines(row);
                for (std::size_t first = 0; first < lines; first += per_slice) {
                    pieces.push_back(row_chunk(row, false, first, per_slice, 0));
                }
            }
            for (std::size_t p = 0; p < pieces.size(); ++p) {
                pieces[p].break_before = !(r == 0 && p == 0 && t.header);  // the header keeps with row 1
                pieces[p].repeat_header = header_index;
                table_height += pieces[p].height;
                out.push_back(std::move(pieces[p]));
            }
        }
        if (t.rows.size() <= static_cast<std::size_t>(spec_.pagination.table_keep_whole_rows) &&
            fits(table_height + kept_lead_, geo_.body_height)) {
            for (std::size_t k = rows_first; k < out.size(); ++k) out[k].break_before = false;
        }
        if (out.size() > first_out && !t.header) out[first_out].break_before = true;
    }

    void image(const doc::Image& img, int id, double left, double width, const SourcePos& where,
               std::vector<Chunk>& out) {
        const auto [pw, ph] = image_size(img.path, where, env_.fonts->picture_sizes);
        // In a Columns cell the picture fills its column (the cell is its frame); elsewhere the layout's
        // figure width (spec.exercise_image_width_pt). Never wider than the column either way.
        double w = img.max_width_pt > 0 ? img.max_width_pt : in_column_ ? width : spec_.exercise_image_width_pt;
        w = std::min(w, width);
        double h = w * ph / pw;
        // Never taller than the page body, nor than what the heading or lead-in it keeps with leaves of a page
        // (else the heading would end a page), unless that lead takes more than kMaxImageLeadFraction of it.
        const double room = kept_lead_ > 0 && kept_lead_ <= geo_.body_height * kMaxImageLeadFraction
                                ? geo_.body_height - kept_lead_ - space_above_
                                : geo_.body_height;
        if (h > room) {
            h = room;
            w = h * pw / ph;
        }
        Chunk c = make_chunk(id, "Figure");
        c.alt = img.alt;
        c.height = h;
        const double x = env_.rtl ? left + width - w : left;
        c.items.emplace_back(display::Image{img.path, x, 0, w, h, img.alt});
        out.push_back(std::move(c));
    }

    enum class Align { start, centre, end };

    /// Places a one-line chart label at `x` (its start, centre or end), its line top at `top`, kept inside
    /// [lo, hi] (pt).
    double label(const std::string& text, double x, double top, Align align, bool bold, const SourcePos& where,
                 std::vector<display::Item>& items, double lo, double hi) {
        ShapedText shaped = shape_text(doc::plain(text), options(spec_.small, text_colour_, where, bold), 0, env_);
        const double w = shaped.max_width;
        double x0 = align == Align::start ? x : align == Align::centre ? x - w / 2 : x - w;
        x0 = std::max(lo, std::min(x0, hi - w));
        emit_lines(shaped, 0, shaped.lines.size(), x0, top, items);
        return w;
    }

    /// NPRS chart: y axis 0..10 with labelled ticks every 2, date labels, a polyline with circles and the
    /// last point (today) bigger, filled and labelled. Dark strokes on white: readable in greyscale.
    /// A QR code as a "Figure": module_mm (never under kQrMinModuleMm), made smaller when the code with its
    /// quiet zone would be wider than the column; an error when it does not fit even at the smallest module.
    void qr_code(const doc::QrCode& qr, int id, double left, double width, const SourcePos& where,
                 std::vector<Chunk>& out) {
        const QrMatrix m = encode_qr(qr.data);
        const double modules = m.size + 2 * kQrQuietZoneModules;
        const double smallest = mm_to_pt(kQrMinModuleMm);
        double module = std::max(mm_to_pt(qr.module_mm), smallest);
        if (module * modules > width) module = width / modules;
        if (module < smallest) {
            throw InputError(where, "the address is too long for a QR code " + std::to_string(static_cast<int>(width)) +
                                        " pt wide (" + std::to_string(m.size) + " modules of at least 0.5 mm)");
        }
        Chunk c = make_chunk(id, "Figure");
        c.alt = qr.alt;
        c.height = module * modules;
        const double x = env_.rtl ? left + width - c.height : left;
        c.items = qr_items(m, x, 0, module);
        out.push_back(std::move(c));
    }

    void pain_chart(const doc::PainChart& chart, int id, double left, double width, const SourcePos& where,
                    std::vector<Chunk>& out) {
        const double chart_width = std::min(width, 360.0);
        const double pitch = spec_.small.size_pt * spec_.small.leading;
        const double top_pad = pitch * 2;                        // y label and "today" label
        const double plot_h = 120;
        const double axis_w = label_width("10", where) + 8;
        const double plot_left = left + axis_w, plot_right = left + chart_width - 12;
        const double plot_top = top_pad, plot_bottom = top_pad + plot_h;
        Chunk c = make_chunk(id, "Figure");
        c.alt = chart.alt;
        c.height = plot_bottom + 4 + pitch;
        const display::Colour axis = text_colour_;
        const display::Colour grid = to_colour(spec_.rule_colour);
        const double lo = left, hi = left + chart_width;
        label(chart.y_label, left, 0, Align::start, false, where, c.items, lo, hi);
        auto y_of = [&](double score) { return plot_bottom - plot_h * score / 10.0; };
        for (int s = 0; s <= 10; s += 2) {
            const double y = y_of(s);
            if (s > 0) {
                c.items.emplace_back(display::Path{{{plot_left, y}, {plot_right, y}}, false, std::nullopt, grid, 0.5,
                                                   {2, 2}});
            }
            c.items.emplace_back(display::Path{{{plot_left - 3, y}, {plot_left, y}}, false, std::nullopt, axis, 0.75, {}});
            label(std::to_string(s), plot_left - 5, y - pitch / 2, Align::end, false, where, c.items, lo, hi);
        }
        c.items.emplace_back(display::Path{{{plot_left, plot_top}, {plot_left, plot_bottom}, {plot_right, plot_bottom}},
                                           false, std::nullopt, axis, 1.0, {}});
        const std::size_t n = chart.points.size();
        if (n > 0) {
            const double span = plot_right - plot_left - 20;
            auto x_of = [&](std::size_t k) {
                return n == 1 ? plot_left + 10 + span / 2
                              : plot_left + 10 + span * static_cast<double>(k) / static_cast<double>(n - 1);
            };
            display::Path line{{}, false, std::nullopt, geo_.accent, 1.5, {}};
            for (std::size_t k = 0; k < n; ++k) line.points.emplace_back(x_of(k), y_of(std::clamp(chart.points[k].second, 0, 10)));
            if (n > 1) c.items.emplace_back(line);
            // Date labels: every k-th so they do not collide (the last one, today, always).
            double widest = 0;
            for (const auto& p : chart.points) widest = std::max(widest, label_width(p.first, where));
            const double step_x = n > 1 ? span / static_cast<double>(n - 1) : span;
            const auto every = static_cast<std::size_t>(std::max(1.0, std::ceil((widest + 6) / step_x)));
            for (std::size_t k = 0; k < n; ++k) {
                const auto [x, y] = line.points[k];
                const bool today = k + 1 == n;
                c.items.emplace_back(display::Circle{x, y, today ? 4.5 : 2.5, today ? geo_.accent : display::Colour{1, 1, 1},
                                                     geo_.accent, 1.25});
                if (today || ((n - 1 - k) % every == 0 && (n - 1 - k) >= every)) {
                    label(chart.points[k].first, x, plot_bottom + 4, Align::centre, today, where, c.items, lo, hi);
                }
                if (today) {
                    label("Today: " + std::to_string(chart.points[k].second), x, std::max(0.0, y - 6 - pitch), Align::centre,
                          true, where, c.items, lo, hi);
                }
            }
        }
        out.push_back(std::move(c));
    }

    double label_width(const std::string& text, const SourcePos& where) {
        return shape_text(doc::plain(text), options(spec_.small, text_colour_, where), 0, env_).max_width;
    }

    /// A box is one chunk (kept on one page). Taller than the page: split at its child boundaries, with a
    /// warning, each piece carrying its own part of the frame (never clipped).
    void box(const doc::Box& b, int id, double left, double width, const SourcePos& where,
             std::vector<Chunk>& out) {
        // A full-width box takes the wide extent (the full content width at top level or in a group box).
        if (b.full_width && wide_.width > width) {
            left = wide_.left;
            width = wide_.width;
        }
        const bool framed = b.style != doc::BoxStyle::group;
        const bool tier = b.style == doc::BoxStyle::emergency || b.style == doc::BoxStyle::urgent ||
                          b.style == doc::BoxStyle::calm;
        // The warning tiers hold lists that must fit one page: their padding is capped (kTierPadding).
        const double pad = !framed ? 0 : tier ? std::min(spec_.box_padding_pt, kTierPadding) : spec_.box_padding_pt;
        const double rule_inset = b.style == doc::BoxStyle::summary ? kSummaryRule : 0;
        const double inner_left = left + pad + rule_inset;
        const double inner_width = std::max(10.0, width - 2 * pad - rule_inset);
        std::vector<Chunk> inner;
        const model::TextStyle* saved_style = text_style_;
        if (tier && spec_.warning) text_style_ = &*spec_.warning;
        struct RestoreStyle {
            const model::TextStyle*& slot;
            const model::TextStyle* saved;
            ~RestoreStyle() { slot = saved; }
        } restore{text_style_, saved_style};
        if (!b.title.empty()) {
            ShapedText title = shape_text(b.title, options(*text_style_, text_colour_, where, true), inner_width, env_);
            Chunk t = make_chunk(-1000 - inner_block_++, "P");
            t.height = title.height();
            emit_lines(title, 0, title.lines.size(), inner_left, 0, t.items);
            inner.push_back(std::move(t));
        }
        // A group box has no frame, so its Columns and wide tables may still use the full width around it. What
        // the box holds is laid out for the body less the box's top and bottom padding, so a piece of a split box
        // (a picture, a slice of a table row, a nested box) with its share of the frame still fits on a page.
        const double saved_body = geo_.body_height;
        // The title repeated on continuation pages (doc::Box::continued_title), made now so that what the box
        // holds is laid out for the body less its height: a piece under it still fits on a page.
        std::optional<Chunk> continued;
        if (!b.continued_title.empty()) continued = continued_title_chunk(b.continued_title, left, width, where);
        geo_.body_height = std::max(2 * pad + 1, saved_body - 2 * pad - (continued ? continued->height : 0));
        double title_height = 0;
        for (const Chunk& t : inner) title_height += t.height;
        inherited_lead_ = kept_lead_ + pad + title_height;
        blocks(b.content, inner_left, inner_width, inner, false, framed ? Extent{inner_left, inner_width} : wide_);
        inherited_lead_ = 0;
        geo_.body_height = saved_body;
        if (!b.title.empty() && inner.size() > 1) inner[1].space_before = std::min(inner[1].space_before, 4.0);

        // A box split into pieces (taller than a page, or unable to share a page with its heading) draws its
        // frame open-ended: the top rule only on the first piece and the bottom rule only on the last, so
        // pieces that land on one page join without seams.
        auto frame = [&](double h, bool top_edge, bool bottom_edge, std::vector<display::Item>& items) {
            // A closed frame is one rectangle, filled and stroked; an open-ended piece is its fill and the rules.
            auto ruled = [&](double sw, display::Colour stroke, std::optional<display::Colour> fill) {
                const double x0 = left + sw / 2, x1 = left + width - sw / 2;
                const double y0 = top_edge ? sw / 2 : 0, y1 = bottom_edge ? h - sw / 2 : h;
                if (top_edge && bottom_edge) {
                    items.emplace_back(display::Rect{x0, y0, x1 - x0, y1 - y0, fill, stroke, sw, 0});
                    return;
                }
                if (fill) items.emplace_back(display::Rect{left, 0, width, h, fill, std::nullopt, 0, 0});
                items.emplace_back(display::Path{{{x0, y0}, {x0, y1}}, false, std::nullopt, stroke, sw, {}});
                items.emplace_back(display::Path{{{x1, y0}, {x1, y1}}, false, std::nullopt, stroke, sw, {}});
                if (top_edge) items.emplace_back(display::Path{{{x0, y0}, {x1, y0}}, false, std::nullopt, stroke, sw, {}});
                if (bottom_edge) items.emplace_back(display::Path{{{x0, y1}, {x1, y1}}, false, std::nullopt, stroke, sw, {}});
            };
            switch (b.style) {
                case doc::BoxStyle::group: break;
                case doc::BoxStyle::summary:
                    items.emplace_back(display::Rect{left, 0, width, h, to_colour(spec_.box_fill), std::nullopt, 0, 0});
                    items.emplace_back(display::Rect{left, 0, kSummaryRule, h, geo_.accent, std::nullopt, 0, 0});
                    break;
                case doc::BoxStyle::warning:
                    ruled(kWarningFrame, display::Colour{0, 0, 0}, to_colour(spec_.warning_fill));
                    break;
                case doc::BoxStyle::emergency:
                    ruled(kEmergencyFrame, display::Colour{0, 0, 0}, to_colour(spec_.warning_fill));
                    break;
                case doc::BoxStyle::urgent:
                    ruled(kUrgentFrame, display::Colour{0, 0, 0}, std::nullopt);
                    break;
                case doc::BoxStyle::calm:
                case doc::BoxStyle::note:
                    ruled(spec_.box_rule_pt / 2, to_colour(spec_.rule_colour), std::nullopt);
                    break;
            }
        };

        // Stack the inner chunks.
        std::vector<double> ys;
        std::vector<const Chunk*> ptrs;
        double y = pad;
        for (std::size_t k = 0; k < inner.size(); ++k) {
            if (k > 0) y += inner[k].space_before;
            ys.push_back(y);
            ptrs.push_back(&inner[k]);
            y += inner[k].height;
        }
        const double total = y + pad;
        const std::string role = "Sect";
        if (fits(total + kept_lead_, geo_.body_height) || inner.size() <= 1) {
            Chunk c = make_chunk(id, role);
            c.height = total;
            frame(total, true, true, c.items);
            if (!b.id.empty()) c.items.emplace_back(display::Anchor{b.id, left, 0});
            append_tagged(ptrs, ys, 0, c.items);
            for (std::size_t k = 0; k < inner.size(); ++k) {
                for (HeadingMark m : inner[k].marks) {
                    m.y += ys[k];
                    c.marks.push_back(m);
                }
            }
            out.push_back(std::move(c));
            return;
        }
        int repeat = -1;  // every piece resumes under the continued title when a page starts with it
        if (continued) {
            flow_.headers.push_back(std::move(*continued));
            repeat = static_cast<int>(flow_.headers.size()) - 1;
        }
        // Expected for an exercise (group) in large print, and the physio cannot act on it: no warning.
        if (env_.diags && b.style != doc::BoxStyle::group && !fits(total, geo_.body_height)) {
            env_.diags->warning(where, "box taller than the page (" + std::to_string(static_cast<int>(total)) +
                                           " pt); split between its parts");
        }
        for (std::size_t k = 0; k < inner.size(); ++k) {
            Chunk c = make_chunk(id, role);
            const double top = k == 0 ? pad : 0;
            const double bottom = k + 1 == inner.size() ? pad : 0;
            double gap = k == 0 ? 0 : inner[k].space_before;
            if (!fits(gap + top + inner[k].height + bottom, geo_.body_height)) {
                // With the space above it, the piece would not fit even an empty page (a picture scaled to the
                // body): the space goes before the chunk, where it collapses at the top of a page.
                c.space_before = gap;
                gap = 0;
            }
            c.height = gap + top + inner[k].height + bottom;
            c.break_before = k == 0 || inner[k].break_before;
            if (c.repeat_header < 0) c.repeat_header = repeat;
            frame(c.height, k == 0, k + 1 == inner.size(), c.items);
            if (k == 0 && !b.id.empty()) c.items.emplace_back(display::Anchor{b.id, left, 0});
            // The part's own tag levels go into inner_tags (not into the items), so that append_tagged joins
            // the pieces of one paragraph, list or table on a page into one element.
            c.inner_tags.push_back(TagLevel{inner[k].block, inner[k].role, inner[k].alt});
            c.inner_tags.insert(c.inner_tags.end(), inner[k].inner_tags.begin(), inner[k].inner_tags.end());
            for (display::Item item : inner[k].items) {
                translate(item, 0, gap + top);
                c.items.push_back(std::move(item));
            }
            for (HeadingMark m : inner[k].marks) {
                m.y += gap + top;
                c.marks.push_back(m);
            }
            out.push_back(std::move(c));
        }
    }

    /// The title a split box repeats on its continuation pages (doc::Box::continued_title): set in the h2
    /// style and accent colour with h2's space after it, at `left` in `width`, and tagged as an artifact (a
    /// repetition; assistive technology reads the title once, from the box's own heading).
    Chunk continued_title_chunk(const doc::Inlines& title, double left, double width, const SourcePos& where) {
        const model::TextStyle& style = heading_style(2);
        ShapedText text = shape_text(title, options(style, geo_.accent, where), width, env_);
        Chunk c = make_chunk(-1000 - inner_block_++, "Artifact");
        emit_lines(text, 0, text.lines.size(), left, 0, c.items);
        c.height = text.height() + style.space_after_pt;
        return c;
    }

    /// Two balanced columns (doc::Columns::balance): every block of the second column is laid out in the
    /// second column's width, then the first `move` blocks of the second column go to the foot of the first,
    /// for the `move` that makes the taller column shortest (never splitting a heading or lead-in from the
    /// block it keeps with, and leaving the second column at least one block). A block is laid out in the
    /// first column's width only when a move reaches it: the first column only grows with `move`, so once it
    /// is as tall as the best so far no later move can be better (a card's best move is 0 to 2 blocks; laying
    /// every block in both widths cost a tenth of a handout's render). Returns the two columns' chunks; the
    /// first column's own blocks are laid out once.
    std::vector<std::vector<Chunk>> balanced_pair(const doc::Columns& cols, const std::vector<double>& lefts,
                                                  const std::vector<double>& widths) {
        const doc::Blocks& first = cols.columns[0];
        const doc::Blocks& second = cols.columns[1];
        auto lay = [&](std::span<const doc::Block> part, std::size_t k) {
            std::vector<Chunk> out;
            blocks(part, lefts[k], widths[k], out, false, Extent{lefts[k], widths[k]});
            return out;
        };
        // Height of chunks laid as one column (space before each chunk but the first).
        auto height_of = [](const std::vector<Chunk>& chunks, bool at_top) {
            double y = 0;
            for (std::size_t i = 0; i < chunks.size(); ++i) y += (i == 0 && at_top ? 0 : chunks[i].space_before) + chunks[i].height;
            return y;
        };
        const std::vector<Chunk> own = lay(first, 0);
        const double own_height = height_of(own, true);
        const std::size_t m = second.size();
        std::vector<std::vector<Chunk>> in_first(m), in_second(m);
        std::vector<bool> keeps(m);
        for (std::size_t b = 0; b < m; ++b) {
            in_second[b] = lay(std::span<const doc::Block>(second).subspan(b, 1), 1);
            keeps[b] = std::holds_alternative<doc::Heading>(second[b].node) || second[b].keep_with_next;
        }
        std::size_t best = 0;
        double best_height = std::numeric_limits<double>::infinity();
        double left_height = own_height;
        for (std::size_t move = 0; move < m; ++move) {  // blocks [0, move) of the second column go to the first
            if (left_height >= best_height - 0.5) break;  // the first column alone is already too tall
            if (move > 0) {
                in_first[move - 1] = lay(std::span<const doc::Block>(second).subspan(move - 1, 1), 0);
                left_height += height_of(in_first[move - 1], own.empty() && move == 1);
            }
            if (move > 0 && keeps[move - 1]) continue;
            double right_height = 0;
            for (std::size_t b = move; b < m; ++b) right_height += height_of(in_second[b], b == move);
            const double tallest = std::max(left_height, right_height);
            if (tallest < best_height - 0.5) {  // half a point: keep the column break the content gave
                best_height = tallest;
                best = move;
            }
        }
        std::vector<std::vector<Chunk>> out(2);
        out[0] = own;
        for (std::size_t b = 0; b < best; ++b) out[0].insert(out[0].end(), in_first[b].begin(), in_first[b].end());
        for (std::size_t b = best; b < m; ++b) out[1].insert(out[1].end(), in_second[b].begin(), in_second[b].end());
        return out;
    }

    /// The blocks of `cols` one after another, for a measure `width` (pt) too narrow to set the columns side by
    /// side (large print) or a Columns taller than a page. The first column's picture keeps the paragraphs
    /// that follow it in that column (an exercise's dose and the physio's note) beside it, as a two-column row
    /// of the layout's figure width (spacing.exercise_image_width_pt) and the rest, when the rest is at least
    /// kBesidePictureMinChars average body characters wide; otherwise everything is stacked in order. In
    /// large print this saves the dose's lines under the picture (about 70 pt a card; issue 10, item 5).
    [[nodiscard]] doc::Blocks stacked(const doc::Columns& cols, double width) const {
        doc::Blocks all;
        for (const doc::Blocks& column : cols.columns) all.insert(all.end(), column.begin(), column.end());
        if (cols.columns.size() < 2) return all;
        const doc::Blocks& first = cols.columns.front();
        const auto picture = std::find_if(first.begin(), first.end(),
                                          [](const doc::Block& b) { return std::holds_alternative<doc::Image>(b.node); });
        if (picture == first.end()) return all;
        auto beside_end = picture + 1;
        while (beside_end != first.end() && std::holds_alternative<doc::Paragraph>(beside_end->node)) ++beside_end;
        if (beside_end == picture + 1) return all;
        const double gap = std::max(0.0, cols.gap_pt);
        const double span = wide_.width >= width ? wide_.width : width;  // the extent columns() spreads the row over
        const double picture_width = std::min(spec_.exercise_image_width_pt, span);
        const double rest = span - picture_width - gap;
        const double char_width = average_char_width(spec_.body, env_);
        if (!(char_width > 0) || rest < char_width * kBesidePictureMinChars) return all;
        // Only when the row is shorter than the picture with the paragraphs under it: a long note in the
        // narrow column beside a picture can be the taller of the two.
        auto text_height = [&](double w) {
            double h = 0;
            for (auto it = picture + 1; it != beside_end; ++it) {
                const auto& p = std::get<doc::Paragraph>(it->node);
                h += spec_.paragraph_space_pt +
                     shape_text(p.text, options(*text_style_, text_colour_, source_pos(it->source)), w, env_).height();
            }
            return h;
        };
        const auto& img = std::get<doc::Image>(picture->node);
        const auto [pw, ph] = image_size(img.path, source_pos(picture->source), env_.fonts->picture_sizes);
        const double picture_height = pw > 0 ? picture_width * ph / pw : 0;
        if (std::max(picture_height, text_height(rest)) >= picture_height + text_height(width)) return all;
        doc::Columns row;
        row.weights = {picture_width, rest};
        row.gap_pt = gap;
        row.min_measure_chars = kBesidePictureMinChars;
        row.columns.push_back({*picture});
        row.columns.push_back(doc::Blocks(picture + 1, beside_end));
        doc::Blocks out(first.begin(), picture);
        out.push_back(doc::Block(std::move(row), picture->source));
        out.insert(out.end(), beside_end, first.end());
        for (std::size_t c = 1; c < cols.columns.size(); ++c)
            out.insert(out.end(), cols.columns[c].begin(), cols.columns[c].end());
        return out;
    }

    /// The natural width (pt) of a column that is a single QR code: its modules and quiet zone at its module
    /// size (never under kQrMinModuleMm); 0 for anything else (the column then takes its weighted share).
    [[nodiscard]] double natural_width(const doc::Blocks& column) const {
        if (column.size() != 1) return 0;
        const auto* qr = std::get_if<doc::QrCode>(&column.front().node);
        if (!qr) return 0;
        const QrMatrix m = encode_qr(qr->data);
        return qr_side_pt(m, std::max(mm_to_pt(qr->module_mm), mm_to_pt(kQrMinModuleMm)));
    }

    /// Columns side by side in one chunk (never split; tagged "Div" per column, children keep their own tags),
    /// spread over the wide extent (the full content width at top level or in a group box). When any column
    /// would be narrower than `min_measure_chars` average body characters, the columns are stacked in order
    /// in the measure instead, as ordinary blocks (a box holding them may then split between them).
    void columns(const doc::Columns& cols, int id, double left, double width, const SourcePos& where,
                 std::vector<Chunk>& out) {
        (void)where;
        const std::size_t n = cols.columns.size();
        if (n == 0) return;
        const Extent wide = wide_.width >= width ? wide_ : Extent{left, width};
        std::vector<double> weights = cols.weights;
        weights.resize(n, weights.empty() ? 1.0 : 0.0);
        for (double& w : weights) {
            if (!(w > 0)) w = 1.0;
        }
        const double total_weight = std::accumulate(weights.begin(), weights.end(), 0.0);
        const double gap = std::max(0.0, cols.gap_pt);
        const double usable = wide.width - gap * static_cast<double>(n - 1);
        const double min_measure = average_char_width(spec_.body, env_) * cols.min_measure_chars;
        bool stack = n == 1 || usable <= 0;
        std::vector<double> col_width(n);
        const double natural = cols.natural_first ? natural_width(cols.columns[0]) : 0;
        for (std::size_t c = 0; c < n; ++c) {
            if (natural > 0) {
                col_width[c] = c == 0 ? natural : (usable - natural) * weights[c] / (total_weight - weights[0]);
                if (c > 0 && col_width[c] < min_measure) stack = true;
                continue;
            }
            col_width[c] = usable * weights[c] / total_weight;
            if (col_width[c] < min_measure) stack = true;
        }
        if (stack) {
            doc::Blocks all = stacked(cols, width);
            inherited_lead_ = kept_lead_;  // the stacked blocks keep with the heading chain the Columns keeps with
            blocks(all, left, width, out, false, wide_);
            inherited_lead_ = 0;
            return;
        }
        Chunk c = make_chunk(id, "Div");
        double x = wide.left;
        double height = 0;
        const bool saved_in_column = in_column_;
        in_column_ = true;
        std::vector<double> lefts(n);
        for (std::size_t k = 0; k < n; ++k) {
            // RTL: the first column is the rightmost one.
            lefts[k] = env_.rtl ? wide.left + wide.width - (x - wide.left) - col_width[k] : x;
            x += col_width[k] + gap;
        }
        std::vector<std::vector<Chunk>> laid = cols.balance && n == 2 ? balanced_pair(cols, lefts, col_width)
                                                                      : std::vector<std::vector<Chunk>>{};
        for (std::size_t k = 0; k < n; ++k) {
            const double col_left = lefts[k];
            std::vector<Chunk> inner;
            if (laid.empty()) blocks(cols.columns[k], col_left, col_width[k], inner, false, Extent{col_left, col_width[k]});
            else inner = std::move(laid[k]);
            std::vector<double> ys;
            std::vector<const Chunk*> ptrs;
            double y = 0;
            for (std::size_t i = 0; i < inner.size(); ++i) {
                if (i > 0) y += inner[i].space_before;
                ys.push_back(y);
                ptrs.push_back(&inner[i]);
                y += inner[i].height;
            }
            height = std::max(height, y);
            c.items.emplace_back(display::TagBegin{"Div", ""});
            append_tagged(ptrs, ys, 0, c.items);
            c.items.emplace_back(display::TagEnd{});
            for (std::size_t i = 0; i < inner.size(); ++i) {
                for (HeadingMark m : inner[i].marks) {
                    m.y += ys[i];
                    c.marks.push_back(m);
                }
            }
        }
        in_column_ = saved_in_column;
        if (!fits(height + kept_lead_, geo_.body_height)) {
            // Taller than a page (with the heading it keeps with): a Columns chunk never splits, so it would run
            // through the footer and off the paper (issue 10). Stacked, its blocks split as ordinary blocks do
            // (an exercise between its parts, the picture with the first part).
            doc::Blocks all = stacked(cols, width);
            inherited_lead_ = kept_lead_;
            blocks(all, left, width, out, false, wide_);
            inherited_lead_ = 0;
            return;
        }
        c.height = height;
        out.push_back(std::move(c));
    }

    const model::LayoutSpec& spec_;
    FlowGeometry geo_;
    ShapeEnv& env_;
    Flow& flow_;
    display::Colour text_colour_;
    int next_block_ = 0;
    int inner_block_ = 100000;
    /// Height (pt) of the keep-with-next chain (headings, lead-ins) that the block being laid out must share
    /// a page with. A box or short table is kept whole only if it fits on a page together with that chain;
    /// otherwise it may break at its own boundaries, so a heading is never stranded above it.
    double kept_lead_ = 0;
    /// The lead (pt) the next blocks() call starts with: set by box() (the chain above the box, its padding and
    /// title) and by stacked Columns (their own lead), taken and cleared by blocks().
    double inherited_lead_ = 0;
    /// Space (pt) above the block being laid out, between it and the lead it keeps with.
    double space_above_ = 0;
    int anonymous_ = 0;
    Extent wide_{};
    bool in_column_ = false;   ///< laying out a Columns cell: images fill the column
    /// The style of running text (paragraphs, list items, box titles): `body`, or `warning` inside a
    /// warning-sign tier (LayoutSpec::warning).
    const model::TextStyle* text_style_ = &spec_.body;
};

}  // namespace

bool is_paragraph_line(const Chunk& c) { return (c.inner_tags.empty() ? c.role : c.inner_tags.back().role) == "P"; }

bool same_element(const Chunk& a, const Chunk& b) {
    if (a.block != b.block || a.role != b.role || a.inner_tags.size() != b.inner_tags.size()) return false;
    for (std::size_t k = 0; k < a.inner_tags.size(); ++k) {
        if (a.inner_tags[k].block != b.inner_tags[k].block || a.inner_tags[k].role != b.inner_tags[k].role) return false;
    }
    return true;
}

void translate(display::Item& item, double dx, double dy) {
    std::visit(
        [&](auto& it) {
            using T = std::decay_t<decltype(it)>;
            if constexpr (std::is_same_v<T, display::Path>) {
                for (auto& p : it.points) {
                    p.first += dx;
                    p.second += dy;
                }
            } else if constexpr (std::is_same_v<T, display::Circle>) {
                it.cx += dx;
                it.cy += dy;
            } else if constexpr (std::is_same_v<T, display::TagBegin> || std::is_same_v<T, display::TagEnd>) {
            } else {
                it.x += dx;
                it.y += dy;
            }
        },
        item);
}

void append_tagged(const std::vector<const Chunk*>& chunks, const std::vector<double>& y, double dy,
                   std::vector<display::Item>& out) {
    std::vector<TagLevel> open;  // the levels open now, outermost first (untagged ones too, for grouping)
    auto close_to = [&](std::size_t depth) {
        while (open.size() > depth) {
            if (!open.back().role.empty()) out.emplace_back(display::TagEnd{});
            open.pop_back();
        }
    };
    for (std::size_t k = 0; k < chunks.size(); ++k) {
        const Chunk& c = *chunks[k];
        std::vector<TagLevel> path{TagLevel{c.block, c.role, c.alt}};
        path.insert(path.end(), c.inner_tags.begin(), c.inner_tags.end());
        std::size_t same = 0;  // levels this chunk shares with the open ones
        while (same < open.size() && same < path.size() && open[same].block == path[same].block &&
               open[same].role == path[same].role) {
            ++same;
        }
        close_to(same);
        for (std::size_t level = same; level < path.size(); ++level) {
            if (!path[level].role.empty()) out.emplace_back(display::TagBegin{path[level].role, path[level].alt});
            open.push_back(path[level]);
        }
        for (display::Item item : c.items) {
            translate(item, 0, y[k] + dy);
            out.push_back(std::move(item));
        }
    }
    close_to(0);
}

display::Colour to_colour(const model::Rgb& rgb) { return display::Colour{rgb.r, rgb.g, rgb.b}; }

SourcePos source_pos(const std::string& source) {
    SourcePos pos;
    const auto colon = source.rfind(':');
    if (colon != std::string::npos && colon + 1 < source.size() &&
        std::all_of(source.begin() + static_cast<long>(colon) + 1, source.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
        pos.file = source.substr(0, colon);
        pos.line = std::stoi(source.substr(colon + 1));
        pos.column = 1;
    } else {
        pos.file = source;
    }
    return pos;
}

Flow build_flow(const doc::Blocks& blocks, const model::LayoutSpec& spec, const FlowGeometry& geometry, ShapeEnv& env) {
    Flow flow;
    FlowBuilder builder(spec, geometry, env, flow);
    const double wide_width = std::max(geometry.width, geometry.content_width);
    const double wide_left = geometry.content_width > 0 ? geometry.content_left : geometry.left;
    builder.blocks(blocks, geometry.left, geometry.width, flow.chunks, true, {wide_left, wide_width});
    return flow;
}

}  // namespace takehome::layout::detail
