// Tests of the Cairo backend: hand-built display lists rendered to PDF/PNG, checked with poppler-utils and qpdf.
#include <cairo.h>
#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "base/paths.hpp"
#include "deliver/atomic_write.hpp"
#include "display/display_list.hpp"
#include "render/cairo_painter.hpp"
#include "render/ft_shaper.hpp"
#include "render/render.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using namespace takehome;
using namespace takehome::display;
using test_support::Result;
using test_support::run;
using test_support::slurp;
using test_support::spit;
using test_support::TempDir;

namespace {

const std::string regular = data_dir() + "/fonts/NotoSans-Regular.ttf";
const std::string hebrew = data_dir() + "/fonts/NotoSansHebrew-Regular.ttf";

const char* const h09_line = "Patient quote: <i>not</i> markup, & not an entity &amp; either.";

/// Two A4 pages: headings with anchors, the H09 line, ligature words, links, shapes, structure tags, outline.
DisplayList sample_list() {
    const render_test::Shaper font(regular, render_test::Shaper::Missing::fail);
    DisplayList list;
    list.meta.title = "Your back: exercises and advice";
    list.meta.author = "Riverside Physiotherapy";
    list.meta.subject = "Take-home handout";
    list.meta.keywords = "low back pain, exercises";
    list.meta.creation_date = "2024-03-05";

    Page p1;
    p1.items.push_back(Anchor{"pain-now", 56, 70});
    p1.items.push_back(TagBegin{"H1", ""});
    p1.items.push_back(font.run("Pain now", 56, 80, 18));
    p1.items.push_back(TagEnd{});
    p1.items.push_back(TagBegin{"P", ""});
    p1.items.push_back(font.run(h09_line, 56, 110));
    // "office" with the ffi ligature (U+FB03) and "fit" with the fi ligature (U+FB01): one glyph, many bytes.
    GlyphRun lig = font.base("office fit", 56, 130, 11);
    double pen = 0;
    font.add(lig, font.glyph('o'), 0, pen);
    font.add(lig, font.glyph(0xFB03), 1, pen);
    font.add(lig, font.glyph('c'), 4, pen);
    font.add(lig, font.glyph('e'), 5, pen);
    font.add(lig, font.glyph(' '), 6, pen);
    font.add(lig, font.glyph(0xFB01), 7, pen);
    font.add(lig, font.glyph('t'), 9, pen);
    p1.items.push_back(lig);
    p1.items.push_back(TagEnd{});
    p1.items.push_back(TagBegin{"Artifact", ""});
    p1.items.push_back(font.run("Page 1 of 2", 56, 800, 8));
    p1.items.push_back(TagEnd{});
    p1.items.push_back(Rect{56, 150, 200, 40, Colour{0.9, 0.95, 1}, Colour{0, 0.3, 0.6}, 1, 6});
    p1.items.push_back(Path{{{56, 200}, {256, 200}, {256, 220}}, true, std::nullopt, Colour{0, 0, 0}, 0.5, {3, 2}});
    p1.items.push_back(Circle{300, 170, 5, Colour{1, 0, 0}, std::nullopt, 1});
    p1.items.push_back(font.run("riverside-physio.example", 56, 250));
    p1.items.push_back(Link{56, 240, 130, 14, "https://riverside-physio.example/it's?a=1&b=\\2", ""});
    p1.items.push_back(Link{56, 80, 80, 20, "", "flare-up"});
    list.pages.push_back(p1);

    Page p2;
    p2.items.push_back(Anchor{"flare-up", 56, 70});
    p2.items.push_back(TagBegin{"H2", ""});
    p2.items.push_back(font.run("If you have a flare-up", 56, 80, 14));
    p2.items.push_back(TagEnd{});
    p2.items.push_back(TagBegin{"P", ""});
    p2.items.push_back(font.run("Stop if pain rises above 5/10.", 56, 110));
    p2.items.push_back(TagEnd{});
    list.pages.push_back(p2);

    list.outline.push_back({"Pain now", 1, "pain-now", 0, 70});
    list.outline.push_back({"Exercises", 2, "", 0, 150});
    list.outline.push_back({"If you have a flare-up", 1, "flare-up", 1, 70});
    return list;
}

/// Text of each non-empty line of `s`, trimmed of trailing spaces.
std::vector<std::string> lines(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    std::string line;
    while (std::getline(in, line)) {
        while (!line.empty() && (line.back() == ' ' || line.back() == '\f' || line.back() == '\r')) line.pop_back();
        while (!line.empty() && line.front() == '\f') line.erase(0, 1);
        if (!line.empty()) out.push_back(line);
    }
    return out;
}

/// RGB of pixel (x, y) of a PNG file, read through Cairo.
struct Pixel {
    int r, g, b;
};
Pixel png_pixel(const std::string& path, int x, int y) {
    cairo_surface_t* s = cairo_image_surface_create_from_png(path.c_str());
    REQUIRE(cairo_surface_status(s) == CAIRO_STATUS_SUCCESS);
    cairo_surface_flush(s);
    REQUIRE(x < cairo_image_surface_get_width(s));
    REQUIRE(y < cairo_image_surface_get_height(s));
    const unsigned char* row = cairo_image_surface_get_data(s) + y * cairo_image_surface_get_stride(s);
    std::uint32_t px = 0;
    std::memcpy(&px, row + 4 * x, 4);
    cairo_surface_destroy(s);
    return Pixel{static_cast<int>((px >> 16) & 0xFF), static_cast<int>((px >> 8) & 0xFF), static_cast<int>(px & 0xFF)};
}

/// Width and height from a PNG file's IHDR chunk (bytes 16..23, big-endian).
std::pair<int, int> png_size(const std::string& bytes) {
    REQUIRE(bytes.size() > 24);
    auto be = [&](std::size_t at) {
        return (static_cast<unsigned char>(bytes[at]) << 24) | (static_cast<unsigned char>(bytes[at + 1]) << 16) |
               (static_cast<unsigned char>(bytes[at + 2]) << 8) | static_cast<unsigned char>(bytes[at + 3]);
    };
    return {static_cast<int>(be(16)), static_cast<int>(be(20))};
}

}  // namespace

