// Shaping tests: fonts only from fonts/, uncovered characters, missing faces (H13), long words and URLs in
// narrow columns (H10, H11), right-to-left doses (H16), even line pitch with fallback fonts, links, contrast.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <glib.h>

#include "layout_fixtures.hpp"
#include "support/growth.hpp"

using namespace takehome;
using namespace takehome::layout::test;

namespace {

std::size_t code_points(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

}  // namespace

TEST_CASE("names in many scripts come only from fonts/ and need no warning") {
    doc::Document d;
    d.meta.patient_name = "Zoë O'Brien-Smith";
    for (const char* name : {"Nguyễn Thị Lan", "Zoë O'Brien-Smith", "Σοφία Παπαδοπούλου", "张伟", "محمد"}) {
        d.blocks.push_back(para(std::string("Patient: ") + name));
    }
    Diagnostics diags;
    const auto list = lay(d, diags);
    CHECK(diags.empty());
    const std::string prefix = std::filesystem::canonical(fonts_dir()).string() + "/";
    std::size_t count = 0;
    for (const auto& page : list.pages) {
        for (const auto* run : runs(page)) {
            ++count;
            // fonts/, or the CJK fallback the private fontconfig adds by path from Debian's fonts-noto-cjk.
            const bool cjk = run->font_file == "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc" ||
                             run->font_file == "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc";
            CHECK_MESSAGE((run->font_file.rfind(prefix, 0) == 0 || cjk), run->font_file);
            CHECK(!run->synthetic_bold);
            for (const auto& g : run->glyphs) CHECK(g.id != 0);
        }
    }
    CHECK(count >= 7);
    const std::string text = all_text(list);
    for (const char* name : {"Nguyễn Thị Lan", "Σοφία Παπαδοπούλου", "张伟", "محمد"}) {
        CHECK_MESSAGE(text.find(name) != std::string::npos, name);
    }
}

TEST_CASE("an emoji no font covers is left out with a warning naming U+1F4AA") {
    doc::Document d;
    d.blocks.push_back(doc::Block(doc::Paragraph{doc::plain("Great work 💪🏽! Keep going")}, "msg.md:3"));
    Diagnostics diags;
    const auto list = lay(d, diags);
    REQUIRE(diags.items().size() == 2);
    CHECK(diags.to_string().find("msg.md:3:1: warning: U+1F4AA 'FLEXED BICEPS' not covered by any font in fonts/") !=
          std::string::npos);
    CHECK(diags.to_string().find("U+1F3FD") != std::string::npos);
    const auto lines = body_lines(list.pages.at(0));
    REQUIRE(lines.size() == 1);
    CHECK(lines[0] == "Great work ! Keep going");
    for (const auto* run : runs(list.pages[0])) {
        for (const auto& g : run->glyphs) {
            CHECK(g.id != 0);
            CHECK((g.id & 0x10000000u) == 0);
        }
    }
}

TEST_CASE("an uncovered character before a cut-off UTF-8 sequence is left out without reading past the text") {
    // The loaders refuse invalid UTF-8, but layout fed directly (the fuzz_layout harness found it) must not
    // read past the end when it strips an uncovered character from text that ends inside a sequence:
    // "\xe3" is the first byte of a three-byte sequence with nothing after it.
    doc::Document d;
    d.blocks.push_back(doc::Block(doc::Paragraph{doc::plain("Stop \xF0\x9F\x92\xAA if pain\xe3")}, "cut.md:1"));
    Diagnostics diags;
    const auto list = lay(d, diags);
    CHECK(diags.to_string().find("U+1F4AA") != std::string::npos);
    const auto lines = body_lines(list.pages.at(0));
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].rfind("Stop  if pain", 0) == 0);
}

