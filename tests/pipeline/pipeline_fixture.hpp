// Shared set-up for the whole-pipeline tests: one Pipeline per process, rendering a summary with a layout and
// paper, the unpaginated reference layout the page checks compare against, temp folders and poppler-utils.
#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "app/pipeline.hpp"
#include "base/length.hpp"
#include "compose/compose.hpp"
#include "display_checks.hpp"
#include "layout/layout.hpp"
#include "support/test_support.hpp"

namespace pipeline_test {

namespace fs = std::filesystem;
using takehome::Diagnostics;
using takehome::app::Pipeline;
using takehome::app::RenderedHandout;
using takehome::app::RenderRequest;

/// The repository root (fonts/, content/, layouts/): env TAKEHOME_DATA_DIR as set by CTest, else the
/// source tree this test was built from.
inline std::string data_root() {
    const char* env = std::getenv("TAKEHOME_DATA_DIR");
    return env && *env ? env : TAKEHOME_DATA_DIR_FOR_TESTS;
}

/// One Pipeline (fonts and content loaded once) for every test in the process.
inline const Pipeline& pipeline() {
    static const Pipeline p(data_root());
    return p;
}

inline std::string example(const std::string& name) {
    return std::string(TAKEHOME_SHARED_DIR) + "/cases/examples/" + name + ".yaml";
}
inline std::string case_file(const std::string& name) { return std::string(TAKEHOME_TEST_DIR) + "/pipeline/cases/" + name; }

using test_support::slurp;
using test_support::spit;
using test_support::TempDir;

/// A request for `summary` with `layout` ("" = the summary's own choice) and `paper` ("" = the clinic's).
/// Outputs point into `dir` (render() writes nothing; the paths only have to differ from the input).
inline RenderRequest request(const std::string& summary, const std::string& layout, const std::string& paper,
                             const TempDir& dir, bool archive = false) {
    RenderRequest req;
    req.source = takehome::load::InputSource::file(summary);
    req.add("patient", (dir / "handout.pdf").string());
    req.layout = layout;
    req.paper = paper;
    if (archive) req.add("archive", (dir / "archive.pdf").string());
    return req;
}

/// Calls `fn(name, layout, paper)` for both shared examples ("daniel-okafor", "margaret-lindqvist") in both
/// layouts ("standard", "large-print") on both papers ("a4", then "letter"), the three captured for messages.
template <class Fn>
void for_each_example_layout_paper(Fn&& fn) {
    for (const std::string name : {"daniel-okafor", "margaret-lindqvist"}) {
        for (const std::string layout : {"standard", "large-print"}) {
            for (const std::string paper : {"a4", "letter"}) {
                CAPTURE(name);
                CAPTURE(layout);
                CAPTURE(paper);
                fn(name, layout, paper);
            }
        }
    }
}

/// Renders in memory; fails the test (with the diagnostics) when the render has errors.
inline RenderedHandout render_ok(const RenderRequest& req, Diagnostics& diags) {
    auto out = pipeline().render(req, diags);
    INFO(diags.to_string());
    REQUIRE(out.has_value());
    REQUIRE_FALSE(diags.has_errors());
    return std::move(*out);
}

/// The paper the render used.
inline takehome::PaperSize paper_of(const RenderedHandout& out) {
    return out.paper == "Letter" ? takehome::kLetter : takehome::kA4;
}

/// The page body's height (pt) for the layout and paper used: the same geometry as layout_document in
/// src/layout/layout.cpp (margins, one line of the small style and a gap for header and footer).
inline double body_height(const RenderedHandout& out) {
    const auto& s = out.layout;
    const takehome::PaperSize paper = paper_of(out);
    const double small_pitch = s.small.size_pt * s.small.leading;
    const double body_top = takehome::mm_to_pt(s.margin_top_mm) + small_pitch + takehome::mm_to_pt(s.header_gap_mm);
    const double body_bottom = paper.height_pt - takehome::mm_to_pt(s.margin_bottom_mm) - small_pitch -
                               takehome::mm_to_pt(s.footer_gap_mm);
    return body_bottom - body_top;
}

/// The same handout laid out on one page as wide as the real paper and 10^6 pt tall: the same line breaks
/// (line breaking depends only on the measure) and no page breaks, so every paragraph and box is whole.
/// The page checks use it to tell a whole paragraph or box from a piece cut by a page break.
inline takehome::display::DisplayList reference_layout(const RenderRequest& req, const RenderedHandout& out) {
    Diagnostics diags;
    const auto checked = pipeline().check(req, diags);
    REQUIRE(checked.has_value());
    const takehome::doc::Document document = takehome::compose::compose_handout(
        checked->summary, *checked->library, diags, out.layout.section_order);
    const takehome::PaperSize tall{paper_of(out).width_pt, 1e6};
    auto list = takehome::layout::layout_document(document, out.layout, tall, diags, pipeline().typesetter());
    REQUIRE(list.pages.size() == 1);
    return list;
}

/// Every page property: no stranded heading or lead-in, no widow or orphan, one P element per paragraph on a
/// page (not one per line), no box split unless taller than
/// the page body, "Page N of M" on every page, everything inside the 12.7 mm safe area.
/// Returns the boxes that were split because they are taller than the page body (for reports).
inline std::vector<display_checks::SplitBox> check_page_properties(const RenderRequest& req,
                                                                   const RenderedHandout& out) {
    using namespace display_checks;
    const auto reference = reference_layout(req, out);
    REQUIRE_FALSE(out.list.pages.empty());
    const auto stranded = stranded_headings(out.list);
    CHECK_MESSAGE(stranded.empty(), lines_of(stranded));
    const auto widows = widows_and_orphans(out.list, reference);
    CHECK_MESSAGE(widows.empty(), lines_of(widows));
    std::vector<SplitBox> unavoidable;
    const auto fragmented = fragmented_paragraphs(out.list, reference);
    CHECK_MESSAGE(fragmented.empty(), lines_of(fragmented));
    const auto split = split_boxes(out.list, reference, body_height(out), &unavoidable);
    CHECK_MESSAGE(split.empty(), lines_of(split));
    const auto numbers = page_numbers(out.list);
    CHECK_MESSAGE(numbers.empty(), lines_of(numbers));
    const auto outside = outside_safe_area(out.list);
    CHECK_MESSAGE(outside.empty(), lines_of(outside));
    return unavoidable;
}

/// The text `pdftotext` (plain, no -layout) extracts from PDF bytes.
inline std::string pdftotext(const std::string& pdf_bytes, const TempDir& dir, const std::string& name) {
    const fs::path file = dir / name;
    spit(file, pdf_bytes);
    const auto r = test_support::run("pdftotext '" + file.string() + "' - 2>/dev/null");
    REQUIRE(r.status == 0);
    return r.out;
}

/// One word of `pdftotext -bbox` (pt, origin top-left).
struct Word {
    std::string text;
    double x_min = 0, y_min = 0;
    int page = 0;
};

/// The words of PDF bytes with their boxes, page by page in pdftotext's order, exactly as pdftotext reports
/// them (no white space is trimmed: a word with a space attached is a text-mapping fault).
inline std::vector<Word> bbox_words(const std::string& pdf_bytes, const TempDir& dir, const std::string& name) {
    const fs::path file = dir / name;
    spit(file, pdf_bytes);
    const auto r = test_support::run("pdftotext -bbox '" + file.string() + "' - 2>/dev/null");
    REQUIRE(r.status == 0);
    const std::string& xml = r.out;
    std::vector<Word> words;
    int page = 0;
    std::size_t pos = 0;
    while (true) {
        const std::size_t next_word = xml.find("<word ", pos);
        const std::size_t next_page = xml.find("<page ", pos);
        if (next_page != std::string::npos && next_page < next_word) {
            ++page;
            pos = next_page + 1;
            continue;
        }
        if (next_word == std::string::npos) break;
        Word w;
        w.page = page;
        auto attr = [&](const std::string& name) {
            const auto a = xml.find(name + "=\"", next_word);
            return std::stod(xml.substr(a + name.size() + 2));
        };
        w.x_min = attr("xMin");
        w.y_min = attr("yMin");
        const auto gt = xml.find('>', next_word);
        const auto end = xml.find("</word>", gt);
        w.text = xml.substr(gt + 1, end - gt - 1);
        words.push_back(w);
        pos = end;
    }
    return words;
}

}  // namespace pipeline_test

/// True when every diagnostic is compose's report of a library-default dose the physio did not write
/// (issue 9: printed and reported; Margaret's knees-to-chest hold is one): the examples are otherwise clean.
inline bool only_defaulted_doses(const takehome::Diagnostics& diags) {
    for (const auto& d : diags.items())
        if (d.severity != takehome::Severity::warning ||
            d.message.find("printing the library default") == std::string::npos)
            return false;
    return true;
}
