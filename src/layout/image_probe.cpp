// Decoding a picture before layout, so a bad one is reported at the input line that names it.
#include <cairo.h>
#include <librsvg/rsvg.h>

#include <algorithm>
#include <cctype>

#include "layout/layout.hpp"

namespace takehome::layout {

std::optional<std::string> probe_image(const std::string& path) {
    std::string lower = path;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lower.size() > 4 && lower.compare(lower.size() - 4, 4, ".svg") == 0) {
        GError* error = nullptr;
        RsvgHandle* handle = rsvg_handle_new_from_file(path.c_str(), &error);
        if (handle == nullptr) {
            std::string why = error != nullptr ? error->message : "not a readable SVG file";
            if (error != nullptr) g_error_free(error);
            return why;
        }
        g_object_unref(handle);
        return std::nullopt;
    }
    // The whole PNG is decoded (as the backends will), so a truncated file or a bad CRC is found here.
    cairo_surface_t* surface = cairo_image_surface_create_from_png(path.c_str());
    const cairo_status_t st = cairo_surface_status(surface);
    const bool empty = st == CAIRO_STATUS_SUCCESS &&
                       (cairo_image_surface_get_width(surface) <= 0 || cairo_image_surface_get_height(surface) <= 0);
    cairo_surface_destroy(surface);
    if (st == CAIRO_STATUS_READ_ERROR) return std::string("the PNG data is truncated or damaged");
    if (st == CAIRO_STATUS_NO_MEMORY) return std::string("the PNG is too large to decode");
    if (st != CAIRO_STATUS_SUCCESS) return std::string("not a PNG file (") + cairo_status_to_string(st) + ")";
    if (empty) return std::string("the PNG has no pixels");
    return std::nullopt;
}

}  // namespace takehome::layout
