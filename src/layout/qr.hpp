// QR codes for web addresses (libqrencode), as vector squares of the display list.
#pragma once

#include <string>
#include <vector>

#include "display/display_list.hpp"

namespace takehome::layout {

/// The quiet zone around a QR code, in modules (ISO/IEC 18004:2015, 9.1: "4X wide").
constexpr int kQrQuietZoneModules = 4;
/// The smallest module printed (mm): 0.5 mm is about the least a phone camera resolves at reading distance
/// (GS1 General Specifications 5.12.3.1 set 0.396 mm as their minimum X for QR; we keep a margin above it).
constexpr double kQrMinModuleMm = 0.5;

/// A QR code's modules: `size` x `size`, row-major, true = dark.
struct QrMatrix {
    int size = 0;
    std::vector<bool> dark;
    [[nodiscard]] bool at(int x, int y) const { return dark[static_cast<std::size_t>(y) * size + x]; }
};

/// Encodes `data` (8-bit byte mode, case kept) at error correction level M, the smallest version that holds
/// it. Throws InternalError when libqrencode fails (data longer than version 40 holds at level M: 2,331 bytes).
[[nodiscard]] QrMatrix encode_qr(const std::string& data);

/// The code's squares with their top-left corner (including the quiet zone) at (x, y), `module_pt` per
/// module: one white square under the whole symbol and quiet zone, then one black rectangle per horizontal
/// run of dark modules (so no hairline seams show between neighbouring modules on screen).
[[nodiscard]] std::vector<display::Item> qr_items(const QrMatrix& m, double x, double y, double module_pt);

/// The side of the whole code, quiet zone included (pt).
[[nodiscard]] inline double qr_side_pt(const QrMatrix& m, double module_pt) {
    return (m.size + 2 * kQrQuietZoneModules) * module_pt;
}

}  // namespace takehome::layout
