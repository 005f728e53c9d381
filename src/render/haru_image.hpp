// Images for the libharu backend: PNG, JPEG and SVG flattened onto white as 8-bit RGB (PDF/A-1 forbids SMasks).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace takehome::render::haru {

/// Opaque 8-bit RGB pixels, rows top to bottom, 3 bytes per pixel, no padding.
struct RgbImage {
    unsigned width = 0, height = 0;  ///< pixels
    std::vector<std::uint8_t> rgb;
};

/// Resolution at which SVG images are rasterised for the archival copy (dots per inch; print quality).
inline constexpr double svg_raster_dpi = 300;

/// Decodes `path` (PNG or JPEG, by its first bytes: turned by its EXIF orientation, at its own pixel size or
/// downsampled to 300 ppi for a box of `box_w_pt` x `box_h_pt` points when finer, after the 40-megapixel budget
/// is checked from its header: render/picture.hpp; SVG rasterised for the box at svg_raster_dpi) and composites
/// it over white, so no transparency remains. Throws InputError positioned at `path` when the file cannot be
/// read or decoded or the format is none of PNG/JPEG/SVG, InternalError when Cairo fails.
[[nodiscard]] RgbImage load_flattened_image(const std::string& path, double box_w_pt, double box_h_pt);

}  // namespace takehome::render::haru
