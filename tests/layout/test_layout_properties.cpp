// Property test of the layout engine (issue 10): random documents, built deterministically from fixed seeds,
// laid out with the shipped layouts (layouts/standard.yaml, layouts/large-print.yaml) on A4 and Letter. For every
// page of every case it asserts that nothing is drawn outside the body area (the running header and footer
// inside their own bands), that no heading ends a page, that no paragraph leaves a widow or an orphan, and that
// every footer ends with "Page N of M".
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "layout_fixtures.hpp"
#include "load/load.hpp"
#include "render/render.hpp"

namespace {

using namespace takehome;
using layout::test::data_dir;

/// The shipped layout file `name` (layouts/<name>.yaml).
const model::LayoutSpec& shipped_spec(const std::string& name) {
    static std::map<std::string, model::LayoutSpec> specs;
    auto it = specs.find(name);
    if (it == specs.end()) {
        Diagnostics d;
        auto s = load::load_layout(data_dir() + "/layouts/" + name + ".yaml", d);
        REQUIRE(s.has_value());
        it = specs.emplace(name, *s).first;
    }
    return it->second;
}

/// A picture ten times taller than wide (viewBox 100 x 1000): at any width over a tenth of the body's height it is
/// taller than the page.
std::string tall_picture() { return std::string(TAKEHOME_TEST_DIR) + "/layout/cases/tall-100x1000.svg"; }

/// Builds one random document from a seed. Every paragraph and box title is "P<n>: ... end<n>." so that a
/// paragraph's first and last lines are recognisable on the page (the widow/orphan check).
class Generator {
public:
    explicit Generator(std::uint64_t seed) : rng_(seed) {
        for (const auto& e : std::filesystem::directory_iterator(data_dir() + "/content/exercises/images")) {
            if (e.path().extension() == ".svg") pictures_.push_back(e.path().string());
        }
        std::sort(pictures_.begin(), pictures_.end());
        pictures_.push_back(tall_picture());  // the shipped pictures are all wider than tall
    }

    doc::Document document() {
        doc::Document d;
        d.meta.title = "Your back care plan";
        d.meta.clinic_name = chance(0.1) ? long_name(40 + pick(400)) : "Property Clinic";
        d.meta.patient_name = chance(0.2) ? long_name(chance(0.5) ? 5000 : 60 + pick(200)) : "Alex Example";
        d.meta.date_text = "1 December 2026";
        d.meta.creation_date = "2026-12-01";
        const int n = 3 + pick(25);
        for (int i = 0; i < n; ++i) {
            // A forced page break only between blocks, never right after a heading (that would strand it by the
            // author's own choice).
            if (i > 0 && chance(0.04) && !last_was_heading_) d.blocks.push_back(doc::Block(doc::PageBreak{}, "prop:0"));
            d.blocks.push_back(block(0));
        }
        // A document never ends with a heading (compose never writes one).
        if (last_was_heading_) d.blocks.push_back(paragraph());
        return d;
    }

private:
    int pick(int n) { return static_cast<int>(rng_() % static_cast<std::uint64_t>(n)); }
    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }

