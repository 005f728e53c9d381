// QR code blocks for web addresses (the exercise videos and the booking page).
#include "compose/internal.hpp"

namespace takehome::compose::detail {

std::string short_address(const std::string& url) {
    std::string s = url;
    if (s.rfind("https://", 0) == 0) s.erase(0, 8);
    if (s.rfind("www.", 0) == 0) s.erase(0, 4);
    if (s.size() > 1 && s.back() == '/') s.pop_back();
    return s;
}

doc::Block qr_block(doc::Inlines lead, const std::string& url, const std::string& leads_to, const std::string& source) {
    doc::QrCode qr;
    qr.data = url;
    qr.alt = "QR code: opens " + leads_to + " at " + short_address(url);
    doc::Blocks in;
    if (!lead.empty()) in.push_back(paragraph(std::move(lead), source));
    in.push_back(doc::Block(std::move(qr), source));
    in.push_back(paragraph({link_span(short_address(url), url)}, source));
    return doc::Block(doc::Box(doc::BoxStyle::group, {}, std::move(in)), source);
}

}  // namespace takehome::compose::detail
