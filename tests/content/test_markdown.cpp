// parse_markdown: CommonMark (cmark) to document-tree blocks, raw HTML as text, image path checks (B05, H09, H28).
#include <doctest/doctest.h>

#include <filesystem>

#include "content/content.hpp"
#include "content_test_util.hpp"

using namespace takehome;
using namespace takehome::content;
using takehome::content::test::TempCwd;
using takehome::content::test::text_of;

namespace {

const doc::Paragraph& paragraph(const doc::Block& b) { return std::get<doc::Paragraph>(b.node); }

doc::Blocks parse(const std::string& md, Diagnostics& diags, const std::string& base = ".") {
    return parse_markdown(md, "t.md", 1, base, diags);
}

}  // namespace

TEST_CASE("markdown: headings keep their level, paragraphs join soft breaks with a space") {
    Diagnostics diags;
    const auto blocks = parse("# Shoulder\n\n## Why it helps\n\n### At home\n\nFirst line\nsecond line.\n", diags);
    CHECK(diags.empty());
    REQUIRE(blocks.size() == 4);
    CHECK(std::get<doc::Heading>(blocks[0].node).level == 1);
    CHECK(text_of(std::get<doc::Heading>(blocks[0].node).text) == "Shoulder");
    CHECK(std::get<doc::Heading>(blocks[1].node).level == 2);
    CHECK(std::get<doc::Heading>(blocks[2].node).level == 3);
    CHECK(text_of(std::get<doc::Heading>(blocks[2].node).text) == "At home");
    CHECK(text_of(paragraph(blocks[3]).text) == "First line second line.");
    CHECK(blocks[3].source == "t.md:7");
}

TEST_CASE("markdown: strong and emphasis become span flags, never markup strings") {
    Diagnostics diags;
    const auto blocks = parse("Keep **moving gently** and *breathe*, then ***both***.\n", diags);
    REQUIRE(blocks.size() == 1);
    const auto& spans = paragraph(blocks[0]).text;
    REQUIRE(spans.size() == 7);
    CHECK(spans[0].text == "Keep ");
    CHECK_FALSE(spans[0].strong);
    CHECK(spans[1].text == "moving gently");
    CHECK(spans[1].strong);
    CHECK_FALSE(spans[1].emph);
    CHECK(spans[2].text == " and ");
    CHECK(spans[3].text == "breathe");
    CHECK(spans[3].emph);
    CHECK_FALSE(spans[3].strong);
    CHECK(spans[4].text == ", then ");
    CHECK(spans[5].text == "both");
    CHECK(spans[5].strong);
    CHECK(spans[5].emph);
    CHECK(spans[6].text == ".");
    CHECK_FALSE(spans[6].strong);
    CHECK(text_of(spans).find('*') == std::string::npos);
}

TEST_CASE("markdown: links, autolinks and code spans") {
    Diagnostics diags;
    const auto blocks =
        parse("See [the NHS page](https://www.nhs.uk/back-pain) or <https://example.org/a> and `NPRS 4/10`.\n", diags);
    CHECK(diags.empty());
    REQUIRE(blocks.size() == 1);
    const auto& s = paragraph(blocks[0]).text;
    REQUIRE(s.size() == 7);
    CHECK(s[1].text == "the NHS page");
    CHECK(s[1].link == std::optional<std::string>("https://www.nhs.uk/back-pain"));
    CHECK_FALSE(s[1].no_hyphens);
    CHECK(s[3].text == "https://example.org/a");
    CHECK(s[3].link == std::optional<std::string>("https://example.org/a"));
    CHECK(s[3].no_hyphens);  // a URL shown as itself never gains a hyphen
    CHECK(s[5].text == "NPRS 4/10");
    CHECK(s[5].no_hyphens);
    CHECK_FALSE(s[5].link.has_value());
    CHECK(s[6].text == ".");
}

TEST_CASE("markdown: a link with a scheme other than https/http/tel/mailto/# is kept as plain text with a warning") {
    Diagnostics diags;
    const auto blocks = parse("Open [this](javascript:alert(1)) now.\n", diags);
    REQUIRE(blocks.size() == 1);
    const auto& s = paragraph(blocks[0]).text;
    REQUIRE(s.size() == 1);
    CHECK(s[0].text == "Open this now.");
    CHECK_FALSE(s[0].link.has_value());
    CHECK(diags.error_count() == 0);
    CHECK(diags.to_string() ==
          "t.md:1:6: warning: link 'javascript:alert(1)' is not a web (https:), phone (tel:), e-mail (mailto:) or "
          "'#section' link; shown as plain text\n");
}

