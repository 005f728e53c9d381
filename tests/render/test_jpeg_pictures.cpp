// JPEG pictures (issue 11): a plain JPEG passed through unchanged as DCTDecode on both backends, an EXIF
// orientation honoured (JPEG APP1 and PNG eXIf) on both backends and in previews, Adobe CMYK printed in its
// colours (not inverted), and a truncated JPEG or a header claiming 50,000 x 50,000 pixels refused with
// libjpeg's reason before anything is decoded. The fixtures are invented, written with libjpeg.
#include <cairo.h>
#include <doctest/doctest.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

#include "base/diagnostics.hpp"
#include "base/picture_info.hpp"
#include "display/display_list.hpp"
#include "layout/layout.hpp"
#include "render/haru_image.hpp"
#include "render/picture.hpp"
#include "render/render.hpp"
#include "support/jpeg_fixture.hpp"
#include "support/test_support.hpp"

using namespace takehome;
using test_support::quote;
using test_support::spit;
using test_support::TempDir;

namespace {

struct Rgb {
    int r = 0, g = 0, b = 0;
};

/// Pixel (x, y) of an ARGB32 / RGB24 surface.
Rgb surface_pixel(cairo_surface_t* s, int x, int y) {
    cairo_surface_flush(s);
    const auto* row = reinterpret_cast<const std::uint32_t*>(cairo_image_surface_get_data(s) +
                                                             static_cast<std::ptrdiff_t>(y) * cairo_image_surface_get_stride(s));
    const std::uint32_t p = row[x];
    return {static_cast<int>((p >> 16) & 0xFF), static_cast<int>((p >> 8) & 0xFF), static_cast<int>(p & 0xFF)};
}

/// Page 1 of `pdf` rasterised by poppler (pdftoppm) at 72 dpi, so one pixel is one point.
struct PageRaster {
    cairo_surface_t* surface = nullptr;
    explicit PageRaster(const std::filesystem::path& pdf) {
        const auto stem = pdf.parent_path() / (pdf.stem().string() + "-page");
        const auto r = test_support::run("pdftoppm -r 72 -png -singlefile " + quote(pdf.string()) + " " + quote(stem.string()));
        REQUIRE(r.status == 0);
        surface = cairo_image_surface_create_from_png((stem.string() + ".png").c_str());
        REQUIRE(cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS);
    }
    ~PageRaster() { cairo_surface_destroy(surface); }
    PageRaster(const PageRaster&) = delete;
    PageRaster& operator=(const PageRaster&) = delete;
    [[nodiscard]] Rgb at(int x, int y) const { return surface_pixel(surface, x, y); }
};

bool reddish(Rgb p) { return p.r > 200 && p.g < 60 && p.b < 60; }
bool blueish(Rgb p) { return p.r < 60 && p.g < 60 && p.b > 200; }

/// One 300 x 300 pt page with the picture at (100, 50), `w` x `h` pt.
display::DisplayList one_picture(const std::string& path, double w, double h, int copies = 1) {
    display::DisplayList list;
    list.meta.title = "Pictures";
    list.meta.language = "en-GB";
    list.meta.creation_date = "2026-12-01";
    display::Page page{300, 300, {}};
    for (int i = 0; i < copies; ++i) page.items.push_back(display::Image{path, 100, 50.0 + i * 0.0, w, h, "a picture"});
    list.pages.push_back(page);
    return list;
}

/// Occurrences of `needle` in `hay`.
int count(const std::string& hay, const std::string& needle) {
    int n = 0;
    for (std::size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
    return n;
}

std::string error_of(const std::string& path) { return layout::check_image(path).error.value_or(""); }

/// A PNG (Cairo's encoder) of w x h whose top half is red and bottom half blue, with an eXIf chunk of
/// orientation `o` after IHDR.
std::string red_top_png(int w, int h, int o) {
    cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    cairo_t* cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 0, 0);
    cairo_rectangle(cr, 0, 0, w, h / 2.0);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 1);
    cairo_rectangle(cr, 0, h / 2.0, w, h / 2.0);
    cairo_fill(cr);
    cairo_destroy(cr);
    std::string png;
    cairo_surface_write_to_png_stream(
        s,
        [](void* closure, const unsigned char* data, unsigned int length) {
            static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
            return CAIRO_STATUS_SUCCESS;
        },
        &png);
    cairo_surface_destroy(s);
    const auto be32 = [](std::uint32_t v) {
        return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
    };
    const std::string tiff = test_support::exif_tiff(o);
    std::uint32_t c = 0xFFFFFFFFu;  // CRC-32 over type and data (PNG specification section 5.5)
    for (unsigned char b : "eXIf" + tiff) {
        c ^= b;
        for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    const std::string chunk = be32(static_cast<std::uint32_t>(tiff.size())) + "eXIf" + tiff + be32(c ^ 0xFFFFFFFFu);
    return png.substr(0, 33) + chunk + png.substr(33);  // after the signature (8) and IHDR (25)
}

}  // namespace

