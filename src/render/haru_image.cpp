// PNG, JPEG (render/picture.hpp) and SVG (librsvg + Cairo) decoding onto a white, opaque RGB24 surface for PDF/A-1b.
#include "render/haru_image.hpp"

#include <cairo.h>
#include <librsvg/rsvg.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <memory>

#include "base/diagnostics.hpp"
#include "render/picture.hpp"

namespace takehome::render::haru {
namespace {

using SurfacePtr = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
using ContextPtr = std::unique_ptr<cairo_t, decltype(&cairo_destroy)>;

std::string lower_extension(const std::string& path) {
    const auto dot = path.find_last_of('.');
    if (dot == std::string::npos || path.find('/', dot) != std::string::npos) return "";
    std::string ext = path.substr(dot + 1);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

/// A white RGB24 surface of w x h pixels with a context on it.
std::pair<SurfacePtr, ContextPtr> white_canvas(int w, int h) {
    SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h), &cairo_surface_destroy);
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        throw InternalError(std::string("cairo cannot create a ") + std::to_string(w) + "x" + std::to_string(h) +
                            " image surface: " + cairo_status_to_string(cairo_surface_status(surface.get())));
    ContextPtr cr(cairo_create(surface.get()), &cairo_destroy);
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    return {std::move(surface), std::move(cr)};
}

RgbImage to_rgb(cairo_surface_t* surface) {
    cairo_surface_flush(surface);
    RgbImage img;
    img.width = static_cast<unsigned>(cairo_image_surface_get_width(surface));
    img.height = static_cast<unsigned>(cairo_image_surface_get_height(surface));
    const int stride = cairo_image_surface_get_stride(surface);
    const unsigned char* data = cairo_image_surface_get_data(surface);
    img.rgb.resize(static_cast<std::size_t>(img.width) * img.height * 3);
    std::size_t o = 0;
    for (unsigned y = 0; y < img.height; ++y) {
        const auto* row = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::size_t>(y) * stride);
        for (unsigned x = 0; x < img.width; ++x) {
            const std::uint32_t px = row[x];  // xRGB in native endianness (Cairo RGB24)
            img.rgb[o++] = static_cast<std::uint8_t>((px >> 16) & 0xFF);
            img.rgb[o++] = static_cast<std::uint8_t>((px >> 8) & 0xFF);
            img.rgb[o++] = static_cast<std::uint8_t>(px & 0xFF);
        }
    }
    return img;
}

RgbImage load_raster(const std::string& path, double box_w_pt, double box_h_pt) {
    // Pixel budget from the header, then decoded, turned by its EXIF orientation and downsampled to at most
    // 300 ppi at the placed size, exactly as the Cairo copy is (picture.hpp), so both copies look the same and
    // neither embeds a 50,000 ppi logo.
    const detail::SurfacePtr png = detail::load_picture_for_print(path, box_w_pt, box_h_pt);
    const int w = cairo_image_surface_get_width(png.get());
    const int h = cairo_image_surface_get_height(png.get());
    auto [canvas, cr] = white_canvas(w, h);
    cairo_set_source_surface(cr.get(), png.get(), 0, 0);
    cairo_paint(cr.get());  // alpha composited over white
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS)
        throw InternalError(std::string("cairo failed to flatten image '") + path + "': " + cairo_status_to_string(cairo_status(cr.get())));
    return to_rgb(canvas.get());
}

RgbImage load_svg(const std::string& path, double box_w_pt, double box_h_pt) {
    GError* err = nullptr;
    std::unique_ptr<RsvgHandle, decltype(&g_object_unref)> handle(rsvg_handle_new_from_file(path.c_str(), &err), &g_object_unref);
    if (!handle) {
        std::string why = err != nullptr ? err->message : "unknown reason";
        if (err != nullptr) g_error_free(err);
        throw InputError(SourcePos{path, 0, 0}, "cannot read svg image: " + why);
    }
    const int w = std::max(1, static_cast<int>(std::ceil(box_w_pt / 72.0 * svg_raster_dpi)));
    const int h = std::max(1, static_cast<int>(std::ceil(box_h_pt / 72.0 * svg_raster_dpi)));
    auto [canvas, cr] = white_canvas(w, h);
    const RsvgRectangle viewport{0, 0, static_cast<double>(w), static_cast<double>(h)};
    if (!rsvg_handle_render_document(handle.get(), cr.get(), &viewport, &err)) {
        std::string why = err != nullptr ? err->message : "unknown reason";
        if (err != nullptr) g_error_free(err);
        throw InputError(SourcePos{path, 0, 0}, "cannot render svg image: " + why);
    }
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS)
        throw InternalError(std::string("cairo failed to rasterise svg image '") + path + "': " + cairo_status_to_string(cairo_status(cr.get())));
    return to_rgb(canvas.get());
}

}  // namespace

RgbImage load_flattened_image(const std::string& path, double box_w_pt, double box_h_pt) {
    const std::string ext = lower_extension(path);
    if (starts_like_png(path) || starts_like_jpeg(path)) return load_raster(path, box_w_pt, box_h_pt);
    if (ext == "png" || ext == "jpg" || ext == "jpeg") return load_raster(path, box_w_pt, box_h_pt);  // its reason
    if (ext == "svg") return load_svg(path, box_w_pt, box_h_pt);
    throw InputError(SourcePos{path, 0, 0}, "unsupported image format: expected .png, .jpg or .svg, found '." + ext + "'");
}

}  // namespace takehome::render::haru