    std::string word() {
        static const char* vocab[] = {"gentle", "movement", "helps", "the", "back", "recover", "and", "walking",
                                      "every", "day", "keeps", "joints", "supple", "while", "pain", "settles",
                                      "a", "flare-up", "NPRS", "physiotherapy", "exercise", "slowly"};
        if (chance(0.004)) return std::string(300, 'x');  // a very long word without a space
        return vocab[pick(22)];
    }
    std::string words(int n) {
        std::string out;
        for (int i = 0; i < n; ++i) {
            if (i) out += ' ';
            out += word();
        }
        return out;
    }
    /// A run of prose lengths: mostly short, sometimes long, rarely longer than a page.
    int length() {
        const int r = pick(100);
        return r < 50 ? 1 + pick(20) : r < 85 ? 20 + pick(80) : r < 97 ? 100 + pick(300) : 400 + pick(1200);
    }
    std::string long_name(int chars) {
        std::string out;
        while (static_cast<int>(out.size()) < chars) out += chance(0.1) ? " " : std::string(1, static_cast<char>('a' + pick(26)));
        return "Name " + out;
    }
    doc::Inlines marked_text(int n_words) {
        const int n = ++paragraphs_;
        return doc::plain("P" + std::to_string(n) + ": " + words(n_words) + " end" + std::to_string(n) + ".");
    }
    doc::Block paragraph() {
        doc::Block b(doc::Paragraph{marked_text(length())}, "prop:1");
        // Some are lead-ins, kept with the next block like a heading (so, like a heading, never the last block).
        b.keep_with_next = chance(0.05);
        last_was_heading_ = b.keep_with_next;
        return b;
    }
    doc::Block heading() {
        last_was_heading_ = true;
        const int level = 1 + pick(3);
        return doc::Block(doc::Heading{level, doc::plain(words(1 + pick(chance(0.1) ? 30 : 6))), "", true}, "prop:2");
    }
    doc::Block list() {
        last_was_heading_ = false;
        doc::List l;
        l.ordered = chance(0.5);
        const int n = 1 + pick(chance(0.2) ? 30 : 8);
        for (int i = 0; i < n; ++i) l.items.push_back(doc::plain(words(chance(0.03) ? 400 + pick(800) : 1 + pick(30))));
        return doc::Block(std::move(l), "prop:3");
    }
    doc::Block table() {
        last_was_heading_ = false;
        doc::Table t;
        const int cols = 1 + pick(5);
        const int rows = 1 + pick(chance(0.2) ? 40 : 10);
        auto cell = [&] {
            doc::TableCell c;
            if (chance(0.15)) {
                c.tick_box = true;
                c.tick_boxes = 1 + pick(3);
            } else {
                c.text = doc::plain(words(chance(0.02) ? 300 + pick(600) : 1 + pick(12)));
            }
            return c;
        };
        if (chance(0.6)) {
            std::vector<doc::TableCell> header;
            for (int c = 0; c < cols; ++c) header.push_back(doc::TableCell{doc::plain(words(1 + pick(3))), false, 1});
            t.header = std::move(header);
        }
        for (int r = 0; r < rows; ++r) {
            std::vector<doc::TableCell> row;
            for (int c = 0; c < cols; ++c) row.push_back(cell());
            t.rows.push_back(std::move(row));
        }
        if (chance(0.3)) t.min_row_height_pt = 10 + pick(40);
        t.caption = "A table";
        doc::Block b(std::move(t), "prop:4");
        b.may_float = chance(0.3);
        return b;
    }
    doc::Block picture() {
        last_was_heading_ = false;
        doc::Image img;
        img.path = pictures_[static_cast<std::size_t>(pick(static_cast<int>(pictures_.size())))];
        img.alt = "An exercise";
        if (chance(0.3)) img.max_width_pt = 50 + pick(1000);  // sometimes wider (and so taller) than the column
        return doc::Block(std::move(img), "prop:5");
    }
    doc::Block qr() {
        last_was_heading_ = false;
        doc::QrCode q;
        q.data = "https://example.org/" + std::string(static_cast<std::size_t>(1 + pick(80)), 'v');
        q.alt = "QR code: opens a video";
        q.module_mm = 0.5 + pick(10) * 0.1;
        return doc::Block(std::move(q), "prop:6");
    }
    doc::Block chart() {
        last_was_heading_ = false;
        doc::PainChart c;
        const int n = 1 + pick(12);
        for (int i = 0; i < n; ++i) c.points.emplace_back(std::to_string(i + 1) + " Nov", pick(11));
        c.alt = "Pain scores";
        doc::Block b(std::move(c), "prop:7");
        b.may_float = chance(0.5);
        return b;
    }
    /// Blocks of a box or column, never ending with a heading.
    doc::Blocks content(int depth, int max_blocks) {
        doc::Blocks out;
        const int n = 1 + pick(max_blocks);
        for (int i = 0; i < n; ++i) out.push_back(block(depth + 1));
        if (last_was_heading_) out.push_back(paragraph());
        return out;
    }
    doc::Block box(int depth) {
        static const doc::BoxStyle styles[] = {doc::BoxStyle::group,     doc::BoxStyle::summary, doc::BoxStyle::warning,
                                               doc::BoxStyle::note,      doc::BoxStyle::emergency,
                                               doc::BoxStyle::urgent,    doc::BoxStyle::calm};
        doc::Box b;
        b.style = styles[pick(7)];
        if (chance(0.5)) b.title = marked_text(1 + pick(10));
        b.content = content(depth, 5);
        b.full_width = chance(0.3);
        last_was_heading_ = false;
        return doc::Block(std::move(b), "prop:8");
    }
    doc::Block columns(int depth) {
        doc::Columns c;
        const int n = 2 + pick(2);
        for (int k = 0; k < n; ++k) c.columns.push_back(content(depth, 3));
        c.balance = n == 2 && chance(0.5);
        if (chance(0.3)) c.min_measure_chars = 10;
        last_was_heading_ = false;
        return doc::Block(std::move(c), "prop:9");
    }
    /// An exercise card as compose sets it: a group box with the title and two balanced columns (picture and
    /// dose; position, steps and stop rules), some with many stop rules or a long paragraph.
    doc::Block exercise() {
        doc::Blocks in;
        in.push_back(doc::Block(doc::Heading{2, doc::plain(words(1 + pick(4))), "", true}, "prop:10"));
        doc::Blocks picture_col, how;
        picture_col.push_back(doc::Block(doc::Paragraph{marked_text(5 + pick(15))}, "prop:10"));
        picture_col.push_back(picture());
        picture_col.push_back(doc::Block(doc::Paragraph{marked_text(3 + pick(8))}, "prop:10"));
        how.push_back(doc::Block(doc::Paragraph{marked_text(chance(0.1) ? 300 + pick(900) : 5 + pick(30))}, "prop:10"));
        doc::List steps;
        steps.ordered = true;
        for (int i = 0, n = 2 + pick(7); i < n; ++i) steps.items.push_back(doc::plain(words(3 + pick(20))));
        how.push_back(doc::Block(std::move(steps), "prop:10"));
        const int n = ++paragraphs_;
        doc::Block lead_in(doc::Paragraph{doc::plain("P" + std::to_string(n) + ": Stop and tell us if end" +
                                                     std::to_string(n) + ":")},
                           "prop:10");
        lead_in.keep_with_next = true;  // as compose sets it on the stop rules' lead-in
        how.push_back(std::move(lead_in));
        doc::List stop;
        for (int i = 0, m = 1 + pick(chance(0.15) ? 40 : 4); i < m; ++i) stop.items.push_back(doc::plain(words(2 + pick(10))));
        how.push_back(doc::Block(std::move(stop), "prop:10"));
        doc::Columns cols;
        cols.weights = {2, 3};
        cols.balance = true;
        cols.columns.push_back(std::move(picture_col));
        cols.columns.push_back(std::move(how));
        in.push_back(doc::Block(std::move(cols), "prop:10"));
        last_was_heading_ = false;
        return doc::Block(doc::Box(doc::BoxStyle::group, {}, std::move(in)), "prop:10");
    }
    doc::Block block(int depth) {
        const int r = pick(100);
        if (r < 15) return heading();
        if (r < 45) return paragraph();
        if (r < 57) return list();
        if (r < 64) return table();
        if (r < 69) return picture();
        if (r < 72) return qr();
        if (r < 74) return chart();
        if (depth >= 2) return paragraph();
        if (r < 82) return box(depth);
        if (r < 88) return columns(depth);
        return exercise();
    }

