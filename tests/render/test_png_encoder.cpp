// Issue 14 item 2: previews are encoded with libpng directly (zlib level 1, no row filter). The pixels are
// exactly those Cairo's own PNG writer gives, the file is RGB (no alpha channel), and a failure is an error.
#include <cairo.h>
#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "render/cairo_painter.hpp"
#include "render/render.hpp"

using namespace takehome;

namespace {

struct Reader {
    const std::string* bytes;
    std::size_t at = 0;
};

cairo_status_t read_from_string(void* closure, unsigned char* data, unsigned int length) {
    auto* r = static_cast<Reader*>(closure);
    if (r->at + length > r->bytes->size()) return CAIRO_STATUS_READ_ERROR;
    std::memcpy(data, r->bytes->data() + r->at, length);
    r->at += length;
    return CAIRO_STATUS_SUCCESS;
}

/// The pixels of PNG bytes decoded by Cairo, as 0xAARRGGBB words, row by row.
std::vector<std::uint32_t> decode(const std::string& png, int& w, int& h) {
    Reader reader{&png};
    cairo_surface_t* s = cairo_image_surface_create_from_png_stream(read_from_string, &reader);
    REQUIRE(cairo_surface_status(s) == CAIRO_STATUS_SUCCESS);
    w = cairo_image_surface_get_width(s);
    h = cairo_image_surface_get_height(s);
    const int stride = cairo_image_surface_get_stride(s);
    std::vector<std::uint32_t> px;
    const unsigned char* data = cairo_image_surface_get_data(s);
    for (int y = 0; y < h; ++y) {
        const auto* row = reinterpret_cast<const std::uint32_t*>(data + y * stride);
        for (int x = 0; x < w; ++x) px.push_back(row[x] | (cairo_image_surface_get_format(s) == CAIRO_FORMAT_RGB24 ? 0xFF000000u : 0u));
    }
    cairo_surface_destroy(s);
    return px;
}

/// An opaque test image with anti-aliased edges, text-like strokes and a gradient (every byte value used).
cairo_surface_t* sample(int w, int h) {
    cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    cairo_t* cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_pattern_t* g = cairo_pattern_create_linear(0, 0, w, h);
    cairo_pattern_add_color_stop_rgb(g, 0, 0.9, 0.1, 0.2);
    cairo_pattern_add_color_stop_rgb(g, 1, 0.1, 0.3, 0.8);
    cairo_set_source(cr, g);
    cairo_arc(cr, w / 2.0, h / 2.0, w / 3.0, 0, 6.283);
    cairo_fill(cr);
    cairo_pattern_destroy(g);
    cairo_set_source_rgba(cr, 0, 0.4, 0, 0.5);
    cairo_set_line_width(cr, 1.3);
    for (int i = 0; i < 20; ++i) {
        cairo_move_to(cr, i * 3.7, 0);
        cairo_line_to(cr, w - i * 2.1, h);
    }
    cairo_stroke(cr);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    return s;
}

}  // namespace

TEST_CASE("libpng previews decode to exactly the pixels of Cairo's own PNG writer, as RGB") {
    cairo_surface_t* s = sample(173, 91);
    const std::string ours = render::detail::encode_png(s);
    std::string cairos;
    REQUIRE(cairo_surface_write_to_png_stream(s, render::detail::append_to_string, &cairos) == CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(s);
    REQUIRE(ours.size() > 33);
    CHECK(ours.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
    CHECK(static_cast<unsigned char>(ours[25]) == 2);  // IHDR colour type 2: RGB, no alpha channel
    int w1 = 0, h1 = 0, w2 = 0, h2 = 0;
    const auto a = decode(ours, w1, h1);
    const auto b = decode(cairos, w2, h2);
    CHECK(w1 == 173);
    CHECK(h1 == 91);
    CHECK(w1 == w2);
    CHECK(h1 == h2);
    CHECK(a == b);
}

TEST_CASE("a preview page encoded with libpng decodes at the page size with a white background") {
    display::DisplayList list;
    display::Page page{200, 100, {}};
    page.items.push_back(display::Rect{20, 20, 50, 30, display::Colour{1, 0, 0}, std::nullopt, 0, 0});
    list.pages.push_back(page);
    const auto pngs = render::render_png_pages(list, 144);
    REQUIRE(pngs.size() == 1);
    int w = 0, h = 0;
    const auto px = decode(pngs[0], w, h);
    CHECK(w == 400);
    CHECK(h == 200);
    CHECK(px[5 * 400 + 5] == 0xFFFFFFFFu);          // background
    CHECK(px[70 * 400 + 80] == 0xFFFF0000u);        // inside the red rectangle (x 40..140, y 40..100 px)
}

TEST_CASE("a surface with transparency or another format is refused, not written wrong") {
    cairo_surface_t* clear = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 4, 4);  // all transparent
    CHECK_THROWS_WITH_AS((void)render::detail::encode_png(clear), doctest::Contains("the preview is not opaque"),
                         InternalError);
    cairo_surface_destroy(clear);
    cairo_surface_t* a8 = cairo_image_surface_create(CAIRO_FORMAT_A8, 4, 4);
    CHECK_THROWS_AS((void)render::detail::encode_png(a8), InternalError);
    cairo_surface_destroy(a8);
}
