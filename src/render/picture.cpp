#include "render/picture.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <iterator>

#include "base/diagnostics.hpp"

namespace takehome::render::detail {

namespace {

[[noreturn]] void picture_error(const std::string& path, const std::string& reason) {
    throw InputError(SourcePos{path, 0, 0}, "cannot read image '" + path + "': " + reason);
}

PictureInfo header_or_throw(const std::string& path) {
    std::string why;
    auto info = read_picture_info(path, why);
    if (!info) picture_error(path, why);
    return *info;
}

/// The matrix taking stored pixel coordinates (u, v) of a w x h picture to where EXIF orientation `o` shows
/// them (EXIF 2.32, Table 4: 6 = the stored top row becomes the right-hand column, i.e. turned 90 degrees
/// clockwise).
cairo_matrix_t orientation_matrix(int o, double w, double h) {
    cairo_matrix_t m;
    switch (o) {
        case 2: cairo_matrix_init(&m, -1, 0, 0, 1, w, 0); break;    // X = w - u, Y = v
        case 3: cairo_matrix_init(&m, -1, 0, 0, -1, w, h); break;   // X = w - u, Y = h - v
        case 4: cairo_matrix_init(&m, 1, 0, 0, -1, 0, h); break;    // X = u, Y = h - v
        case 5: cairo_matrix_init(&m, 0, 1, 1, 0, 0, 0); break;     // X = v, Y = u
        case 6: cairo_matrix_init(&m, 0, 1, -1, 0, h, 0); break;    // X = h - v, Y = u
        case 7: cairo_matrix_init(&m, 0, -1, -1, 0, h, w); break;   // X = h - v, Y = w - u
        case 8: cairo_matrix_init(&m, 0, -1, 1, 0, 0, w); break;    // X = v, Y = w - u
        default: cairo_matrix_init_identity(&m); break;
    }
    return m;
}

/// The JPEG decoded at 1/`denom` into an opaque ARGB32 surface.
SurfacePtr decode_jpeg_surface(const std::string& path, int denom) {
    SurfacePtr surface;
    unsigned char* data = nullptr;
    int stride = 0;
    bool made = true;
    const std::string why = decode_jpeg(
        path, denom,
        [&](unsigned w, unsigned h) {
            surface.reset(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, static_cast<int>(w), static_cast<int>(h)));
            made = cairo_surface_status(surface.get()) == CAIRO_STATUS_SUCCESS;
            if (made) {
                cairo_surface_flush(surface.get());
                data = cairo_image_surface_get_data(surface.get());
                stride = cairo_image_surface_get_stride(surface.get());
            }
        },
        [&](unsigned y, const std::uint8_t* rgb) {
            if (data == nullptr) return;
            auto* out = reinterpret_cast<std::uint32_t*>(data + static_cast<std::size_t>(y) * static_cast<std::size_t>(stride));
            const int w = cairo_image_surface_get_width(surface.get());
            for (int x = 0; x < w; ++x) {
                out[x] = 0xFF000000u | (std::uint32_t{rgb[3 * x]} << 16) | (std::uint32_t{rgb[3 * x + 1]} << 8) | rgb[3 * x + 2];
            }
        });
    if (!why.empty()) picture_error(path, why);
    if (!made || !surface) check_surface(surface.get(), "decoded image '" + path + "'");
    cairo_surface_mark_dirty(surface.get());
    return surface;
}

/// The largest of libjpeg's DCT scalings 1/8, 1/4, 1/2 that still leaves at least `tw` x `th` pixels of a
/// `w` x `h` JPEG (libjpeg rounds each side up), else 1.
int dct_scale_for(unsigned w, unsigned h, int tw, int th) {
    for (int d : {8, 4, 2}) {
        const auto side = [d](unsigned s) { return static_cast<int>((s + static_cast<unsigned>(d) - 1) / static_cast<unsigned>(d)); };
        if (side(w) >= tw && side(h) >= th) return d;
    }
    return 1;
}

void free_string(void* s) { delete static_cast<std::string*>(s); }

/// Attaches `bytes` to `surface` as Cairo MIME data of `type` (Cairo owns the copy).
void attach_mime(cairo_surface_t* surface, const char* type, std::string bytes, const std::string& path) {
    auto* owned = new std::string(std::move(bytes));
    const cairo_status_t st = cairo_surface_set_mime_data(surface, type, reinterpret_cast<const unsigned char*>(owned->data()),
                                                          owned->size(), free_string, owned);
    if (st != CAIRO_STATUS_SUCCESS) {
        delete owned;
        throw InternalError("cairo cannot attach the JPEG data of '" + path + "': " + cairo_status_to_string(st));
    }
}

}  // namespace

