#include "base/png_info.hpp"

#include <array>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string_view>
#include <vector>

namespace takehome {

namespace {

std::uint32_t be32(const unsigned char* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | std::uint32_t{p[3]};
}

/// The Orientation tag (0x0112, SHORT) of IFD0 in the TIFF structure an eXIf chunk holds, or 0.
int exif_orientation(const std::vector<unsigned char>& t) {
    if (t.size() < 8) return 0;
    bool big;
    if (t[0] == 'M' && t[1] == 'M') {
        big = true;
    } else if (t[0] == 'I' && t[1] == 'I') {
        big = false;
    } else {
        return 0;
    }
    const auto u16 = [&](std::size_t o) -> unsigned {
        return big ? (unsigned{t[o]} << 8) | t[o + 1] : (unsigned{t[o + 1]} << 8) | t[o];
    };
    const auto u32 = [&](std::size_t o) -> std::uint64_t {
        return big ? (std::uint64_t{u16(o)} << 16) | u16(o + 2) : (std::uint64_t{u16(o + 2)} << 16) | u16(o);
    };
    if (u16(2) != 42) return 0;
    const std::uint64_t ifd = u32(4);
    if (ifd + 2 > t.size()) return 0;
    const unsigned count = u16(static_cast<std::size_t>(ifd));
    for (unsigned i = 0; i < count; ++i) {
        const std::uint64_t e = ifd + 2 + 12ULL * i;
        if (e + 12 > t.size()) return 0;
        const auto at = static_cast<std::size_t>(e);
        if (u16(at) == 0x0112 && u16(at + 2) == 3) {
            const unsigned v = u16(at + 8);
            return v >= 1 && v <= 8 ? static_cast<int>(v) : 0;
        }
    }
    return 0;
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
    in.seekg(4, std::ios::cur);  // IHDR's CRC: libpng checks it when decoding
    // The chunks before the image data; eXIf is the only one read (at most 64 KiB of it: EXIF's own limit).
    for (int chunks = 0; chunks < 10000; ++chunks) {
        unsigned char ch[8];
        in.read(reinterpret_cast<char*>(ch), 8);
        if (in.gcount() != 8) break;
        const std::uint32_t length = be32(ch);
        const std::string_view type(reinterpret_cast<const char*>(ch + 4), 4);
        if (type == "IDAT" || type == "IEND") break;
        if (type == "eXIf" && length <= 65535) {
            std::vector<unsigned char> data(length);
            in.read(reinterpret_cast<char*>(data.data()), length);
            if (static_cast<std::uint32_t>(in.gcount()) != length) break;
            info.exif_orientation = exif_orientation(data);
            in.seekg(4, std::ios::cur);
        } else {
            in.seekg(static_cast<std::streamoff>(length) + 4, std::ios::cur);
        }
        if (!in) break;
    }
    return info;
}

std::string png_size_problem(const PngInfo& info) {
    if (info.width == 0 || info.height == 0) {
        return "the PNG has no pixels (" + std::to_string(info.width) + " x " + std::to_string(info.height) + ")";
    }
    const std::uint64_t pixels = std::uint64_t{info.width} * info.height;
    if (pixels <= kMaxImagePixels) return "";
    char mp[32];
    std::snprintf(mp, sizeof mp, "%.0f", static_cast<double>(pixels) / 1e6);
    return "the PNG is " + std::to_string(info.width) + " x " + std::to_string(info.height) + " pixels (" + mp +
           " megapixels); at most " + std::to_string(kMaxImagePixels / 1'000'000) +
           " megapixels can be used: save it smaller (3000 pixels on the long side is plenty for print)";
}

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
