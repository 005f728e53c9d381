// Integration of layout and the Cairo backend: a small document shaped by Pango (real ligature clusters,
// right-to-left runs, a .ttc fallback face) must extract with pdftotext exactly as written.
#include <doctest/doctest.h>

#include <string>

#include "base/diagnostics.hpp"
#include "base/paths.hpp"
#include "doc/document.hpp"
#include "layout/layout.hpp"
#include "model/layout_spec.hpp"
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
