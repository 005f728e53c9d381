// Tests of the qpdf accessibility pass over the Cairo PDF: /Lang, DisplayDocTitle, Figure /Alt, artifact headers.
#include <doctest/doctest.h>

#include <regex>
#include <string>

#include "base/diagnostics.hpp"
#include "display/display_list.hpp"
#include "haru_test_util.hpp"
#include "render/pdf_accessibility.hpp"
#include "render/render.hpp"

using namespace takehome;
using namespace takehome::display;
using haru_test::font_path;
using haru_test::spit;
using haru_test::run;
using haru_test::Shaper;
using haru_test::TempDir;

namespace {

const char* const kFirstAlt = "Bridge: lying on your back, knees bent, hips lifted.";
const char* const kSecondAlt = "Cerdded at yr ŵyl: 10 munud";  // ŵ is not in PDFDocEncoding: UTF-16BE with BOM

/// Two A4 pages in Welsh ("cy"), each with a running header and footer (Artifact), a heading or paragraph and
/// one Figure holding a PNG picture: the first Figure on page 1, the second on page 2.
DisplayList welsh_list(const std::string& picture) {
    const Shaper regular(font_path("NotoSans-Regular.ttf"));
    DisplayList list;
    list.meta.title = "Eich cefn: ymarferion";
    list.meta.language = "cy";
    list.meta.creation_date = "2024-03-05";
    for (int p = 0; p < 2; ++p) {
        Page page;
        page.items.push_back(TagBegin{"Artifact", ""});
        page.items.push_back(regular.run("Clinig Glan yr Afon", 56.7, 40, 9));
        page.items.push_back(Path{{{56.7, 46}, {538, 46}}, false, std::nullopt, Colour{0.5, 0.5, 0.5}, 0.5, {}});
        page.items.push_back(regular.run("Tudalen " + std::to_string(p + 1) + " o 2", 56.7, 810, 9));
        page.items.push_back(TagEnd{});
        page.items.push_back(TagBegin{p == 0 ? "H1" : "P", ""});
        page.items.push_back(regular.run(p == 0 ? "Ymarferion" : "Cerdded bob dydd.", 56.7, 90, p == 0 ? 20 : 11));
        page.items.push_back(TagEnd{});
        page.items.push_back(TagBegin{"Figure", p == 0 ? kFirstAlt : kSecondAlt});
        page.items.push_back(Image{picture, 56.7, 120, 120, 90, p == 0 ? kFirstAlt : kSecondAlt});
        page.items.push_back(TagEnd{});
        list.pages.push_back(page);
    }
    list.outline = {{"Ymarferion", 1, "", 0, 90}};
    return list;
}

/// The PDF rewritten by qpdf with every object uncompressed (QDF), so dictionaries can be read as text.
std::string qdf_of(const TempDir& dir, const std::string& pdf_bytes) {
    spit(dir / "in.pdf", pdf_bytes);
    const auto r = run("qpdf --qdf --object-streams=disable '" + (dir / "in.pdf").string() + "' '" + (dir / "qdf.pdf").string() +
                         "' && qpdf --show-pages '" + (dir / "qdf.pdf").string() + "' && cat '" + (dir / "qdf.pdf").string() + "'");
    REQUIRE(r.status == 0);
    return r.out;
}

/// Number of times `needle` occurs in `hay`.
std::size_t count(const std::string& hay, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + needle.size())) ++n;
    return n;
}

/// The "/Pg N 0 R" object number of the structure element whose dictionary contains `marker` ("" if none).
std::string page_of_element(const std::string& qdf, const std::string& marker) {
    const auto at = qdf.find(marker);
    if (at == std::string::npos) return "";
    const auto end = qdf.find("endobj", at);
    std::smatch m;
    const std::string body = qdf.substr(at, end - at);
    return std::regex_search(body, m, std::regex(R"(/Pg (\d+) 0 R)")) ? m[1].str() : "";
}

/// The object number of page `n` (1-based) from "qpdf --show-pages" output ("page 1: 3 0 R").
std::string page_object(const std::string& show_pages, int n) {
    std::smatch m;
    const std::regex re("page " + std::to_string(n) + R"(: (\d+) 0 R)");
    return std::regex_search(show_pages, m, re) ? m[1].str() : "";
}

}  // namespace