    std::mt19937_64 rng_;
    std::vector<std::string> pictures_;
    int paragraphs_ = 0;
    bool last_was_heading_ = false;
};

/// The page areas of one layout on one paper (pt), as layout_document computes them (src/layout/layout.cpp).
struct Areas {
    double left, right, top, bottom;     // the margins
    double body_top, body_bottom;        // the body area between the header and footer bands
    double min_leading;                  // the tightest leading of the spec's styles
};

Areas areas(const model::LayoutSpec& spec, PaperSize paper) {
    Areas a{};
    a.left = mm_to_pt(spec.margin_left_mm);
    a.right = paper.width_pt - mm_to_pt(spec.margin_right_mm);
    a.top = mm_to_pt(spec.margin_top_mm);
    a.bottom = paper.height_pt - mm_to_pt(spec.margin_bottom_mm);
    const double small_pitch = spec.small.size_pt * spec.small.leading;
    a.body_top = a.top + small_pitch + mm_to_pt(spec.header_gap_mm);
    a.body_bottom = a.bottom - small_pitch - mm_to_pt(spec.footer_gap_mm);
    a.min_leading = std::min({spec.body.leading, spec.h1.leading, spec.h2.leading, spec.h3.leading, spec.small.leading,
                              spec.warning ? spec.warning->leading : spec.body.leading});
    return a;
}

/// A box [x0, x1] x [y0, y1] (pt).
struct Extent {
    double x0, y0, x1, y1;
};

/// How far a glyph run's ascent and descent may reach outside its line box (pt): the page breaker places line
/// boxes of size x leading; the font's ascent + descent (Noto Sans: 1.362 em) is centred in that box, so with a
/// leading under 1.362 half the difference sticks out above and below. Nothing else may.
double ink_allowance(const display::GlyphRun& run, double min_leading) {
    return std::max(0.0, (run.ascent + run.descent - run.size_pt * min_leading) / 2) + 0.01;
}

/// "" when `item` lies inside `area` (0.01 pt tolerance; glyph runs by their ascent, descent and width), else
/// what lies where.
std::string outside(const display::Item& item, const Extent& area, double min_leading) {
    constexpr double eps = 0.01;
    Extent e{};
    double slack_y = eps;
    std::string what;
    if (auto* run = std::get_if<display::GlyphRun>(&item)) {
        e = {run->x, run->y - run->ascent, run->x + run->width, run->y + run->descent};
        slack_y = ink_allowance(*run, min_leading);
        what = "glyph run '" + run->text.substr(0, 40) + "'";
    } else if (auto* r = std::get_if<display::Rect>(&item)) {
        e = {r->x, r->y, r->x + r->w, r->y + r->h};
        what = "rect";
    } else if (auto* p = std::get_if<display::Path>(&item)) {
        if (p->points.empty()) return "";
        e = {1e9, 1e9, -1e9, -1e9};
        for (const auto& [x, y] : p->points) e = {std::min(e.x0, x), std::min(e.y0, y), std::max(e.x1, x), std::max(e.y1, y)};
        what = "path";
    } else if (auto* c = std::get_if<display::Circle>(&item)) {
        e = {c->cx - c->r, c->cy - c->r, c->cx + c->r, c->cy + c->r};
        what = "circle";
    } else if (auto* img = std::get_if<display::Image>(&item)) {
        e = {img->x, img->y, img->x + img->w, img->y + img->h};
        what = "image";
    } else if (auto* link = std::get_if<display::Link>(&item)) {
        e = {link->x, link->y, link->x + link->w, link->y + link->h};
        what = "link";
    } else if (auto* anchor = std::get_if<display::Anchor>(&item)) {
        e = {anchor->x, anchor->y, anchor->x, anchor->y};
        what = "anchor";
    } else {
        return "";
    }
    if (e.x0 >= area.x0 - eps && e.x1 <= area.x1 + eps && e.y0 >= area.y0 - slack_y && e.y1 <= area.y1 + slack_y) return "";
    char buf[160];
    std::snprintf(buf, sizeof buf, " at [%.2f, %.2f] x [%.2f, %.2f], area [%.2f, %.2f] x [%.2f, %.2f]", e.x0, e.x1, e.y0,
                  e.y1, area.x0, area.x1, area.y0, area.y1);
    return what + buf;
}

