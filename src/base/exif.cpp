#include "base/exif.hpp"

#include <libexif/exif-data.h>
#include <libexif/exif-utils.h>

#include <cstring>
#include <memory>
#include <vector>

namespace takehome {

int exif_orientation(const unsigned char* data, std::size_t size) {
    if (data == nullptr || size < 8 || size > 0xFFFFFFu) return 0;
    // libexif reads an "Exif\0\0" header followed by TIFF; a PNG eXIf chunk is the TIFF part alone.
    std::vector<unsigned char> framed;
    if (std::memcmp(data, "MM", 2) == 0 || std::memcmp(data, "II", 2) == 0) {
        static constexpr unsigned char header[6] = {'E', 'x', 'i', 'f', 0, 0};
        framed.assign(header, header + 6);
        framed.insert(framed.end(), data, data + size);
        data = framed.data();
        size = framed.size();
    } else if (std::memcmp(data, "Exif\0\0", 6) != 0) {
        return 0;
    }
    std::unique_ptr<ExifData, decltype(&exif_data_unref)> exif(exif_data_new(), &exif_data_unref);
    if (!exif) return 0;
    // Read what the file says: no tags added or "fixed" to the specification's defaults.
    exif_data_unset_option(exif.get(), EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
    exif_data_load_data(exif.get(), data, static_cast<unsigned int>(size));
    ExifEntry* entry = exif_content_get_entry(exif->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
    if (entry == nullptr || entry->format != EXIF_FORMAT_SHORT || entry->components < 1 || entry->data == nullptr ||
        entry->size < 2) {
        return 0;
    }
    const int o = exif_get_short(entry->data, exif_data_get_byte_order(exif.get()));
    return o >= 1 && o <= 8 ? o : 0;
}

}  // namespace takehome
