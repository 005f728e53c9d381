// Tests of the libharu archival backend (PDF/A-1b): hand-built display lists checked with qpdf and poppler-utils.
#include <doctest/doctest.h>

#include <cstdlib>
#include <regex>
#include <string>

#include "base/diagnostics.hpp"
#include "haru_test_util.hpp"
#include "render/haru_text.hpp"
#include "render/haru_xmp.hpp"
#include "render/render.hpp"

using namespace takehome;
using namespace takehome::display;
using namespace haru_test;
namespace haru = takehome::render::haru;

namespace {

/// Everything the PDF/A checks need from one rendered sample: the file and its inflated (qdf) form.
struct Rendered {
    TempDir dir;
    std::string pdf, qdf, bytes;
    explicit Rendered(const DisplayList& list) {
        bytes = render::render_pdf_haru(list);
        pdf = (dir / "out.pdf").string();
        spit(pdf, bytes);
        REQUIRE(run("qpdf --qdf --object-streams=disable '" + pdf + "' '" + (dir / "qdf.pdf").string() + "'").status == 0);
        qdf = slurp(dir / "qdf.pdf");
    }
};

std::string between(const std::string& s, const std::string& open, const std::string& close) {
    const auto a = s.find(open);
    if (a == std::string::npos) return "";
    const auto b = s.find(close, a + open.size());
    return b == std::string::npos ? "" : s.substr(a + open.size(), b - a - open.size());
}

/// The value of a `pdfinfo` field ("Title:", "Author:").
std::string pdfinfo_field(const std::string& pdf, const std::string& field) {
    const Result r = run("pdfinfo '" + pdf + "' 2>/dev/null");
    REQUIRE(r.status == 0);
    const auto a = r.out.find(field);
    if (a == std::string::npos) return "";
    auto v = r.out.substr(a + field.size(), r.out.find('\n', a) - a - field.size());
    v.erase(0, v.find_first_not_of(' '));
    return v;
}

std::string input_error_text(const DisplayList& list) {
    try {
        (void)render::render_pdf_haru(list);
    } catch (const InputError& e) {
        std::string text = e.diagnostics().to_string();
        while (!text.empty() && text.back() == '\n') text.pop_back();
        return text;
    }
    return "no InputError";
}

}  // namespace

TEST_CASE("haru clusters: a ligature cluster draws its whole text at the first glyph's pen position") {
    GlyphRun run;
    run.text = "fit";
    run.glyphs = {{501, 0, 0, 6.2, 0}, {77, 6.2, 0, 3.4, 2}};  // "fi" ligature glyph, then "t"
    const auto pieces = haru::cluster_pieces(run);
    REQUIRE(pieces.size() == 2);
    CHECK(pieces[0].text == "fi");
    CHECK(pieces[0].x == doctest::Approx(0));
    CHECK(pieces[1].text == "t");
    CHECK(pieces[1].x == doctest::Approx(6.2));
}

TEST_CASE("haru clusters: multi-byte characters and several glyphs per cluster map back to their text") {
    GlyphRun run;
    run.text = "90° e\xCC\x81";  // "90° " then e + combining acute (one cluster, two glyphs on the baseline)
    run.glyphs = {{1, 0, 0, 5, 0}, {2, 5, 0, 5, 1}, {3, 10, 0, 4, 2}, {4, 14, 0, 3, 4}, {5, 17, 0, 5, 5}, {6, 17, 0, 0, 5}};
    const auto pieces = haru::cluster_pieces(run);
    REQUIRE(pieces.size() == 5);
    CHECK(pieces[2].text == "°");
    CHECK(pieces[4].text == "e\xCC\x81");
    CHECK(pieces[4].x == doctest::Approx(17));
    CHECK_FALSE(haru::unsupported_text(run, "en-GB").has_value());

    run.glyphs.back().cluster = 40;  // past the end of the text: a layout bug
    CHECK_THROWS_AS((void)haru::cluster_pieces(run), InternalError);
}

