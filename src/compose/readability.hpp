// Readability of the handout's text: Flesch-Kincaid grade level and Flesch reading ease.
#pragma once

#include <string_view>

#include "doc/document.hpp"

namespace takehome::compose {

/// Counts and scores of a piece of text.
///
/// Formulas:
///  - grade = 0.39 * words/sentences + 11.8 * syllables/words - 15.59 (Flesch-Kincaid grade level,
///    Kincaid, Fishburne, Rogers & Chissom 1975), in US school grades;
///  - ease = 206.835 - 1.015 * words/sentences - 84.6 * syllables/words (Flesch 1948), 0..100-ish,
///    higher is easier.
/// With no words both scores are 0.
///
/// Counting rules (the same for every caller, so scores are comparable):
///  - A word is a whitespace-separated token holding at least one letter (ASCII or any non-ASCII letter).
///    Tokens with no letter (numbers such as "10" or "2026", dashes, bullets) are SKIPPED: they are
///    neither words nor syllables. A hyphenated word ("non-serious") is one word.
///  - A sentence ends at '.', '!' or '?' followed by a space or the end of the text unit. Every text unit
///    (heading, paragraph, list item, table cell, box title) ends a sentence even without a full stop,
///    so headings and list items count as sentences. A "sentence" with no word is not counted.
///  - Syllables: groups of vowels (a e i o u y, and accented Latin vowels; 'y' at the start of a word is
///    a consonant); a silent final 'e' is dropped ("make" = 1) except in a consonant + "le" ending
///    ("table" = 2); a final "ed" after a letter other than 't' or 'd' is silent ("used" = 1); every
///    word has at least 1 syllable.
///  - What is counted in a document: headings, paragraphs, list items, table header and body cells and
///    box titles, recursively inside boxes. Image alt text, chart alt text and table captions (read only
///    by screen readers) are not counted.
struct ReadabilityReport {
    double grade = 0;   ///< Flesch-Kincaid grade level
    double ease = 0;    ///< Flesch reading ease
    int words = 0;
    int sentences = 0;
    int syllables = 0;
};

/// Syllables in one word by the vowel-group rules above (>= 1 for a word with a letter, 0 otherwise).
[[nodiscard]] int count_syllables(std::string_view word);

/// Scores one text unit (a paragraph's worth of plain UTF-8 text).
[[nodiscard]] ReadabilityReport measure_text(std::string_view text);

/// Scores every counted text unit in `blocks` (see the rules above).
[[nodiscard]] ReadabilityReport measure(const doc::Blocks& blocks);

/// Scores a whole document's blocks (metadata is not counted).
[[nodiscard]] ReadabilityReport measure(const doc::Document& document);

}  // namespace takehome::compose