TEST_CASE("invalid UTF-8 and NUL bytes reach Pango as U+FFFD, so every line indexes the text it was cut from") {
    // Pango rewrites invalid bytes in its own copy of the text and ends that copy at a NUL; with the raw bytes
    // its line offsets pointed past the end of ours (fuzz_layout, CI run of 752f973) and the words after a NUL
    // were lost. The loaders refuse both with a position; layout fed directly must still be right.
    std::string text;
    for (int i = 0; i < 12; ++i) text += "Reps \xf6* \x8c\tzero\xe2\x81\xa0join \xe6\x97\xa5\xe8 ";
    text += std::string("before", 6) + '\0' + "after the nul \xed\x95\x9c\xe8";
    doc::Document d;
    d.blocks.push_back(doc::Block(doc::Paragraph{doc::plain(text)}, "bad.md:1"));
    Diagnostics diags;
    const auto list = lay(d, diags);
    const auto lines = body_lines(list.pages.at(0));
    REQUIRE(lines.size() > 2);  // wrapped: the offsets of lines before the last are used
    std::string all;
    for (const auto& line : lines) {
        CHECK(g_utf8_validate(line.data(), static_cast<gssize>(line.size()), nullptr));
        all += line + " ";
    }
    CHECK(all.find("after the nul") != std::string::npos);
    CHECK(all.find("before") != std::string::npos);
    std::size_t joins = 0;
    for (std::size_t at = all.find("join"); at != std::string::npos; at = all.find("join", at + 1)) ++joins;
    CHECK(joins == 12);
}

TEST_CASE("a face missing from fonts/ is an error naming the family, never a substitution (H13)") {
    const auto dir = std::filesystem::temp_directory_path() / "takehome-layout-h13-fonts";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::filesystem::copy_file(fonts_dir() + "/NotoSans-Regular.ttf", dir / "NotoSans-Regular.ttf");
    layout::use_private_fonts(dir.string());
    doc::Document d;
    d.blocks.push_back(doc::Block(doc::Paragraph{doc::plain("Hold each stretch 30 s")}, "h13.md:2"));
    Diagnostics diags;
    // Regular alone is fine.
    CHECK_NOTHROW((void)layout::layout_document(d, standard_spec(), kA4, diags));
    d.blocks.insert(d.blocks.begin(), doc::Block(doc::Heading{2, doc::plain("Stop if pain rises above 5/10"), "stop"}, "h13.md:1"));
    try {
        (void)layout::layout_document(d, standard_spec(), kA4, diags);
        FAIL("expected an InputError");
    } catch (const InputError& e) {
        CHECK(e.diagnostics().to_string() ==
              "h13.md:1:1: error: no bold face for family 'Noto Sans' in fonts/ (needed by h13.md:1)\n");
    }
    d.blocks = {doc::Block(doc::Paragraph{{doc::Span{"Hold", false, true}}}, "h13.md:3")};
    CHECK_THROWS_WITH_AS((void)layout::layout_document(d, standard_spec(), kA4, diags),
                         doctest::Contains("no italic face for family 'Noto Sans'"), InputError);
    use_repo_fonts();
    std::filesystem::remove_all(dir);
}

TEST_CASE("long words and URLs break inside a 150 pt column without an added hyphen (H10, H11)") {
    const std::string word = "Supraspinatussehnenrekonstruktionsnachbehandlungsprotokoll";
    const std::string url = "https://example.org/exercises/shoulder/pendulum-swings?lang=en&start=30";
    const std::string code = "SHOULDERFLEXIONACTIVEASSISTED03";
    doc::Table t;
    t.header = std::vector<doc::TableCell>{{doc::plain("Exercise")}, {doc::plain("Notes")}};
    t.rows = {{{doc::plain("Pendulum")}, {doc::plain(word)}},
              {{doc::plain("Video")}, {{doc::Span{url, false, false, true, url}}}},
              {{doc::plain("Code")}, {{doc::Span{code, false, false, true}}}}};
    auto spec = standard_spec();
    // The measure is the full content width, so the table has no room to grow into (a table needing more than
    // the measure may use the content width) and the column really is 150 pt.
    spec.max_measure_chars = 1000;
    Diagnostics probe;
    use_repo_fonts();
    // Find the measure: make the second column exactly 150 pt wide.
    doc::Document d;
    d.blocks.push_back(para(filler(200)));
    const auto wide = lay(d, probe, spec);
    double measure = 0;
    for (const auto* run : body_runs(wide.pages[0])) measure = std::max(measure, run->x + run->width - mm_to_pt(20));
    REQUIRE(measure > 300);
    // Column weights in pt: the text column is at most the measure; find it from a 1-column table instead.
    doc::Table probe_table;
    probe_table.rows = {{{doc::plain("x")}}};
    d.blocks = {doc::Block(probe_table)};
    const auto probe_list = lay(d, probe, spec);
    double table_width = 0;
    for (const auto& item : probe_list.pages[0].items) {
        if (auto* r = std::get_if<display::Rect>(&item)) table_width = r->w;
    }
    REQUIRE(table_width > 150);
    t.column_weights = {table_width - 150, 150};
    d.blocks = {doc::Block(t)};
    Diagnostics diags;
    const auto list = lay(d, diags, spec);
    CHECK(diags.empty());
    const double col_left = mm_to_pt(20) + table_width - 150;
    const double col_right = mm_to_pt(20) + table_width;
    std::string long_text;
    std::size_t glyphs = 0;
    std::size_t lines_in_column = 0;
    for (const auto* run : runs(list.pages[0])) {
        if (run->x < col_left) continue;
        ++lines_in_column;
        CHECK(run->x + run->width <= col_right - 4 + 0.01);  // inside the cell padding
        long_text += run->text;
        glyphs += run->glyphs.size();
    }
    CHECK(long_text == "Notes" + word + url + code);
    // One glyph per character: no hyphen glyph was added at a break.
    CHECK(glyphs == code_points(long_text));
    // Only the source's own hyphen (in "pendulum-swings") appears.
    CHECK(std::count(long_text.begin(), long_text.end(), '-') == 1);
    CHECK(lines_in_column >= 8);
    // The URL is a link whose rectangles stay inside the column.
    std::size_t links = 0;
    for (const auto& item : list.pages[0].items) {
        if (auto* link = std::get_if<display::Link>(&item)) {
            ++links;
            CHECK(link->uri == url);
            CHECK(link->x >= col_left);
            CHECK(link->x + link->w <= col_right);
        }
    }
    CHECK(links >= 2);
}

