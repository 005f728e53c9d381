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

doc::Block qr_block(doc::Inlines lead, const std::string& url, const std::string& leads_to, const std::string& source,
                    bool print_address, double module_mm) {
    doc::QrCode qr;
    qr.data = url;
    qr.alt = "QR code: opens " + leads_to + " at " + short_address(url);
    qr.module_mm = module_mm;
    doc::Blocks words;
    if (!lead.empty()) words.push_back(paragraph(std::move(lead), source));
    // The code beside what it is for: no taller than the code itself, so a card or the next steps keep
    // their height (a code above its words cost about 90 pt a card).
    doc::Columns beside;
    beside.natural_first = true;
    beside.gap_pt = kQrBesideGapPt;
    beside.min_measure_chars = kQrBesideMinChars;
    beside.columns.push_back({doc::Block(std::move(qr), source)});
    beside.columns.push_back(std::move(words));
    if (!print_address) return doc::Block(std::move(beside), source);
    // The address under both, across the whole column: there it breaks after a '/' (if at all), never at
    // the hyphen of a host name, which a reader would take for a word broken in two (Chicago Manual of
    // Style 6.8: break a URL after a slash, never at a hyphen).
    doc::Blocks in;
    in.push_back(doc::Block(std::move(beside), source));
    in.push_back(paragraph({link_span(short_address(url), url)}, source));
    return doc::Block(doc::Box(doc::BoxStyle::group, {}, std::move(in)), source);
}

}  // namespace takehome::compose::detail
