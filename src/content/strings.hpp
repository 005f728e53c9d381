// The wording catalogues: every sentence and label compose writes itself (headings, labels, lead-ins, dose
// phrases, score explanations, dates), one YAML file per language in content/strings/ (en-GB.yaml,
// en-US.yaml), keyed by id, with {placeholders}. Messages to the physio (diagnostics) are not in them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/diagnostics.hpp"

namespace takehome::content {

/// One catalogue key and the placeholders its text may use (any other "{name}" is a typo).
struct StringKey {
    const char* key;
    std::vector<const char*> placeholders;
};

/// Every key a catalogue must have, exactly once: the one list compose's wording ids are spelled in.
[[nodiscard]] const std::vector<StringKey>& string_keys();

/// One language's catalogue, validated.
struct Strings {
    std::string language;   ///< the file stem, a BCP 47 tag ("en-US")
    std::string file;
    std::map<std::string, std::string> text;
    /// The text of `key` with each "{name}" replaced by its value in `vars`; the key itself when missing
    /// (never the case for a loaded catalogue: load_strings checks every key).
    [[nodiscard]] std::string say(const std::string& key,
                                  const std::vector<std::pair<std::string, std::string>>& vars = {}) const;
    /// The singular or plural form of a sentence with a number in it: `key` + ".one" when n is 1, else
    /// `key` + ".other" (the CLDR plural categories of English, the only ones the en-* catalogues need),
    /// with "{count}" filled by n and the other placeholders by `vars`.
    [[nodiscard]] std::string count(const std::string& key, int n,
                                    std::vector<std::pair<std::string, std::string>> vars = {}) const;
};

/// Reads content/strings/LANG.yaml (flat `key: text` pairs). Positioned errors (file:line:col) for a
/// missing key, an unknown key (with a hint) and a placeholder the key does not allow; nothing on error.
[[nodiscard]] std::optional<Strings> load_strings(const std::string& path, Diagnostics& diags);

}  // namespace takehome::content
