// Decoding a picture before layout, so a bad one is reported at the input line that names it.
#include <cairo.h>
#include <librsvg/rsvg.h>
#include <png.h>

#include <algorithm>
#include <cctype>
#include <csetjmp>
#include <cstdio>
#include <memory>
#include <vector>

#include <sys/stat.h>

#include "base/picture_info.hpp"
#include "layout/fonts.hpp"
#include "layout/layout.hpp"

namespace takehome::layout {

namespace {

/// libpng's state for one check: the file, and libpng's own words for the first error.
struct PngCheck {
    std::FILE* file = nullptr;
    std::string error;
    bool truncated = false;
};

void on_png_error(png_structp png, png_const_charp message) {
    auto* check = static_cast<PngCheck*>(png_get_error_ptr(png));
    if (check->error.empty()) check->error = message != nullptr ? message : "unknown error";
    png_longjmp(png, 1);
}

void on_png_warning(png_structp, png_const_charp) {}  // ancillary-chunk problems: libpng skips the chunk

void on_png_read(png_structp png, png_bytep data, png_size_t length) {
    auto* check = static_cast<PngCheck*>(png_get_io_ptr(png));
    if (std::fread(data, 1, length, check->file) != length) {
        check->truncated = true;
        png_error(png, "the file ends before the image data is complete");
    }
}

/// Decodes every row of the PNG with libpng, one row at a time (memory: one row, never the whole image),
/// through png_read_end, so a bad CRC or a cut-off file anywhere is found. "" when it decodes.
std::string decode_png_rows(const std::string& path) {
    PngCheck check;
    std::unique_ptr<std::FILE, decltype(&std::fclose)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!file) return "the file cannot be read";
    check.file = file.get();
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &check, on_png_error, on_png_warning);
    if (png == nullptr) return "libpng cannot start (out of memory)";
    png_infop info = png_create_info_struct(png);
    std::vector<png_byte> row;
    // Nothing with a destructor may be created between setjmp and the end of the decoding.
    if (setjmp(png_jmpbuf(png)) == 0) {
        png_set_read_fn(png, &check, on_png_read);
        png_set_user_limits(png, 1'000'000, 1'000'000);
        if (info == nullptr) png_error(png, "out of memory");
        png_read_info(png, info);
        const int passes = png_set_interlace_handling(png);
        png_read_update_info(png, info);
        row.resize(png_get_rowbytes(png, info));
        const png_uint_32 height = png_get_image_height(png, info);
        for (int pass = 0; pass < passes; ++pass) {
            for (png_uint_32 y = 0; y < height; ++y) png_read_row(png, row.data(), nullptr);
        }
        png_read_end(png, nullptr);
    }
    png_destroy_read_struct(&png, info != nullptr ? &info : nullptr, nullptr);
    if (check.truncated) return "the PNG data is truncated (the file ends before the image is complete)";
    if (!check.error.empty()) return "the PNG data is damaged (libpng: " + check.error + ")";
    return "";
}

bool is_svg_path(const std::string& path) {
    std::string lower = path;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    return lower.size() > 4 && lower.compare(lower.size() - 4, 4, ".svg") == 0;
}

}  // namespace

namespace detail {

std::pair<long long, long long> file_identity(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return {0, -1};
    return {static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec,
            static_cast<long long>(st.st_size)};
}

std::optional<std::pair<double, double>> svg_size(const std::string& path, std::string& why) {
    GError* error = nullptr;
    RsvgHandle* handle = rsvg_handle_new_from_file(path.c_str(), &error);
    if (handle == nullptr) {
        why = error != nullptr ? error->message : "not a readable SVG file";
        if (error != nullptr) g_error_free(error);
        return std::nullopt;
    }
    double w = 0, h = 0;
    if (!rsvg_handle_get_intrinsic_size_in_pixels(handle, &w, &h) || w <= 0 || h <= 0) {
        gboolean has_w = FALSE, has_h = FALSE, has_box = FALSE;
        RsvgLength lw, lh;
        RsvgRectangle box;
        rsvg_handle_get_intrinsic_dimensions(handle, &has_w, &lw, &has_h, &lh, &has_box, &box);
        w = h = 0;
        if (has_box && box.width > 0 && box.height > 0) {
            w = box.width;
            h = box.height;
        }
    }
    g_object_unref(handle);
    return std::pair<double, double>{w, h};
}

}  // namespace detail

namespace {

/// check_image; for an SVG also its intrinsic size (px) in `svg`, from the same parse.
ImageCheck check_image_sized(const std::string& path, std::pair<double, double>* svg) {
    ImageCheck out;
    std::string lower = path;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (is_svg_path(path)) {
        std::string why;
        const auto size = detail::svg_size(path, why);
        if (!size) out.error = why;
        else if (svg != nullptr) *svg = *size;
        return out;
    }
    // The header first: its size is checked against the pixel budget before a single row is decoded.
    std::string why;
    const bool jpeg = starts_like_jpeg(path) ||
                      (!starts_like_png(path) && (lower.ends_with(".jpg") || lower.ends_with(".jpeg")));
    if (jpeg) {
        if (!read_jpeg_info(path, why)) {  // the size checked against the budget too
            out.error = why;
            return out;
        }
        // Every row, one at a time, with any libjpeg warning (a cut-off file, corrupt data) as the error. At 1/8
        // scale: libjpeg still reads every coefficient of the file (so damage anywhere is found), but computes an
        // eighth of the pixels on a side (a 35-megapixel photo checks in a fraction of the time).
        if (std::string bad = decode_jpeg(path, 8, {}, {}); !bad.empty()) out.error = std::move(bad);
        return out;
    }
    const auto info = read_png_info(path, why);
    if (!info) {
        out.error = why;
        return out;
    }
    if (std::string size = png_size_problem(*info); !size.empty()) {
        out.error = std::move(size);
        return out;
    }
    if (std::string bad = decode_png_rows(path); !bad.empty()) {
        out.error = std::move(bad);
        return out;
    }
    return out;  // an EXIF orientation is honoured when it is drawn (render/picture.hpp)
}

}  // namespace

ImageCheck check_image(const std::string& path) { return check_image_sized(path, nullptr); }

std::optional<std::string> probe_image(const std::string& path) { return check_image(path).error; }

ImageCheck Typesetter::check_picture(const std::string& path) {
    const auto [mtime_ns, file_size] = detail::file_identity(path);
    auto& checks = fonts_->picture_checks;
    if (auto it = checks.find(path);
        file_size >= 0 && it != checks.end() && it->second.mtime_ns == mtime_ns && it->second.file_size == file_size) {
        return it->second.check;
    }
    std::pair<double, double> svg{0, 0};
    ImageCheck check = check_image_sized(path, &svg);
    if (file_size < 0) return check;  // gone or unreadable: nothing to remember it by
    checks[path] = detail::CheckedPicture{check, mtime_ns, file_size};
    if (!check.error && svg.first > 0 && svg.second > 0) {
        fonts_->picture_sizes[path] = detail::PictureSize{svg.first, svg.second, mtime_ns, file_size};
    }
    return check;
}

}  // namespace takehome::layout
