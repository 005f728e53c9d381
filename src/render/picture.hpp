// Internal to the render stage: PNG pictures decoded for print on both backends (Cairo and libharu), within a
// pixel budget and at no more than print resolution.
#pragma once

#include <string>
#include <utility>

#include "render/cairo_painter.hpp"

namespace takehome::render::detail {

/// The finest a picture is embedded: 300 pixels per inch at its placed size, offset-print resolution (a
/// handout printed at home or at the clinic shows no more). A 4,000 x 12,000 picture placed 60 mm wide was
/// embedded at 1,478 ppi (3.6 MB Cairo, 5.7 MB libharu; issue 11).
inline constexpr double kMaxPicturePpi = 300;

/// The pixel size at which a picture of `iw` x `ih` pixels placed at `w_pt` x `h_pt` points is embedded: its
/// own, or fewer pixels on a side that would be finer than kMaxPicturePpi (each side rounded up, at least 1).
[[nodiscard]] std::pair<int, int> print_pixel_size(int iw, int ih, double w_pt, double h_pt);

/// The cache key of a PNG placed at `w_pt` x `h_pt`: "PATH#WxH" with the pixel size print_pixel_size gives
/// (read from the header), so placements that embed the same pixels share one image (a logo on every page,
/// a picture drawn twice at sizes both coarser than 300 ppi); just `path` when the header cannot be read.
[[nodiscard]] std::string png_print_key(const std::string& path, double w_pt, double h_pt);

/// The PNG at `path` as an ARGB32 surface for a placement of `w_pt` x `h_pt` points: its header is read first
/// and a picture of 0 x 0 or over kMaxImagePixels (40 megapixels) is refused before decoding; a picture finer
/// than kMaxPicturePpi is downsampled (Cairo's GOOD filter, a box filter when shrinking) and the full-size
/// pixels are freed. Throws InputError "cannot read image 'PATH': reason" when it cannot be used.
[[nodiscard]] SurfacePtr load_png_for_print(const std::string& path, double w_pt, double h_pt);

}  // namespace takehome::render::detail