TEST_CASE("pdftotext gives back the source text, markup-like characters and ligatures included (H09)") {
    TempDir dir;
    spit(dir / "out.pdf", render::render_pdf_cairo(sample_list()));
    const Result text = run("pdftotext -enc UTF-8 '" + (dir / "out.pdf").string() + "' -");
    REQUIRE(text.status == 0);
    const auto got = lines(text.out);
    const std::vector<std::string> expected = {"Pain now",    h09_line,
                                               "office fit",  "riverside-physio.example",
                                               "Page 1 of 2", "If you have a flare-up",
                                               "Stop if pain rises above 5/10."};
    CHECK(got == expected);
}

TEST_CASE("fonts are embedded as subsets and come from fonts/") {
    TempDir dir;
    spit(dir / "out.pdf", render::render_pdf_cairo(sample_list()));
    const Result fonts = run("pdffonts '" + (dir / "out.pdf").string() + "'");
    REQUIRE(fonts.status == 0);
    CAPTURE(fonts.out);
    const auto rows = lines(fonts.out);
    // Cairo 1.16 splits one font file into a simple (WinAnsi) subset and a CID subset for the other glyphs
    // (here the ligatures), so there are one or two rows, all from NotoSans-Regular.
    REQUIRE(rows.size() >= 3);
    REQUIRE(rows.size() <= 4);
    for (std::size_t i = 2; i < rows.size(); ++i) {
        std::istringstream row(rows[i]);
        std::vector<std::string> cols;
        for (std::string w; row >> w;) cols.push_back(w);
        REQUIRE(cols.size() >= 7);
        const std::size_t n = cols.size();
        CHECK(cols[n - 5] == "yes");  // emb
        CHECK(cols[n - 4] == "yes");  // sub
        CHECK(cols[n - 3] == "yes");  // uni: a ToUnicode map, so text extraction works
        const std::string& name = cols[0];
        REQUIRE(name.find('+') == 6);  // the subset tag "ABCDEF+"
        CHECK(name.substr(7) == "NotoSans-Regular");
        CHECK(fs::exists(data_dir() + "/fonts/" + name.substr(7) + ".ttf"));
    }
}