TEST_CASE("accessible pdf: qpdf --json shows /Lang (cy), DisplayDocTitle true and each Figure's /Alt") {
    TempDir dir;
    haru_test::write_png(dir / "bridge.png", 40, 30, 0.2, 0.5, 0.8, 1);
    const std::string pdf = render::render_pdf_cairo(welsh_list(dir / "bridge.png"));
    spit(dir / "out.pdf", pdf);
    const auto json = run("qpdf --json --json-key=qpdf '" + (dir / "out.pdf").string() + "'");
    REQUIRE(json.status == 0);
    CHECK(json.out.find("\"/Lang\": \"u:cy\"") != std::string::npos);
    CHECK(json.out.find("\"/DisplayDocTitle\": true") != std::string::npos);
    CHECK(json.out.find(std::string("\"/Alt\": \"u:") + kFirstAlt + "\"") != std::string::npos);
    CHECK(json.out.find(std::string("\"/Alt\": \"u:") + kSecondAlt + "\"") != std::string::npos);
    CHECK(count(json.out, "\"/Alt\"") == 2);

    const std::string qdf = qdf_of(dir, pdf);
    // The ASCII alt text is a PDFDocEncoding string; the Welsh one (with U+0175) UTF-16BE with a byte order mark.
    CHECK(qdf.find(std::string("/Alt (") + kFirstAlt + ")") != std::string::npos);
    CHECK(qdf.find("/Alt <feff00430065007200640064006500640020") != std::string::npos);  // "Cerdded "
    CHECK(qdf.find("002001750079006c003a") != std::string::npos);                        // " ŵyl:"
    CHECK(qdf.find("/Type /Catalog") != std::string::npos);
    CHECK(qdf.find("/ViewerPreferences <<\n    /DisplayDocTitle true\n  >>") != std::string::npos);
}

TEST_CASE("accessible pdf: the n-th Figure element gets the n-th Figure's alt text (document order)") {
    TempDir dir;
    haru_test::write_png(dir / "bridge.png", 40, 30, 0.2, 0.5, 0.8, 1);
    const std::string qdf = qdf_of(dir, render::render_pdf_cairo(welsh_list(dir / "bridge.png")));
    const std::string page1 = page_object(qdf, 1);
    const std::string page2 = page_object(qdf, 2);
    REQUIRE(!page1.empty());
    REQUIRE(!page2.empty());
    CHECK(page_of_element(qdf, std::string("/Alt (") + kFirstAlt + ")") == page1);
    CHECK(page_of_element(qdf, "/Alt <feff") == page2);
}

TEST_CASE("accessible pdf: running headers and footers are artifacts, not structure elements") {
    TempDir dir;
    haru_test::write_png(dir / "bridge.png", 40, 30, 0.2, 0.5, 0.8, 1);
    const std::string pdf = render::render_pdf_cairo(welsh_list(dir / "bridge.png"));
    const std::string qdf = qdf_of(dir, pdf);
    // One artifact sequence per page, with no MCID; the carrier role is gone from content and structure.
    CHECK(count(qdf, "/Artifact <</Type /Pagination>> BDC") == 2);
    CHECK(qdf.find("/Private") == std::string::npos);
    CHECK(qdf.find("/S /Artifact") == std::string::npos);
    // The other structure elements stay: H1, P and the two Figures inside one Document.
    CHECK(count(qdf, "/S /Figure") == 2);
    CHECK(count(qdf, "/S /H1") == 1);
    CHECK(count(qdf, "/S /P\n") == 1);
    CHECK(count(qdf, "/S /Document") == 1);
    // Each page's parent-tree array keeps its MCID slots; the artifact's slot is null.
    CHECK(count(qdf, "\n  null\n") == 2);

    // The header and footer still show and extract as text.
    spit(dir / "out.pdf", pdf);
    const auto text = run("pdftotext -enc UTF-8 '" + (dir / "out.pdf").string() + "' -");
    REQUIRE(text.status == 0);
    CHECK(text.out.find("Clinig Glan yr Afon") != std::string::npos);
    CHECK(text.out.find("Tudalen 2 o 2") != std::string::npos);
    CHECK(text.out.find("Cerdded bob dydd.") != std::string::npos);
}

TEST_CASE("accessible pdf: still tagged, qpdf --check clean, outline kept, byte-identical on two renders") {
    TempDir dir;
    haru_test::write_png(dir / "bridge.png", 40, 30, 0.2, 0.5, 0.8, 1);
    const std::string a = render::render_pdf_cairo(welsh_list(dir / "bridge.png"));
    const std::string b = render::render_pdf_cairo(welsh_list(dir / "bridge.png"));
    CHECK(a == b);
    spit(dir / "out.pdf", a);
    const auto info = run("pdfinfo '" + (dir / "out.pdf").string() + "'");
    REQUIRE(info.status == 0);
    CHECK(info.out.find("Tagged:          yes\n") != std::string::npos);
    CHECK(info.out.find("Title:           Eich cefn: ymarferion\n") != std::string::npos);
    CHECK(info.out.find("Pages:           2\n") != std::string::npos);
    const auto check = run("qpdf --check '" + (dir / "out.pdf").string() + "' 2>&1");
    CHECK(check.status == 0);
    CHECK(check.out.find("No syntax or stream encoding errors found") != std::string::npos);
    const auto outline = run("qpdf --json --json-key=outlines '" + (dir / "out.pdf").string() + "'");
    REQUIRE(outline.status == 0);
    CHECK(outline.out.find("\"title\": \"Ymarferion\"") != std::string::npos);
    // Small dictionaries are packed into compressed object streams (PDF 1.5; the handout halves in size).
    CHECK(a.rfind("%PDF-1.5", 0) == 0);
    CHECK(a.find("/Type /ObjStm") != std::string::npos);
    // A file identifier derived from the content (setDeterministicID), so a == b above holds.
    CHECK(a.find("/ID [<") != std::string::npos);
}