TEST_CASE("haru text checks: right-to-left, complex scripts and characters outside the BMP are refused") {
    GlyphRun run;
    run.text = "Rückenschmerz 5°";
    CHECK_FALSE(haru::unsupported_text(run, "de").has_value());

    run.rtl = true;
    CHECK(haru::unsupported_text(run, "ar").value() ==
          "libharu backend cannot render right-to-left or complex scripts (language 'ar'); use the cairo backend");
    run.rtl = false;
    run.text = "التمرين 3 x 10 reps";  // H16: Arabic in a run marked left-to-right
    CHECK(haru::unsupported_text(run, "ar").value().find("right-to-left or complex scripts (language 'ar')") != std::string::npos);
    run.text = "תרגיל";  // Hebrew
    CHECK(haru::unsupported_text(run, "he").has_value());
    run.text = "व्यायाम";  // Devanagari
    CHECK(haru::unsupported_text(run, "hi").has_value());
    run.text = "ท่าบริหาร";  // Thai
    CHECK(haru::unsupported_text(run, "th").has_value());
    run.text = "3 x 10 \xE2\x81\xA6reps\xE2\x81\xA9";  // U+2066 .. U+2069 isolates (only in bidi text)
    CHECK(haru::unsupported_text(run, "en-GB").has_value());
    run.text = "Well done \xF0\x9F\x98\x80";  // U+1F600
    CHECK(haru::unsupported_text(run, "en-GB").value() ==
          "libharu backend cannot render characters outside the basic multilingual plane (U+1F600, e.g. emoji); use the cairo backend");

    run.text = "a\xCC\x81";  // a mark moved by the shaper off the baseline: cannot be reproduced by libharu
    run.glyphs = {{1, 0, 0, 5, 0}, {2, 1, -2, 0, 0}};
    CHECK(haru::unsupported_text(run, "en-GB").value().find("combining marks") != std::string::npos);
}

TEST_CASE("haru xmp: dates are checked and values are XML-escaped") {
    CHECK(haru::parse_iso_date("2024-02-29").has_value());
    CHECK_FALSE(haru::parse_iso_date("2023-02-29").has_value());
    CHECK_FALSE(haru::parse_iso_date("2024-13-01").has_value());
    CHECK_FALSE(haru::parse_iso_date("05/03/2024").has_value());
    haru::XmpInfo info;
    info.title = "Back & neck <care>";
    info.author = "O'Neil";
    info.date = haru::parse_iso_date("2024-03-05");
    const std::string x = haru::build_xmp(info);
    CHECK(x.find("<rdf:li xml:lang=\"x-default\">Back &amp; neck &lt;care&gt;</rdf:li>") != std::string::npos);
    CHECK(x.find("<rdf:li>O&apos;Neil</rdf:li>") != std::string::npos);
    CHECK(x.find("<xmp:CreateDate>2024-03-05T00:00:00Z</xmp:CreateDate>") != std::string::npos);
    CHECK(x.find("<pdfaid:part>1</pdfaid:part>") != std::string::npos);
    CHECK(x.find("<pdfaid:conformance>B</pdfaid:conformance>") != std::string::npos);
}

TEST_CASE("haru pdf: the sample handout passes qpdf --check and keeps its text") {
    const DisplayList list = sample_list();
    Rendered r(list);
    CHECK(r.bytes.rfind("%PDF-1.4", 0) == 0);
    const Result check = run("qpdf --check '" + r.pdf + "' 2>&1");
    CHECK(check.status == 0);
    CHECK(check.out.find("No syntax or stream encoding errors found") != std::string::npos);
    CHECK(run("pdfinfo '" + r.pdf + "' 2>/dev/null | grep -c '^Pages: *2$'").out == "1\n");

    const Result text = run("pdftotext -layout '" + r.pdf + "' - 2>/dev/null");
    REQUIRE(text.status == 0);
    CHECK(text.out.find("Your exercises") != std::string::npos);
    CHECK(text.out.find("Press firmly, knees 90° apart.") != std::string::npos);  // ligature cluster and degree sign
    CHECK(text.out.find("Pain today (NPRS): 6 of 10. Flare-up plan below.") != std::string::npos);
    CHECK(text.out.find("Keep moving: short walks help.") != std::string::npos);
    MESSAGE("sample handout (2 pages, 2 embedded fonts) is " << r.bytes.size() << " bytes");
    // For a look by eye: TAKEHOME_HARU_SAMPLE_OUT=/tmp/sample.pdf keeps a copy of the sample.
    if (const char* keep = std::getenv("TAKEHOME_HARU_SAMPLE_OUT"); keep != nullptr && *keep != '\0') spit(keep, r.bytes);
}

