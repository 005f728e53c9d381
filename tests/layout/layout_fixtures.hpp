// Shared fixtures of the layout tests: the private fonts, document builders and display-list queries.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "base/length.hpp"
#include "display/display_list.hpp"
#include "doc/document.hpp"
#include "layout/layout.hpp"
#include "model/layout_spec.hpp"

namespace takehome::layout::test {

/// The repository root (TAKEHOME_DATA_DIR from the environment, else the compile-time one).
inline std::string data_dir() {
    const char* env = std::getenv("TAKEHOME_DATA_DIR");
    return env && *env ? env : TAKEHOME_DATA_DIR;
}

inline std::string fonts_dir() { return data_dir() + "/fonts"; }

/// Points layout at the repository's fonts/ (idempotent).
inline void use_repo_fonts() { use_private_fonts(fonts_dir()); }

/// The standard layout with body text 11 pt, headings 20/15/13 pt (like layouts/standard.yaml).
inline model::LayoutSpec standard_spec() {
    model::LayoutSpec spec;
    spec.body.size_pt = 11;
    spec.body.leading = 1.4;
    spec.h1 = {"Noto Sans", 20, 1.2, true, false, 6, 6};
    spec.h2 = {"Noto Sans", 15, 1.25, true, false, 10, 4};
    spec.h3 = {"Noto Sans", 13, 1.3, true, false, 8, 2};
    spec.title = {"Noto Sans", 22, 1.2, true, false, 0, 8};
    spec.small = {"Noto Sans", 10, 1.3, false, false, 0, 0};
    return spec;
}

/// "Word1 word2 ..." with `words` words of filler prose (deterministic).
inline std::string filler(int words, int seed = 0) {
    static const char* vocab[] = {"gentle", "movement", "helps", "the", "back", "recover", "and", "walking",
                                  "every", "day", "keeps", "joints", "supple", "while", "pain", "settles"};
    std::string out;
    for (int i = 0; i < words; ++i) {
        if (i) out += ' ';
        out += vocab[(i * 7 + seed * 3) % 16];
    }
    out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
    return out + ".";
}

inline doc::Block heading(int level, std::string text, std::string id = "") {
    return doc::Block(doc::Heading{level, doc::plain(std::move(text)), std::move(id), true}, "test.md:1");
}
inline doc::Block para(std::string text) { return doc::Block(doc::Paragraph{doc::plain(std::move(text))}, "test.md:2"); }

/// A paragraph whose first word marks where it starts ("P7:"), so a continuation on the next page is
/// recognisable.
inline doc::Block marked(int n, int words) {
    // Appended piece by piece: GCC 12 reports a false -Wrestrict (bug 105329) for "P" + std::to_string(n) once
    // this is inlined into the tests.
    std::string text = "P";
    text += std::to_string(n);
    text += ": ";
    text += filler(words, n);
    return para(std::move(text));
}

/// `d` laid out with the repository's fonts (the standard spec on A4 unless told).
inline display::DisplayList lay(const doc::Document& d, Diagnostics& diags,
                                const model::LayoutSpec& spec = standard_spec(), PaperSize paper = kA4) {
    use_repo_fonts();
    return layout::layout_document(d, spec, paper, diags);
}

/// All glyph runs of a page, in paint order.
inline std::vector<const display::GlyphRun*> runs(const display::Page& page) {
    std::vector<const display::GlyphRun*> out;
    for (const auto& item : page.items) {
        if (auto* run = std::get_if<display::GlyphRun>(&item)) out.push_back(run);
    }
    return out;
}

/// Body runs (outside the "Artifact" header/footer).
inline std::vector<const display::GlyphRun*> body_runs(const display::Page& page) {
    std::vector<const display::GlyphRun*> out;
    int artifact = 0, depth = 0;
    for (const auto& item : page.items) {
        if (auto* tag = std::get_if<display::TagBegin>(&item)) {
            ++depth;
            if (tag->role == "Artifact") artifact = depth;
        } else if (std::holds_alternative<display::TagEnd>(item)) {
            if (artifact == depth) artifact = 0;
            --depth;
        } else if (auto* run = std::get_if<display::GlyphRun>(&item); run && artifact == 0) {
            out.push_back(run);
        }
    }
    return out;
}

/// Text of the page's body, one string per distinct baseline, top to bottom (runs joined in paint order).
inline std::vector<std::string> body_lines(const display::Page& page) {
    std::vector<std::pair<double, std::string>> lines;
    for (const auto* run : body_runs(page)) {
        auto it = std::find_if(lines.begin(), lines.end(), [&](const auto& l) { return std::abs(l.first - run->y) < 0.01; });
        if (it == lines.end()) {
            lines.emplace_back(run->y, run->text);
        } else {
            it->second += run->text;
        }
    }
    std::stable_sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> out;
    for (auto& l : lines) out.push_back(l.second);
    return out;
}

/// Every page's concatenated text, to find a string.
inline std::string all_text(const display::DisplayList& list) {
    std::string out;
    for (const auto& page : list.pages) {
        for (const auto* run : runs(page)) out += run->text;
        out += '\f';
    }
    return out;
}

/// Checks that every run, rect, image and path point lies inside the page margins (pt, 0.01 tolerance)
/// and every mark inside a 12.7 mm safe area.
inline void check_inside_margins(const display::DisplayList& list, const model::LayoutSpec& spec) {
    for (const auto& page : list.pages) {
        const double left = mm_to_pt(spec.margin_left_mm) - 0.01;
        const double right = page.width - mm_to_pt(spec.margin_right_mm) + 0.01;
        const double top = mm_to_pt(spec.margin_top_mm) - 0.01;
        const double bottom = page.height - mm_to_pt(spec.margin_bottom_mm) + 0.01;
        const double safe = mm_to_pt(12.7);
        for (const auto& item : page.items) {
            if (auto* run = std::get_if<display::GlyphRun>(&item)) {
                CHECK(run->x >= left);
                CHECK(run->x + run->width <= right);
                CHECK(run->y - run->ascent >= safe);
                CHECK(run->y + run->descent <= page.height - safe);
                CHECK(run->y >= top);
                CHECK(run->y <= bottom);
            } else if (auto* rect = std::get_if<display::Rect>(&item)) {
                CHECK(rect->x >= left);
                CHECK(rect->x + rect->w <= right);
                CHECK(rect->y >= top);
                CHECK(rect->y + rect->h <= bottom);
            } else if (auto* img = std::get_if<display::Image>(&item)) {
                CHECK(img->x >= left);
                CHECK(img->x + img->w <= right);
                CHECK(img->y >= top);
                CHECK(img->y + img->h <= bottom);
            } else if (auto* path = std::get_if<display::Path>(&item)) {
                for (const auto& [x, y] : path->points) {
                    CHECK(x >= left);
                    CHECK(x <= right);
                    CHECK(y >= top);
                    CHECK(y <= bottom);
                }
            }
        }
    }
}

}  // namespace takehome::layout::test