TEST_CASE("right-to-left paragraph keeps an isolated dose together (H16)") {
    doc::Document d;
    d.meta.language = "ar";
    d.blocks.push_back(para("التمرين \u20663 x 10 reps\u2069، مرتين يومياً"));
    Diagnostics diags;
    const auto list = lay(d, diags);
    CHECK(diags.empty());
    const auto body = body_runs(list.pages.at(0));
    REQUIRE(!body.empty());
    // Visual order: the dose's left-to-right runs sit side by side, in reading order "3 x 10 reps", and the
    // first Arabic word (logically first) is to the right of it.
    std::vector<const display::GlyphRun*> ltr;
    double first_word_x = -1, right_edge = 0;
    for (const auto* run : body) {
        if (!run->rtl) ltr.push_back(run);
        if (run->text.rfind("التمرين", 0) == 0) first_word_x = run->x;
        right_edge = std::max(right_edge, run->x + run->width);
    }
    std::sort(ltr.begin(), ltr.end(), [](auto* a, auto* b) { return a->x < b->x; });
    std::string dose;
    for (std::size_t i = 0; i < ltr.size(); ++i) {
        dose += ltr[i]->text;
        CHECK(ltr[i]->y == ltr[0]->y);
        if (i > 0) CHECK(ltr[i]->x == doctest::Approx(ltr[i - 1]->x + ltr[i - 1]->width).epsilon(0.001));
    }
    CHECK(dose == "3 x 10 reps");
    REQUIRE(!ltr.empty());
    CHECK(first_word_x > ltr.back()->x);
    // Right aligned at the column's right edge (the right margin for a full-width column).
    CHECK(right_edge <= list.pages[0].width - mm_to_pt(20) + 0.01);
    CHECK(right_edge >= list.pages[0].width - mm_to_pt(20) - 1);
}

TEST_CASE("line pitch stays even when a CJK fallback font is used") {
    doc::Document d;
    std::string text;
    for (int i = 0; i < 12; ++i) text += "Exercise 张伟 王芳 gentle walking every day. ";
    d.blocks.push_back(para(text));
    Diagnostics diags;
    const auto list = lay(d, diags);
    const auto body = body_runs(list.pages.at(0));
    std::vector<double> baselines;
    bool cjk = false;
    for (const auto* run : body) {
        if (baselines.empty() || std::abs(baselines.back() - run->y) > 0.01) baselines.push_back(run->y);
        cjk = cjk || run->font_file == "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
    }
    CHECK(cjk);
    REQUIRE(baselines.size() >= 3);
    for (std::size_t i = 1; i < baselines.size(); ++i) CHECK(baselines[i] - baselines[i - 1] == doctest::Approx(11 * 1.4));
}

