// The proof that layout and rendering are separate: Cairo and libharu draw one display list to the same places.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "haru_test_util.hpp"
#include "render/render.hpp"

using namespace takehome;
using namespace haru_test;

TEST_CASE("haru vs cairo: pdftotext -bbox finds the same words in the same order within 1 pt") {
    const DisplayList list = sample_list();
    TempDir dir;
    spit(dir / "cairo.pdf", render::render_pdf_cairo(list));
    spit(dir / "haru.pdf", render::render_pdf_haru(list));
    const auto cairo_words = bbox_words(dir / "cairo.pdf");
    const auto haru_words = bbox_words(dir / "haru.pdf");
    REQUIRE(cairo_words.size() >= 30);
    std::string cw, hw;
    for (const auto& w : cairo_words) cw += w.text + "|";
    for (const auto& w : haru_words) hw += w.text + "|";
    CHECK(cw == hw);
    REQUIRE(haru_words.size() == cairo_words.size());
    double worst = 0;
    for (std::size_t i = 0; i < cairo_words.size(); ++i) {
        const Word& c = cairo_words[i];
        const Word& h = haru_words[i];
        CHECK_MESSAGE(c.text == h.text, "word " << i);
        CHECK_MESSAGE(std::fabs(c.x_min - h.x_min) <= 1.0, "'" << c.text << "' xMin cairo " << c.x_min << " haru " << h.x_min);
        CHECK_MESSAGE(std::fabs(c.y_min - h.y_min) <= 1.0, "'" << c.text << "' yMin cairo " << c.y_min << " haru " << h.y_min);
        worst = std::max({worst, std::fabs(c.x_min - h.x_min), std::fabs(c.y_min - h.y_min)});
    }
    MESSAGE("largest word position difference between the backends: " << worst << " pt over " << cairo_words.size() << " words");
}
