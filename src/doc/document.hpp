// The document tree: what the handout says, as blocks and inlines, with no positions on the page yet.
// Produced by the content and compose stages, consumed by the layout stage.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace takehome::doc {

/// A run of text with one style. Text is always literal (never markup): '<' and '&' print as themselves.
struct Span {
    std::string text;           ///< UTF-8, NFC
    bool strong = false;        ///< Markdown **strong**
    bool emph = false;          ///< Markdown *emphasis* (large print shows it as bold)
    bool no_hyphens = false;    ///< names, codes, doses, URLs: may break between characters but never gain a '-'
    std::optional<std::string> link{};  ///< URI ("https:", "tel:", "mailto:") or "#section-id"
    /// Kept on one line where the line is wide enough (a passphrase: a break after one of its dashes would
    /// read as a word broken in two); narrower, it breaks as usual rather than run past the column.
    bool no_breaks = false;
};
using Inlines = std::vector<Span>;

/// Convenience: one plain span.
inline Inlines plain(std::string text) { return Inlines{Span{std::move(text)}}; }

struct Block;
using Blocks = std::vector<Block>;

/// A heading. Level 1 = a handout section ("Your exercises"), 2 = a topic or an exercise, 3 = a sub-heading.
/// A heading keeps with at least two lines (or the whole first box) of what follows.
struct Heading {
    int level = 1;
    Inlines text;
    std::string id;             ///< anchor for the outline and internal links, e.g. "section-exercises"
    bool outline = true;        ///< appears in the PDF outline (bookmarks)
};

struct Paragraph {
    Inlines text;
};

/// A bullet (ordered = false) or numbered list. Lists of up to 6 items are kept on one page.
struct List {
    bool ordered = false;
    std::vector<Inlines> items;
};

/// A table cell: text, or an empty tick box to be filled in with a pen (the exercise diary).
struct TableCell {
    Inlines text;
    bool tick_box = false;
    int tick_boxes = 1;         ///< with tick_box: how many boxes, stacked (the diary: one per time a day, 1..3)
};

/// A simple table. The header row (if any) repeats on every page the table spans; a row never splits
/// unless it is taller than a page.
struct Table {
    std::vector<double> column_weights;          ///< relative widths; empty = equal
    std::optional<std::vector<TableCell>> header;
    std::vector<std::vector<TableCell>> rows;
    double min_row_height_pt = 0;                ///< e.g. tick-box rows tall enough to tick with a pen
    std::string caption;                         ///< for accessibility (table summary)
};

/// An image file (PNG, JPEG or SVG), scaled into the content box keeping its aspect ratio.
struct Image {
    std::string path;           ///< absolute, already checked to exist inside an allowed folder
    std::string alt;            ///< alternative text (tagged PDF /Alt)
    double max_width_pt = 0;    ///< 0 = the layout's default figure width
};

/// A line chart of NPRS pain scores over time (0..10 on the y axis). Drawn as vector shapes.
struct PainChart {
    std::vector<std::pair<std::string, int>> points;  ///< (short date label, score), oldest first; the last is today
    std::string alt;
    std::string y_label = "Pain (0 to 10)";
};

/// A QR code (ISO/IEC 18004, error correction level M) for a web address, drawn as vector squares with a
/// quiet zone of 4 modules; a "Figure" with `alt` saying where it leads. The address is printed by the
/// block after it (compose's choice of words), not by the code.
struct QrCode {
    std::string data;           ///< the https:// address encoded (checked by the load and content stages)
    std::string alt;            ///< e.g. "QR code: opens the clinic's video of Knee rocks"
    double module_mm = 0.75;    ///< side of one module; layout never goes below 0.5 mm (see layout/qr.hpp)
};

/// The role of a box: decides its frame, fill and tagging. Every box is kept together on one page.
enum class BoxStyle {
    group,      ///< no frame: just kept together (an exercise with its picture, steps and dose)
    summary,    ///< "Your plan at a glance": light fill, accent rule
    warning,    ///< a heavy black frame, so it reads the same in black and white
    note,       ///< a light frame for asides (the physio's notes)
    // The three warning-sign tiers (../shared/spec/safety-netting.md), graded so they differ in black and
    // white, never by colour alone:
    emergency,  ///< tier 1, emergency now: the heaviest frame (3 pt) and the warning fill
    urgent,     ///< tier 2, same day: a normal (1.5 pt) black frame, no fill
    calm,       ///< tier 3, contact the clinic: a thin grey frame, no fill
};

