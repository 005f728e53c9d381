// A FreeType mini shaper for the render tests' hand-built display lists, standing in for Pango: one glyph per
// code point, cmap + hmtx advances, no kerning.
#pragma once

#include <doctest/doctest.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <cstdint>
#include <string>

#include "display/display_list.hpp"

namespace render_test {

class Shaper {
public:
    /// What `add` (and so `run`) does with glyph id 0, a code point the font lacks: draw .notdef half an em
    /// wide, or fail the test.
    enum class Missing { notdef, fail };

    explicit Shaper(const std::string& file, Missing missing = Missing::notdef) : file_(file), missing_(missing) {
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
    /// Advance of glyph `id` at `size_pt`, in pt, from the unscaled advance in font units.
    [[nodiscard]] double advance(std::uint32_t id, double size_pt) const {
        REQUIRE(FT_Load_Glyph(face_, id, FT_LOAD_NO_SCALE) == 0);
        return static_cast<double>(face_->glyph->advance.x) * size_pt / face_->units_per_EM;
    }
    /// An empty run of this font at baseline origin (x, y) pt, for glyphs placed one by one with `add`.
    [[nodiscard]] takehome::display::GlyphRun base(const std::string& text, double x, double y,
                                                   double size_pt = 11) const {
        takehome::display::GlyphRun r;
        r.font_file = file_;
        r.font_name = FT_Get_Postscript_Name(face_) ? FT_Get_Postscript_Name(face_) : "";
        r.size_pt = size_pt;
        r.x = x;
        r.y = y;
        r.text = text;
        r.ascent = size_pt * 1.069;
        r.descent = size_pt * 0.293;
        return r;
    }
    /// Appends glyph `id` for the text from byte `cluster` at `pen` (pt from the run's origin), then advances `pen`.
    void add(takehome::display::GlyphRun& r, std::uint32_t id, std::uint32_t cluster, double& pen) const {
        if (missing_ == Missing::fail) REQUIRE(id != 0);
        const double adv = id != 0 ? advance(id, r.size_pt) : r.size_pt / 2;
        r.glyphs.push_back({id, pen, 0, adv, cluster});
        pen += adv;
    }
    /// A left-to-right run at baseline origin (x, y) pt; clusters are byte offsets of each code point.
    [[nodiscard]] takehome::display::GlyphRun run(const std::string& text, double x, double y,
                                                  double size_pt = 11) const {
        takehome::display::GlyphRun r = base(text, x, y, size_pt);
        double pen = 0;
        for (std::size_t i = 0; i < text.size();) {
            const auto c = static_cast<unsigned char>(text[i]);
            const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
            char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
            for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
            add(r, glyph(cp), static_cast<std::uint32_t>(i), pen);
            i += n;
        }
        r.width = pen;
        return r;
    }

private:
    std::string file_;
    Missing missing_;
    FT_Library lib_ = nullptr;
    FT_Face face_ = nullptr;
};

}  // namespace render_test
