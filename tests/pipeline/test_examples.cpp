// Issue 4: both examples render in both layouts on both papers with the right page size and body size, and
// every page rule of display_checks.hpp.
#include <doctest/doctest.h>

#include "pipeline_fixture.hpp"

using namespace pipeline_test;
using namespace display_checks;

TEST_CASE("both examples, both layouts, both papers: page size, body size and page rules") {
    for_each_example_layout_paper([&](const std::string& name, const std::string& layout, const std::string& paper) {
        TempDir dir;
        const RenderRequest req = request(example(name), layout, paper, dir);
        Diagnostics diags;
        const RenderedHandout out = render_ok(req, diags);
        CHECK_MESSAGE(only_defaulted_doses(diags), diags.to_string());
        // Page size: A4 595.3 x 841.9 pt, Letter 612 x 792 pt.
        const double w = paper == "a4" ? 595.2756 : 612.0;
        const double h = paper == "a4" ? 841.8898 : 792.0;
        for (const auto& page : out.list.pages) {
            CHECK(page.width == doctest::Approx(w).epsilon(1e-6));
            CHECK(page.height == doctest::Approx(h).epsilon(1e-6));
        }
        // Body text: the impression's paragraph ("What we think: ...") at 12 pt (standard) or 18 pt.
        const double body = layout == "standard" ? 12.0 : 18.0;
        int impression_runs = 0;
        for (const auto& page : out.list.pages) {
            for (const Element& e : elements(page)) {
                if (e.role != "P" || e.text().rfind("What we think:", 0) != 0) continue;
                for (const GlyphRun* r : e.runs) {
                    ++impression_runs;
                    CHECK_MESSAGE(r->size_pt == body, "'" << r->text << "' at " << r->size_pt << " pt");
                }
            }
        }
        CHECK(impression_runs >= 2);
        // Large print: every heading at 22 pt or more (issue 4).
        if (layout == "large-print") {
            int headings = 0;
            for (std::size_t p = 0; p < out.list.pages.size(); ++p) {
                for (const Element& e : elements(out.list.pages[p])) {
                    if (!is_heading(e.role)) continue;
                    for (const GlyphRun* r : e.runs) {
                        ++headings;
                        CHECK_MESSAGE(r->size_pt >= 22.0, "page " << p + 1 << ": " << e.role << " '" << r->text
                                                                  << "' at " << r->size_pt << " pt");
                    }
                }
            }
            CHECK(headings >= 5);
        }
        const auto unavoidable = check_page_properties(req, out);
        for (const auto& s : unavoidable) {
            MESSAGE(name << " " << layout << " " << paper << ": box taller than the page body (" << s.height
                         << " pt) split, piece on page " << s.page << ": " << clip(s.text));
        }
    });
}