TEST_CASE("clusters map glyphs back to the source text; ligature-free runs keep logical order") {
    doc::Document d;
    d.blocks.push_back(para("Use <i> & the office fluid"));
    Diagnostics diags;
    const auto list = lay(d, diags);
    const auto body = body_runs(list.pages.at(0));
    REQUIRE(body.size() == 1);
    const auto& run = *body[0];
    CHECK(run.text == "Use <i> & the office fluid");
    CHECK(run.font_file.find("NotoSans-Regular.ttf") != std::string::npos);
    CHECK(run.font_name == "NotoSans-Regular");
    CHECK(run.size_pt == doctest::Approx(11));
    CHECK(run.ascent > 0);
    CHECK(run.descent > 0);
    std::uint32_t last = 0;
    double pen = 0;
    for (const auto& g : run.glyphs) {
        CHECK(g.cluster >= last);
        CHECK(g.cluster < run.text.size());
        CHECK(g.x == doctest::Approx(pen));
        last = g.cluster;
        pen += g.advance;
    }
    CHECK(run.width == doctest::Approx(pen));
}

TEST_CASE("links become Link rectangles over their text; internal links name the destination") {
    doc::Document d;
    doc::Inlines text{doc::Span{"Call "}, doc::Span{"0161 496 0000", false, false, true, "tel:+441614960000"},
                      doc::Span{" or read "}, doc::Span{"your exercises", false, false, false, "#section-exercises"}};
    d.blocks.push_back(doc::Block(doc::Paragraph{text}));
    Diagnostics diags;
    const auto list = lay(d, diags);
    std::vector<display::Link> links;
    for (const auto& item : list.pages.at(0).items) {
        if (auto* l = std::get_if<display::Link>(&item)) links.push_back(*l);
    }
    REQUIRE(links.size() == 2);
    CHECK(links[0].uri == "tel:+441614960000");
    CHECK(links[1].uri.empty());
    CHECK(links[1].dest == "section-exercises");
    CHECK(links[0].w > 40);
    CHECK(links[0].x + links[0].w <= links[1].x);
}

TEST_CASE("an accent colour below 4.5:1 against white is darkened with a warning") {
    doc::Document d;
    d.blocks.push_back(heading(1, "Your exercises", "section-exercises"));
    auto spec = standard_spec();
    spec.accent_colour = {1.0, 0.8, 0.0};  // yellow: about 1.6:1
    spec.source_file = "layouts/clinic.yaml";
    Diagnostics diags;
    const auto list = lay(d, diags, spec);
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].severity == Severity::warning);
    CHECK(diags.items()[0].message.rfind("accent colour #ffcc00 has a contrast of 1.", 0) == 0);
    const auto body = body_runs(list.pages.at(0));
    REQUIRE(body.size() == 1);
    const auto c = body[0]->colour;
    auto lin = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    const double l = 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
    CHECK(1.05 / (l + 0.05) >= 4.5);
    // The default accent passes without a warning.
    Diagnostics quiet;
    (void)lay(d, quiet);
    CHECK(quiet.empty());
}

TEST_CASE("a paragraph shaped again comes from the shape cache: the same lines and the same warnings, at each source") {
    layout::Typesetter typesetter(fonts_dir());
    doc::Document d;
    d.blocks.push_back(doc::Block(doc::Paragraph{doc::plain("Well done 💪 with the walking plan this week")}, "a.md:3"));
    d.blocks.push_back(doc::Block(doc::Paragraph{doc::plain("Well done 💪 with the walking plan this week")}, "b.md:7"));
    for (int i = 0; i < 20; ++i) d.blocks.push_back(marked(i, 40));
    Diagnostics first_diags;
    const auto first = layout::layout_document(d, standard_spec(), kA4, first_diags, typesetter);
    const std::size_t entries = typesetter.shape_cache_entries();
    CHECK(entries > 20);
    CHECK(typesetter.shape_cache_bytes() > 0);
    CHECK(typesetter.shape_cache_bytes() <= layout::Typesetter::kShapeCacheBytes);
    Diagnostics second_diags;
    const auto second = layout::layout_document(d, standard_spec(), kA4, second_diags, typesetter);
    CHECK(typesetter.shape_cache_entries() == entries);  // nothing shaped anew
    // One warning per source, in both rounds: the cached entry remembers what it left out.
    CHECK(first_diags.to_string() == second_diags.to_string());
    CHECK(first_diags.to_string().find("a.md:3:1: warning: U+1F4AA 'FLEXED BICEPS'") != std::string::npos);
    CHECK(first_diags.to_string().find("b.md:7:1: warning: U+1F4AA 'FLEXED BICEPS'") != std::string::npos);
    REQUIRE(first.pages.size() == second.pages.size());
    for (std::size_t p = 0; p < first.pages.size(); ++p) {
        const auto a = runs(first.pages[p]);
        const auto b = runs(second.pages[p]);
        REQUIRE(a.size() == b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            CHECK(a[i]->text == b[i]->text);
            CHECK(a[i]->x == b[i]->x);
            CHECK(a[i]->y == b[i]->y);
            REQUIRE(a[i]->glyphs.size() == b[i]->glyphs.size());
            for (std::size_t g = 0; g < a[i]->glyphs.size(); ++g) CHECK(a[i]->glyphs[g].id == b[i]->glyphs[g].id);
        }
    }
}

