// Plain-words helpers of the compose stage (ODI bands, first sentences, links); the words themselves are in
// the catalogues (content/strings/).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/summary.hpp"

namespace takehome::compose {

/// The band of an Oswestry Disability Index score (percent, 0..100; clamped), by its clinical name: bands
/// from Fairbank & Pynsent 2000: 0-20 minimal, 21-40 moderate, 41-60 severe, 61-80 crippling, 81-100
/// bed-bound. Never printed: the handout says the band in kind words, the catalogue's odi.band.<name>
/// ("some difficulty"), and above 80 its own sentence (odi.score_highest).
[[nodiscard]] std::string odi_band_name(int odi_percent);

/// The first sentence of `text`: up to and including the first '.', '!' or '?' that is followed by a
/// space and then an upper-case letter, a digit or a quote, or ends the text. Leading/trailing spaces
/// are trimmed; text with no such full stop is returned whole.
[[nodiscard]] std::string first_sentence(const std::string& text);

/// "tel:" URI for a phone number as written ("01632 960 123" -> "tel:01632960123"): keeps digits and a
/// leading '+' and drops a "(0)" trunk prefix after it; nothing when the number has no digit.
[[nodiscard]] std::optional<std::string> tel_uri(const std::string& phone);

/// "https:" URI for a website as written: kept when it already starts with "http://" or "https://",
/// otherwise "https://" is put in front.
[[nodiscard]] std::string web_uri(const std::string& website);


}  // namespace takehome::compose
