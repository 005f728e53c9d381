// Helpers for the libharu backend tests: the shared test helpers, FreeType-shaped runs, PNG pixels, sample lists.
#pragma once

#include <cairo.h>
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "base/paths.hpp"
#include "display/display_list.hpp"
#include "render/ft_shaper.hpp"
#include "support/test_support.hpp"

namespace haru_test {

namespace fs = std::filesystem;
using namespace takehome::display;

using render_test::Shaper;
using test_support::Result;
using test_support::run;
using test_support::slurp;
using test_support::spit;
using test_support::TempDir;

inline std::string font_path(const std::string& name) { return takehome::data_dir() + "/fonts/" + name; }

/// Writes a PNG of w x h pixels filled with one colour and alpha (to test flattening onto white).
inline void write_png(const std::string& path, int w, int h, double r, double g, double b, double a) {
    cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    cairo_t* cr = cairo_create(s);
    cairo_set_source_rgba(cr, r, g, b, a);
    cairo_paint(cr);
    cairo_destroy(cr);
    REQUIRE(cairo_surface_write_to_png(s, path.c_str()) == CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(s);
}

/// The RGB of pixel (x, y) of a PNG file.
inline std::vector<int> png_pixel(const std::string& path, int x, int y) {
    cairo_surface_t* s = cairo_image_surface_create_from_png(path.c_str());
    REQUIRE(cairo_surface_status(s) == CAIRO_STATUS_SUCCESS);
    cairo_surface_flush(s);
    const unsigned char* data = cairo_image_surface_get_data(s);
    const int stride = cairo_image_surface_get_stride(s);
    const auto px = *reinterpret_cast<const std::uint32_t*>(data + y * stride + x * 4);
    cairo_surface_destroy(s);
    return {static_cast<int>((px >> 16) & 0xFF), static_cast<int>((px >> 8) & 0xFF), static_cast<int>(px & 0xFF)};
}

/// A word of `pdftotext -bbox` output: text and its box (pt from the top-left corner).
struct Word {
    std::string text;
    double x_min = 0, y_min = 0, x_max = 0, y_max = 0;
};

/// Words of a PDF file, page by page in reading order, from `pdftotext -bbox`.
inline std::vector<Word> bbox_words(const std::string& pdf) {
    const Result r = run("pdftotext -bbox '" + pdf + "' - 2>/dev/null");
    REQUIRE(r.status == 0);
    std::vector<Word> words;
    std::size_t pos = 0;
    while ((pos = r.out.find("<word ", pos)) != std::string::npos) {
        Word w;
        const auto attr = [&](const char* name) {
            const auto a = r.out.find(std::string(name) + "=\"", pos);
            return std::stod(r.out.substr(a + std::char_traits<char>::length(name) + 2));
        };
        w.x_min = attr("xMin");
        w.y_min = attr("yMin");
        w.x_max = attr("xMax");
        w.y_max = attr("yMax");
        const auto gt = r.out.find('>', pos);
        const auto end = r.out.find("</word>", gt);
        w.text = r.out.substr(gt + 1, end - gt - 1);
        words.push_back(w);
        pos = end;
    }
    return words;
}

/// A two-page handout-like display list: headings with anchors, body text with a ligature cluster and the
/// degree sign, a rounded box, a dashed rule, chart markers, an internal and an external link, tags, outline.
inline DisplayList sample_list() {
    const Shaper regular(font_path("NotoSans-Regular.ttf"));
    const Shaper bold(font_path("NotoSans-Bold.ttf"));
    DisplayList list;
    list.meta.title = "Your back: exercises & advice";
    list.meta.author = "Riverside Physiotherapy <Zoë Ann>";
    list.meta.subject = "Take-home handout";
    list.meta.keywords = "low back pain, exercises";
    list.meta.creation_date = "2024-03-05";
    list.meta.language = "en-GB";

    Page p1;
    p1.items.push_back(TagBegin{"H1", ""});
    p1.items.push_back(Anchor{"exercises", 56.7, 70});
    p1.items.push_back(bold.run("Your exercises", 56.7, 90, 20));
    p1.items.push_back(TagEnd{});
    p1.items.push_back(TagBegin{"P", ""});
    // A ligature: "fi" of "firmly" is one glyph for the cluster at byte 6 covering two bytes.
    GlyphRun lig = regular.run("Press firmly, knees 90° apart.", 56.7, 130);
    {
        // As a shaper would: the font's U+FB01 ligature glyph replaces "f" + "i", and later glyphs move by the
        // difference of the advances.
        const std::uint32_t fi = regular.glyph(0xFB01);
        REQUIRE(fi != 0);
        const double fi_advance = regular.advance(fi, lig.size_pt);
        std::vector<Glyph> glyphs;
        double shift = 0;
        for (const Glyph& g : lig.glyphs) {
            if (g.cluster == 7) {  // the 'i' joins the 'f' cluster
                shift -= g.advance;
                continue;
            }
            Glyph moved = g;
            moved.x += shift;
            if (g.cluster == 6) {
                shift += fi_advance - g.advance;
                moved.id = fi;
                moved.advance = fi_advance;
            }
            glyphs.push_back(moved);
        }
        lig.glyphs = glyphs;
        lig.width += shift;
    }
    p1.items.push_back(lig);
    p1.items.push_back(regular.run("Pain today (NPRS): 6 of 10. Flare-up plan below.", 56.7, 150));
    p1.items.push_back(TagEnd{});
    p1.items.push_back(Rect{56.7, 170, 200, 60, Colour{0.9, 0.95, 1.0}, Colour{0.1, 0.3, 0.6}, 1.5, 6});
    p1.items.push_back(Path{{{56.7, 250}, {300, 250}}, false, std::nullopt, Colour{0.5, 0.5, 0.5}, 0.75, {3, 1.5}});
    p1.items.push_back(Path{{{320, 200}, {380, 180}, {440, 210}}, true, Colour{1, 0.8, 0.2}, Colour{0, 0, 0}, 1, {}});
    p1.items.push_back(Circle{330, 300, 4, Colour{0.8, 0.1, 0.1}, std::nullopt, 1});
    p1.items.push_back(Circle{350, 300, 4, std::nullopt, Colour{0.1, 0.1, 0.8}, 1});
    p1.items.push_back(regular.run("See the advice page.", 56.7, 280));
    p1.items.push_back(Link{56.7, 268, 100, 16, "", "advice"});
    p1.items.push_back(regular.run("Call 01234 567890 or visit https://example.org/back", 56.7, 300));
    p1.items.push_back(Link{56.7, 288, 250, 16, "https://example.org/back", ""});
    list.pages.push_back(p1);

    Page p2;
    p2.items.push_back(TagBegin{"Artifact", ""});
    p2.items.push_back(regular.run("Page 2", 280, 810, 9));
    p2.items.push_back(TagEnd{});
    p2.items.push_back(Anchor{"advice", 56.7, 70});
    p2.items.push_back(bold.run("Advice for flare-ups", 56.7, 90, 20));
    p2.items.push_back(Anchor{"walking", 56.7, 110});
    p2.items.push_back(bold.run("Walking", 56.7, 130, 14));
    p2.items.push_back(regular.run("Keep moving: short walks help.", 56.7, 150));
    list.pages.push_back(p2);

    list.outline = {{"Your exercises", 1, "exercises", 0, 70},
                    {"Advice for flare-ups", 1, "advice", 1, 70},
                    {"Walking", 2, "walking", 1, 110}};
    return list;
}

}  // namespace haru_test
