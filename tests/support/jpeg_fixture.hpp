// Invented JPEG pictures for the picture tests, written with libjpeg (link PkgConfig::JPEG): plain RGB, with an
// EXIF orientation (APP1), Adobe CMYK (APP14, samples stored inverted as Photoshop does), a truncated file and
// a header that claims a huge size.
#pragma once

#include <cstddef>
#include <cstdio>

#include <jpeglib.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace test_support {

/// A big-endian TIFF structure with one IFD 0 entry, Orientation (0x0112, SHORT) = `o`: the body of a PNG eXIf
/// chunk, and of a JPEG APP1 segment after "Exif\0\0".
inline std::string exif_tiff(int o) {
    const auto be32 = [](std::uint32_t v) {
        return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
    };
    return std::string("MM\x00\x2A", 4) + be32(8) + std::string("\x00\x01", 2) + std::string("\x01\x12\x00\x03", 4) + be32(1) +
           std::string{static_cast<char>(0), static_cast<char>(o), 0, 0} + be32(0);
}

/// Pixel (x, y) of a fixture: RGB, or CMYK as stored in the file when `components` is 4.
using PixelFn = std::function<std::array<std::uint8_t, 4>(int x, int y)>;

/// A JPEG of w x h pixels, quality 95, baseline unless `progressive`; `components` 1 (grey), 3 (RGB in) or 4
/// (CMYK, Adobe marker written); `orientation` 1..8 adds an APP1 Exif segment.
inline std::string make_jpeg(int w, int h, const PixelFn& pixel, int components = 3, int orientation = 0,
                             bool progressive = false) {
    jpeg_compress_struct c{};
    jpeg_error_mgr err{};
    c.err = jpeg_std_error(&err);  // a fixture that cannot be written ends the test run (exit)
    jpeg_create_compress(&c);
    unsigned char* buffer = nullptr;
    unsigned long size = 0;
    jpeg_mem_dest(&c, &buffer, &size);
    c.image_width = static_cast<JDIMENSION>(w);
    c.image_height = static_cast<JDIMENSION>(h);
    c.input_components = components;
    c.in_color_space = components == 4 ? JCS_CMYK : components == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&c);  // CMYK in: CMYK out with an Adobe APP14 marker
    jpeg_set_quality(&c, 95, TRUE);
    if (progressive) jpeg_simple_progression(&c);
    jpeg_start_compress(&c, TRUE);
    if (orientation > 0) {
        const std::string app1 = std::string("Exif\0\0", 6) + exif_tiff(orientation);
        jpeg_write_marker(&c, JPEG_APP0 + 1, reinterpret_cast<const JOCTET*>(app1.data()), static_cast<unsigned>(app1.size()));
    }
    std::vector<JSAMPLE> row(static_cast<std::size_t>(w) * static_cast<std::size_t>(components));
    while (c.next_scanline < c.image_height) {
        const int y = static_cast<int>(c.next_scanline);
        for (int x = 0; x < w; ++x) {
            const auto p = pixel(x, y);
            for (int k = 0; k < components; ++k) row[static_cast<std::size_t>(x * components + k)] = p[static_cast<std::size_t>(k)];
        }
        JSAMPROW rows[1] = {row.data()};
        jpeg_write_scanlines(&c, rows, 1);
    }
    jpeg_finish_compress(&c);
    std::string out(reinterpret_cast<const char*>(buffer), size);
    jpeg_destroy_compress(&c);
    std::free(buffer);
    return out;
}

/// A w x h RGB JPEG whose top half is red and bottom half blue (as stored).
inline std::string red_top_jpeg(int w, int h, int orientation = 0) {
    return make_jpeg(
        w, h, [h](int, int y) { return y < h / 2 ? std::array<std::uint8_t, 4>{255, 0, 0, 0} : std::array<std::uint8_t, 4>{0, 0, 255, 0}; },
        3, orientation);
}

/// The JPEG `jpeg` with its frame header (SOF0) claiming `w` x `h` pixels and nothing after its scan header:
/// a header that jpeg_read_header reads in full, with no image data to decode.
inline std::string claim_size(const std::string& jpeg, unsigned w, unsigned h) {
    std::string out = jpeg;
    const std::size_t sof = out.find("\xFF\xC0");
    const std::size_t sos = out.find("\xFF\xDA");
    if (sof == std::string::npos || sos == std::string::npos) throw std::runtime_error("fixture: no SOF0 or SOS");
    out[sof + 5] = static_cast<char>(h >> 8);
    out[sof + 6] = static_cast<char>(h & 0xFF);
    out[sof + 7] = static_cast<char>(w >> 8);
    out[sof + 8] = static_cast<char>(w & 0xFF);
    const std::size_t length = (static_cast<unsigned char>(out[sos + 2]) << 8) | static_cast<unsigned char>(out[sos + 3]);
    return out.substr(0, sos + 2 + length);
}

}  // namespace test_support