TEST_CASE("pdfinfo shows the metadata, fixed dates, page count, page sizes and the tagged structure") {
    TempDir dir;
    DisplayList list = sample_list();
    list.pages[1].width = 419.53;  // A5, to check that each page keeps its own size
    list.pages[1].height = 595.28;
    spit(dir / "out.pdf", render::render_pdf_cairo(list));
    const Result info = run("pdfinfo -f 1 -l 2 '" + (dir / "out.pdf").string() + "'");
    REQUIRE(info.status == 0);
    CAPTURE(info.out);
    CHECK(info.out.find("Title:           Your back: exercises and advice\n") != std::string::npos);
    CHECK(info.out.find("Author:          Riverside Physiotherapy\n") != std::string::npos);
    CHECK(info.out.find("Subject:         Take-home handout\n") != std::string::npos);
    CHECK(info.out.find("Keywords:        low back pain, exercises\n") != std::string::npos);
    CHECK(info.out.find("Creator:         takehome\n") != std::string::npos);
    CHECK(info.out.find("CreationDate:    Tue Mar  5 00:00:00 2024 UTC\n") != std::string::npos);
    CHECK(info.out.find("ModDate:         Tue Mar  5 00:00:00 2024 UTC\n") != std::string::npos);
    CHECK(info.out.find("Tagged:          yes\n") != std::string::npos);
    CHECK(info.out.find("Pages:           2\n") != std::string::npos);
    CHECK(info.out.find("Page    1 size:  595.276 x 841.89 pts (A4)\n") != std::string::npos);
    CHECK(info.out.find("Page    2 size:  419.53 x 595.28 pts\n") != std::string::npos);
}

TEST_CASE("the outline nests by level and links to anchors or page positions; named destinations exist") {
    TempDir dir;
    spit(dir / "out.pdf", render::render_pdf_cairo(sample_list()));
    const Result json = run("qpdf --json --json-key=outlines '" + (dir / "out.pdf").string() + "'");
    REQUIRE(json.status == 0);
    CAPTURE(json.out);
    std::string compact;
    for (char c : json.out) {
        if (c != ' ' && c != '\n') compact += c;
    }
    // "Pain now" (page 1) holds "Exercises" (page 1, y 150 pt -> 841.89 - 150 from the bottom); then the flare-up.
    const auto pain = compact.find("\"title\":\"Painnow\"");
    const auto exercises = compact.find("\"title\":\"Exercises\"");
    const auto flare = compact.find("\"title\":\"Ifyouhaveaflare-up\"");
    REQUIRE(pain != std::string::npos);
    REQUIRE(exercises != std::string::npos);
    REQUIRE(flare != std::string::npos);
    CHECK(exercises < pain);  // qpdf writes kids before the parent's title
    CHECK(compact.find("\"kids\":[{\"dest\":[\"") != std::string::npos);
    CHECK(compact.find("/XYZ\",0,691.8898") != std::string::npos);
    CHECK(compact.find("\"destpageposfrom1\":2") != std::string::npos);

    const Result dests = run("pdfinfo -dests '" + (dir / "out.pdf").string() + "'");
    REQUIRE(dests.status == 0);
    CAPTURE(dests.out);
    CHECK(dests.out.find("   1 [ XYZ   56  772 null      ] \"pain-now\"") != std::string::npos);
    CHECK(dests.out.find("   2 [ XYZ   56  772 null      ] \"flare-up\"") != std::string::npos);
}