TEST_CASE("accessible pdf: a list without structure tags still gets /Lang and DisplayDocTitle") {
    TempDir dir;
    const Shaper regular(font_path("NotoSans-Regular.ttf"));
    DisplayList list;
    list.meta.title = "Plain";
    list.meta.language = "en-GB";
    Page page;
    page.items.push_back(TagBegin{"Artifact", ""});
    page.items.push_back(regular.run("Page 1 of 1", 56.7, 810, 9));
    page.items.push_back(TagEnd{});
    page.items.push_back(regular.run("Keep moving.", 56.7, 90));
    list.pages.push_back(page);
    const std::string qdf = qdf_of(dir, render::render_pdf_cairo(list));
    CHECK(qdf.find("/Lang (en-GB)") != std::string::npos);
    CHECK(qdf.find("/DisplayDocTitle true") != std::string::npos);
    CHECK(qdf.find("/StructTreeRoot") == std::string::npos);  // nothing tagged, so no structure tree
    CHECK(qdf.find("BDC") == std::string::npos);
}

TEST_CASE("accessible pdf: mismatched Figure counts, unreadable bytes and the reserved role are InternalErrors") {
    TempDir dir;
    haru_test::write_png(dir / "bridge.png", 40, 30, 0.2, 0.5, 0.8, 1);
    const DisplayList list = welsh_list(dir / "bridge.png");
    const std::string pdf = render::render_pdf_cairo(list);
    DisplayList more = list;
    more.pages[1].items.push_back(TagBegin{"Figure", "a third picture"});
    more.pages[1].items.push_back(TagEnd{});
    CHECK_THROWS_WITH_AS(render::detail::make_pdf_accessible(pdf, more),
                         "render: the display list has 3 figures but the PDF structure tree has 2", InternalError);
    CHECK_THROWS_AS(render::detail::make_pdf_accessible("not a PDF at all", list), InternalError);
    // The artifact carrier role cannot come from the display list (it would be taken for a running header).
    DisplayList reserved = list;
    reserved.pages[0].items.push_back(TagBegin{"Private", ""});
    reserved.pages[0].items.push_back(TagEnd{});
    CHECK_THROWS_WITH_AS((void)render::render_pdf_cairo(reserved),
                         "render: structure role 'Private' is reserved for artifacts", InternalError);
    // The pass over its own output is accepted: the figures still match and no artifact carrier is left.
    CHECK_NOTHROW((void)render::detail::make_pdf_accessible(pdf, list));
}

TEST_CASE("accessible pdf: Info dates have the form ISO 32000-1 7.9.4 requires (D:YYYYMMDDHHmmSS and zone)") {
    TempDir dir;
    haru_test::write_png(dir / "bridge.png", 40, 30, 0.2, 0.5, 0.8, 1);
    const std::string pdf = render::render_pdf_cairo(welsh_list(dir / "bridge.png"));
    spit(dir / "out.pdf", pdf);
    const auto info = run("qpdf --show-object=trailer '" + (dir / "out.pdf").string() + "'");
    std::smatch m;
    REQUIRE(std::regex_search(info.out, m, std::regex("/Info ([0-9]+) 0 R")));
    const auto dict = run("qpdf --show-object=" + m[1].str() + " '" + (dir / "out.pdf").string() + "'");
    INFO(dict.out);
    // PDF date: "D:" YYYY MM DD HH mm SS, then Z or +/-HH'mm' (ISO 32000-1 §7.9.4).
    const std::regex form(R"(D:(\d{4})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])([01]\d|2[0-3])[0-5]\d[0-5]\d(Z|[+-]\d\d'\d\d'?))");
    for (const char* key : {"/CreationDate", "/ModDate"}) {
        CAPTURE(key);
        std::smatch d;
        REQUIRE(std::regex_search(dict.out, d, std::regex(std::string(key) + R"( \(([^)]*)\))")));
        CHECK(std::regex_match(d[1].str(), form));
        CHECK(d[1].str().rfind("D:20240305", 0) == 0);
    }
}
