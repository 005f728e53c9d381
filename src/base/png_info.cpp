#include "base/png_info.hpp"

#include <png.h>

#include <array>
#include <cinttypes>
#include <cstdio>
#include <csetjmp>
#include <cstring>
#include <fstream>
#include <memory>
#include <vector>

#include "base/exif.hpp"

namespace takehome {

namespace {

std::uint32_t be32(const unsigned char* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | std::uint32_t{p[3]};
}

/// libpng's state for reading the chunks before the image data: the first error ends the reading.
void on_png_error(png_structp png, png_const_charp) { png_longjmp(png, 1); }
void on_png_warning(png_structp, png_const_charp) {}

/// The EXIF orientation of the PNG at `path`: libpng reads the chunks up to the image data (png_read_info; no
/// pixel is decoded) and hands over the eXIf chunk (png_get_eXIf_1), which libexif reads. 0 when there is no
/// eXIf chunk or the chunks before the image data cannot be read (decoding then reports why).
int png_exif_orientation(const std::string& path) {
    std::unique_ptr<std::FILE, decltype(&std::fclose)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!file) return 0;
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, nullptr, on_png_error, on_png_warning);
    if (png == nullptr) return 0;
    png_infop info = png_create_info_struct(png);
    std::vector<unsigned char> exif;
    if (info != nullptr && setjmp(png_jmpbuf(png)) == 0) {
        png_init_io(png, file.get());
        png_read_info(png, info);
        png_uint_32 size = 0;
        png_bytep data = nullptr;
        if (png_get_eXIf_1(png, info, &size, &data) != 0 && data != nullptr) exif.assign(data, data + size);
    }
    png_destroy_read_struct(&png, info != nullptr ? &info : nullptr, nullptr);
    return exif.empty() ? 0 : exif_orientation(exif.data(), exif.size());
}

}  // namespace

std::optional<PngInfo> read_png_info(const std::string& path, std::string& why) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        why = "the file cannot be read";
        return std::nullopt;
    }
    static constexpr std::array<unsigned char, 8> signature = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    std::array<unsigned char, 8 + 8 + 13> head{};
    in.read(reinterpret_cast<char*>(head.data()), head.size());
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got < 8 || std::memcmp(head.data(), signature.data(), 8) != 0) {
        why = "not a PNG file (the PNG signature is missing)";
        return std::nullopt;
    }
    if (got < head.size()) {
        why = "the PNG data ends before its header is complete (the file is truncated)";
        return std::nullopt;
    }
    if (be32(head.data() + 8) != 13 || std::memcmp(head.data() + 12, "IHDR", 4) != 0) {
        why = "the PNG is damaged (its first chunk is not a 13-byte IHDR header)";
        return std::nullopt;
    }
    PngInfo info;
    info.width = be32(head.data() + 16);
    info.height = be32(head.data() + 20);
    info.bit_depth = head[24];
    info.colour_type = head[25];
    info.interlaced = head[28] != 0;
    // The EXIF orientation through libpng and libexif, only for a size that can be used (libpng would read a
    // 0 x 0 header as an error of its own; the size message says it better).
    if (png_size_problem(info).empty()) info.exif_orientation = png_exif_orientation(path);
    return info;
}

std::string picture_size_problem(const std::string& format, std::uint64_t width, std::uint64_t height) {
    if (width == 0 || height == 0) {
        return "the " + format + " has no pixels (" + std::to_string(width) + " x " + std::to_string(height) + ")";
    }
    const std::uint64_t pixels = width * height;
    if (pixels <= kMaxImagePixels) return "";
    char mp[32];
    std::snprintf(mp, sizeof mp, "%.0f", static_cast<double>(pixels) / 1e6);
    return "the " + format + " is " + std::to_string(width) + " x " + std::to_string(height) + " pixels (" + mp +
           " megapixels); at most " + std::to_string(kMaxImagePixels / 1'000'000) +
           " megapixels can be used: save it smaller (3000 pixels on the long side is plenty for print)";
}

std::string png_size_problem(const PngInfo& info) { return picture_size_problem("PNG", info.width, info.height); }

std::string exif_orientation_words(int orientation) {
    switch (orientation) {
        case 2: return "mirrored left to right";
        case 3: return "turned upside down";
        case 4: return "mirrored top to bottom";
        case 5: return "mirrored and turned 90\u00b0 anticlockwise";
        case 6: return "turned 90\u00b0 clockwise";
        case 7: return "mirrored and turned 90\u00b0 clockwise";
        case 8: return "turned 90\u00b0 anticlockwise";
        default: return "shown as stored";
    }
}

}  // namespace takehome
