// The EXIF orientation of a picture, read with libexif (Debian libexif-dev) from a JPEG's APP1 segment or a
// PNG's eXIf chunk.
#pragma once

#include <cstddef>

namespace takehome {

/// EXIF tag 0x0112 (Orientation) of IFD 0 in `data`, which is either an APP1 payload starting "Exif\0\0" or a
/// bare TIFF structure starting "MM" / "II" (a PNG eXIf chunk): 1 = as stored, 2..8 = mirrored and/or rotated
/// (EXIF 2.32, section 4.6.4 A, Table 4); 0 when there is no such tag, its value is outside 1..8, or the data
/// is not EXIF.
[[nodiscard]] int exif_orientation(const unsigned char* data, std::size_t size);

/// True when EXIF orientation `o` (5..8) turns the picture a quarter turn, so its printed width is its stored
/// height.
[[nodiscard]] constexpr bool orientation_swaps_sides(int o) { return o >= 5 && o <= 8; }

}  // namespace takehome