namespace takehome::layout::test {

/// A top-level structure element of a page's body: its role and its lines of text (top to bottom).
struct Group {
    std::string role;
    std::vector<std::string> lines;
    std::vector<std::string> inner_roles;  ///< roles of nested tags (TH, TD, LI, ...)
};

/// The page body's top-level tagged groups in order (headers/footers excluded).
inline std::vector<Group> groups(const display::Page& page) {
    std::vector<Group> out;
    std::vector<std::pair<double, std::string>> lines;
    int depth = 0;
    bool artifact = false;
    auto flush = [&]() {
        std::stable_sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (auto& l : lines) out.back().lines.push_back(l.second);
        lines.clear();
    };
    for (const auto& item : page.items) {
        if (auto* tag = std::get_if<display::TagBegin>(&item)) {
            if (depth == 0) {
                artifact = tag->role == "Artifact";
                if (!artifact) out.push_back(Group{tag->role, {}, {}});
            } else if (!artifact) {
                out.back().inner_roles.push_back(tag->role);
            }
            ++depth;
        } else if (std::holds_alternative<display::TagEnd>(item)) {
            --depth;
            if (depth == 0 && !artifact) flush();
        } else if (auto* run = std::get_if<display::GlyphRun>(&item); run && !artifact && depth > 0) {
            auto it = std::find_if(lines.begin(), lines.end(), [&](const auto& l) { return std::abs(l.first - run->y) < 0.01; });
            if (it == lines.end()) {
                lines.emplace_back(run->y, run->text);
            } else {
                it->second += run->text;
            }
        }
    }
    return out;
}

/// The text of the footer (the last artifact run on the page).
inline std::string footer_text(const display::Page& page) {
    std::string footer;
    double y = -1;
    for (const auto* run : runs(page)) {
        if (run->y > y) {
            y = run->y;
            footer = run->text;
        } else if (std::abs(run->y - y) < 0.01) {
            footer += run->text;
        }
    }
    return footer;
}

}  // namespace takehome::layout::test
