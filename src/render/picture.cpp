#include "render/picture.hpp"

#include <algorithm>
#include <cmath>

#include "base/diagnostics.hpp"
#include "base/png_info.hpp"

namespace takehome::render::detail {

namespace {

[[noreturn]] void picture_error(const std::string& path, const std::string& reason) {
    throw InputError(SourcePos{path, 0, 0}, "cannot read image '" + path + "': " + reason);
}

}  // namespace

std::pair<int, int> print_pixel_size(int iw, int ih, double w_pt, double h_pt) {
    const auto side = [](int own, double pt) {
        const double finest = std::ceil(std::max(pt, 0.0) / 72.0 * kMaxPicturePpi);  // 72 pt per inch
        return std::max(1, static_cast<int>(std::min<double>(own, finest)));
    };
    return {side(iw, w_pt), side(ih, h_pt)};
}

std::string png_print_key(const std::string& path, double w_pt, double h_pt) {
    std::string why;
    const auto info = read_png_info(path, why);
    if (!info || !png_size_problem(*info).empty()) return path;
    const auto [w, h] = print_pixel_size(static_cast<int>(info->width), static_cast<int>(info->height), w_pt, h_pt);
    return path + "#" + std::to_string(w) + "x" + std::to_string(h);
}

SurfacePtr load_png_for_print(const std::string& path, double w_pt, double h_pt) {
    std::string why;
    const auto info = read_png_info(path, why);
    if (!info) picture_error(path, why);
    if (const std::string size = png_size_problem(*info); !size.empty()) picture_error(path, size);
    SurfacePtr full(cairo_image_surface_create_from_png(path.c_str()));
    const cairo_status_t st = cairo_surface_status(full.get());
    if (st == CAIRO_STATUS_READ_ERROR) picture_error(path, "the PNG data is truncated or damaged");
    if (st != CAIRO_STATUS_SUCCESS) picture_error(path, std::string("the PNG cannot be decoded (") + cairo_status_to_string(st) + ")");
    const int iw = cairo_image_surface_get_width(full.get()), ih = cairo_image_surface_get_height(full.get());
    if (iw <= 0 || ih <= 0) picture_error(path, "the PNG has no pixels");
    const auto [nw, nh] = print_pixel_size(iw, ih, w_pt, h_pt);
    if (nw == iw && nh == ih) return full;
    SurfacePtr small(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, nw, nh));
    check_surface(small.get(), "downsampled image '" + path + "'");
    {
        ContextPtr cr(cairo_create(small.get()));
        cairo_scale(cr.get(), static_cast<double>(nw) / iw, static_cast<double>(nh) / ih);
        cairo_set_source_surface(cr.get(), full.get(), 0, 0);
        cairo_pattern_set_filter(cairo_get_source(cr.get()), CAIRO_FILTER_GOOD);
        cairo_pattern_set_extend(cairo_get_source(cr.get()), CAIRO_EXTEND_PAD);  // no dark fringe at the edges
        cairo_set_operator(cr.get(), CAIRO_OPERATOR_SOURCE);
        cairo_paint(cr.get());
        check_cairo(cr.get(), "downsampling image '" + path + "'");
    }
    cairo_surface_flush(small.get());
    return small;
}

}  // namespace takehome::render::detail