TEST_CASE("jpeg: the header is read with libjpeg; size, colour space and EXIF orientation (libexif)") {
    TempDir dir;
    spit(dir / "plain.jpg", test_support::red_top_jpeg(64, 48));
    spit(dir / "turned.jpg", test_support::red_top_jpeg(40, 20, 6));
    std::string why;
    const auto plain = read_picture_info((dir / "plain.jpg").string(), why);
    REQUIRE(plain);
    CHECK(plain->format == PictureFormat::jpeg);
    CHECK(plain->width == 64);
    CHECK(plain->height == 48);
    CHECK(plain->orientation == 0);
    CHECK(plain->jpeg.components == 3);
    CHECK(plain->jpeg.baseline);
    CHECK_FALSE(plain->jpeg.cmyk);
    const auto turned = read_picture_info((dir / "turned.jpg").string(), why);
    REQUIRE(turned);
    CHECK(turned->orientation == 6);
    CHECK(turned->width == 40);
    CHECK(turned->oriented_width() == 20);
    CHECK(turned->oriented_height() == 40);
    CHECK(layout::check_image((dir / "plain.jpg").string()).error == std::nullopt);
    CHECK(layout::check_image((dir / "turned.jpg").string()).error == std::nullopt);
    CHECK(layout::check_image((dir / "turned.jpg").string()).warning == std::nullopt);
}

TEST_CASE("jpeg: a truncated JPEG and a header claiming 50,000 x 50,000 pixels are refused with the reason") {
    TempDir dir;
    const std::string good = test_support::red_top_jpeg(64, 48);
    const std::size_t scan = good.find("\xFF\xDA");  // the scan header; the image data follows it
    REQUIRE(scan != std::string::npos);
    spit(dir / "cut.jpg", good.substr(0, scan + (good.size() - scan) / 2));
    CHECK(error_of((dir / "cut.jpg").string()) == "the JPEG data is truncated (libjpeg: Premature end of JPEG file)");
    // The renderers refuse it too (the preflight normally stops it first), naming the file.
    CHECK_THROWS_WITH_AS((void)render::detail::load_picture_for_print((dir / "cut.jpg").string(), 64, 48),
                         doctest::Contains(("cannot read image '" + (dir / "cut.jpg").string() +
                                            "': the JPEG data is truncated (libjpeg: Premature end of JPEG file)")
                                               .c_str()),
                         InputError);

    // 50,000 x 50,000 would be 7.5 GB decoded; the answer comes from the header, at once.
    spit(dir / "huge.jpg", test_support::claim_size(test_support::red_top_jpeg(16, 16), 50000, 50000));
    const auto t0 = std::chrono::steady_clock::now();
    CHECK(error_of((dir / "huge.jpg").string()) ==
          "the JPEG is 50000 x 50000 pixels (2500 megapixels); at most 40 megapixels can be used: save it smaller "
          "(3000 pixels on the long side is plenty for print)");
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(200));
    CHECK_THROWS_AS((void)render::haru::load_flattened_image((dir / "huge.jpg").string(), 100, 100), InputError);

    spit(dir / "empty.jpg", test_support::claim_size(test_support::red_top_jpeg(16, 16), 0, 0));
    CHECK(error_of((dir / "empty.jpg").string()) == "the JPEG has no pixels (0 x 0)");
    spit(dir / "short.jpg", good.substr(0, 40));
    CHECK(error_of((dir / "short.jpg").string()) ==
          "the JPEG data ends before its header is complete (the file is truncated)");
    spit(dir / "text.jpg", "not a picture at all");
    CHECK(error_of((dir / "text.jpg").string()) == "not a JPEG file (the JPEG start-of-image marker is missing)");
    std::string damaged = good;
    damaged[damaged.find("\xFF\xC4") + 4] = 0x7F;  // the first Huffman table's class/id byte: no such table
    spit(dir / "bad.jpg", damaged);
    CHECK(error_of((dir / "bad.jpg").string()).rfind("the JPEG is damaged (libjpeg: ", 0) == 0);
}

