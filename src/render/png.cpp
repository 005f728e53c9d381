// PNG previews: one ARGB32 image per page on a white background, each written through a temporary file + rename.
#include <cairo.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "render/cairo_painter.hpp"
#include "render/render.hpp"

namespace takehome::render {

namespace {

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
    try {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
    } catch (...) {
        return CAIRO_STATUS_NO_MEMORY;
    }
}

[[noreturn]] void write_error(const std::string& path, const std::string& reason) {
    throw InputError(SourcePos{path, 0, 0}, "cannot write preview '" + path + "': " + reason);
}

/// Writes `bytes` to `dir/.NAME.tmp`, fsyncs, and renames it to `dir/NAME`. Throws InputError (naming the
/// file) when the folder is not writable or the disk is full; no temporary file is left behind.
void write_via_temp(const std::string& dir, const std::string& name, const std::string& bytes) {
    const std::string path = dir + "/" + name;
    const std::string tmp = dir + "/." + name + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) write_error(path, std::strerror(errno));
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            const std::string why = std::strerror(errno);
            ::close(fd);
            ::unlink(tmp.c_str());
            write_error(path, why);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const std::string why = std::strerror(errno);
        ::unlink(tmp.c_str());
        write_error(path, why);
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        ::unlink(tmp.c_str());
        write_error(path, why);
    }
}

}  // namespace

std::vector<std::string> render_png_pages(const display::DisplayList& list, const std::string& dir,
                                          const std::string& stem, double dpi) {
    if (!(dpi > 0) || dpi > 2400) throw InternalError("render: preview resolution must be 1..2400 dpi");
    const double scale = dpi / 72.0;  // display-list units are PostScript points, 72 per inch
    detail::Painter painter(/*pdf_features=*/false);
    std::vector<std::string> written;
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
        const cairo_status_t st = cairo_surface_write_to_png_stream(surface.get(), append_to_string, &png);
        if (st != CAIRO_STATUS_SUCCESS) {
            throw InternalError(std::string("cairo: encoding preview page ") + std::to_string(i + 1) + ": " +
                                cairo_status_to_string(st));
        }
        const std::string name = stem + "-" + std::to_string(i + 1) + ".png";
        write_via_temp(dir, name, png);
        written.push_back(dir + "/" + name);
    }
    painter.check_tags_closed();
    return written;
}

}  // namespace takehome::render