TEST_CASE("haru pdf: PDF/A-1b claims - XMP matches Info, output intent, embedded fonts, no transparency") {
    const DisplayList list = sample_list();
    Rendered r(list);

    // Info dictionary as poppler reads it.
    CHECK(pdfinfo_field(r.pdf, "Title:") == list.meta.title);
    CHECK(pdfinfo_field(r.pdf, "Author:") == list.meta.author);
    CHECK(pdfinfo_field(r.pdf, "Subject:") == list.meta.subject);
    CHECK(pdfinfo_field(r.pdf, "Keywords:") == list.meta.keywords);
    CHECK(pdfinfo_field(r.pdf, "Creator:") == "takehome");
    CHECK(pdfinfo_field(r.pdf, "Producer:") == "takehome (libharu 2.3.0)");

    // XMP: unfiltered, typed, claims PDF/A-1b, same title/author/subject/keywords/creator/producer/dates.
    const std::string xmp = between(r.qdf, "<?xpacket begin=", "<?xpacket end=");
    REQUIRE_FALSE(xmp.empty());
    CHECK(xmp.find("<pdfaid:part>1</pdfaid:part>") != std::string::npos);
    CHECK(xmp.find("<pdfaid:conformance>B</pdfaid:conformance>") != std::string::npos);
    CHECK(between(xmp, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">", "</rdf:li>") == "Your back: exercises &amp; advice");
    CHECK(between(xmp, "<dc:creator><rdf:Seq><rdf:li>", "</rdf:li>") == "Riverside Physiotherapy &lt;Zoë Ann&gt;");
    CHECK(between(xmp, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">", "</rdf:li>") == list.meta.subject);
    CHECK(between(xmp, "<pdf:Keywords>", "</pdf:Keywords>") == list.meta.keywords);
    CHECK(between(xmp, "<xmp:CreatorTool>", "</xmp:CreatorTool>") == "takehome");
    CHECK(between(xmp, "<pdf:Producer>", "</pdf:Producer>") == "takehome (libharu 2.3.0)");
    CHECK(between(xmp, "<xmp:CreateDate>", "</xmp:CreateDate>") == "2024-03-05T00:00:00Z");
    CHECK(between(xmp, "<xmp:ModifyDate>", "</xmp:ModifyDate>") == "2024-03-05T00:00:00Z");
    CHECK(r.qdf.find("/CreationDate (D:20240305000000Z") != std::string::npos);
    CHECK(r.qdf.find("/ModDate (D:20240305000000Z") != std::string::npos);
    // The metadata stream in the original file is not compressed (ISO 19005-1 6.7.2).
    CHECK(r.bytes.find("<pdfaid:part>1</pdfaid:part>") != std::string::npos);
    CHECK(std::regex_search(r.qdf, std::regex(R"(/Subtype /XML\s*/Type /Metadata)")));

    // sRGB output intent with its ICC profile under the right key.
    CHECK(r.qdf.find("/S /GTS_PDFA1") != std::string::npos);
    CHECK(std::regex_search(r.qdf, std::regex(R"(/DestOutputProfile \d+ 0 R)")));
    CHECK(r.qdf.find("/OutputConditionIdentifier (sRGB IEC61966-2.1)") != std::string::npos);
    CHECK(r.qdf.find("/Lang (en-GB)") != std::string::npos);
    CHECK(std::regex_search(r.qdf, std::regex(R"(/ID \[\s*<[0-9a-f]{32}>\s*<[0-9a-f]{32}>\s*\])")));

    // Every font embedded (pdffonts column "emb" is yes for every row), none of them base-14.
    const Result fonts = run("pdffonts '" + r.pdf + "' 2>/dev/null | tail -n +3");
    REQUIRE(fonts.status == 0);
    int rows = 0;
    std::istringstream lines(fonts.out);
    for (std::string line; std::getline(lines, line);) {
        ++rows;
        CHECK_MESSAGE(std::regex_search(line, std::regex(R"(CID TrueType\s+Identity-H\s+yes)")), line);
        // Subset-tagged, and no ",Bold" / ",Italic": that suffix asks a viewer to embolden a font that is not
        // embedded (issue 11); these are embedded with their own bold outlines.
        CHECK_MESSAGE(std::regex_search(line, std::regex(R"(^[A-Z]{6}\+NotoSans-(Regular|Bold)\s)")), line);
        CHECK_MESSAGE(line.find(',') == std::string::npos, line);
    }
    CHECK(std::regex_search(r.qdf, std::regex(R"(/BaseFont /[A-Z]{6}\+NotoSans-Bold\s)")));
    CHECK(r.qdf.find(",Bold") == std::string::npos);
    CHECK(rows == 2);  // NotoSans-Regular and NotoSans-Bold
    CHECK(fonts.out.find("NotoSans-Regular") != std::string::npos);
    CHECK(fonts.out.find("NotoSans-Bold") != std::string::npos);

    // Subset fonts carry a CIDSet (ISO 19005-1 6.3.5) and a ToUnicode CMap poppler accepts without warnings.
    std::size_t cid_sets = 0;
    for (std::size_t p = r.qdf.find("/CIDSet "); p != std::string::npos; p = r.qdf.find("/CIDSet ", p + 1)) ++cid_sets;
    CHECK(cid_sets == 2);
    CHECK(r.qdf.find("<0046> <0046>") != std::string::npos);  // 'F' of "Flare-up" maps to itself
    const Result warnings = run("pdftotext '" + r.pdf + "' /dev/null 2>&1");
    CHECK(warnings.status == 0);
    CHECK(warnings.out == "");

    // No transparency, no encryption, nothing PDF/A-1 forbids.
    for (const char* forbidden : {"/SMask", "/Transparency", "/CA ", "/ca ", "/Encrypt", "/JavaScript", "/Launch", "/LZWDecode"})
        CHECK_MESSAGE(r.qdf.find(forbidden) == std::string::npos, forbidden);
}