TEST_CASE("jpeg: a plain JPEG is passed through unchanged (DCTDecode), embedded once, on both backends") {
    TempDir dir;
    const std::string jpeg = test_support::red_top_jpeg(64, 48);
    const std::string path = (dir / "photo.jpg").string();
    spit(path, jpeg);
    // 64 x 48 px at 128 x 96 pt is 36 ppi: nothing to downsample, nothing to turn.
    REQUIRE(render::detail::jpeg_pass_through(path, 128, 96) == jpeg);
    CHECK(render::detail::jpeg_pass_through(path, 4, 3) == std::nullopt);  // 1,152 ppi: downsampled instead
    // On two pages: one image XObject. Drawn twice on one page, the Cairo copy embeds it twice (Cairo 1.16
    // writes a broken resource dictionary otherwise: cairo_painter.hpp), libharu once.
    auto list = one_picture(path, 128, 96);
    list.pages.push_back(list.pages[0]);
    auto same_page = one_picture(path, 128, 96, 2);
    CHECK(count(render::render_pdf_cairo(same_page), jpeg) == 2);
    CHECK(count(render::render_pdf_haru(same_page), jpeg) == 1);
    for (const auto& [name, pdf] : {std::pair{std::string("cairo"), render::render_pdf_cairo(list)},
                                    std::pair{std::string("haru"), render::render_pdf_haru(list)}}) {
        CAPTURE(name);
        CHECK(count(pdf, jpeg) == 1);  // the file's bytes, whole and once
        CHECK(pdf.find("/DCTDecode") != std::string::npos);
        spit(dir / (name + ".pdf"), pdf);
        const PageRaster page(dir / (name + ".pdf"));
        CHECK(reddish(page.at(164, 60)));   // top half red
        CHECK(blueish(page.at(164, 136)));  // bottom half blue
    }
    // Finer than 300 ppi where placed: decoded (libjpeg's DCT scaling, then Cairo) to 300 ppi, not passed through.
    const auto small = render::detail::load_picture_for_print(path, 7.679, 5.759);  // 0.107 x 0.08 inch: 32 x 24 px
    CHECK(cairo_image_surface_get_width(small.get()) == 32);
    CHECK(cairo_image_surface_get_height(small.get()) == 24);
    unsigned long length = 0;
    const unsigned char* data = nullptr;
    cairo_surface_get_mime_data(small.get(), CAIRO_MIME_TYPE_JPEG, &data, &length);
    CHECK(data == nullptr);
    CHECK(reddish(surface_pixel(small.get(), 16, 3)));
    CHECK(blueish(surface_pixel(small.get(), 16, 20)));
}

TEST_CASE("jpeg and png: EXIF orientation 6 prints turned 90 degrees clockwise on both backends and in previews") {
    TempDir dir;
    // Stored 40 x 20, red at the top: turned clockwise it is 20 x 40 with the red on the right.
    spit(dir / "turned.jpg", test_support::red_top_jpeg(40, 20, 6));
    spit(dir / "turned.png", red_top_png(40, 20, 6));
    for (const std::string name : {"turned.jpg", "turned.png"}) {
        CAPTURE(name);
        const std::string path = (dir / name).string();
        const auto surface = render::detail::load_picture_for_print(path, 100, 200);
        CHECK(cairo_image_surface_get_width(surface.get()) == 20);
        CHECK(cairo_image_surface_get_height(surface.get()) == 40);
        CHECK(reddish(surface_pixel(surface.get(), 17, 20)));
        CHECK(blueish(surface_pixel(surface.get(), 2, 20)));
        CHECK(render::detail::jpeg_pass_through(path, 100, 200) == std::nullopt);  // turned: not passed through
        const auto rgb = render::haru::load_flattened_image(path, 100, 200);
        CHECK(rgb.width == 20);
        CHECK(rgb.height == 40);
        // The picture fills x 100..200, y 50..250 (its oriented 1:2 aspect): red right, blue left.
        const auto list = one_picture(path, 100, 200);
        for (const auto& [backend, pdf] : {std::pair{std::string("cairo"), render::render_pdf_cairo(list)},
                                           std::pair{std::string("haru"), render::render_pdf_haru(list)}}) {
            CAPTURE(backend);
            spit(dir / (backend + ".pdf"), pdf);
            const PageRaster page(dir / (backend + ".pdf"));
            CHECK(reddish(page.at(185, 150)));
            CHECK(blueish(page.at(115, 150)));
            CHECK(reddish(page.at(185, 60)));
            CHECK(blueish(page.at(115, 240)));
        }
        // The preview (PNG) renderer draws it the same way.
        const auto pages = render::render_png_pages(list, 72);
        REQUIRE(pages.size() == 1);
        spit(dir / "preview.png", pages[0]);
        cairo_surface_t* preview = cairo_image_surface_create_from_png((dir / "preview.png").string().c_str());
        CHECK(reddish(surface_pixel(preview, 185, 150)));
        CHECK(blueish(surface_pixel(preview, 115, 150)));
        cairo_surface_destroy(preview);
    }
}