TEST_CASE("the private font cache: CJK collections scanned once into a private folder, refused when others may write") {
    namespace fs = std::filesystem;
    const fs::path home = fs::temp_directory_path() / ("takehome-fontcache-test-" + std::to_string(::getpid()));
    fs::remove_all(home);
    fs::create_directories(home);
    const char* old = std::getenv("XDG_CACHE_HOME");
    const std::string saved = old ? old : "";
    ::setenv("XDG_CACHE_HOME", home.c_str(), 1);
    const bool cjk_installed = fs::exists("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
    {
        layout::Typesetter typesetter(fonts_dir());
        const fs::path cache = home / "takehome" / "fontconfig";
        REQUIRE(fs::is_directory(cache));
        CHECK((fs::status(cache).permissions() & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none);
        std::size_t cache_files = 0, link_folders = 0;
        for (const auto& e : fs::directory_iterator(cache)) {
            cache_files += e.path().extension() == ".cache-8" || e.path().string().find(".cache-") != std::string::npos;
            if (e.path().filename().string().rfind("cjk-", 0) == 0) {
                ++link_folders;
                for (const auto& link : fs::directory_iterator(e.path())) CHECK(fs::is_symlink(link.symlink_status()));
            }
        }
        CHECK(cache_files >= 1);
        CHECK(link_folders == (cjk_installed ? 1u : 0u));
        // Glyph runs still name the real collection, not the link.
        doc::Document d;
        d.blocks.push_back(para("Patient: 张伟"));
        Diagnostics diags;
        const auto list = layout::layout_document(d, standard_spec(), kA4, diags, typesetter);
        bool cjk_run = false;
        for (const auto* run : runs(list.pages.at(0))) {
            CHECK(run->font_file.find("takehome/fontconfig") == std::string::npos);
            cjk_run = cjk_run || run->font_file == "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
        }
        CHECK(cjk_run == cjk_installed);
    }
    // A cache folder anyone else may write to is not used: nothing new is written into it.
    const fs::path shared_cache = home / "other";
    fs::create_directories(shared_cache / "takehome" / "fontconfig");
    fs::permissions(shared_cache / "takehome" / "fontconfig", fs::perms::all);
    ::setenv("XDG_CACHE_HOME", shared_cache.c_str(), 1);
    {
        layout::Typesetter typesetter(fonts_dir());
        CHECK(fs::is_empty(shared_cache / "takehome" / "fontconfig"));
        doc::Document d;
        d.blocks.push_back(para("Still laid out: 张伟"));
        Diagnostics diags;
        CHECK(all_text(layout::layout_document(d, standard_spec(), kA4, diags, typesetter)).find("Still laid out") !=
              std::string::npos);
    }
    if (old) ::setenv("XDG_CACHE_HOME", saved.c_str(), 1); else ::unsetenv("XDG_CACHE_HOME");
    fs::remove_all(home);
}

TEST_CASE("Han text takes the Chinese face in a Latin-script handout and the handout's own in ja, ko, zh-Hant") {
    if (!std::filesystem::exists("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")) return;  // fonts-noto-cjk
    auto cjk_face = [](const std::string& language) {
        doc::Document d;
        d.meta.language = language;
        d.blocks.push_back(para("Patient: 张伟 (直)"));
        Diagnostics diags;
        const auto list = lay(d, diags);
        std::string face;
        for (const auto* run : runs(list.pages.at(0))) {
            if (run->text.find("张") != std::string::npos) face = run->font_name;
        }
        return face;
    };
    // Before, en-GB text took the collection's first face, the Japanese one (regional forms differ: 直).
    CHECK(cjk_face("en-GB") == "NotoSansCJKsc-Regular");
    CHECK(cjk_face("de") == "NotoSansCJKsc-Regular");
    CHECK(cjk_face("ja") == "NotoSansCJKjp-Regular");
    CHECK(cjk_face("ko") == "NotoSansCJKkr-Regular");
    CHECK(cjk_face("zh-Hant") == "NotoSansCJKtc-Regular");
    CHECK(cjk_face("zh-Hans") == "NotoSansCJKsc-Regular");
}

TEST_CASE("a run of tens of thousands of characters with no space is broken inside the margins, in linear time") {
    // Pango's word-then-character wrapping took 20 s for 48,000 letters and 104 s for '*_' emphasis markers
    // 200,000 long (issue 11); such a paragraph is now set with character wrapping (kLongestUnbrokenRun).
    const auto document = [](const std::string& text) {
        doc::Document d;
        d.blocks.push_back(para("Before."));
        d.blocks.push_back(para(text));
        d.blocks.push_back(para("After."));
        return d;
    };
    for (const std::string& unit : {std::string("x"), std::string("*_")}) {
        CAPTURE(unit);
        std::string text;
        for (int i = 0; i < 48000 / static_cast<int>(unit.size()); ++i) text += unit;
        Diagnostics diags;
        const auto list = lay(document(text), diags);
        check_inside_margins(list, standard_spec());
        std::string all = all_text(list);
        CHECK(all.find("Before.") != std::string::npos);
        CHECK(all.find("After.") != std::string::npos);
        std::erase_if(all, [&](char c) { return unit.find(c) == std::string::npos; });
        CHECK(all.size() == text.size());  // every character set, none lost
    }
    // A complexity guard (it was 14 to 18 times, 12,000 to 48,000 letters). Each text is new (its first letter),
    // so the typesetter's shape cache never answers for it.
    Diagnostics diags;
    const auto letters = [&](int try_index, std::size_t n) {
        (void)lay(document(static_cast<char>('a' + try_index) + std::string(n, 'x')), diags);
    };
    // Best of 3 (the content guards' number): with 2, a burst of other work during both big runs could pass 9.
    const double ratio = test_support::growth_ratio([&](int i) { letters(i, 12000); }, [&](int i) { letters(i, 48000); }, 3);
    MESSAGE("12,000 -> 48,000 letters: " << ratio << " times the time");
    CHECK(ratio < 9.0);
}

TEST_CASE("a word wider than the measure before a one-letter emphasised run in a link does not abort Pango") {
    // Pango 1.50's PANGO_WRAP_WORD_CHAR aborted the process here (GNOME pango issue 832; found by fuzz_layout,
    // tests/fuzz/corpus/fuzz_layout/pango-832-*.md): a link whose text is one word wider than the measure
    // with a break opportunity ('|') before its last letters and an emphasised letter at its end. Words are
    // now tried with PANGO_WRAP_WORD and only an overflowing paragraph is set again between characters.
    for (const int letters : {39, 50, 80, 200}) {
        CAPTURE(letters);
        const std::string word(static_cast<std::size_t>(letters), 'W');
        doc::Document d;
        d.blocks.push_back(doc::Block(doc::Paragraph{{doc::Span{word + "|W", false, false, false, "https://x.example"},
                                                      doc::Span{"h", false, true, false, "https://x.example"}}},
                                      "test.md:2"));
        d.blocks.push_back(para("Next paragraph."));
        Diagnostics diags;
        const auto list = lay(d, diags);
        check_inside_margins(list, standard_spec());
        std::string text = all_text(list);
        std::erase(text, '\f');
        std::erase(text, ' ');
        CHECK(text.find(word + "|Wh") != std::string::npos);  // every letter printed, in order
        CHECK(text.find("Nextparagraph.") != std::string::npos);
    }
}

TEST_CASE("a paragraph whose words all fit breaks between words only, never inside one") {
    // PANGO_WRAP_WORD first: the fallback to breaks between characters is only for a word wider than the measure.
    doc::Document d;
    d.blocks.push_back(para(filler(120)));
    Diagnostics diags;
    const auto list = lay(d, diags);
    std::set<std::string> words;
    std::istringstream all(filler(120));
    for (std::string w; all >> w;) words.insert(w.back() == '.' ? w.substr(0, w.size() - 1) : w);
    const auto lines = body_lines(list.pages.front());
    REQUIRE(lines.size() > 5);
    for (const auto& line : lines) {
        CAPTURE(line);
        std::istringstream in(line);
        for (std::string w; in >> w;) CHECK(words.count(w.back() == '.' ? w.substr(0, w.size() - 1) : w) == 1);
    }
}