TEST_CASE("haru pdf: links carry the print flag, the outline nests by level, internal links reach their anchors") {
    Rendered r(sample_list());
    CHECK(r.qdf.find("/URI (https://example.org/back)") != std::string::npos);
    std::size_t annots = 0;
    for (std::size_t p = r.qdf.find("/Subtype /Link"); p != std::string::npos; p = r.qdf.find("/Subtype /Link", p + 1)) ++annots;
    CHECK(annots == 2);
    std::size_t print_flags = 0;
    for (std::size_t p = r.qdf.find("/F 4\n"); p != std::string::npos; p = r.qdf.find("/F 4\n", p + 1)) ++print_flags;
    CHECK(print_flags == 2);

    const Result outline = run("qpdf --json --json-key=outlines '" + r.pdf + "' 2>/dev/null");
    REQUIRE(outline.status == 0);
    std::string json;
    for (char c : outline.out)
        if (c != ' ' && c != '\n') json += c;
    // Top level: "Your exercises" (page 1, no kids), then "Advice for flare-ups" (page 2) with kid "Walking" (page 2).
    CHECK(std::regex_search(json, std::regex(R"("destpageposfrom1":1,"kids":\[\],"object":"\d+0R","open":true,"title":"Yourexercises")")));
    CHECK(std::regex_search(json, std::regex(R"("destpageposfrom1":2,"kids":\[\{"dest":\["\d+0R","/XYZ",56.7,731.88977,null\],)"
                                             R"("destpageposfrom1":2,"kids":\[\],"object":"\d+0R","open":true,"title":"Walking"\}\],)"
                                             R"("object":"\d+0R","open":true,"title":"Adviceforflare-ups")")));
    CHECK(json.find("\"outlines\":[{") != std::string::npos);
    CHECK(r.qdf.find("/PageMode /UseOutlines") != std::string::npos);
}

TEST_CASE("haru pdf: the same display list gives the same bytes (fixed dates, content-derived /ID)") {
    const DisplayList list = sample_list();
    CHECK(render::render_pdf_haru(list) == render::render_pdf_haru(list));
    DisplayList other = list;
    other.meta.title = "Another title";
    CHECK(render::render_pdf_haru(other) != render::render_pdf_haru(list));
}

TEST_CASE("haru pdf: H16 right-to-left text and emoji are InputErrors with no bytes") {
    const Shaper arabic(font_path("NotoSansArabic-Regular.ttf"));
    DisplayList list = sample_list();
    list.meta.language = "ar";
    GlyphRun rtl = arabic.run("التمرين 3 x 10 reps", 300, 400);
    rtl.rtl = true;
    list.pages[0].items.push_back(rtl);
    CHECK(input_error_text(list) ==
          ": error: libharu backend cannot render right-to-left or complex scripts (language 'ar'); use the cairo backend");

    DisplayList emoji = sample_list();
    emoji.pages[1].items.push_back(Shaper(font_path("NotoSans-Regular.ttf")).run("Well done \xF0\x9F\x92\xAA", 56.7, 400));
    CHECK(input_error_text(emoji).find("outside the basic multilingual plane (U+1F4AA") != std::string::npos);
}

