// A layout description (layouts/*.yaml): page, margins, type sizes, leading, colours, header/footer.
// Every key is documented in layouts/README.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/summary.hpp"

namespace takehome::model {

/// One text style. Sizes in pt; leading is the ratio of line pitch to type size (1.35 = 135 %).
struct TextStyle {
    std::string family = "Noto Sans";
    double size_pt = 12.0;
    double leading = 1.4;
    bool bold = false;
    bool italic = false;
    double space_before_pt = 0;  ///< added above the block (collapses at the top of a page)
    double space_after_pt = 0;   ///< added below the block
};

/// The page geometry and typography of one handout style.
/// The page breaker's rules, as data a layout file may set (`pagination:`, layouts/README.md; issue 10 item 3).
struct PaginationRules {
    /// Fewest lines of a paragraph left at the foot of a page when it breaks (CSS Fragmentation 3 `orphans`,
    /// initial value 2; Bringhurst, The Elements of Typographic Style 2.4.8: never leave one line alone).
    int orphans = 2;
    /// Fewest lines of a paragraph carried to the top of the next page (CSS `widows`, initial value 2).
    int widows = 2;
    /// Lists of up to this many items never break: a short list is read as one thing. A longer list breaks
    /// only with `orphans` items before and `widows` items after the break.
    int list_keep_whole_items = 6;
    /// Tables of up to this many body rows move to the next page whole when they fit a page (a short table
    /// is compared across its rows); longer ones break between rows and repeat their header row.
    int table_keep_whole_rows = 12;
    /// A float (the diary, the pain chart) that does not fit moves behind the flexible text after it only
    /// when the hole it would leave is more than this fraction of the body (the brief: "more than 1/3").
    double float_hole_fraction = 1.0 / 3.0;
    /// A kept-whole block no taller than this fraction of the body (a QR code with its words, a short box)
    /// may move before a float with the flexible text around it; taller ones (exercise cards) keep their place.
    double movable_kept_fraction = 0.25;
};

struct LayoutSpec {
    std::string name = "standard";             ///< "standard", "large-print" or the file's stem
    std::string paper = "A4";                  ///< "A4" | "Letter" (the clinic profile and --paper override)
    double margin_top_mm = 20, margin_right_mm = 20, margin_bottom_mm = 20, margin_left_mm = 20;
    double header_gap_mm = 6;                  ///< between the running header's baseline area and the body
    double footer_gap_mm = 6;
    bool large_print = false;                  ///< emphasis as bold, never italics; single column
    TextStyle body;                            ///< paragraphs, list items, table cells
    TextStyle h1, h2, h3;                      ///< section, topic, sub-heading
    TextStyle title;                           ///< the header block's title line
    TextStyle small;                           ///< running header and footer (>= 10 pt even in standard)
    /// Text inside the three warning-sign tiers, which must sit whole on one page
    /// (../shared/spec/safety-netting.md); at least 12 pt (16 pt in large print). Unset = `body`.
    std::optional<TextStyle> warning;
    double paragraph_space_pt = 8;             ///< between consecutive paragraphs
    double section_space_pt = 18;              ///< extra space above an h1
    double list_indent_pt = 18;
    double box_padding_pt = 10;
    double box_rule_pt = 1.5;                  ///< box border width
    double max_measure_chars = 70;             ///< the text column is narrowed to about this many characters
    double exercise_image_width_pt = 200;      ///< illustration width before fitting into the content box
    Rgb text_colour{0.1, 0.1, 0.1};
    Rgb accent_colour{0.12, 0.37, 0.55};       ///< headings and rules; the clinic colour replaces it (darkened
                                               ///< with a warning when under 4.5:1 on white, WCAG 2.1 SC 1.4.3)
    SourcePos accent_pos;                      ///< where the accent was set (the clinic's 'colour'); for warnings
    Rgb box_fill{0.95, 0.95, 0.95};
    Rgb warning_fill{1.0, 0.95, 0.93};
    Rgb rule_colour{0.5, 0.5, 0.5};
    std::string header_text = "{clinic} \u00b7 Your back care plan";   ///< fields: {clinic} {patient} {date} {page} {pages}
    std::string footer_text = "{patient} \u00b7 Page {page} of {pages}";
    std::vector<std::string> section_order;    ///< section ids; empty = the default order
    /// Pages a handout should fit (0 = no budget). Over it, Part 2 drops its lowest-priority automatic topics
    /// (never the leading one, never the physio's own `topics:`) and `check` warns if it is still over.
    /// Standard 6 (issue 9: a handout a patient reads is a few pages; NHS back-pain leaflets are 4-8 A5
    /// pages), large print 12.
    int page_budget = 0;
    PaginationRules pagination;                ///< the page breaker's rules
    std::string source_file;                   ///< where it was loaded from
};

}  // namespace takehome::model
