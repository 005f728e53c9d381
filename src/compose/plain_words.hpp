// Plain-words phrases the compose stage builds from numbers and codes (scores, dates, links).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/summary.hpp"

namespace takehome::compose {

/// How much an Oswestry Disability Index score (percent, 0..100) limits daily life, in kind words.
/// Bands from Fairbank & Pynsent 2000: 0-20 minimal, 21-40 moderate, 41-60 severe, 61-80 crippling,
/// 81-100 bed-bound; returned as "a little difficulty", "some difficulty", "a lot of difficulty",
/// "a great deal of difficulty", "very great difficulty". Scores outside 0..100 are clamped.
[[nodiscard]] std::string odi_band_words(int odi_percent);

/// The ODI band's clinical name ("minimal", "moderate", "severe", "crippling", "bed-bound"), for tests
/// and the physio; never printed on the handout.
[[nodiscard]] std::string odi_band_name(int odi_percent);

/// A short chart label for a date, e.g. "5 Nov" (English month abbreviations).
[[nodiscard]] std::string short_date(const model::Date& date);

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


/// Joins items as "a", "a and b", "a, b and c".
[[nodiscard]] std::string join_with_and(const std::vector<std::string>& items);

}  // namespace takehome::compose
