// Text checks and cluster mapping for the libharu backend.
#include "render/haru_text.hpp"

#include <algorithm>
#include <cstdio>

#include "base/diagnostics.hpp"

namespace takehome::render::haru {

std::vector<char32_t> decode_utf8(const std::string& s) {
    std::vector<char32_t> out;
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) {
            out.push_back(0xFFFD);
            ++i;
            continue;
        }
        char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
        for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(cp);
        i += static_cast<std::size_t>(len);
    }
    return out;
}

namespace {

/// Scripts that need shaping or bidi reordering libharu 2.3 does not do (Unicode 15 block ranges).
bool is_complex_or_rtl(char32_t c) {
    return (c >= 0x0590 && c <= 0x08FF)      // Hebrew, Arabic, Syriac, Arabic Supplement, Thaana, NKo, Samaritan,
                                             // Mandaic, Syriac Supplement, Arabic Extended
           || (c >= 0x0900 && c <= 0x0DFF)   // Devanagari .. Sinhala
           || (c >= 0x0E00 && c <= 0x0FFF)   // Thai, Lao, Tibetan
           || (c >= 0x1000 && c <= 0x109F)   // Myanmar
           || (c >= 0x1780 && c <= 0x18AF)   // Khmer, Mongolian
           || (c >= 0xA8E0 && c <= 0xA8FF)   // Devanagari Extended
           || (c >= 0xFB1D && c <= 0xFDFF)   // Hebrew and Arabic presentation forms A
           || (c >= 0xFE70 && c <= 0xFEFC)   // Arabic presentation forms B
           || c == 0x200E || c == 0x200F     // LRM, RLM
           || (c >= 0x202A && c <= 0x202E)   // embeddings and overrides
           || (c >= 0x2066 && c <= 0x2069);  // isolates
}

std::string code_point_name(char32_t c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
    return buf;
}

}  // namespace

std::optional<std::string> unsupported_text(const display::GlyphRun& run, const std::string& language) {
    const std::string complex = "libharu backend cannot render right-to-left or complex scripts (language '" +
                                language + "'); use the cairo backend";
    if (run.rtl) return complex;
    for (char32_t c : decode_utf8(run.text)) {
        if (c > 0xFFFF)
            return "libharu backend cannot render characters outside the basic multilingual plane (" +
                   code_point_name(c) + ", e.g. emoji); use the cairo backend";
        if (is_complex_or_rtl(c)) return complex;
    }
    if (run.synthetic_bold) return "libharu backend cannot draw synthetic bold ('" + run.font_name + "'); use the cairo backend";
    // Several glyphs in one cluster moved off the baseline: marks positioned by the shaper, which libharu
    // (drawing the cluster's text with the font's default advances) cannot reproduce.
    for (std::size_t i = 1; i < run.glyphs.size(); ++i) {
        const auto& g = run.glyphs[i];
        if (g.cluster == run.glyphs[i - 1].cluster && (g.y != 0 || run.glyphs[i - 1].y != 0))
            return "libharu backend cannot position combining marks (font '" + run.font_name +
                   "'); use the cairo backend";
    }
    return std::nullopt;
}

std::string drawable_text(const std::string& text) {
    if (text == "\u00AD") return "-";
    bool plain = true;
    for (char c : text) plain = plain && static_cast<unsigned char>(c) < 0x80;
    if (plain) return text;
    std::string out;
    std::size_t i = 0;
    for (char32_t c : decode_utf8(text)) {
        const std::size_t len = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
        const bool space = c == 0x00A0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000;
        const bool invisible = c == 0x00AD || c == 0x180E || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF;
        if (space) {
            out += ' ';
        } else if (!invisible) {
            out.append(text, i, len);
        }
        i += len;
    }
    return out;
}

std::vector<ClusterPiece> cluster_pieces(const display::GlyphRun& run) {
    std::vector<std::uint32_t> starts;
    starts.reserve(run.glyphs.size());
    for (const auto& g : run.glyphs) {
        if (g.cluster > run.text.size())
            throw InternalError("glyph cluster offset " + std::to_string(g.cluster) + " is past the end of the run text (" +
                                std::to_string(run.text.size()) + " bytes) in font '" + run.font_name + "'");
        starts.push_back(g.cluster);
    }
    std::sort(starts.begin(), starts.end());
    starts.erase(std::unique(starts.begin(), starts.end()), starts.end());

    std::vector<ClusterPiece> pieces;
    for (std::size_t i = 0; i < run.glyphs.size(); ++i) {
        const auto& g = run.glyphs[i];
        if (i > 0 && run.glyphs[i - 1].cluster == g.cluster) continue;  // later glyph of the same cluster
        const auto next = std::upper_bound(starts.begin(), starts.end(), g.cluster);
        const std::size_t end = next == starts.end() ? run.text.size() : *next;
        pieces.push_back({run.text.substr(g.cluster, end - g.cluster), g.x, g.y});
    }
    return pieces;
}

}  // namespace takehome::render::haru
