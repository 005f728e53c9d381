// Helpers for the libharu backend tests: temp folders, shell commands, FreeType-shaped runs, sample lists.
#pragma once

#include <cairo.h>
#include <doctest/doctest.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/paths.hpp"
#include "display/display_list.hpp"

namespace haru_test {

namespace fs = std::filesystem;
using namespace takehome::display;

/// A fresh temporary folder, removed at the end of the test.
struct TempDir {
    fs::path path;
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "takehome-haru-XXXXXX").string();
        REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
        path = tmpl;
    }
    ~TempDir() { fs::remove_all(path); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] std::string operator/(const std::string& name) const { return (path / name).string(); }
};

/// Exit status and standard output of a shell command.
struct Shell {
    int status = -1;
    std::string out;
};

inline Shell shell(const std::string& cmd) {
    Shell r;
    FILE* p = ::popen(cmd.c_str(), "r");
    REQUIRE(p != nullptr);
    char buf[4096];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
    const int st = ::pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

inline void save(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
    REQUIRE(out.good());
}

inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline std::string font_path(const std::string& name) { return takehome::data_dir() + "/fonts/" + name; }

/// Shapes text the simple way (one glyph per code point, cmap + hmtx advances, no kerning) with FreeType,
/// standing in for Pango in hand-built display lists.
class Shaper {
public:
    explicit Shaper(const std::string& file) : file_(file) {
        REQUIRE(FT_Init_FreeType(&lib_) == 0);
        REQUIRE(FT_New_Face(lib_, file.c_str(), 0, &face_) == 0);
    }
    ~Shaper() {
        FT_Done_Face(face_);
        FT_Done_FreeType(lib_);
    }
    Shaper(const Shaper&) = delete;
    Shaper& operator=(const Shaper&) = delete;

    [[nodiscard]] std::uint32_t glyph(char32_t cp) const { return FT_Get_Char_Index(face_, cp); }
    /// Advance of glyph `id` at `size_pt`, in pt.
    [[nodiscard]] double advance(std::uint32_t id, double size_pt) const {
        REQUIRE(FT_Load_Glyph(face_, id, FT_LOAD_NO_SCALE) == 0);
        return static_cast<double>(face_->glyph->advance.x) * size_pt / face_->units_per_EM;
    }
    /// A left-to-right run at baseline origin (x, y) pt; clusters are byte offsets of each code point.
    [[nodiscard]] GlyphRun run(const std::string& text, double x, double y, double size_pt = 11) const {
        GlyphRun r;
        r.font_file = file_;
        r.font_name = FT_Get_Postscript_Name(face_) ? FT_Get_Postscript_Name(face_) : "";
        r.size_pt = size_pt;
        r.x = x;
        r.y = y;
        r.text = text;
        r.ascent = size_pt * 1.069;
        r.descent = size_pt * 0.293;
        double pen = 0;
        for (std::size_t i = 0; i < text.size();) {
            const auto c = static_cast<unsigned char>(text[i]);
            const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
            char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
            for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
            const std::uint32_t id = glyph(cp);
            const double adv = id != 0 ? advance(id, size_pt) : size_pt / 2;
            r.glyphs.push_back({id, pen, 0, adv, static_cast<std::uint32_t>(i)});
            pen += adv;
            i += n;
        }
        r.width = pen;
        return r;
    }

private:
    std::string file_;
    FT_Library lib_ = nullptr;
    FT_Face face_ = nullptr;
};

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
    const Shell r = shell("pdftotext -bbox '" + pdf + "' - 2>/dev/null");
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
