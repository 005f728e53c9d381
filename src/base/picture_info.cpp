#include "base/picture_info.hpp"

#include <cstring>
#include <fstream>

namespace takehome {

bool starts_like_png(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char head[8] = {};
    in.read(head, sizeof head);
    return in.gcount() == 8 && std::memcmp(head, "\x89PNG\r\n\x1a\n", 8) == 0;
}

std::optional<PictureInfo> read_picture_info(const std::string& path, std::string& why) {
    PictureInfo out;
    if (starts_like_jpeg(path)) {
        const auto jpeg = read_jpeg_info(path, why);
        if (!jpeg) return std::nullopt;
        out.format = PictureFormat::jpeg;
        out.width = jpeg->width;
        out.height = jpeg->height;
        out.orientation = jpeg->exif_orientation;
        out.jpeg = *jpeg;
        return out;
    }
    const auto png = read_png_info(path, why);
    if (!png) return std::nullopt;
    if (std::string size = png_size_problem(*png); !size.empty()) {
        why = std::move(size);
        return std::nullopt;
    }
    out.format = PictureFormat::png;
    out.width = png->width;
    out.height = png->height;
    out.orientation = png->exif_orientation;
    return out;
}

}  // namespace takehome