TEST_CASE("markdown: hard breaks are kept as a newline inside the span") {
    Diagnostics diags;
    const auto blocks = parse("Line one  \nline two\\\nline three\n", diags);
    REQUIRE(blocks.size() == 1);
    CHECK(text_of(paragraph(blocks[0]).text) == "Line one\nline two\nline three");
}

TEST_CASE("markdown: bullet and numbered lists; nested lists fold into their parent item") {
    Diagnostics diags;
    const auto blocks = parse(
        "- Heat\n- **Pain relief** if advised\n  - paracetamol\n  - ibuprofen\n\n3. Lie on your back\n4. Bend your knees\n",
        diags);
    CHECK(diags.empty());
    REQUIRE(blocks.size() == 2);
    const auto& bullets = std::get<doc::List>(blocks[0].node);
    CHECK_FALSE(bullets.ordered);
    REQUIRE(bullets.items.size() == 2);
    CHECK(text_of(bullets.items[0]) == "Heat");
    CHECK(text_of(bullets.items[1]) == "Pain relief if advised\n\u2013 paracetamol\n\u2013 ibuprofen");
    CHECK(bullets.items[1][0].strong);
    const auto& numbered = std::get<doc::List>(blocks[1].node);
    CHECK(numbered.ordered);
    REQUIRE(numbered.items.size() == 2);
    CHECK(text_of(numbered.items[1]) == "Bend your knees");
}

TEST_CASE("markdown: block quotes read as paragraphs, thematic breaks vanish, tables stay text") {
    Diagnostics diags;
    const auto blocks = parse("> Quoted advice.\n\n---\n\n| Day | Done |\n|-----|------|\n| Mon | yes |\n", diags);
    CHECK(diags.empty());
    REQUIRE(blocks.size() == 2);
    CHECK(text_of(paragraph(blocks[0]).text) == "Quoted advice.");
    CHECK(text_of(paragraph(blocks[1]).text) == "| Day | Done | |-----|------| | Mon | yes |");
}

TEST_CASE("markdown: placeholders in braces stay literal for compose to fill in") {
    Diagnostics diags;
    const auto blocks = parse("Call {clinic_name} on {clinic_phone}, or {emergency_number}. {urgent_advice}\n", diags);
    REQUIRE(blocks.size() == 1);
    CHECK(text_of(paragraph(blocks[0]).text) ==
          "Call {clinic_name} on {clinic_phone}, or {emergency_number}. {urgent_advice}");
}

TEST_CASE("H09: &, <, > and markup-like text survive literally; raw HTML is never interpreted") {
    Diagnostics diags;
    const auto blocks = parse(
        "Use heat & ice. Stop if pain > 5/10 or if pain < 2/10 feels \"too easy\".\n"
        "Patient quote: <i>not</i> markup, & not an entity &amp; either.\n\n"
        "<div class=\"x\">block <b>html</b></div>\n",
        diags);
    CHECK(diags.empty());
    REQUIRE(blocks.size() == 2);
    const auto& spans = paragraph(blocks[0]).text;
    REQUIRE(spans.size() == 1);  // no style came from the HTML tags
    CHECK_FALSE(spans[0].emph);
    CHECK_FALSE(spans[0].strong);
    // CommonMark decodes the entity `&amp;` written in the source to '&' (documented in content/README.md).
    CHECK(spans[0].text ==
          "Use heat & ice. Stop if pain > 5/10 or if pain < 2/10 feels \"too easy\". "
          "Patient quote: <i>not</i> markup, & not an entity & either.");
    CHECK(text_of(paragraph(blocks[1]).text) == "<div class=\"x\">block <b>html</b></div>");
}

TEST_CASE("B05: a missing image is a positioned error with a case-sensitive 'did you mean'") {
    TempCwd tmp;
    tmp.write("images/pendulum.png", "\x89PNG\r\n\x1a\n");
    const std::string md = "# Shoulder\n\nStand beside a table.\n\n![Pendulum swing](images/pendulm.png)\n";
    Diagnostics diags;
    const auto blocks = parse_markdown(md, "b05.md", 1, ".", diags);
    CHECK(diags.to_string() ==
          "b05.md:5:1: error: image 'images/pendulm.png' not found (did you mean 'images/pendulum.png'?)\n");
    CHECK(blocks.size() == 2);  // heading and paragraph; no Image block for the missing file

    Diagnostics wrong_case;
    (void)parse_markdown("Text first, ![Swing](images/Pendulum.png)\n", "b05-case.md", 4, ".", wrong_case);
    CHECK(wrong_case.to_string() ==
          "b05-case.md:4:13: error: image 'images/Pendulum.png' not found (did you mean 'images/pendulum.png'?)\n");

    Diagnostics folder;
    (void)parse_markdown("![Swing](imgs/pendulum.png)\n", "b05-dir.md", 1, ".", folder);
    CHECK(folder.to_string() ==
          "b05-dir.md:1:1: error: image 'imgs/pendulum.png' not found (did you mean 'images/pendulum.png'?)\n");
}