TEST_CASE("links: the URI (quote escaped, backslash percent-encoded) and the internal destination are written") {
    TempDir dir;
    spit(dir / "out.pdf", render::render_pdf_cairo(sample_list()));
    const Result qdf = run("qpdf --qdf --object-streams=disable '" + (dir / "out.pdf").string() + "' -");
    REQUIRE(qdf.status == 0);
    CHECK(qdf.out.find("/URI (https://riverside-physio.example/it's?a=1&b=%5C2)") != std::string::npos);
    CHECK(qdf.out.find("/Dest (flare-up)") != std::string::npos);
    CHECK(qdf.out.find("/Subtype /Link") != std::string::npos);
    // The link rectangle is flipped to PDF space: y 240..254 pt from the top -> 587.89..601.89 from the bottom.
    CHECK(qdf.out.find("    587.8898\n") != std::string::npos);
}

TEST_CASE("qpdf --check passes and two renders of the same list are byte-identical") {
    TempDir dir;
    const std::string a = render::render_pdf_cairo(sample_list());
    const std::string b = render::render_pdf_cairo(sample_list());
    CHECK(a == b);
    spit(dir / "out.pdf", a);
    const Result check = run("qpdf --check '" + (dir / "out.pdf").string() + "' 2>&1");
    CHECK(check.status == 0);
    CHECK(check.out.find("No syntax or stream encoding errors found") != std::string::npos);
    // The Info dictionary sits in a compressed object stream since the qpdf accessibility pass, so it is read back
    // through qpdf.
    const Result qdf = run("qpdf --qdf --object-streams=disable '" + (dir / "out.pdf").string() + "' -");
    CHECK(qdf.out.find("/CreationDate (D:20240305000000Z)") != std::string::npos);
}

TEST_CASE("a missing or unreadable image is an InputError naming the file (H30 fixture: page 3)") {
    TempDir dir;
    DisplayList list = sample_list();
    Page p3;
    p3.items.push_back(Image{dir / "missing.png", 56, 56, 100, 100, "cat-camel"});
    list.pages.push_back(p3);
    try {
        (void)render::render_pdf_cairo(list);
        FAIL("no error for a missing image");
    } catch (const InputError& e) {
        const auto& d = e.diagnostics().items();
        REQUIRE(d.size() == 1);
        CHECK(d[0].pos.file == (dir / "missing.png").string());
        CHECK(d[0].format() == (dir / "missing.png").string() + ": error: cannot read image '" + (dir / "missing.png").string() +
                                   "': file not found or not readable");
    }
    spit(dir / "broken.png", std::string("\x89PNG\r\n\x1a\n garbage", 17));
    list.pages.back().items[0] = Image{dir / "broken.png", 56, 56, 100, 100, ""};
    CHECK_THROWS_AS((void)render::render_pdf_cairo(list), InputError);
    spit(dir / "notes.txt", "hello");
    list.pages.back().items[0] = Image{dir / "notes.txt", 56, 56, 100, 100, ""};
    CHECK_THROWS_WITH_AS((void)render::render_pdf_cairo(list), doctest::Contains("expected a PNG, JPEG or SVG"), InputError);
}

