// What a PNG file says about itself before any pixel is decoded: its size from the IHDR chunk (read by hand,
// so a header claiming 10^6 x 10^6 pixels is refused without allocating anything) and the EXIF orientation of
// an eXIf chunk (libpng's png_get_eXIf_1, read with libexif). The pixel budget every picture shares.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace takehome {

/// The most pixels a picture (logo or exercise illustration) may have: 40 megapixels, e.g. 7,300 x 5,480, a
/// large phone photo. Decoded as 8-bit RGBA that is 160 MB, which keeps a render's peak memory under the
/// error contract's "few hundred megabytes" (issue 11 asks for 300 MB); nothing printed needs more.
inline constexpr std::uint64_t kMaxImagePixels = 40'000'000;

/// The fields of a PNG header (PNG specification, 3rd edition, section 11.2.1 IHDR; 11.3.4.6 eXIf).
struct PngInfo {
    std::uint32_t width = 0;   ///< pixels
    std::uint32_t height = 0;  ///< pixels
    int bit_depth = 0;
    int colour_type = 0;
    bool interlaced = false;
    /// EXIF tag 0x0112 of an eXIf chunk before the image data: 1 = as stored, 2..8 = mirrored and/or rotated
    /// (EXIF 2.32, section 4.6.4 A); 0 when there is none. Read only when the size is within the budget.
    int exif_orientation = 0;
};

/// Reads the signature and IHDR of the PNG file at `path`, then (for a usable size) the chunks before the first
/// IDAT with libpng for the eXIf orientation. Nothing, with the reason in `why` ("not a PNG file", "the PNG data ends
/// before its header is complete"), when the file is not a PNG or its header is cut short.
[[nodiscard]] std::optional<PngInfo> read_png_info(const std::string& path, std::string& why);

/// Why a picture of `width` x `height` pixels in `format` ("PNG", "JPEG") cannot be used: "the JPEG has no
/// pixels (0 x 0)" or "the JPEG is 50000 x 50000 pixels (2500 megapixels); at most 40 megapixels can be used:
/// ...", or "" when it is within kMaxImagePixels.
[[nodiscard]] std::string picture_size_problem(const std::string& format, std::uint64_t width, std::uint64_t height);

/// Why a PNG of this size cannot be used: "the PNG has no pixels (0 x 0)" or "the PNG is 20000 x 20000
/// pixels (400 megapixels); at most 40 megapixels can be used: ...", or "" when it is within kMaxImagePixels.
[[nodiscard]] std::string png_size_problem(const PngInfo& info);

/// "90° clockwise", "mirrored left to right", ...: what EXIF orientation 2..8 asks a viewer to do.
[[nodiscard]] std::string exif_orientation_words(int orientation);

}  // namespace takehome
