// The one language table: BCP 47 tag -> script direction and the wording catalogue, used by compose
// (which strings, which date form) and layout (paragraph direction) alike.
#pragma once

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>

namespace takehome::model {

/// The primary language subtag of a BCP 47 tag, lower case ("en-GB" -> "en", "ckb_IQ" -> "ckb").
[[nodiscard]] inline std::string primary_subtag(std::string_view bcp47) {
    std::string primary;
    for (char c : bcp47) {
        if (c == '-' || c == '_') break;
        primary.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return primary;
}

/// Languages whose script is written right to left (Unicode CLDR "characterOrder" right-to-left for the
/// language's default script): Arabic, Hebrew (and its old code iw), Persian, Urdu, Yiddish, Pashto, Sindhi,
/// Uyghur, Dhivehi, Central Kurdish.
inline constexpr std::array<std::string_view, 11> kRightToLeft{"ar", "he", "iw", "fa", "ur", "yi",
                                                              "ps", "sd", "ug", "dv", "ckb"};

/// True when the paragraph direction for `bcp47` is right to left.
[[nodiscard]] inline bool is_right_to_left(std::string_view bcp47) {
    const std::string p = primary_subtag(bcp47);
    return std::any_of(kRightToLeft.begin(), kRightToLeft.end(), [&](std::string_view l) { return p == l; });
}

}  // namespace takehome::model