/// One body text line: its baseline, text, and the structure roles around it.
struct BodyRun {
    const display::GlyphRun* run;
    bool in_heading;
    int p_element;   // index of the "P" element it belongs to, or -1
};

/// A "P" element on a page: its lines (distinct baselines, top to bottom) with their text.
struct PElement {
    std::vector<std::pair<double, std::string>> lines;
};

struct PageFacts {
    std::vector<BodyRun> body;
    std::vector<PElement> paragraphs;
    double content_top = -1;      // the lowest top of a body item outside headings (pt; -1: none)
    bool continues_heading = false;  // the body's first text is a heading's without its anchor: the rest of a split one
    int outside = 0;              // items outside their area
    std::string first_outside;    // the first of them
};

/// The top of a drawn item (pt; a glyph run's baseline), or nothing for anchors and tags.
std::optional<double> top_of(const display::Item& item) {
    if (auto* run = std::get_if<display::GlyphRun>(&item)) return run->y;
    if (auto* r = std::get_if<display::Rect>(&item)) return r->y;
    if (auto* img = std::get_if<display::Image>(&item)) return img->y;
    if (auto* c = std::get_if<display::Circle>(&item)) return c->cy - c->r;
    if (auto* p = std::get_if<display::Path>(&item); p && !p->points.empty()) {
        double top = p->points.front().second;
        for (const auto& pt : p->points) top = std::min(top, pt.second);
        return top;
    }
    return std::nullopt;
}

/// Walks a page: checks every item's area and collects the body text with its roles.
PageFacts walk_page(const display::Page& page, const Areas& a) {
    PageFacts facts;
    std::vector<std::string> stack;
    std::vector<int> p_of_level;  // the P element opened at each level (-1: not a P)
    int artifact_depth = -1;
    bool anchor_seen = false, first_run_seen = false;
    const Extent body{a.left, a.body_top, a.right, a.body_bottom};
    const Extent header{a.left, a.top, a.right, a.body_top};
    const Extent footer{a.left, a.body_bottom, a.right, a.bottom};
    for (const auto& item : page.items) {
        if (auto* tag = std::get_if<display::TagBegin>(&item)) {
            stack.push_back(tag->role);
            if (tag->role == "Artifact" && artifact_depth < 0) artifact_depth = static_cast<int>(stack.size());
            if (tag->role == "P") {
                facts.paragraphs.emplace_back();
                p_of_level.push_back(static_cast<int>(facts.paragraphs.size()) - 1);
            } else {
                p_of_level.push_back(p_of_level.empty() ? -1 : p_of_level.back());
            }
            continue;
        }
        if (std::holds_alternative<display::TagEnd>(item)) {
            REQUIRE_FALSE(stack.empty());
            if (static_cast<int>(stack.size()) == artifact_depth) artifact_depth = -1;
            stack.pop_back();
            p_of_level.pop_back();
            continue;
        }
        if (artifact_depth >= 0) {
            // Header and footer: inside the page, inside their own band.
            const auto* run = std::get_if<display::GlyphRun>(&item);
            const bool in_footer = run && run->y > a.body_bottom;  // the header's rule and logo sit in its band
            const std::string why = outside(item, in_footer ? footer : header, a.min_leading);
            if (!why.empty() && ++facts.outside == 1) facts.first_outside = "running header/footer: " + why;
            continue;
        }
        if (const std::string why = outside(item, body, a.min_leading); !why.empty() && ++facts.outside == 1) {
            facts.first_outside = "body: " + why;
        }
        const bool heading = std::any_of(stack.begin(), stack.end(), [](const std::string& r) {
            return r == "H1" || r == "H2" || r == "H3";
        });
        if (!heading) {
            if (const auto top = top_of(item)) facts.content_top = std::max(facts.content_top, *top);
        }
        if (std::holds_alternative<display::Anchor>(item)) anchor_seen = true;
        if (std::holds_alternative<display::GlyphRun>(item) && !first_run_seen) {
            first_run_seen = true;
            facts.continues_heading = heading && !anchor_seen;
        }
        if (auto* run = std::get_if<display::GlyphRun>(&item)) {
            const int p = p_of_level.empty() ? -1 : p_of_level.back();
            facts.body.push_back({run, heading, p});
            if (p >= 0) {
                auto& lines = facts.paragraphs[static_cast<std::size_t>(p)].lines;
                auto it = std::find_if(lines.begin(), lines.end(), [&](const auto& l) { return std::abs(l.first - run->y) < 0.01; });
                if (it == lines.end()) lines.emplace_back(run->y, run->text);
                else it->second += run->text;
            }
        }
    }
    CHECK(stack.empty());
    for (auto& p : facts.paragraphs) {
        std::stable_sort(p.lines.begin(), p.lines.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    }
    return facts;
}

/// The footer's text: the running (artifact) glyph runs below the body, in paint order.
std::string footer_text(const display::Page& page, const Areas& a) {
    std::string out;
    int depth = 0, artifact = -1;
    for (const auto& item : page.items) {
        if (auto* tag = std::get_if<display::TagBegin>(&item)) {
            ++depth;
            if (tag->role == "Artifact" && artifact < 0) artifact = depth;
        } else if (std::holds_alternative<display::TagEnd>(item)) {
            if (depth == artifact) artifact = -1;
            --depth;
        } else if (auto* run = std::get_if<display::GlyphRun>(&item); run && artifact >= 0 && run->y > a.body_bottom) {
            out += run->text;
        }
    }
    return out;
}

/// A short outline of a document's blocks (kinds and sizes), to minimise a failing case.
std::string describe(const doc::Blocks& blocks, int depth = 0) {
    std::string out;
    const std::string pad(static_cast<std::size_t>(depth) * 2, ' ');
    for (const doc::Block& b : blocks) {
        std::visit(
            [&](const auto& n) {
                using T = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<T, doc::Heading>) out += pad + "H" + std::to_string(n.level) + " " + std::to_string(n.text[0].text.size()) + "B\n";
                else if constexpr (std::is_same_v<T, doc::Paragraph>) out += pad + "P " + std::to_string(n.text[0].text.size()) + "B\n";
                else if constexpr (std::is_same_v<T, doc::List>) out += pad + "List " + std::to_string(n.items.size()) + " items\n";
                else if constexpr (std::is_same_v<T, doc::Table>) out += pad + "Table " + std::to_string(n.rows.size()) + " rows" + (n.header ? " +header" : "") + (b.may_float ? " float" : "") + "\n";
                else if constexpr (std::is_same_v<T, doc::Image>) out += pad + "Image w" + std::to_string(static_cast<int>(n.max_width_pt)) + "\n";
                else if constexpr (std::is_same_v<T, doc::PainChart>) out += pad + "Chart\n";
                else if constexpr (std::is_same_v<T, doc::QrCode>) out += pad + "QR\n";
                else if constexpr (std::is_same_v<T, doc::PageBreak>) out += pad + "PageBreak\n";
                else if constexpr (std::is_same_v<T, doc::Box>) out += pad + "Box " + std::to_string(static_cast<int>(n.style)) + (n.title.empty() ? "" : " titled") + "\n" + describe(n.content, depth + 1);
                else if constexpr (std::is_same_v<T, doc::Columns>) {
                    out += pad + "Columns" + (n.balance ? " balanced" : "") + "\n";
                    for (const auto& c : n.columns) out += pad + " |\n" + describe(c, depth + 1);
                }
            },
            b.node);
    }
    return out;
}

