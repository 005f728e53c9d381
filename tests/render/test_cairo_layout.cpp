// Integration of layout and the Cairo backend: a small document shaped by Pango (real ligature clusters,
// right-to-left runs, a .ttc fallback face) must extract with pdftotext exactly as written.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "base/diagnostics.hpp"
#include "base/paths.hpp"
#include "doc/document.hpp"
#include "layout/layout.hpp"
#include "model/layout_spec.hpp"
#include "render/haru_text.hpp"
#include "render/render.hpp"
#include "support/test_support.hpp"

using namespace takehome;

namespace {

/// Standard output of a shell command that must succeed.
std::string shell(const std::string& cmd) {
    const auto r = test_support::run(cmd);
    REQUIRE(r.status == 0);
    return r.out;
}

model::LayoutSpec spec() {
    model::LayoutSpec s;
    s.body.size_pt = 11;
    s.body.leading = 1.4;
    s.h1 = {"Noto Sans", 20, 1.2, true, false, 6, 6};
    s.h2 = {"Noto Sans", 15, 1.25, true, false, 10, 4};
    s.h3 = {"Noto Sans", 13, 1.3, true, false, 8, 2};
    s.title = {"Noto Sans", 22, 1.2, true, false, 0, 8};
    s.small = {"Noto Sans", 10, 1.3, false, false, 0, 0};
    return s;
}

doc::Block para(std::string text) { return doc::Block(doc::Paragraph{doc::plain(std::move(text))}, "t.md:2"); }

}  // namespace

TEST_CASE("a laid-out document extracts exactly: markup-like text, ligatures, CJK from a .ttc, Arabic") {
    layout::use_private_fonts(data_dir() + "/fonts");
    doc::Document d;
    d.blocks.push_back(doc::Block(doc::Heading{1, doc::plain("Your flare-up plan"), "flare-up", true}, "t.md:1"));
    d.blocks.push_back(para("Use heat & ice. Stop if pain > 5/10 or if pain < 2/10 feels \"too easy\"."));
    d.blocks.push_back(para("Patient quote: <i>not</i> markup, & not an entity &amp; either."));
    d.blocks.push_back(para("The office staff find affinity for fifty official waffles."));
    d.blocks.push_back(para("Name in header: 王芳"));
    Diagnostics diags;
    const auto list = layout::layout_document(d, spec(), kA4, diags);
    REQUIRE(!list.pages.empty());
    // Pango formed ligatures: the "office ..." run has fewer glyphs than characters, so the cluster map matters.
    bool ligature = false;
    for (const auto& item : list.pages[0].items) {
        const auto* run = std::get_if<display::GlyphRun>(&item);
        if (run != nullptr && run->text.find("office") != std::string::npos) {
            ligature = run->glyphs.size() < run->text.size();
        }
    }
    CHECK(ligature);

    const test_support::TempDir dir;
    const std::string pdf = (dir / "out.pdf").string();
    test_support::spit(pdf, render::render_pdf_cairo(list));
    const std::string text = shell("pdftotext -enc UTF-8 '" + pdf + "' -");
    CAPTURE(text);
    for (const char* line : {"Your flare-up plan",
                             "Use heat & ice. Stop if pain > 5/10 or if pain < 2/10 feels \"too easy\".",
                             "Patient quote: <i>not</i> markup, & not an entity &amp; either.",
                             "The office staff find affinity for fifty official waffles.", "Name in header: 王芳"}) {
        CHECK_MESSAGE(text.find(line) != std::string::npos, line);
    }
    const std::string fonts = shell("pdffonts '" + pdf + "'");
    CAPTURE(fonts);
    CHECK(fonts.find("NotoSans-Bold") != std::string::npos);
    CHECK(fonts.find("NotoSans-Regular") != std::string::npos);
    CHECK(fonts.find("CJK") != std::string::npos);
    CHECK(fonts.find(" no ") == std::string::npos);  // every font embedded, subset, with a ToUnicode map
    CHECK(shell("qpdf --check '" + pdf + "' 2>&1").find("No syntax or stream encoding errors") != std::string::npos);
    CHECK(shell("pdfinfo '" + pdf + "'").find("Tagged:          yes") != std::string::npos);
}