TEST_CASE("PNG and SVG images are drawn into their boxes") {
    TempDir dir;
    // A red 20x10 pt PNG made by the preview renderer itself (at 72 dpi: 20x10 px).
    DisplayList red;
    red.pages.push_back(Page{20, 10, {Rect{0, 0, 20, 10, Colour{1, 0, 0}, std::nullopt, 1, 0}}});
    const auto red_png = render::render_png_pages(red, 72);
    REQUIRE(red_png.size() == 1);
    spit(dir / "red-1.png", red_png[0]);
    const std::vector<std::string> pngs{(dir / "red-1.png").string()};
    spit(dir / "blue.svg",
               "<svg xmlns='http://www.w3.org/2000/svg' width='40' height='40' viewBox='0 0 40 40'>"
               "<rect x='0' y='0' width='40' height='40' fill='#0000ff'/></svg>");
    DisplayList list;
    list.meta.creation_date = "2024-03-05";
    list.pages.push_back(Page{200, 200, {Image{pngs[0], 10, 10, 80, 40, "a red box"},
                                         TagBegin{"Figure", "a blue square"},
                                         Image{dir / "blue.svg", 100, 100, 80, 80, "a blue square"}, TagEnd{}}});
    spit(dir / "img.pdf", render::render_pdf_cairo(list));
    REQUIRE(run("pdftoppm -r 72 -png -singlefile '" + (dir / "img.pdf").string() + "' '" + (dir / "page").string() + "'").status == 0);
    const Pixel in_png = png_pixel(dir / "page.png", 50, 30);
    CHECK(in_png.r > 200);
    CHECK(in_png.g < 50);
    CHECK(in_png.b < 50);
    const Pixel in_svg = png_pixel(dir / "page.png", 140, 140);
    CHECK(in_svg.r < 50);
    CHECK(in_svg.b > 200);
    const Pixel outside = png_pixel(dir / "page.png", 95, 60);
    CHECK(outside.r == 255);
    CHECK(outside.g == 255);
    CHECK(outside.b == 255);
    // The SVG stays vector: the page holds only one image XObject (the PNG).
    const Result images = run("pdfimages -list '" + (dir / "img.pdf").string() + "'");
    CHECK(lines(images.out).size() == 3);
}

TEST_CASE("PNG previews: one file per page at the right pixel size, white background, no temporary files") {
    TempDir dir;
    // The render stage returns the bytes; the deliver stage writes them, as the pipeline does.
    const auto pngs = render::render_png_pages(sample_list(), 144);
    REQUIRE(pngs.size() == 2);
    const std::vector<std::string> files{(dir / "handout-1.png").string(), (dir / "handout-2.png").string()};
    deliver::write_files_atomically({{files[0], pngs[0]}, {files[1], pngs[1]}});
    CHECK(files[0] == (dir / "handout-1.png").string());
    CHECK(files[1] == (dir / "handout-2.png").string());
    // A4 at 144 dpi: 595.2756 pt * 2 = 1190.55 -> 1191 px, 841.8898 pt * 2 = 1683.78 -> 1684 px.
    CHECK(png_size(slurp(files[0])) == std::make_pair(1191, 1684));
    const Pixel corner = png_pixel(files[0], 2, 2);
    CHECK(corner.r == 255);
    CHECK(corner.g == 255);
    CHECK(corner.b == 255);
    const Pixel marker = png_pixel(files[0], 600, 340);  // the red circle at (300, 170) pt
    CHECK(marker.r > 200);
    CHECK(marker.g < 50);
    int entries = 0;
    for (const auto& e : fs::directory_iterator(dir.path)) {
        ++entries;
        CHECK(e.path().filename().string().find(".tmp") == std::string::npos);
    }
    CHECK(entries == 2);
    CHECK_THROWS_AS(deliver::write_files_atomically({{(dir / "no-such-folder" / "handout-1.png").string(), pngs[0]}}),
                    InputError);
}

TEST_CASE("right-to-left runs: clusters run backwards and the text extracts in logical order") {
    const render_test::Shaper font(hebrew, render_test::Shaper::Missing::fail);
    const std::string word = "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D";  // shalom, 4 letters of 2 bytes
    GlyphRun r = font.base(word, 56, 80, 14);
    r.rtl = true;
    double pen = 0;
    for (int i = 3; i >= 0; --i) {  // visual order: last letter first
        const std::string letter = word.substr(static_cast<std::size_t>(2 * i), 2);
        const char32_t cp = ((letter[0] & 0x1F) << 6) | (letter[1] & 0x3F);
        font.add(r, font.glyph(cp), static_cast<std::uint32_t>(2 * i), pen);
    }
    const auto map = render::detail::build_clusters(r);
    CHECK(map.flags == CAIRO_TEXT_CLUSTER_FLAG_BACKWARD);
    REQUIRE(map.clusters.size() == 4);
    for (const auto& c : map.clusters) {
        CHECK(c.num_bytes == 2);
        CHECK(c.num_glyphs == 1);
    }
    DisplayList list;
    list.meta.creation_date = "2024-03-05";
    list.pages.push_back(Page{});
    list.pages[0].items.push_back(r);
    TempDir dir;
    spit(dir / "rtl.pdf", render::render_pdf_cairo(list));
    const Result text = run("pdftotext -enc UTF-8 '" + (dir / "rtl.pdf").string() + "' -");
    CAPTURE(text.out);
    // pdftotext wraps right-to-left text in U+202B RIGHT-TO-LEFT EMBEDDING ... U+202C POP DIRECTIONAL FORMATTING.
    CHECK(lines(text.out) == std::vector<std::string>{"\u202B" + word + "\u202C"});
}