struct Box {
    BoxStyle style = BoxStyle::group;
    Inlines title;              ///< optional title line set in bold inside the frame
    Blocks content;
    std::string id;             ///< anchor id ("" = none)
    /// Set across the full content width instead of the measure (the text column of about
    /// `spacing.max_measure_chars`). For self-contained framed boxes (the warning signs), whose frame
    /// keeps a longer line easy to follow; inside a framed box this has no effect.
    bool full_width = false;
    /// Set (in the style of a level-2 heading, as an artifact: a repetition, not new content) at the top of
    /// every page after the first that a split box continues on, as a table repeats its header row. An
    /// exercise sets its title marked "(continued)" (strings catalogue `exercise.continued`); "" = nothing.
    Inlines continued_title;
    Box();
    Box(BoxStyle s, Inlines t, Blocks c, std::string i = "");
    Box(const Box&);
    Box(Box&&) noexcept;
    Box& operator=(const Box&);
    Box& operator=(Box&&) noexcept;
    ~Box();
};

/// Forces the next block to start on a new page.
struct PageBreak {};

/// Blocks set side by side (an exercise: picture and dose on the left, position and steps on the right).
/// Kept together on one page. When any column's measure would fall below `min_measure_chars` average
/// characters of the body font (large print), the columns are stacked in order instead.
struct Columns {
    std::vector<Blocks> columns;
    std::vector<double> weights;        ///< relative widths; empty = equal
    double gap_pt = 18;                 ///< space between columns (pt)
    double min_measure_chars = 30;      ///< narrower columns are stacked (a readable measure; Bringhurst 2.1.2)
    /// The first column takes the natural width of what it holds (a QR code: its modules and quiet zone at
    /// its module size) instead of a weighted share, and the others share the rest by `weights[1..]`. For
    /// a code set beside the words that say what it is for. Applies only when the first column is a single
    /// QrCode; otherwise ignored.
    bool natural_first = false;
    /// Two columns balanced like a newspaper's: the first blocks of the second column move to the foot of
    /// the first while that makes the taller column shorter (an exercise card whose picture column is
    /// short takes its starting position beside the picture). Reading order is kept; a heading or lead-in
    /// stays with what follows it.
    bool balance = false;
};

/// One block of the document.
struct Block {
    std::variant<Heading, Paragraph, List, Table, Image, PainChart, Box, PageBreak, Columns, QrCode> node;
    std::string source;         ///< "file:line" this block came from (content) or "compose:<what>"; for diagnostics
    /// A self-contained block (a chart, the diary table) that may be set after the flexible blocks that
    /// follow it in the same section when it does not fit and would leave a large hole (like a LaTeX float).
    bool may_float = false;
    /// Floats never move past this block, and flexible blocks never move before a float across it: the
    /// first heading of a part ("Part 2: Understanding your back"), so each part keeps its own content.
    bool float_barrier = false;
    /// Keep-with-next: this block never ends a page; it moves to the next page with the first lines (or the
    /// whole first kept block) of what follows. Set by compose on a lead-in ("When we checked you:" before
    /// its list, the PSFS sentence before its table) and by the Markdown reader on a paragraph that ends in
    /// ':' before a list or table. Headings keep with what follows whatever this says.
    bool keep_with_next = false;

    template <class T>
        requires(!std::is_same_v<std::decay_t<T>, Block>)
    Block(T n, std::string src = {}) : node(std::move(n)), source(std::move(src)) {}
};

inline Box::Box() = default;
inline Box::Box(BoxStyle s, Inlines t, Blocks c, std::string i)
    : style(s), title(std::move(t)), content(std::move(c)), id(std::move(i)) {}
inline Box::Box(const Box&) = default;
inline Box::Box(Box&&) noexcept = default;
inline Box& Box::operator=(const Box&) = default;
inline Box& Box::operator=(Box&&) noexcept = default;
inline Box::~Box() = default;

/// Document-level metadata: goes into the PDF's document information, XMP and the running header/footer.
struct Metadata {
    std::string title;          ///< e.g. "Your back care plan: Daniel Okafor"
    std::string author;         ///< the clinician
    std::string subject;
    std::string keywords;
    std::string language = "en-GB";   ///< BCP 47; sets paragraph direction (rtl for ar, he, fa, ur)
    std::string creation_date;  ///< ISO 8601 date of the appointment, so output is reproducible
    std::string clinic_name;    ///< header field {clinic}
    std::string patient_name;   ///< header field {patient}
    std::string date_text;      ///< header field {date}, e.g. "27 November 2026"
    std::optional<std::string> logo_path;   ///< clinic logo, PNG, JPEG or SVG
    std::vector<std::string> topics;        ///< the Part 2 topic ids printed, in printing order (compose's choice)
};

/// The whole handout as a tree.
struct Document {
    Metadata meta;
    Blocks blocks;
};

}  // namespace takehome::doc