namespace {

/// A grey page raster (pdftoppm -gray, PGM "P5"): width, height and one byte per pixel.
struct Grey {
    int w = 0, h = 0;
    std::string px;
};

Grey raster(const std::string& pdf, const test_support::TempDir& dir, const std::string& name) {
    const std::string stem = (dir / name).string();
    shell("pdftoppm -gray -r 100 -f 1 -l 1 -singlefile '" + pdf + "' '" + stem + "'");
    const std::string bytes = test_support::slurp(stem + ".pgm");
    std::istringstream in(bytes);
    std::string magic;
    int max = 0;
    Grey g;
    in >> magic >> g.w >> g.h >> max;
    in.get();
    g.px = bytes.substr(static_cast<std::size_t>(in.tellg()));
    REQUIRE(magic == "P5");
    REQUIRE(g.px.size() == static_cast<std::size_t>(g.w) * static_cast<std::size_t>(g.h));
    return g;
}

}  // namespace

TEST_CASE("spaces and format characters look the same on both backends: no .notdef box, no stray hyphen") {
    // issue 11: libharu drew U+3000 as a .notdef box and U+00AD as a hyphen over the next letter.
    layout::use_private_fonts(data_dir() + "/fonts");
    const std::vector<std::pair<const char*, const char*>> table = {
        {"U+00A0", "\u00A0"}, {"U+2002", "\u2002"}, {"U+2003", "\u2003"}, {"U+2004", "\u2004"}, {"U+2005", "\u2005"},
        {"U+2006", "\u2006"}, {"U+2007", "\u2007"}, {"U+2008", "\u2008"}, {"U+2009", "\u2009"}, {"U+200A", "\u200A"},
        {"U+200B", "\u200B"}, {"U+202F", "\u202F"}, {"U+205F", "\u205F"}, {"U+2060", "\u2060"}, {"U+3000", "\u3000"},
        {"U+FEFF", "\uFEFF"}, {"U+00AD", "\u00AD"}};
    doc::Document d;
    d.meta.title = "Spaces";
    d.meta.creation_date = "2026-12-01";
    for (const auto& [name, c] : table) d.blocks.push_back(para(std::string(name) + ": Move" + c + "gently"));
    Diagnostics diags;
    const auto list = layout::layout_document(d, spec(), kA4, diags);
    REQUIRE(list.pages.size() == 1);

    const test_support::TempDir dir;
    const std::string cairo = (dir / "cairo.pdf").string(), haru = (dir / "haru.pdf").string();
    test_support::spit(cairo, render::render_pdf_cairo(list));
    test_support::spit(haru, render::render_pdf_haru(list));

    // The text: every line still reads "Move" and "gently", and no hyphen appears where U+00AD was.
    const std::string text = shell("pdftotext -enc UTF-8 '" + haru + "' -");
    CAPTURE(text);
    for (const auto& [name, c] : table) CHECK_MESSAGE(text.find(std::string(name) + ":") != std::string::npos, name);
    CHECK(text.find("Move-gently") == std::string::npos);
    CHECK(text.find("Movegently") != std::string::npos);  // U+00AD, U+200B, U+2060, U+FEFF: no space, no mark

    // The look: the two rasters differ by anti-aliasing at most, never by a box or a hyphen (one such glyph is
    // dozens of dark pixels at 100 dpi).
    const Grey a = raster(cairo, dir, "cairo"), b = raster(haru, dir, "haru");
    REQUIRE(a.w == b.w);
    REQUIRE(a.h == b.h);
    int differing = 0;
    for (std::size_t i = 0; i < a.px.size(); ++i) {
        const int diff = static_cast<unsigned char>(a.px[i]) - static_cast<unsigned char>(b.px[i]);
        if (diff > 96 || diff < -96) ++differing;
    }
    MESSAGE("pixels differing by more than 96 of 255 between the backends: " << differing);
    CHECK(differing <= 10);
}

TEST_CASE("haru drawable text: spaces become U+0020, invisible format characters go, a break hyphen stays") {
    CHECK(render::haru::drawable_text("Move\u3000gently") == "Move gently");
    CHECK(render::haru::drawable_text("a\u00A0b\u202Fc\u205Fd\u2007e") == "a b c d e");
    CHECK(render::haru::drawable_text("n\u00AD") == "n");
    CHECK(render::haru::drawable_text("\u00AD") == "-");
    CHECK(render::haru::drawable_text("x\u200B\u2060\uFEFF\u200Dy") == "xy");
    CHECK(render::haru::drawable_text("caf\u00e9 \u738b") == "caf\u00e9 \u738b");
}
