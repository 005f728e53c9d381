// Readability of the handout's text: word, sentence and syllable counting and the Flesch formulas.
#include "compose/readability.hpp"

#include <string>
#include <vector>

namespace takehome::compose {
namespace {

/// Decodes the code point at `i` (advancing `i`); invalid bytes decode as U+FFFD and advance one byte.
char32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
        ++i;
        return b0;
    }
    int extra = 0;
    char32_t cp = 0;
    if ((b0 & 0xE0) == 0xC0) {
        extra = 1;
        cp = b0 & 0x1F;
    } else if ((b0 & 0xF0) == 0xE0) {
        extra = 2;
        cp = b0 & 0x0F;
    } else if ((b0 & 0xF8) == 0xF0) {
        extra = 3;
        cp = b0 & 0x07;
    } else {
        ++i;
        return 0xFFFD;
    }
    if (i + static_cast<std::size_t>(extra) >= s.size()) {
        ++i;
        return 0xFFFD;
    }
    for (int k = 1; k <= extra; ++k) {
        const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
        if ((b & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    i += static_cast<std::size_t>(extra) + 1;
    return cp;
}

bool is_space(char32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 ||
           c == 0x2007 || c == 0x202F || (c >= 0x2000 && c <= 0x200A) || c == 0x3000;
}

/// A letter: ASCII letters, Latin-1/Extended letters, and other scripts outside the punctuation,
/// symbol, bidi-control and emoji blocks.
bool is_letter(char32_t c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (c < 0xC0) return false;
    if (c == 0xD7 || c == 0xF7) return false;
    if (c >= 0x2000 && c <= 0x2BFF) return false;   // punctuation, symbols, arrows, bidi controls
    if (c >= 0x3000 && c <= 0x303F) return false;   // CJK punctuation
    if (c >= 0xFE00 && c <= 0xFE0F) return false;   // variation selectors
    if (c == 0xFEFF || c == 0xFFFD) return false;
    if (c >= 0x1F000) return false;                 // emoji and pictographs
    return true;
}

/// Folds a letter to a lower-case ASCII stand-in for syllable counting: accented Latin vowels become
/// 'a','E' (never silent),'i','o','u','y'; other non-ASCII letters become 'x' (a consonant).
char fold(char32_t c) {
    if (c < 0x80) {
        const char ch = static_cast<char>(c);
        return (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
    }
    if ((c >= 0xC0 && c <= 0xC5) || (c >= 0xE0 && c <= 0xE5) || (c >= 0x100 && c <= 0x105)) return 'a';
    if ((c >= 0xC8 && c <= 0xCB) || (c >= 0xE8 && c <= 0xEB) || (c >= 0x112 && c <= 0x11B)) return 'E';  // accented e is never silent ("café")
    if ((c >= 0xCC && c <= 0xCF) || (c >= 0xEC && c <= 0xEF) || (c >= 0x128 && c <= 0x131)) return 'i';
    if ((c >= 0xD2 && c <= 0xD6) || c == 0xD8 || (c >= 0xF2 && c <= 0xF6) || c == 0xF8 ||
        (c >= 0x14C && c <= 0x151)) return 'o';
    if ((c >= 0xD9 && c <= 0xDC) || (c >= 0xF9 && c <= 0xFC) || (c >= 0x168 && c <= 0x173)) return 'u';
    if (c == 0xDD || c == 0xFD || c == 0xFF) return 'y';
    return 'x';
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'E' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

/// Syllables of one run of letters (already folded to lower-case ASCII stand-ins).
int syllables_of_run(const std::string& w) {
    if (w.empty()) return 0;
    int groups = 0;
    bool in_group = false;
    for (std::size_t i = 0; i < w.size(); ++i) {
        const bool v = is_vowel(w[i]) && !(i == 0 && w[i] == 'y');
        if (v && !in_group) ++groups;
        in_group = v;
    }
    const std::size_t n = w.size();
    if (n >= 2 && w[n - 1] == 'e' && !is_vowel(w[n - 2])) {
        const bool consonant_le = n >= 3 && w[n - 2] == 'l' && !is_vowel(w[n - 3]);
        if (!consonant_le && groups > 1) --groups;   // silent final 'e': "make", "time"
    } else if (n >= 3 && w[n - 2] == 'e' && w[n - 1] == 'd' && w[n - 3] != 't' && w[n - 3] != 'd' &&
               !is_vowel(w[n - 3]) && groups > 1) {
        --groups;                                    // silent "-ed": "used", "stopped"
    }
    return groups < 1 ? 1 : groups;
}

/// Splits a word token into runs of letters (apostrophes and hyphens split runs for syllable counting
/// only: "today's" -> "today" + "s"; a run without a vowel adds no syllable unless it is the only run).
int syllables_of_token(std::string_view token) {
    std::vector<std::string> runs(1);
    for (std::size_t i = 0; i < token.size();) {
        const char32_t c = next_code_point(token, i);
        if (is_letter(c)) {
            runs.back().push_back(fold(c));
        } else if (!runs.back().empty()) {
            runs.emplace_back();
        }
    }
    int total = 0;
    bool any_letters = false;
    for (const auto& r : runs) {
        if (r.empty()) continue;
        any_letters = true;
        bool has_vowel = false;
        for (std::size_t k = 0; k < r.size(); ++k) has_vowel |= is_vowel(r[k]) && !(k == 0 && r[k] == 'y');
        if (has_vowel || r.size() > 1) total += syllables_of_run(r);
    }
    if (any_letters && total < 1) total = 1;
    return total;
}

struct Counts {
    int words = 0, sentences = 0, syllables = 0;
    void add(const Counts& o) {
        words += o.words;
        sentences += o.sentences;
        syllables += o.syllables;
    }
};

Counts count_unit(std::string_view text) {
    Counts c;
    int words_in_sentence = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        // Skip spaces.
        std::size_t j = i;
        const char32_t cp = next_code_point(text, j);
        if (is_space(cp)) {
            i = j;
            continue;
        }
        // A token runs to the next space.
        const std::size_t start = i;
        std::size_t end = i;
        bool has_letter = false;
        char32_t last = 0;
        while (end < text.size()) {
            std::size_t k = end;
            const char32_t t = next_code_point(text, k);
            if (is_space(t)) break;
            has_letter |= is_letter(t);
            // Closing quotes and brackets after a full stop still end the sentence.
            if (!(t == '"' || t == 0x201D || t == 0x2019 || t == ')' || t == '\'' || t == ']')) last = t;
            end = k;
        }
        const std::string_view token = text.substr(start, end - start);
        if (has_letter) {
            ++c.words;
            ++words_in_sentence;
            c.syllables += syllables_of_token(token);
        }
        if ((last == '.' || last == '!' || last == '?') && words_in_sentence > 0) {
            ++c.sentences;
            words_in_sentence = 0;
        }
        i = end;
    }
    if (words_in_sentence > 0) ++c.sentences;   // the unit itself ends a sentence
    return c;
}

std::string inline_text(const doc::Inlines& inl) {
    std::string s;
    for (const auto& span : inl) s += span.text;
    return s;
}

void count_blocks(const doc::Blocks& blocks, Counts& c);

void count_block(const doc::Block& b, Counts& c) {
    std::visit(
        [&](const auto& n) {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, doc::Heading> || std::is_same_v<T, doc::Paragraph>) {
                c.add(count_unit(inline_text(n.text)));
            } else if constexpr (std::is_same_v<T, doc::List>) {
                for (const auto& item : n.items) c.add(count_unit(inline_text(item)));
            } else if constexpr (std::is_same_v<T, doc::Table>) {
                if (n.header)
                    for (const auto& cell : *n.header) c.add(count_unit(inline_text(cell.text)));
                for (const auto& row : n.rows)
                    for (const auto& cell : row) c.add(count_unit(inline_text(cell.text)));
            } else if constexpr (std::is_same_v<T, doc::Box>) {
                c.add(count_unit(inline_text(n.title)));
                count_blocks(n.content, c);
            } else if constexpr (std::is_same_v<T, doc::Columns>) {
                for (const auto& column : n.columns) count_blocks(column, c);
            }
            // Image, PainChart, PageBreak: nothing a sighted reader reads as prose.
        },
        b.node);
}

void count_blocks(const doc::Blocks& blocks, Counts& c) {
    for (const auto& b : blocks) count_block(b, c);
}

ReadabilityReport score(const Counts& c) {
    ReadabilityReport r;
    r.words = c.words;
    r.sentences = c.sentences;
    r.syllables = c.syllables;
    if (c.words == 0 || c.sentences == 0) return r;
    const double wps = static_cast<double>(c.words) / c.sentences;
    const double spw = static_cast<double>(c.syllables) / c.words;
    r.grade = 0.39 * wps + 11.8 * spw - 15.59;
    r.ease = 206.835 - 1.015 * wps - 84.6 * spw;
    return r;
}

}  // namespace

int count_syllables(std::string_view word) { return syllables_of_token(word); }

ReadabilityReport measure_text(std::string_view text) { return score(count_unit(text)); }

ReadabilityReport measure(const doc::Blocks& blocks) {
    Counts c;
    count_blocks(blocks, c);
    return score(c);
}

ReadabilityReport measure(const doc::Document& document) { return measure(document.blocks); }

}  // namespace takehome::compose