/// "P<n>:" at the start of `text`: n, else -1.
int starts_marker(const std::string& text) {
    const std::string& line = text;
    if (line.size() < 3 || line[0] != 'P') return -1;
    std::size_t i = 1;
    while (i < line.size() && std::isdigit(static_cast<unsigned char>(line[i]))) ++i;
    if (i == 1 || i >= line.size() || line[i] != ':') return -1;
    return std::stoi(line.substr(1, i - 1));
}

/// True when `text` ends paragraph `n` ("end<n>." or "end<n>:").
bool ends_marker(const std::string& text, int n) {
    const std::string a = "end" + std::to_string(n) + ".", b = "end" + std::to_string(n) + ":";
    auto ends_with = [&](const std::string& s) { return text.size() >= s.size() && text.compare(text.size() - s.size(), s.size(), s) == 0; };
    return ends_with(a) || ends_with(b);
}

/// Lays out `d` and checks the four properties on every page.
void check_properties(const doc::Document& d, const model::LayoutSpec& spec, PaperSize paper) {
    Diagnostics diags;
    layout::test::use_repo_fonts();
    display::DisplayList list;
    try {
        list = layout::layout_document(d, spec, paper, diags);
    } catch (const InputError& e) {
        // A clear, positioned refusal is allowed (error contract); nothing is drawn then.
        MESSAGE("refused: " << std::string(e.what()));
        CHECK(std::string(e.what()).size() > 0);
        return;
    }
    if (const char* dump = std::getenv("TAKEHOME_PROP_DUMP")) {  // with TAKEHOME_PROP_SEED: the display list as text
        std::ofstream(dump) << render::render_text_dump(list);
    }
    const Areas a = areas(spec, paper);
    const std::size_t total = list.pages.size();
    REQUIRE(total > 0);
    std::vector<PageFacts> facts;
    for (std::size_t p = 0; p < total; ++p) facts.push_back(walk_page(list.pages[p], a));
    int open_paragraph = -1;  // the paragraph continued from the previous page (its marker number)
    for (std::size_t p = 0; p < total; ++p) {
        CAPTURE(p + 1);
        CAPTURE(total);
        // 1. Nothing outside the body area (header and footer inside their bands).
        CHECK_MESSAGE(facts[p].outside == 0, facts[p].outside << " items outside their area; the first: " << facts[p].first_outside);
        // 4. "Page N of M" closes the footer.
        const std::string footer = footer_text(list.pages[p], a);
        const std::string expected = "Page " + std::to_string(p + 1) + " of " + std::to_string(total);
        CAPTURE(footer);
        CHECK((footer.size() >= expected.size() &&
               footer.compare(footer.size() - expected.size(), expected.size(), expected) == 0));
        // 2. No heading ends a page that more pages follow: below the last heading line on the page something else
        // starts (text, a picture, a table, a frame), else the heading is stranded from what it introduces.
        const auto& body = facts[p].body;
        if (p + 1 < total) {
            const BodyRun* last_heading = nullptr;
            for (const BodyRun& r : body) {
                if (r.in_heading && (!last_heading || r.run->y > last_heading->run->y)) last_heading = &r;
            }
            if (last_heading) {
                const std::string heading_text = last_heading->run->text;
                CAPTURE(heading_text);
                // The one exception: a heading taller than the page body is split at its lines (the engine's
                // rule), and the next page then starts with the rest of the same heading.
                const bool split_heading = facts[p + 1].continues_heading;
                CHECK_MESSAGE((facts[p].content_top > last_heading->run->y + 0.01 || split_heading), "a heading ends the page");
            }
        }
        // 3. No widow, no orphan: a paragraph split over a page turn keeps 2 lines on each side.
        const auto& paras = facts[p].paragraphs;
        for (std::size_t k = 0; k < paras.size(); ++k) {
            const auto& lines = paras[k].lines;
            if (lines.empty()) continue;
            // The element's text, its lines joined as set (character wrapping may cut a marker between lines).
            std::string text;
            for (const auto& l : lines) text += l.second;
            const int n = starts_marker(text);
            const bool continued_here = n < 0;
            const int id = continued_here ? open_paragraph : n;
            const bool goes_on = !ends_marker(text, id);
            const std::string first_line = lines.front().second.substr(0, 60);
            const std::string last_line = lines.back().second.substr(lines.back().second.size() > 60 ? lines.back().second.size() - 60 : 0);
            CAPTURE(first_line);
            CAPTURE(last_line);
            if (continued_here) {
                CHECK_MESSAGE(k == 0, "a paragraph's continuation is the first paragraph of its page");
                CHECK_MESSAGE(open_paragraph >= 0, "a continued paragraph follows one split on the page before");
                CHECK_MESSAGE(lines.size() >= 2, "widow: one line of a paragraph at the top of a page");
            }
            if (goes_on) {
                CHECK_MESSAGE(p + 1 < total, "a paragraph ends before the document does");
                CHECK_MESSAGE(lines.size() >= 2, "orphan: one line of a paragraph at the foot of a page");
                open_paragraph = id;
            }
        }
    }
}

}  // namespace