TEST_CASE("jpeg: an Adobe CMYK JPEG of pure cyan prints cyan, not red, on both backends") {
    TempDir dir;
    // Photoshop stores Adobe CMYK inverted: cyan ink 100 % (C = 255) is written 0; no M, Y, K ink is 255.
    const std::string cyan = test_support::make_jpeg(
        32, 32, [](int, int) { return std::array<std::uint8_t, 4>{0, 255, 255, 255}; }, 4);
    const std::string path = (dir / "cyan.jpg").string();
    spit(path, cyan);
    std::string why;
    const auto info = read_picture_info(path, why);
    REQUIRE(info);
    CHECK(info->jpeg.cmyk);
    CHECK(info->jpeg.adobe);
    CHECK(info->jpeg.components == 4);
    CHECK(render::detail::jpeg_pass_through(path, 32, 32) == std::nullopt);  // always decoded to RGB
    const auto surface = render::detail::load_picture_for_print(path, 32, 32);
    const Rgb px = surface_pixel(surface.get(), 16, 16);
    CHECK(px.r < 20);
    CHECK(px.g > 235);
    CHECK(px.b > 235);
    const auto list = one_picture(path, 64, 64);
    for (const auto& [backend, pdf] : {std::pair{std::string("cairo"), render::render_pdf_cairo(list)},
                                       std::pair{std::string("haru"), render::render_pdf_haru(list)}}) {
        CAPTURE(backend);
        CHECK(pdf.find("/DeviceCMYK") == std::string::npos);
        spit(dir / (backend + ".pdf"), pdf);
        const PageRaster page(dir / (backend + ".pdf"));
        const Rgb p = page.at(132, 82);
        CHECK(p.r < 20);
        CHECK(p.g > 235);
        CHECK(p.b > 235);
    }
}

TEST_CASE("jpeg: grey and progressive JPEGs are decoded (grey widened to RGB), not passed through") {
    TempDir dir;
    const std::string grey = (dir / "grey.jpg").string();
    spit(grey, test_support::make_jpeg(32, 32, [](int, int) { return std::array<std::uint8_t, 4>{128, 0, 0, 0}; }, 1));
    const std::string progressive = (dir / "progressive.jpg").string();
    spit(progressive, test_support::make_jpeg(
                          40, 20,
                          [](int, int y) {
                              return y < 10 ? std::array<std::uint8_t, 4>{255, 0, 0, 0} : std::array<std::uint8_t, 4>{0, 0, 255, 0};
                          },
                          3, 0, true));
    std::string why;
    const auto info = read_picture_info(progressive, why);
    REQUIRE(info);
    CHECK_FALSE(info->jpeg.baseline);
    CHECK(render::detail::jpeg_pass_through(grey, 32, 32) == std::nullopt);         // DeviceGray: not in PDF/A's RGB
    CHECK(render::detail::jpeg_pass_through(progressive, 40, 20) == std::nullopt);  // baseline only, both backends
    CHECK(layout::check_image(progressive).error == std::nullopt);
    const auto g = render::detail::load_picture_for_print(grey, 32, 32);
    const Rgb gp = surface_pixel(g.get(), 16, 16);
    CHECK(gp.r == doctest::Approx(128).epsilon(0.03));
    CHECK(gp.r == gp.g);
    CHECK(gp.g == gp.b);
    const auto p = render::detail::load_picture_for_print(progressive, 40, 20);
    CHECK(reddish(surface_pixel(p.get(), 20, 3)));
    CHECK(blueish(surface_pixel(p.get(), 20, 17)));
    // Cut short in its scans, a progressive JPEG is an error too.
    const std::string bytes = test_support::slurp(progressive);
    spit(dir / "cut.jpg", bytes.substr(0, bytes.size() - 40));
    CHECK(error_of((dir / "cut.jpg").string()) == "the JPEG data is truncated (libjpeg: Premature end of JPEG file)");
}
