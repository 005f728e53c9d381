// JPEG pictures read with libjpeg-turbo (Debian libjpeg62-turbo-dev): the header first (size, colour space,
// EXIF orientation), so a header claiming 50,000 x 50,000 pixels is refused before any pixel is decoded; then
// the pixels, row by row, as 8-bit RGB.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace takehome {

/// What a JPEG's markers up to its first scan say (ITU-T T.81 Annex B; Adobe APP14; EXIF APP1).
struct JpegInfo {
    std::uint32_t width = 0;   ///< pixels, as stored (before the EXIF orientation is applied)
    std::uint32_t height = 0;  ///< pixels, as stored
    int components = 0;        ///< 1 grey, 3 YCbCr or RGB, 4 CMYK or YCCK
    bool cmyk = false;         ///< 4 components (CMYK or YCCK): decoded to RGB, never passed through
    bool adobe = false;        ///< an Adobe APP14 marker: its CMYK samples are stored inverted (Photoshop's way)
    bool baseline = false;     ///< baseline or extended sequential Huffman (SOF0 / SOF1), 8 bits per sample
    int exif_orientation = 0;  ///< EXIF tag 0x0112 of the APP1 Exif segment, 1..8; 0 when there is none
};

/// True when the file at `path` starts with a JPEG's SOI marker and the first marker after it (FF D8 FF).
[[nodiscard]] bool starts_like_jpeg(const std::string& path);

/// Reads the JPEG header of `path` with libjpeg (jpeg_read_header: every marker up to the first scan; no pixel
/// is decoded). Nothing, with the reason in `why`, when it cannot: "not a JPEG file (...)", "the JPEG has no
/// pixels (0 x 0)", a size over kMaxImagePixels (the size_problem words), "the JPEG data ends before its
/// header is complete (...)" or "the JPEG is damaged (libjpeg: REASON)".
[[nodiscard]] std::optional<JpegInfo> read_jpeg_info(const std::string& path, std::string& why);

/// Decodes the JPEG at `path` with libjpeg, scaled by 1/`scale_denom` (1, 2, 4 or 8: libjpeg's DCT scaling,
/// cheaper than decoding all pixels and shrinking them), as 8-bit RGB rows top to bottom: `start(width,
/// height)` once with the decoded size in pixels, then `row(y, rgb)` for each row (3 bytes per pixel, valid for
/// the call only). Grey is widened to RGB; CMYK and YCCK are converted to RGB (inverted first when an Adobe
/// marker says they are stored inverted), so an Adobe CMYK cyan decodes cyan, not red. Any libjpeg warning
/// (premature end of file, corrupt data) counts as damage. Returns "" when every row decoded, else the reason
/// ("the JPEG data is truncated (libjpeg: Premature end of JPEG file)", "the JPEG data is damaged (libjpeg:
/// ...)"). Callbacks may be empty (a check that only decodes). Memory: one row, plus libjpeg's own buffers
/// (bounded at 256 MB: a larger need is an error, not a swap storm).
[[nodiscard]] std::string decode_jpeg(const std::string& path, int scale_denom,
                                      const std::function<void(unsigned, unsigned)>& start,
                                      const std::function<void(unsigned, const std::uint8_t*)>& row);

}  // namespace takehome