std::pair<int, int> print_pixel_size(int iw, int ih, double w_pt, double h_pt) {
    const auto side = [](int own, double pt) {
        const double finest = std::ceil(std::max(pt, 0.0) / 72.0 * kMaxPicturePpi);  // 72 pt per inch
        return std::max(1, static_cast<int>(std::min<double>(own, finest)));
    };
    return {side(iw, w_pt), side(ih, h_pt)};
}

std::string picture_print_key(const std::string& path, double w_pt, double h_pt) {
    std::string why;
    const auto info = read_picture_info(path, why);
    if (!info) return path;
    const auto [w, h] = print_pixel_size(static_cast<int>(info->oriented_width()), static_cast<int>(info->oriented_height()), w_pt, h_pt);
    return path + "#" + std::to_string(w) + "x" + std::to_string(h);
}

std::optional<std::string> jpeg_pass_through(const std::string& path, double w_pt, double h_pt) {
    std::string why;
    const auto info = read_picture_info(path, why);
    if (!info || info->format != PictureFormat::jpeg || info->orientation > 1) return std::nullopt;
    if (info->jpeg.components != 3 || info->jpeg.cmyk || !info->jpeg.baseline) return std::nullopt;
    const int w = static_cast<int>(info->width), h = static_cast<int>(info->height);
    if (print_pixel_size(w, h, w_pt, h_pt) != std::pair{w, h}) return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.eof() && in.fail()) return std::nullopt;
    return bytes;
}

SurfacePtr load_picture_for_print(const std::string& path, double w_pt, double h_pt, const std::string& unique_id) {
    const PictureInfo info = header_or_throw(path);
    const int o = info.orientation;
    const bool turns = orientation_swaps_sides(o);
    const auto [nw, nh] = print_pixel_size(static_cast<int>(info.oriented_width()), static_cast<int>(info.oriented_height()), w_pt, h_pt);
    SurfacePtr full;
    if (info.format == PictureFormat::jpeg) {
        const int tw = turns ? nh : nw, th = turns ? nw : nh;  // the stored sides the printed ones come from
        full = decode_jpeg_surface(path, dct_scale_for(info.width, info.height, tw, th));
    } else {
        full.reset(cairo_image_surface_create_from_png(path.c_str()));
        const cairo_status_t st = cairo_surface_status(full.get());
        if (st == CAIRO_STATUS_READ_ERROR) picture_error(path, "the PNG data is truncated or damaged");
        if (st != CAIRO_STATUS_SUCCESS) picture_error(path, std::string("the PNG cannot be decoded (") + cairo_status_to_string(st) + ")");
    }
    const int iw = cairo_image_surface_get_width(full.get()), ih = cairo_image_surface_get_height(full.get());
    if (iw <= 0 || ih <= 0) picture_error(path, std::string("the ") + info.format_name() + " has no pixels");
    if (o <= 1 && nw == iw && nh == ih) {
        if (auto bytes = jpeg_pass_through(path, w_pt, h_pt)) {
            attach_mime(full.get(), CAIRO_MIME_TYPE_UNIQUE_ID, unique_id.empty() ? picture_print_key(path, w_pt, h_pt) : unique_id, path);
            attach_mime(full.get(), CAIRO_MIME_TYPE_JPEG, std::move(*bytes), path);
        }
        return full;
    }
    // Turned and scaled in one pass: device pixel (X, Y) of the nw x nh result shows stored pixel (u, v).
    const double ow = turns ? ih : iw, oh = turns ? iw : ih;  // the decoded picture's oriented sides
    SurfacePtr small(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, nw, nh));
    check_surface(small.get(), "downsampled image '" + path + "'");
    {
        ContextPtr cr(cairo_create(small.get()));
        cairo_scale(cr.get(), nw / ow, nh / oh);
        const cairo_matrix_t turn = orientation_matrix(o, iw, ih);
        cairo_transform(cr.get(), &turn);
        cairo_set_source_surface(cr.get(), full.get(), 0, 0);
        // Only turned: every pixel lands on a pixel, so take it as it is; shrunk: Cairo's box filter.
        const bool same_size = nw == static_cast<int>(ow) && nh == static_cast<int>(oh);
        cairo_pattern_set_filter(cairo_get_source(cr.get()), same_size ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_GOOD);
        cairo_pattern_set_extend(cairo_get_source(cr.get()), CAIRO_EXTEND_PAD);  // no dark fringe at the edges
        cairo_set_operator(cr.get(), CAIRO_OPERATOR_SOURCE);
        cairo_paint(cr.get());
        check_cairo(cr.get(), "downsampling image '" + path + "'");
    }
    cairo_surface_flush(small.get());
    return small;
}

}  // namespace takehome::render::detail
