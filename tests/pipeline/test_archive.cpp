// Issue 5: the archival copy (libharu, PDF/A-1b) says the same words at the same places as the Cairo copy on
// the real examples (pdftotext -bbox, every word exactly, and its xMin and yMin within 1 pt), and both backends are
// reproducible: two renders give byte-identical files.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "pipeline_fixture.hpp"

using namespace pipeline_test;

TEST_CASE("archival copy: same words in the same order as the Cairo copy, each within 1 pt") {
    for (const std::string name : {"daniel-okafor", "margaret-lindqvist"}) {
        for (const std::string layout : {"", "standard", "large-print"}) {
            CAPTURE(name);
            CAPTURE(layout);
            TempDir dir;
            Diagnostics diags;
            const RenderedHandout out = render_ok(request(example(name), layout, "", dir, true), diags);
            REQUIRE(out.bytes("archive") != nullptr);
            const auto cairo = bbox_words(*out.bytes("patient"), dir, "cairo.pdf");
            const auto haru = bbox_words(*out.bytes("archive"), dir, "haru.pdf");
            REQUIRE(cairo.size() > 300);
            std::string cw, hw;
            for (const auto& w : cairo) cw += w.text + "\n";
            for (const auto& w : haru) hw += w.text + "\n";
            CHECK(cw == hw);
            REQUIRE(cairo.size() == haru.size());
            double worst = 0;
            int far = 0;
            for (std::size_t i = 0; i < cairo.size(); ++i) {
                const Word& c = cairo[i];
                const Word& h = haru[i];
                CHECK_MESSAGE(c.page == h.page, "'" << c.text << "'");
                const double dx = std::fabs(c.x_min - h.x_min), dy = std::fabs(c.y_min - h.y_min);
                worst = std::max({worst, dx, dy});
                if (dx > 1.0 || dy > 1.0) {
                    // Report the first few, then count the rest (one CHECK per word floods the log).
                    if (++far <= 10) {
                        FAIL_CHECK("page " << c.page << " word " << i << " '" << c.text << "': cairo (" << c.x_min
                                           << ", " << c.y_min << "), haru (" << h.x_min << ", " << h.y_min << ")");
                    }
                }
            }
            CHECK_MESSAGE(far == 0, far << " of " << cairo.size() << " words more than 1 pt apart");
            // Words compare exactly: neither copy attaches a wrapped line's trailing space to its last word.
            const auto spaced = [](const std::vector<Word>& ws) {
                return std::count_if(ws.begin(), ws.end(), [](const Word& w) {
                    return w.text.empty() || w.text.front() == ' ' || w.text.back() == ' ';
                });
            };
            CHECK(spaced(cairo) == 0);
            CHECK(spaced(haru) == 0);
            MESSAGE(name << " " << (layout.empty() ? "default" : layout) << ": " << cairo.size()
                         << " words, largest difference " << worst << " pt");
        }
    }
}

TEST_CASE("reproducible: two renders give byte-identical PDFs from both backends") {
    for (const std::string name : {"daniel-okafor", "margaret-lindqvist"}) {
        CAPTURE(name);
        TempDir dir;
        Diagnostics d1, d2;
        const RenderedHandout a = render_ok(request(example(name), "", "", dir, true), d1);
        const RenderedHandout b = render_ok(request(example(name), "", "", dir, true), d2);
        REQUIRE(a.bytes("archive") != nullptr);
        REQUIRE(b.bytes("archive") != nullptr);
        CHECK(a.bytes("patient")->size() > 10000);
        CHECK(*a.bytes("patient") == *b.bytes("patient"));
        CHECK(*a.bytes("archive") == *b.bytes("archive"));
        // The libharu patient copy (--backend haru) is the same bytes as the archival copy (--archive).
        RenderRequest haru_req = request(example(name), "", "", dir);
        haru_req.outputs.front().options.backend = "haru";
        Diagnostics d3;
        const RenderedHandout c = render_ok(haru_req, d3);
        CHECK(*c.bytes("patient") == *a.bytes("archive"));
    }
}