TEST_CASE("images: a found image becomes an Image block with its absolute path, splitting the paragraph") {
    TempCwd tmp;
    tmp.write("topics/images/bridge.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    Diagnostics diags;
    const auto blocks = parse_markdown("Before ![Bridge: hips lifted](images/bridge.svg) after.\n", "t.md", 10,
                                       "topics", diags);
    CHECK(diags.empty());
    REQUIRE(blocks.size() == 3);
    CHECK(text_of(paragraph(blocks[0]).text) == "Before");
    const auto& img = std::get<doc::Image>(blocks[1].node);
    CHECK(img.path == takehome::content::test::canonical(tmp.path() / "topics/images/bridge.svg"));
    CHECK(std::filesystem::path(img.path).is_absolute());
    CHECK(img.alt == "Bridge: hips lifted");
    CHECK(blocks[1].source == "t.md:10");
    CHECK(text_of(paragraph(blocks[2]).text) == "after.");
}

TEST_CASE("images: the column counts code points and follows continuation lines") {
    TempCwd tmp;
    tmp.write("images/a.png", "\x89PNG\r\n\x1a\n");
    Diagnostics diags;
    (void)parse_markdown("Café ![a](images/b.png)\n  then ![c](images/c.png)\n", "col.md", 1, ".", diags);
    CHECK(diags.to_string() ==
          "col.md:1:6: error: image 'images/b.png' not found (did you mean 'images/a.png'?)\n"
          "col.md:2:8: error: image 'images/c.png' not found (did you mean 'images/a.png'?)\n");
}

TEST_CASE("H28: URLs, absolute paths and '..' are refused before any file is opened; <img> stays text") {
    TempCwd tmp;
    tmp.write("handout/img/ok.png", "\x89PNG\r\n\x1a\n");
    tmp.write("clinic-secrets/staff.png", "\x89PNG\r\n\x1a\n");
    const std::string md =
        "![x](file:///etc/passwd)\n"
        "![x](../../clinic-secrets/staff.png)\n"
        "![x](/home/physio/Desktop/other-patient.jpg)\n"
        "![x](http://169.254.169.254/latest/meta-data/)\n"
        "<img src=\"img/ok.png\">\n";
    Diagnostics diags;
    const auto blocks = parse_markdown(md, "h28.md", 1, "handout", diags);
    const std::string refused = ": error: image path must be relative to the handout's images folder\n";
    CHECK(diags.to_string() == "h28.md:1:1" + refused + "h28.md:2:1" + refused + "h28.md:3:1" + refused +
                                   "h28.md:4:1" + refused);
    for (const auto& b : blocks) CHECK_FALSE(std::holds_alternative<doc::Image>(b.node));
    REQUIRE(blocks.size() == 1);
    CHECK(text_of(paragraph(blocks[0]).text) == "<img src=\"img/ok.png\">");

    // One level up is still outside, even when the file exists there.
    Diagnostics up;
    (void)parse_markdown("![x](img/../../clinic-secrets/staff.png)\n", "h28b.md", 1, "handout", up);
    CHECK(up.to_string() == "h28b.md:1:1" + refused);
    // A Windows drive path and a data: URL are refused the same way.
    Diagnostics other;
    (void)parse_markdown("![x](C:/Users/x.png)\n\n![y](data:image/png;base64,AAAA)\n", "h28c.md", 1, "handout", other);
    CHECK(other.to_string() == "h28c.md:1:1" + refused + "h28c.md:3:1" + refused);
}

TEST_CASE("H28: a symlink inside the images folder that points outside is refused") {
    TempCwd tmp;
    tmp.write("secret.png", "\x89PNG\r\n\x1a\n");
    std::filesystem::create_directories("handout/images");
    std::filesystem::create_symlink(tmp.path() / "secret.png", "handout/images/evil.png");
    Diagnostics diags;
    const auto blocks = parse_markdown("![x](images/evil.png)\n", "h28s.md", 1, "handout", diags);
    CHECK(diags.to_string() == "h28s.md:1:1: error: image path must be relative to the handout's images folder\n");
    CHECK(blocks.empty());
}

TEST_CASE("images: only PNG, JPEG and SVG files are accepted") {
    TempCwd tmp;
    tmp.write("images/photo.gif", "GIF89a");
    tmp.write("images/photo.jpg", "\xFF\xD8\xFF");
    tmp.write("images/photo.jpeg", "\xFF\xD8\xFF");
    Diagnostics diags;
    (void)parse_markdown("![x](images/photo.gif)\n", "t.md", 1, ".", diags);
    CHECK(diags.to_string() == "t.md:1:1: error: image 'images/photo.gif' must be a .png, .jpg or .svg file, found '.gif'\n");
    Diagnostics jpeg;
    (void)parse_markdown("![x](images/photo.jpg)\n\n![y](images/photo.jpeg)\n", "t.md", 1, ".", jpeg);
    CHECK(jpeg.to_string() == "");
}

TEST_CASE("markdown: entities are decoded per CommonMark; a backslash keeps them literal (content/README.md)") {
    Diagnostics diags;
    const auto blocks = parse("A &amp; B &lt;3 &#8211; C \\&amp; D, call [111](tel:111).\n", diags);
    CHECK(diags.empty());
    REQUIRE(blocks.size() == 1);
    const auto& s = paragraph(blocks[0]).text;
    CHECK(text_of(s) == "A & B <3 \u2013 C &amp; D, call 111.");
    REQUIRE(s.size() == 3);
    CHECK(s[1].link == std::optional<std::string>("tel:111"));
    CHECK(s[1].no_hyphens);
}

TEST_CASE("markdown: a tab inside text is shown as one space, with a warning at its line and column (issue 11)") {
    // Pango's default tab stops put "Reps<tab>3 x 10" and "Hold<tab>30 s" in different columns (issue 11).
    Diagnostics diags;
    const auto blocks = parse("# Dose\n\nReps\t3 x 10  \nHold\t30 s\n\n- Sets\u00e9\t3\n", diags);
    REQUIRE(blocks.size() == 3);
    CHECK(text_of(paragraph(blocks[1]).text) == "Reps 3 x 10\nHold 30 s");
    CHECK(text_of(std::get<doc::List>(blocks[2].node).items.at(0)) == "Sets\u00e9 3");
    const std::string why = ": warning: tab in text is shown as a space (tab stops do not line up in print); put "
                            "each item on its own line or in a list\n";
    CHECK(diags.to_string() == "t.md:3:5" + why + "t.md:4:5" + why + "t.md:6:8" + why);
}

TEST_CASE("markdown: tabs that indent (a nested list, a code block) are structure, not text, and pass silently") {
    Diagnostics diags;
    const auto blocks = parse("- one\n\t- two\n\n# Code\n\n\tcode\n", diags);
    const auto marker = parse("-\tthree\n", diags);
    CHECK(diags.empty());
    REQUIRE(blocks.size() == 3);
    CHECK(text_of(std::get<doc::List>(blocks[0].node).items.at(0)) == "one\n\u2013 two");
    CHECK(text_of(paragraph(blocks[2]).text) == "code");
    REQUIRE(marker.size() == 1);
    CHECK(text_of(std::get<doc::List>(marker[0].node).items.at(0)) == "three");
}

TEST_CASE("markdown: a paragraph ending in ':' is a lead-in (keep_with_next), in quotes too; others are not") {
    Diagnostics diags;
    const auto blocks = parse("Try this:\n\n- walk\n- rest\n\nThen this.\n\n- sit\n\n> In a quote:\n>\n> text\n\nLast one:\n", diags);
    CHECK(diags.empty());
    REQUIRE(blocks.size() == 7);  // a quote reads as ordinary paragraphs
    CHECK(text_of(paragraph(blocks[0]).text) == "Try this:");
    CHECK(blocks[0].keep_with_next);
    CHECK_FALSE(blocks[1].keep_with_next);  // the list
    CHECK(text_of(paragraph(blocks[2]).text) == "Then this.");
    CHECK_FALSE(blocks[2].keep_with_next);
    CHECK(text_of(paragraph(blocks[4]).text) == "In a quote:");
    CHECK(blocks[4].keep_with_next);
    CHECK(text_of(paragraph(blocks[6]).text) == "Last one:");
    CHECK_FALSE(blocks[6].keep_with_next);  // nothing follows it
}
