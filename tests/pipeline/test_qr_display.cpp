// QR codes in the display list: module size, quiet zone and figure tagging measured on the laid-out pages.
#include <doctest/doctest.h>

#include <cmath>

#include "layout/qr.hpp"
#include "render/render.hpp"
#include "pipeline_fixture.hpp"

using namespace pipeline_test;
namespace display = takehome::display;

namespace {

struct MeasuredQr {
    std::string alt;
    display::Rect background;
    std::vector<display::Rect> dark;
};

/// Every "Figure" whose alt starts "QR code", with its white background and its dark rectangles.
std::vector<MeasuredQr> qr_figures(const display::DisplayList& list) {
    std::vector<MeasuredQr> out;
    for (const auto& page : list.pages) {
        for (std::size_t i = 0; i < page.items.size(); ++i) {
            const auto* tag = std::get_if<display::TagBegin>(&page.items[i]);
            if (!tag || tag->role != "Figure" || tag->alt.rfind("QR code", 0) != 0) continue;
            MeasuredQr q;
            q.alt = tag->alt;
            bool first = true;
            for (std::size_t k = i + 1; k < page.items.size() && !std::holds_alternative<display::TagEnd>(page.items[k]); ++k) {
                const auto* r = std::get_if<display::Rect>(&page.items[k]);
                REQUIRE(r != nullptr);  // nothing but squares in a QR figure
                if (first) q.background = *r;
                else q.dark.push_back(*r);
                first = false;
            }
            out.push_back(std::move(q));
        }
    }
    return out;
}

}  // namespace

TEST_CASE("QR codes: modules of at least 0.5 mm, a 4-module quiet zone, a figure saying where it leads") {
    TempDir dir;
    RenderRequest req;
    req.source = takehome::load::InputSource::file(std::string(TAKEHOME_DATA_DIR_FOR_TESTS) + "/examples/daniel-okafor.yaml");
    req.add("patient", (dir / "d.pdf").string());
    Diagnostics diags;
    const RenderedHandout out = render_ok(req, diags);
    const auto codes = qr_figures(out.list);
    REQUIRE(codes.size() == 3);
    CHECK(codes[0].alt == "QR code: opens a video of Knee rocks at riverside-physio.example/v/knee-rocks");
    CHECK(codes[2].alt == "QR code: opens the clinic's booking page at riverside-physio.example/book");
    for (const auto& q : codes) {
        INFO(q.alt);
        REQUIRE_FALSE(q.dark.empty());
        const double module = q.dark.front().h;
        CHECK(module >= takehome::mm_to_pt(0.5) - 1e-9);
        CHECK(module == doctest::Approx(takehome::mm_to_pt(0.6)));  // compose's module (qr_block)
        // At least 2 cm across with its quiet zone: the size commonly advised for a phone at arm's length.
        CHECK(q.background.w >= takehome::mm_to_pt(20) - 1e-6);
        CHECK(q.background.fill == display::Colour{1, 1, 1});
        // The symbol's dark extent starts and ends 4 modules inside the white square on every side (the finder
        // patterns reach the symbol's corners).
        double left = 1e9, top = 1e9, right = -1e9, bottom = -1e9;
        for (const auto& r : q.dark) {
            CHECK(r.h == doctest::Approx(module));
            CHECK(r.fill == display::Colour{0, 0, 0});
            CHECK_FALSE(r.stroke.has_value());
            const double cols = (r.x - q.background.x) / module;
            CHECK(std::abs(cols - std::round(cols)) < 1e-6);  // on the module grid
            left = std::min(left, r.x);
            top = std::min(top, r.y);
            right = std::max(right, r.x + r.w);
            bottom = std::max(bottom, r.y + r.h);
        }
        CHECK((left - q.background.x) / module == doctest::Approx(takehome::layout::kQrQuietZoneModules));
        CHECK((top - q.background.y) / module == doctest::Approx(4));
        CHECK((q.background.x + q.background.w - right) / module == doctest::Approx(4));
        CHECK((q.background.y + q.background.h - bottom) / module == doctest::Approx(4));
        // The symbol is square: 21 + 4k modules (version k + 1).
        const double n = (right - left) / module;
        CHECK(std::fmod(std::round(n) - 21, 4) == 0);
        CHECK((bottom - top) / module == doctest::Approx(n));
    }
    // The dump shows the squares, so the goldens see them.
    CHECK(takehome::render::render_text_dump(out.list).find("Figure") != std::string::npos);
}

TEST_CASE("encode_qr: level M symbols whose size grows with the address") {
    const auto small = takehome::layout::encode_qr("https://riverside-physio.example/book");
    CHECK(small.size == 29);  // 37 bytes at level M: version 3
    const auto big = takehome::layout::encode_qr("https://riverside-physio.example/" + std::string(200, 'a'));
    CHECK(big.size > small.size);
}
