// QR codes (layout/qr.hpp).
#include "layout/qr.hpp"

#include <qrencode.h>

#include <memory>

#include "base/diagnostics.hpp"

namespace takehome::layout {

QrMatrix encode_qr(const std::string& data) {
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeData(static_cast<int>(data.size()), reinterpret_cast<const unsigned char*>(data.data()), 0,
                          QR_ECLEVEL_M),
        &QRcode_free);
    if (!code) throw InternalError("layout: libqrencode could not encode a " + std::to_string(data.size()) + "-byte address");
    QrMatrix m;
    m.size = code->width;
    m.dark.resize(static_cast<std::size_t>(m.size) * m.size);
    for (std::size_t i = 0; i < m.dark.size(); ++i) m.dark[i] = (code->data[i] & 1) != 0;  // bit 0: dark module
    return m;
}

std::vector<display::Item> qr_items(const QrMatrix& m, double x, double y, double module_pt) {
    std::vector<display::Item> items;
    const double side = qr_side_pt(m, module_pt);
    items.emplace_back(display::Rect{x, y, side, side, display::Colour{1, 1, 1}, std::nullopt, 0, 0});
    const double x0 = x + kQrQuietZoneModules * module_pt, y0 = y + kQrQuietZoneModules * module_pt;
    for (int row = 0; row < m.size; ++row) {
        for (int col = 0; col < m.size;) {
            if (!m.at(col, row)) {
                ++col;
                continue;
            }
            const int start = col;
            while (col < m.size && m.at(col, row)) ++col;
            items.emplace_back(display::Rect{x0 + start * module_pt, y0 + row * module_pt, (col - start) * module_pt,
                                             module_pt, display::Colour{0, 0, 0}, std::nullopt, 0, 0});
        }
    }
    return items;
}

}  // namespace takehome::layout
