// read_markdown_file: empty and binary files, invalid UTF-8, BOMs, NFC and the front-matter split (B07, B08, H04, H08, H17).
#include <doctest/doctest.h>

#include "content/content.hpp"
#include "content_test_util.hpp"

using namespace takehome;
using namespace takehome::content;
using takehome::content::test::TempCwd;
using takehome::content::test::text_of;

TEST_CASE("B07: an empty page is an error at 1:1") {
    TempCwd tmp;
    Diagnostics diags;
    CHECK_FALSE(read_markdown_file(tmp.write("pages/b07.md", ""), diags).has_value());
    CHECK(diags.to_string() == "pages/b07.md:1:1: error: page is empty\n");

    Diagnostics blank;
    CHECK_FALSE(read_markdown_file(tmp.write("pages/blank.md", "\xEF\xBB\xBF  \n\t\n"), blank).has_value());
    CHECK(blank.to_string() == "pages/blank.md:1:1: error: page is empty\n");
}

TEST_CASE("B08: a .docx (ZIP) saved as .md is not a text file") {
    TempCwd tmp;
    Diagnostics diags;
    CHECK_FALSE(read_markdown_file(tmp.write("pages/b08.md", std::string("PK\x03\x04\x14\0\x06\0", 8)), diags));
    CHECK(diags.to_string() ==
          "pages/b08.md:1:1: error: not a text file (ZIP/.docx signature; export the document as plain "
          "text/Markdown)\n");

    Diagnostics nul;
    CHECK_FALSE(read_markdown_file(tmp.write("nul.md", std::string("# A\nab\0cd", 9)), nul));
    CHECK(nul.to_string() == "nul.md:2:3: error: not a text file (NUL byte at offset 6)\n");
}

TEST_CASE("H08: one CP1252 byte is an error at its line and column") {
    TempCwd tmp;
    Diagnostics diags;
    CHECK_FALSE(read_markdown_file(tmp.write("h08.md", "# Knee\n\nStraight leg raise \x96 10 reps\n"), diags));
    CHECK(diags.to_string() == "h08.md:3:20: error: invalid UTF-8 (byte 0x96); save the file as UTF-8\n");
}

TEST_CASE("missing file and folder are reported at 1:1") {
    TempCwd tmp;
    Diagnostics diags;
    CHECK_FALSE(read_markdown_file("nope.md", diags));
    std::filesystem::create_directory("dir.md");
    CHECK_FALSE(read_markdown_file("dir.md", diags));
    CHECK(diags.to_string() == "dir.md:1:1: error: is a directory, expected a file\nnope.md:1:1: error: file not found\n");
}

TEST_CASE("H04: a leading BOM is stripped and the first line is still a level-1 heading") {
    TempCwd tmp;
    Diagnostics diags;
    const auto md = read_markdown_file(tmp.write("h04.md", "\xEF\xBB\xBF# Shoulder exercises\n\nDo these daily.\n"), diags);
    REQUIRE(md.has_value());
    CHECK(diags.empty());
    CHECK(md->body == "# Shoulder exercises\n\nDo these daily.\n");
    CHECK(md->body_line == 1);
    CHECK(md->front_matter.empty());
    const auto blocks = parse_markdown(md->body, "h04.md", md->body_line, ".", diags);
    REQUIRE(blocks.size() == 2);
    const auto& h = std::get<doc::Heading>(blocks[0].node);
    CHECK(h.level == 1);
    CHECK(text_of(h.text) == "Shoulder exercises");
}

TEST_CASE("H04: a BOM in mid-text is removed with a positioned warning") {
    TempCwd tmp;
    Diagnostics diags;
    const auto md = read_markdown_file(tmp.write("h04-mid.md", "# Ti\xEF\xBB\xBFtle\n\nAna\xEF\xBB\xBF Test\n"), diags);
    REQUIRE(md.has_value());
    CHECK(md->body == "# Title\n\nAna Test\n");
    CHECK(diags.error_count() == 0);
    const std::string w = ": warning: stray byte order mark (U+FEFF) inside the text removed; save the file as UTF-8 "
                          "without BOM\n";
    CHECK(diags.to_string() == "h04-mid.md:1:5" + w + "h04-mid.md:3:4" + w);
}

TEST_CASE("H17: decomposed accents (NFD) are normalised to NFC") {
    TempCwd tmp;
    Diagnostics diags;
    const auto md = read_markdown_file(tmp.write("h17.md", "Jose\xcc\x81 Mu\xcc\x88ller\n"), diags);
    REQUIRE(md.has_value());
    CHECK(md->body == "Jos\xc3\xa9 M\xc3\xbcller\n");
}

TEST_CASE("front matter: split off with the lines of both parts; CRLF line ends accepted") {
    TempCwd tmp;
    Diagnostics diags;
    const auto md = read_markdown_file(
        tmp.write("t.md", "---\r\nid: t\r\ntitle: T\r\n---\r\nBody text.\r\n"), diags);
    REQUIRE(md.has_value());
    CHECK(diags.empty());
    CHECK(md->front_matter == "id: t\ntitle: T\n");
    CHECK(md->front_matter_line == 2);
    CHECK(md->body == "Body text.\n");
    CHECK(md->body_line == 5);
}

TEST_CASE("front matter: an unclosed block is an error") {
    TempCwd tmp;
    Diagnostics diags;
    CHECK_FALSE(read_markdown_file(tmp.write("open.md", "---\nid: open\ntitle: Open\n\nBody.\n"), diags));
    CHECK(diags.to_string() ==
          "open.md:1:1: error: front matter is not closed; expected a '---' line after the last field\n");
}