TEST_CASE("layout properties hold over random documents: inside the body, no stranded heading, no widow or "
          "orphan, Page N of M in every footer") {
    // 240 cases: about 10 s in Release on the project machine. TAKEHOME_PROP_CASES=n runs seeds 1..n instead
    // (a longer hunt for failures; every seed found failing is fixed and kept below 240 or as its own test).
    const char* cases = std::getenv("TAKEHOME_PROP_CASES");
    const std::uint64_t kCases = cases ? std::stoull(cases) : 240;
    const char* from = std::getenv("TAKEHOME_PROP_FROM");  // with TAKEHOME_PROP_CASES: the first seed
    const std::uint64_t first_seed = from ? std::stoull(from) : 1;
    const char* layouts[] = {"standard", "large-print"};
    const PaperSize papers[] = {kA4, kLetter};
    // TAKEHOME_PROP_SEED=n runs that seed alone and prints its document's outline (to minimise a failure).
    const char* only = std::getenv("TAKEHOME_PROP_SEED");
    for (std::uint64_t seed = first_seed; seed <= kCases; ++seed) {
        if (only && std::to_string(seed) != only) continue;
        Generator gen(seed);
        const doc::Document d = gen.document();
        if (only) MESSAGE("patient name " << d.meta.patient_name.size() << " B\n" << describe(d.blocks));
        const std::string layout_name = layouts[seed % 2];
        const PaperSize paper = papers[(seed / 2) % 2];
        CAPTURE(seed);
        CAPTURE(layout_name);
        CAPTURE(paper.width_pt);
        check_properties(d, shipped_spec(layout_name), paper);
    }
}

