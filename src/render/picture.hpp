// Internal to the render stage: raster pictures (PNG, JPEG) prepared for print on both backends (Cairo and
// libharu): within a pixel budget, turned the way their EXIF orientation says, at no more than print
// resolution, and a JPEG that needs none of that passed through as it is.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "base/picture_info.hpp"
#include "render/cairo_painter.hpp"

namespace takehome::render::detail {

/// The finest a picture is embedded: 300 pixels per inch at its placed size, offset-print resolution (a
/// handout printed at home or at the clinic shows no more). A 4,000 x 12,000 picture placed 60 mm wide was
/// embedded at 1,478 ppi (3.6 MB Cairo, 5.7 MB libharu; issue 11).
inline constexpr double kMaxPicturePpi = 300;

/// The pixel size at which a picture of `iw` x `ih` pixels placed at `w_pt` x `h_pt` points is embedded: its
/// own, or fewer pixels on a side that would be finer than kMaxPicturePpi (each side rounded up, at least 1).
[[nodiscard]] std::pair<int, int> print_pixel_size(int iw, int ih, double w_pt, double h_pt);

/// The cache key of a PNG or JPEG placed at `w_pt` x `h_pt`: "PATH#WxH" with the pixel size print_pixel_size
/// gives for its oriented size (read from the header), so placements that embed the same pixels share one
/// image (a logo on every page, a picture drawn twice at sizes both coarser than 300 ppi); just `path` when the
/// header cannot be read.
[[nodiscard]] std::string picture_print_key(const std::string& path, double w_pt, double h_pt);

/// The bytes of the JPEG at `path` when it can be embedded unchanged (DCTDecode) at `w_pt` x `h_pt`: a
/// baseline 8-bit YCbCr/RGB JPEG (3 components; CMYK is always converted, grey widened to RGB for PDF/A) with
/// no EXIF turn (orientation 0 or 1) that is no finer than kMaxPicturePpi there. Nothing otherwise.
[[nodiscard]] std::optional<std::string> jpeg_pass_through(const std::string& path, double w_pt, double h_pt);

/// The PNG or JPEG at `path` as an ARGB32 surface for a placement of `w_pt` x `h_pt` points, as it prints: its
/// header is read first and a picture of 0 x 0 or over kMaxImagePixels (40 megapixels) is refused before
/// decoding; its EXIF orientation is applied (the surface has the oriented size); a picture finer than
/// kMaxPicturePpi is downsampled (a JPEG first by libjpeg's DCT scaling, then Cairo's GOOD filter, a box
/// filter when shrinking) and the full-size pixels are freed. A JPEG that jpeg_pass_through accepts carries its
/// file as CAIRO_MIME_TYPE_JPEG (with CAIRO_MIME_TYPE_UNIQUE_ID = picture_print_key), so Cairo's PDF embeds it
/// unchanged (`unique_id` in place of the key when given). Throws InputError "cannot read image 'PATH': reason"
/// when it cannot be used.
[[nodiscard]] SurfacePtr load_picture_for_print(const std::string& path, double w_pt, double h_pt,
                                                const std::string& unique_id = "");

/// load_picture_for_print for a PNG (kept name: a PNG is read the same way).
[[nodiscard]] inline SurfacePtr load_png_for_print(const std::string& path, double w_pt, double h_pt) {
    return load_picture_for_print(path, w_pt, h_pt);
}

}  // namespace takehome::render::detail
