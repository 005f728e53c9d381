// PNG previews: one ARGB32 image per page on a white background, returned as PNG bytes (deliver writes them).
#include <cairo.h>
#include <png.h>

#include <csetjmp>
#include <cstdint>

#include <cmath>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "render/cairo_painter.hpp"
#include "render/render.hpp"

namespace takehome::render {

namespace detail {

namespace {

void png_append(png_structp png, png_bytep data, png_size_t length) {
    auto* out = static_cast<std::string*>(png_get_io_ptr(png));
    try {
        out->append(reinterpret_cast<const char*>(data), length);
    } catch (...) {
        png_error(png, "out of memory");
    }
}

void png_flush(png_structp) {}

/// libpng's error message, kept for the InternalError (libpng then longjmps back to encode_png).
void png_fail(png_structp png, png_const_charp message) {
    auto* why = static_cast<std::string*>(png_get_error_ptr(png));
    if (why) *why = message ? message : "unknown libpng error";
    png_longjmp(png, 1);
}

void png_warn(png_structp, png_const_charp) {}

}  // namespace

std::string encode_png(cairo_surface_t* surface) {
    const cairo_format_t format = cairo_image_surface_get_format(surface);
    if (format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24) {
        throw InternalError("render: a preview must be an ARGB32 or RGB24 image surface");
    }
    cairo_surface_flush(surface);
    const int w = cairo_image_surface_get_width(surface);
    const int h = cairo_image_surface_get_height(surface);
    const int stride = cairo_image_surface_get_stride(surface);
    const unsigned char* data = cairo_image_surface_get_data(surface);
    if (data == nullptr || w <= 0 || h <= 0) throw InternalError("render: empty preview surface");
    // Everything the error path touches is made before setjmp and not changed after it.
    std::string out;
    std::string why;
    std::vector<unsigned char> row(static_cast<std::size_t>(w) * 3);
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &why, png_fail, png_warn);
    if (png == nullptr) throw InternalError("libpng: cannot create a writer");
    png_infop info = png_create_info_struct(png);
    if (info == nullptr) {
        png_destroy_write_struct(&png, nullptr);
        throw InternalError("libpng: cannot create a writer");
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        throw InternalError("libpng: encoding a preview: " + why);
    }
    png_set_write_fn(png, &out, png_append, png_flush);
    png_set_compression_level(png, 1);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_set_IHDR(png, info, static_cast<png_uint_32>(w), static_cast<png_uint_32>(h), 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
    png_write_info(png, info);
    for (int y = 0; y < h; ++y) {
        const auto* px = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
        for (int x = 0; x < w; ++x) {
            const std::uint32_t p = px[x];  // native-endian 0xAARRGGBB; premultiplied, and alpha is 255 here
            if (format == CAIRO_FORMAT_ARGB32 && (p >> 24) != 0xFF) png_error(png, "the preview is not opaque");
            row[static_cast<std::size_t>(x) * 3] = static_cast<unsigned char>(p >> 16);
            row[static_cast<std::size_t>(x) * 3 + 1] = static_cast<unsigned char>(p >> 8);
            row[static_cast<std::size_t>(x) * 3 + 2] = static_cast<unsigned char>(p);
        }
        png_write_row(png, row.data());
    }
    png_write_end(png, nullptr);
    png_destroy_write_struct(&png, &info);
    return out;
}

}  // namespace detail

std::vector<std::string> render_png_pages(const display::DisplayList& list, double dpi) {
    if (!(dpi > 0) || dpi > 2400) throw InternalError("render: preview resolution must be 1..2400 dpi");
    const double scale = dpi / 72.0;  // display-list units are PostScript points, 72 per inch
    detail::Painter painter(/*pdf_features=*/false);
    std::vector<std::string> pngs;
    for (std::size_t i = 0; i < list.pages.size(); ++i) {
        const auto& page = list.pages[i];
        const int w = static_cast<int>(std::lround(page.width * scale));
        const int h = static_cast<int>(std::lround(page.height * scale));
        detail::SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h));
        detail::check_surface(surface.get(), "preview page " + std::to_string(i + 1));
        std::string png;
        {
            detail::ContextPtr cr(cairo_create(surface.get()));
            cairo_set_source_rgb(cr.get(), 1, 1, 1);
            cairo_paint(cr.get());
            cairo_scale(cr.get(), scale, scale);
            painter.draw_page(cr.get(), page);
            detail::check_cairo(cr.get(), "preview page " + std::to_string(i + 1));
        }
        png = detail::encode_png(surface.get());
        pngs.push_back(std::move(png));
    }
    painter.check_tags_closed();
    return pngs;
}

}  // namespace takehome::render