// The failure kinds the property test found, each minimised to a fixed document and checked with the same four
// properties plus what the fix promises. Each fails without its fix. The seeds named are those of the generator
// before it made lead-ins (which changed every seed's document).
namespace {

using layout::test::filler;

doc::Block marked_para(int n, int words) {
    return doc::Block(doc::Paragraph{doc::plain("P" + std::to_string(n) + ": " + filler(words, n) + " end" +
                                                std::to_string(n) + ".")},
                      "fixed:1");
}

doc::Block heading_block(int level, const std::string& text) {
    return doc::Block(doc::Heading{level, doc::plain(text), "", true}, "fixed:2");
}

doc::Block picture_block(double max_width, std::string path = tall_picture()) {
    doc::Image img;
    img.path = std::move(path);
    img.alt = "Bridge";
    img.max_width_pt = max_width;
    return doc::Block(std::move(img), "fixed:3");
}

doc::Document with(doc::Blocks blocks) {
    doc::Document d;
    d.meta.clinic_name = "Property Clinic";
    d.meta.patient_name = "Alex Example";
    d.blocks = std::move(blocks);
    return d;
}

display::DisplayList laid(const doc::Document& d, const std::string& layout_name, PaperSize paper = kA4) {
    Diagnostics diags;
    layout::test::use_repo_fonts();
    return layout::layout_document(d, shipped_spec(layout_name), paper, diags);
}

/// Pages (1-based) whose body holds a run containing `text`.
std::vector<int> pages_with(const display::DisplayList& list, const std::string& text) {
    std::vector<int> out;
    for (std::size_t p = 0; p < list.pages.size(); ++p) {
        for (const auto* run : layout::test::body_runs(list.pages[p])) {
            if (run->text.find(text) != std::string::npos) {
                out.push_back(static_cast<int>(p) + 1);
                break;
            }
        }
    }
    return out;
}

}  // namespace

TEST_CASE("an exercise card whose columns are taller than a page is stacked and split inside the body (seed 2)") {
    doc::Blocks picture_col{marked_para(1, 12), picture_block(0, data_dir() + "/content/exercises/images/bridge.svg"),
                            marked_para(2, 6)};
    doc::List stop;
    for (int i = 1; i <= 40; ++i) stop.items.push_back(doc::plain("stop rule " + std::to_string(i)));
    doc::Blocks how{marked_para(3, 20), doc::Block(std::move(stop), "fixed:4")};
    doc::Columns cols;
    cols.weights = {2, 3};
    cols.balance = true;
    cols.columns = {picture_col, how};
    doc::Blocks card{heading_block(2, "Knee rocks"), doc::Block(std::move(cols), "fixed:5")};
    const doc::Document d = with({doc::Block(doc::Box(doc::BoxStyle::group, {}, std::move(card)), "fixed:6")});
    check_properties(d, shipped_spec("standard"), kA4);
    const auto list = laid(d, "standard");
    CHECK(list.pages.size() == 2);
    CHECK(pages_with(list, "Knee rocks") == std::vector<int>{1});
    CHECK(pages_with(list, "stop rule 40") == std::vector<int>{2});
}

TEST_CASE("a picture in a framed box is no taller than the body less the box's padding") {
    const doc::Document d =
        with({doc::Block(doc::Box(doc::BoxStyle::note, {}, {picture_block(2000), marked_para(1, 30)}), "fixed:1")});
    check_properties(d, shipped_spec("large-print"), kLetter);
}

TEST_CASE("a list item taller than a page splits at its lines, two at least on each side") {
    doc::List l;
    l.items = {doc::plain("First item."), doc::plain(filler(1500)), doc::plain("Last item.")};
    const doc::Document d = with({marked_para(1, 20), doc::Block(std::move(l), "fixed:1")});
    check_properties(d, shipped_spec("standard"), kA4);
    const auto list = laid(d, "standard");
    REQUIRE(list.pages.size() >= 2);
    // The item's lines continue on the next page as the same list item ("LI" opened again, no new label).
    const auto next = layout::test::groups(list.pages[1]);
    REQUIRE_FALSE(next.empty());
    CHECK(next.front().role == "L");
    CHECK(next.front().lines.size() >= 2);
    CHECK(next.front().lines.front().rfind("2.", 0) != 0);
}

TEST_CASE("a picture after a heading is scaled to share its page (the heading never ends the page)") {
    const doc::Document d = with({heading_block(1, "Your exercises"), picture_block(2000), marked_para(1, 10)});
    check_properties(d, shipped_spec("standard"), kA4);
    const auto list = laid(d, "standard");
    bool picture_on_page_1 = false;
    for (const auto& item : list.pages[0].items) picture_on_page_1 |= std::holds_alternative<display::Image>(item);
    CHECK(picture_on_page_1);
    CHECK(pages_with(list, "Your exercises") == std::vector<int>{1});
}

TEST_CASE("a 5,000-character patient name is cut with an ellipsis and the footer keeps 'Page N of M'") {
    doc::Document d = with({marked_para(1, 800)});
    d.meta.patient_name = "Alex " + std::string(5000, 'n');
    for (const std::string layout_name : {"standard", "large-print"}) {
        CAPTURE(layout_name);
        check_properties(d, shipped_spec(layout_name), kA4);
        const auto list = laid(d, layout_name);
        REQUIRE(list.pages.size() >= 2);
        const std::string footer = footer_text(list.pages[1], areas(shipped_spec(layout_name), kA4));
        CHECK(footer.rfind("Alex nnn", 0) == 0);
        const std::string tail = "\u2026 \u00b7 Page 2 of " + std::to_string(list.pages.size());
        CHECK(footer.compare(footer.size() - tail.size(), tail.size(), tail) == 0);
    }
}

