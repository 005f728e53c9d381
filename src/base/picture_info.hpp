// A raster picture (PNG or JPEG, told apart by their first bytes, not the file name) as far as its header
// tells: format, stored size, EXIF orientation and the size it prints at once that orientation is applied.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/exif.hpp"
#include "base/jpeg_info.hpp"
#include "base/png_info.hpp"

namespace takehome {

enum class PictureFormat { png, jpeg };

struct PictureInfo {
    PictureFormat format = PictureFormat::png;
    std::uint32_t width = 0;   ///< pixels, as stored
    std::uint32_t height = 0;  ///< pixels, as stored
    int orientation = 0;       ///< EXIF orientation 1..8 (0: none, printed as stored)
    JpegInfo jpeg;             ///< the JPEG's header, when format is jpeg

    /// Pixels across and down once the EXIF orientation is applied: what the picture looks like printed.
    [[nodiscard]] std::uint32_t oriented_width() const { return orientation_swaps_sides(orientation) ? height : width; }
    [[nodiscard]] std::uint32_t oriented_height() const { return orientation_swaps_sides(orientation) ? width : height; }
    /// "PNG" or "JPEG", for messages.
    [[nodiscard]] const char* format_name() const { return format == PictureFormat::jpeg ? "JPEG" : "PNG"; }
};

/// True when the file at `path` starts with the PNG signature.
[[nodiscard]] bool starts_like_png(const std::string& path);

/// The header of the PNG or JPEG at `path` (decided by its first bytes), with the pixel budget checked: nothing,
/// with the reason in `why`, when it is neither, its header is damaged, or its size is 0 x 0 or over
/// kMaxImagePixels. No pixel is decoded.
[[nodiscard]] std::optional<PictureInfo> read_picture_info(const std::string& path, std::string& why);

}  // namespace takehome
