// Pictures within bounds (issue 11): the 40-megapixel budget read from the PNG header before decoding, bad
// PNGs (0 x 0, a header claiming 10^6 x 10^6, truncated, a bad CRC) refused with libpng's reason, the EXIF
// orientation honoured, and every PNG embedded at no more than 300 ppi at its placed size on both backends.
// JPEG pictures: test_jpeg_pictures.cpp.
#include <cairo.h>
#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <sstream>
#include <string>

#include "base/diagnostics.hpp"
#include "base/picture_info.hpp"
#include "display/display_list.hpp"
#include "layout/layout.hpp"
#include "render/haru_image.hpp"
#include "render/picture.hpp"
#include "render/render.hpp"
#include "support/test_support.hpp"

using namespace takehome;
using test_support::spit;
using test_support::TempDir;

namespace {

std::uint32_t crc32(const std::string& bytes) {
    std::uint32_t c = 0xFFFFFFFFu;
    for (unsigned char b : bytes) {
        c ^= b;
        for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return c ^ 0xFFFFFFFFu;
}

std::string be32(std::uint32_t v) {
    return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

/// One PNG chunk: length, type, data, CRC over type and data (PNG specification section 5.3).
std::string chunk(const std::string& type, const std::string& data) {
    return be32(static_cast<std::uint32_t>(data.size())) + type + data + be32(crc32(type + data));
}

const std::string kSignature = "\x89PNG\r\n\x1a\n";

std::string ihdr(std::uint32_t w, std::uint32_t h) {
    return chunk("IHDR", be32(w) + be32(h) + std::string("\x08\x06\x00\x00\x00", 5));  // 8-bit RGBA
}

/// A real w x h PNG (Cairo's encoder): a red left half, a blue right half.
std::string real_png(int w, int h) {
    cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    cairo_t* cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 0, 0);
    cairo_rectangle(cr, 0, 0, w / 2.0, h);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 1);
    cairo_rectangle(cr, w / 2.0, 0, w / 2.0, h);
    cairo_fill(cr);
    cairo_destroy(cr);
    std::string out;
    cairo_surface_write_to_png_stream(
        s,
        [](void* closure, const unsigned char* data, unsigned int length) {
            static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
            return CAIRO_STATUS_SUCCESS;
        },
        &out);
    cairo_surface_destroy(s);
    return out;
}

/// Byte offset of the first chunk of `type`.
std::size_t find_chunk(const std::string& png, const std::string& type) { return png.find(type) - 4; }

/// An eXIf chunk (big-endian TIFF, one IFD entry: Orientation = `o`), inserted after IHDR.
std::string with_orientation(const std::string& png, int o) {
    const std::string tiff = std::string("MM\x00\x2A", 4) + be32(8) + std::string("\x00\x01", 2) +
                             std::string("\x01\x12\x00\x03", 4) + be32(1) +
                             std::string{static_cast<char>(0), static_cast<char>(o), 0, 0} + be32(0);
    const std::size_t after_ihdr = 8 + 25;
    return png.substr(0, after_ihdr) + chunk("eXIf", tiff) + png.substr(after_ihdr);
}

std::string error_of(const std::string& path) { return layout::check_image(path).error.value_or(""); }

}  // namespace

TEST_CASE("pictures: a PNG header of 0 x 0 or over 40 megapixels is refused before decoding") {
    TempDir dir;
    spit(dir / "empty.png", kSignature + ihdr(0, 0) + chunk("IDAT", "x") + chunk("IEND", ""));
    CHECK(error_of((dir / "empty.png").string()) == "the PNG has no pixels (0 x 0)");

    // 10^6 x 10^6 would be 4 TB decoded; the answer comes from the 41-byte header, at once.
    spit(dir / "huge.png", kSignature + ihdr(1'000'000, 1'000'000) + chunk("IDAT", std::string(100, 'x')) +
                               chunk("IEND", ""));
    const auto t0 = std::chrono::steady_clock::now();
    CHECK(error_of((dir / "huge.png").string()) ==
          "the PNG is 1000000 x 1000000 pixels (1000000 megapixels); at most 40 megapixels can be used: save it "
          "smaller (3000 pixels on the long side is plenty for print)");
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(200));

    // 20,000 x 20,000 (the 1.2 MB logo): the renderers refuse it from the header too, naming the file.
    spit(dir / "logo.png", kSignature + ihdr(20000, 20000) + chunk("IDAT", "x") + chunk("IEND", ""));
    const std::string logo = (dir / "logo.png").string();
    CHECK(error_of(logo).rfind("the PNG is 20000 x 20000 pixels (400 megapixels); at most 40", 0) == 0);
    try {
        (void)render::detail::load_png_for_print(logo, 100, 100);
        FAIL("a 400-megapixel PNG was decoded");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()).find("cannot read image '" + logo + "': the PNG is 20000 x 20000 pixels") !=
              std::string::npos);
    }
    CHECK_THROWS_AS((void)render::haru::load_flattened_image(logo, 100, 100), InputError);

    // Just within the budget: 8000 x 5000 is 40 megapixels exactly.
    PngInfo at_limit;
    at_limit.width = 8000;
    at_limit.height = 5000;
    CHECK(png_size_problem(at_limit).empty());
    at_limit.height = 5001;
    CHECK_FALSE(png_size_problem(at_limit).empty());
}