TEST_CASE("haru pdf: a TrueType collection with CFF outlines (CJK fallback) is refused clearly") {
    const std::string ttc = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";  // fonts-noto-cjk (scripts/setup.sh)
    REQUIRE(fs::exists(ttc));
    DisplayList list = sample_list();
    GlyphRun cjk;
    cjk.font_file = ttc;
    cjk.face_index = 0;
    cjk.font_name = "NotoSansCJKjp-Regular";
    cjk.text = "腰痛";
    cjk.x = 56.7;
    cjk.y = 500;
    cjk.glyphs = {{1000, 0, 0, 11, 0}, {1001, 11, 0, 11, 3}};
    list.pages[0].items.push_back(cjk);
    const std::string msg = input_error_text(list);
    CHECK(msg.find(ttc + ": error: libharu backend cannot embed font 'NotoSansCJK-Regular.ttc' (face 0): libharu error 0x") == 0);
    CHECK(msg.find("; use the cairo backend") != std::string::npos);
}

TEST_CASE("haru pdf: PNG alpha is flattened onto white and SVG is rasterised, with no soft mask") {
    TempDir dir;
    const std::string png = (dir / "half-red.png").string();
    write_png(png, 40, 40, 1, 0, 0, 0.5);  // 50% red over white prints as pink (255, 128, 128)
    const std::string svg = (dir / "blue.svg").string();
    spit(svg, "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><rect width='10' height='10' fill='#0000ff'/></svg>");
    DisplayList list;
    list.meta.title = "Images";
    list.meta.creation_date = "2024-03-05";
    Page page;
    page.items.push_back(Image{png, 72, 72, 72, 72, "half transparent red square"});
    page.items.push_back(Image{svg, 216, 72, 72, 72, "blue square"});
    page.items.push_back(Image{png, 72, 216, 36, 36, "the same PNG again"});
    list.pages.push_back(page);
    Rendered r(list);
    CHECK(run("qpdf --check '" + r.pdf + "' >/dev/null 2>&1").status == 0);
    CHECK(r.qdf.find("/SMask") == std::string::npos);
    std::size_t images = 0;
    for (std::size_t p = r.qdf.find("/Subtype /Image"); p != std::string::npos; p = r.qdf.find("/Subtype /Image", p + 1)) ++images;
    CHECK(images == 2);  // the PNG is embedded once, drawn twice
    CHECK(r.qdf.find("/Width 300") != std::string::npos);  // 72 pt of SVG at 300 dpi

    REQUIRE(run("pdftoppm -r 72 -png -singlefile '" + r.pdf + "' '" + (dir / "page").string() + "'").status == 0);
    const auto pink = png_pixel(dir / "page.png", 108, 108);
    CHECK(pink[0] == 255);
    CHECK(pink[1] == doctest::Approx(128).epsilon(0.03));
    CHECK(pink[2] == doctest::Approx(128).epsilon(0.03));
    const auto blue = png_pixel(dir / "page.png", 252, 108);
    CHECK(blue[0] == 0);
    CHECK(blue[1] == 0);
    CHECK(blue[2] >= 250);
    const auto white = png_pixel(dir / "page.png", 180, 108);
    CHECK(white[0] == 255);
    CHECK(white[1] == 255);
    CHECK(white[2] == 255);
}

TEST_CASE("haru pdf: an unreadable image is an InputError naming the file") {
    TempDir dir;
    const std::string bad = (dir / "not-really.png").string();
    spit(bad, "this is not a PNG");
    DisplayList list;
    Page page;
    page.items.push_back(Image{bad, 72, 72, 72, 72, ""});
    list.pages.push_back(page);
    CHECK(input_error_text(list) == bad + ": error: cannot read image '" + bad + "': not a PNG file (the PNG signature is missing)");
}

TEST_CASE("haru pdf: a libharu failure becomes one InternalError naming the error and the page") {
    DisplayList list = sample_list();
    list.pages[1].width = 20000;  // libharu allows 3 .. 14400 pt
    try {
        (void)render::render_pdf_haru(list);
        FAIL("expected InternalError");
    } catch (const InternalError& e) {
        CHECK(std::string(e.what()) == "libharu error 0x1054 (invalid page size) while creating page 2 (HPDF_Page_SetWidth)");
    }

    DisplayList dangling = sample_list();
    dangling.pages[0].items.push_back(Link{10, 10, 10, 10, "", "no-such-heading"});
    CHECK_THROWS_WITH_AS((void)render::render_pdf_haru(dangling),
                         "link or outline entry points at unknown destination 'no-such-heading'", InternalError);
}