TEST_CASE("cluster map: leading bytes join the first cluster; reordered clusters become one cluster") {
    GlyphRun r;
    r.text = "abcd";
    r.glyphs = {{1, 0, 0, 5, 1}, {2, 5, 0, 5, 3}};  // nothing for byte 0; glyph 1 covers "bc"
    auto map = render::detail::build_clusters(r);
    REQUIRE(map.clusters.size() == 2);
    CHECK(map.clusters[0].num_bytes == 3);
    CHECK(map.clusters[1].num_bytes == 1);
    r.glyphs = {{1, 0, 0, 5, 2}, {2, 5, 0, 5, 0}, {3, 10, 0, 5, 3}};  // a pre-base vowel moved before its base
    map = render::detail::build_clusters(r);
    REQUIRE(map.clusters.size() == 1);
    CHECK(map.clusters[0].num_bytes == 4);
    CHECK(map.clusters[0].num_glyphs == 3);
    CHECK(render::detail::quote_tag_attribute("it's a \\ test") == "'it\\'s a \\\\ test'");
    CHECK(render::detail::pdf_uri("https://x.example/a b\\c?q=\xC3\xA9&r=%20") ==
          "https://x.example/a%20b%5Cc?q=%C3%A9&r=%20");
    CHECK(render::detail::pdf_dest_name("flare-up_2.1") == "flare-up_2.1");
    CHECK(render::detail::pdf_dest_name("\xC3\xA9tape 1\\(x)") == "%C3%A9tape%201%5C%28x%29");
}

TEST_CASE("a failed drawing call is an InternalError, never a silently blank rest of the handout (H08)") {
    const render_test::Shaper font(regular, render_test::Shaper::Missing::fail);
    DisplayList list = sample_list();
    GlyphRun bad = font.run("Jose Test", 56, 300);
    bad.text[3] = static_cast<char>(0xE9);  // a Latin-1 byte that slipped past the loader
    list.pages[0].items.push_back(bad);
    CHECK_THROWS_WITH_AS((void)render::render_pdf_cairo(list), doctest::Contains("not valid UTF-8"), InternalError);
}

TEST_CASE("unbalanced structure tags and dangling internal links are InternalErrors") {
    DisplayList list = sample_list();
    list.pages[1].items.push_back(TagEnd{});
    CHECK_THROWS_WITH_AS((void)render::render_pdf_cairo(list), doctest::Contains("TagEnd without"), InternalError);
    list = sample_list();
    list.pages[1].items.push_back(TagBegin{"P", ""});
    CHECK_THROWS_WITH_AS((void)render::render_pdf_cairo(list), doctest::Contains("never closed"), InternalError);
    list = sample_list();
    list.pages[1].items.push_back(Link{0, 0, 10, 10, "", "no-such-heading"});
    CHECK_THROWS_WITH_AS((void)render::render_pdf_cairo(list), doctest::Contains("no-such-heading"), InternalError);
    list = sample_list();
    list.meta.creation_date = "05/03/2024";
    CHECK_THROWS_AS((void)render::render_pdf_cairo(list), InternalError);
}
