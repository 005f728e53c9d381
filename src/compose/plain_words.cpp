// Plain-words helpers: ODI band names, first sentences, tel:/https: links.
#include "compose/plain_words.hpp"

#include <algorithm>
#include <cctype>

namespace takehome::compose {

namespace {
int clamp_percent(int p) { return std::clamp(p, 0, 100); }
}  // namespace

std::string odi_band_name(int odi_percent) {
    const int p = clamp_percent(odi_percent);
    if (p <= 20) return "minimal";
    if (p <= 40) return "moderate";
    if (p <= 60) return "severe";
    if (p <= 80) return "crippling";
    return "bed-bound";
}

std::string first_sentence(const std::string& text) {
    const auto b = text.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    const auto e = text.find_last_not_of(" \t\r\n");
    const std::string t = text.substr(b, e - b + 1);
    for (std::size_t i = 0; i < t.size(); ++i) {
        const char c = t[i];
        if (c != '.' && c != '!' && c != '?') continue;
        if (i + 1 == t.size()) return t;
        if (t[i + 1] != ' ' && t[i + 1] != '\n') continue;
        std::size_t j = i + 1;
        while (j < t.size() && (t[j] == ' ' || t[j] == '\n')) ++j;
        if (j >= t.size()) return t.substr(0, i + 1);
        const auto next = static_cast<unsigned char>(t[j]);
        // Upper case, digit, a quote, or any non-ASCII letter (e.g. an accented capital) starts a sentence.
        if (std::isupper(next) || std::isdigit(next) || next == '"' || next == '\'' || next >= 0x80)
            return t.substr(0, i + 1);
    }
    return t;
}

std::optional<std::string> tel_uri(const std::string& phone) {
    std::string number = phone;
    // "+44 (0)1632 ...": the bracketed trunk 0 is not dialled from abroad, so it leaves the link.
    if (const auto at = number.find("(0)"); at != std::string::npos && number.find('+') < at) number.erase(at, 3);
    std::string digits;
    for (std::size_t i = 0; i < number.size(); ++i) {
        const auto c = static_cast<unsigned char>(number[i]);
        if (std::isdigit(c)) digits.push_back(static_cast<char>(c));
        else if (c == '+' && digits.empty()) digits.push_back('+');
    }
    if (digits.empty() || digits == "+") return std::nullopt;
    return "tel:" + digits;
}

std::string web_uri(const std::string& website) {
    if (website.rfind("https://", 0) == 0 || website.rfind("http://", 0) == 0) return website;
    return "https://" + website;
}

}  // namespace takehome::compose