TEST_CASE("a heading taller than a page (a word of 2,400 letters in heading type) splits at its lines") {
    const doc::Document d = with({heading_block(1, "Start " + std::string(2400, 'x')), marked_para(1, 40)});
    check_properties(d, shipped_spec("large-print"), kA4);
    CHECK(laid(d, "large-print").pages.size() >= 2);
}

TEST_CASE("a box's heading keeps with nearly page-tall columns under a section heading (seed 142)") {
    doc::Columns cols;
    cols.columns = {{marked_para(1, 300)}, {marked_para(2, 300)}};
    doc::Blocks card{heading_block(2, "Bird dog"), doc::Block(std::move(cols), "fixed:1")};
    const doc::Document d =
        with({heading_block(1, "Your exercises"), doc::Block(doc::Box(doc::BoxStyle::group, {}, std::move(card)), "fixed:2")});
    check_properties(d, shipped_spec("standard"), kLetter);
}

TEST_CASE("a table header over a third of the body is set once, and a first row shares the heading's page") {
    doc::Table t;
    t.header = std::vector<doc::TableCell>{{doc::plain(filler(45))}, {doc::plain("Done")}};
    for (int r = 0; r < 40; ++r) t.rows.push_back({{doc::plain("Day " + std::to_string(r + 1))}, {{}, true}});
    const doc::Document a = with({heading_block(2, "Your diary"), doc::Block(t, "fixed:1")});
    check_properties(a, shipped_spec("large-print"), kA4);
    const auto list = laid(a, "large-print");
    REQUIRE(list.pages.size() >= 2);
    CHECK(pages_with(list, "Done") == std::vector<int>{1});  // not repeated on the continuation pages

    doc::Table tall;
    tall.rows = {{{doc::plain(filler(700))}, {doc::plain("x")}}};
    const doc::Document b = with({heading_block(1, "Your notes"), doc::Block(tall, "fixed:2")});
    check_properties(b, shipped_spec("large-print"), kLetter);
}

TEST_CASE("a page-tall picture inside a split group box starts at the body's top: the space above it collapses") {
    const doc::Document d = with({doc::Block(
        doc::Box(doc::BoxStyle::group, {}, {marked_para(1, 30), picture_block(0), marked_para(2, 30)}), "fixed:1")});
    for (const std::string layout_name : {"standard", "large-print"}) {
        CAPTURE(layout_name);
        check_properties(d, shipped_spec(layout_name), kA4);
    }
}

TEST_CASE("Columns stacked for a narrow measure keep with the heading before them (seed 343)") {
    // A framed box about as tall as the body: from 180 to 260 words it fits a page alone but not under the
    // two-line heading, so it must split to keep the heading with its first lines.
    for (int words = 180; words <= 260; words += 10) {
        CAPTURE(words);
        doc::Columns cols;
        cols.columns = {{doc::Block(doc::Box(doc::BoxStyle::calm, {}, {marked_para(1, words)}), "fixed:1")},
                        {marked_para(2, 10)}};
        const doc::Document d = with({marked_para(3, 20), heading_block(2, "Warning signs to know about before you start"),
                                      doc::Block(std::move(cols), "fixed:2")});
        check_properties(d, shipped_spec("large-print"), kLetter);
    }
}

TEST_CASE("a page-tall picture after a four-line heading in a split group box shares the heading's page (seed 1213)") {
    const doc::Document d = with({doc::Block(
        doc::Box(doc::BoxStyle::group, {},
                 {marked_para(1, 120), heading_block(3, filler(22)), picture_block(0), marked_para(2, 12)}),
        "fixed:1")});
    check_properties(d, shipped_spec("large-print"), kA4);
}

TEST_CASE("a float set at the top of a page never leaves one line of a paragraph alone under it (seed 2441)") {
    // The diary-like table does not fit under P1, so the long P2 fills the hole first and resumes under the table
    // on the next page; for some row heights only one line fits there, and the page must not end after it.
    for (double row = 44; row <= 58; row += 0.5) {
        CAPTURE(row);
        doc::Table t;
        t.header = std::vector<doc::TableCell>{{doc::plain("Day")}, {doc::plain("Done")}};
        for (int r = 1; r <= 12; ++r) t.rows.push_back({{doc::plain("Day " + std::to_string(r))}, {{}, true}});
        t.min_row_height_pt = row;
        doc::Block diary(std::move(t), "fixed:1");
        diary.may_float = true;
        const doc::Document d = with({marked_para(1, 200), std::move(diary), marked_para(2, 900)});
        check_properties(d, shipped_spec("standard"), kA4);
    }
}

TEST_CASE("a heading over a third of the page with a second heading and a card under it splits at its lines (seed 3271)") {
    for (int words = 40; words <= 90; words += 5) {
        CAPTURE(words);
        doc::Blocks card{heading_block(2, "Cat camel"), marked_para(1, 20), marked_para(2, 40)};
        const doc::Document d = with({heading_block(1, filler(words)), heading_block(2, "Your exercises this week"),
                                      doc::Block(doc::Box(doc::BoxStyle::group, {}, std::move(card)), "fixed:1")});
        check_properties(d, shipped_spec("large-print"), kLetter);
    }
}
