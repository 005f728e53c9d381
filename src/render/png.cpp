// PNG previews: one ARGB32 image per page on a white background, returned as PNG bytes (deliver writes them).
#include <cairo.h>

#include <cmath>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "render/cairo_painter.hpp"
#include "render/render.hpp"

namespace takehome::render {

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
        cairo_surface_flush(surface.get());
        const cairo_status_t st = cairo_surface_write_to_png_stream(surface.get(), detail::append_to_string, &png);
        if (st != CAIRO_STATUS_SUCCESS) {
            throw InternalError(std::string("cairo: encoding preview page ") + std::to_string(i + 1) + ": " +
                                cairo_status_to_string(st));
        }
        pngs.push_back(std::move(png));
    }
    painter.check_tags_closed();
    return pngs;
}

}  // namespace takehome::render