TEST_CASE("pictures: a truncated PNG and a bad CRC are errors with libpng's reason") {
    TempDir dir;
    const std::string good = real_png(64, 48);
    spit(dir / "good.png", good);
    CHECK(layout::check_image((dir / "good.png").string()).error == std::nullopt);
    CHECK(layout::check_image((dir / "good.png").string()).warning == std::nullopt);

    const std::size_t idat = find_chunk(good, "IDAT");
    spit(dir / "cut.png", good.substr(0, idat + 8 + 10));  // cut 10 bytes into the image data
    CHECK(error_of((dir / "cut.png").string()) ==
          "the PNG data is truncated (the file ends before the image is complete)");

    std::string bad = good;
    const std::size_t idat_crc = idat + 8 + (static_cast<std::size_t>(static_cast<unsigned char>(good[idat]) << 24 |
                                                                      static_cast<unsigned char>(good[idat + 1]) << 16 |
                                                                      static_cast<unsigned char>(good[idat + 2]) << 8 |
                                                                      static_cast<unsigned char>(good[idat + 3])));
    bad[idat_crc] = static_cast<char>(bad[idat_crc] ^ 0x55);  // IDAT's stored CRC no longer matches its data
    spit(dir / "crc.png", bad);
    CHECK(error_of((dir / "crc.png").string()) == "the PNG data is damaged (libpng: IDAT: CRC error)");

    spit(dir / "text.png", "not a picture at all");
    CHECK(error_of((dir / "text.png").string()) == "not a PNG file (the PNG signature is missing)");
    spit(dir / "short.png", kSignature + "\x00\x00");
    CHECK(error_of((dir / "short.png").string()) ==
          "the PNG data ends before its header is complete (the file is truncated)");
}

TEST_CASE("pictures: an EXIF orientation in a PNG (eXIf chunk) is read with libexif and honoured, not warned about") {
    TempDir dir;
    const std::string good = real_png(40, 20);
    spit(dir / "turned.png", with_orientation(good, 6));
    spit(dir / "upright.png", with_orientation(good, 1));
    std::string why;
    const auto info = read_png_info((dir / "turned.png").string(), why);
    REQUIRE(info);
    CHECK(info->width == 40);
    CHECK(info->height == 20);
    CHECK(info->exif_orientation == 6);
    const auto turned = layout::check_image((dir / "turned.png").string());
    CHECK(turned.error == std::nullopt);
    CHECK(turned.warning == std::nullopt);  // it prints turned (below), so there is nothing to warn about
    CHECK(layout::check_image((dir / "upright.png").string()).warning == std::nullopt);
    CHECK(exif_orientation_words(3) == "turned upside down");
    // The oriented size is what layout places: 20 x 40.
    const auto oriented = read_picture_info((dir / "turned.png").string(), why);
    REQUIRE(oriented);
    CHECK(oriented->oriented_width() == 20);
    CHECK(oriented->oriented_height() == 40);
}

TEST_CASE("pictures: a PNG finer than 300 ppi where it is placed is downsampled, on both backends") {
    // 3000 x 1500 pixels placed at 72 x 36 pt (1 x 0.5 inch) would be 3,000 ppi: it is embedded 300 x 150.
    CHECK(render::detail::print_pixel_size(3000, 1500, 72, 36) == std::pair{300, 150});
    CHECK(render::detail::print_pixel_size(200, 100, 72, 36) == std::pair{200, 100});  // coarser: kept as it is
    CHECK(render::detail::print_pixel_size(3000, 1500, 0.1, 0.05) == std::pair{1, 1});
    TempDir dir;
    const std::string path = (dir / "fine.png").string();
    spit(path, real_png(3000, 1500));
    const auto surface = render::detail::load_png_for_print(path, 72, 36);
    CHECK(cairo_image_surface_get_width(surface.get()) == 300);
    CHECK(cairo_image_surface_get_height(surface.get()) == 150);
    // The halves keep their colours (a box filter, not a blur across the picture).
    cairo_surface_flush(surface.get());
    const auto* px = reinterpret_cast<const std::uint32_t*>(cairo_image_surface_get_data(surface.get()));
    CHECK(px[75 * 300 + 10] == 0xFFFF0000u);
    CHECK(px[75 * 300 + 290] == 0xFF0000FFu);
    const auto rgb = render::haru::load_flattened_image(path, 72, 36);
    CHECK(rgb.width == 300);
    CHECK(rgb.height == 150);

    // Both PDFs, the picture placed twice at two sizes: each embedded at <= 300 ppi (pdfimages -list).
    display::DisplayList list;
    list.meta.title = "Pictures";
    list.meta.language = "en-GB";
    list.meta.creation_date = "2026-12-01";
    display::Page page;
    page.items.push_back(display::Image{path, 56, 56, 144, 72, "two halves"});
    page.items.push_back(display::Image{path, 56, 200, 72, 36, "two halves, small"});
    list.pages.push_back(page);
    for (const auto& [name, pdf] : {std::pair{std::string("cairo"), render::render_pdf_cairo_plain(list)},
                                    std::pair{std::string("haru"), render::render_pdf_haru(list)}}) {
        CAPTURE(name);
        spit(dir / (name + ".pdf"), pdf);
        const auto r = test_support::run("pdfimages -list " + test_support::quote((dir / (name + ".pdf")).string()));
        REQUIRE(r.status == 0);
        std::istringstream lines(r.out);
        std::string line;
        int images = 0;
        while (std::getline(lines, line)) {
            std::istringstream f(line);
            std::string pg, num, type;
            int w = 0, h = 0;
            if (!(f >> pg >> num >> type >> w >> h) || type != "image") continue;
            ++images;
            CHECK(((w == 600 && h == 300) || (w == 300 && h == 150)));
        }
        CHECK(images == 2);
    }
}
