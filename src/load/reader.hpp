// Internal to the load stage: typed, positioned reading of fields from the YAML tree, one diagnostic per
// problem (wording per ../shared/spec/error-contract.md).
#pragma once

#include <climits>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "load/load.hpp"
#include "model/summary.hpp"
#include "load/yaml_tree.hpp"

namespace takehome::load::detail {

/// Reads fields of mappings in one file. Paths are dotted from the top of the file ("assessment.pain.now");
/// list items are written with a 1-based index ("plan.exercises[2].reps"), as a physio counts them.
/// Every getter reports its own problems (missing, empty, wrong type, out of range) and returns nothing
/// then; a getter never throws for bad input.
class Reader {
public:
    Reader(std::string file, Diagnostics& diags, const LoadOptions& opts)
        : file_(std::move(file)), diags_(diags), opts_(opts) {}

    [[nodiscard]] SourcePos pos(const YNode& n) const { return SourcePos{file_, n.line, n.column}; }
    /// A problem at `n`: the diagnostic carries n's field path (YNode::path) as data, so a form can show it
    /// next to the field without reading the message.
    void error(const YNode& n, std::string message, std::vector<std::string> hints = {}) {
        diags_.error(pos(n), std::move(message), n.path, std::move(hints));
    }
    void warning(const YNode& n, std::string message, std::vector<std::string> hints = {}) {
        diags_.warning(pos(n), std::move(message), n.path, std::move(hints));
    }
    [[nodiscard]] const std::string& file() const { return file_; }
    [[nodiscard]] Diagnostics& diags() { return diags_; }

    /// Joins a parent path and a key: ("assessment", "pain") -> "assessment.pain".
    [[nodiscard]] static std::string join(const std::string& parent, const std::string& key) {
        return parent.empty() ? key : parent + "." + key;
    }

    /// Warns (errors with --strict) about every key of `map` not in `known`, with a "did you mean" hint.
    /// Every unknown key is reported; Diagnostics::capped() prints the first 20 of the kind and one
    /// "and N more like this" (100,000 unknown keys must not print 100,000 lines).
    void check_keys(const YNode& map, const std::string& path, std::initializer_list<const char*> known);

    /// The key node of `key` in `map`, or nullptr.
    [[nodiscard]] static const YNode* key_node(const YNode& map, const std::string& key);

    /// The value node of `key`; when absent and `required`, reports "missing required field 'key' in
    /// 'parent'" at the mapping's first key (1:1 of the file for the top level).
    const YNode* field(const YNode& map, const std::string& path, const std::string& key, bool required);

    /// `key` as a mapping (reports "is empty; expected a mapping" / "must be a mapping, got ...").
    const YNode* mapping(const YNode& map, const std::string& path, const std::string& key, bool required);
    /// `key` as a list (reports "must be a list, got a string" etc.). An empty value is an error.
    const YNode* list(const YNode& map, const std::string& path, const std::string& key, bool required);

    /// Free text: a scalar, NFC; empty or whitespace-only text is an error.
    std::optional<std::string> string(const YNode& map, const std::string& path, const std::string& key, bool required);
    /// A whole number lo..hi written plainly (no quotes, no leading zeros, no fraction or "/10").
    std::optional<int> integer(const YNode& map, const std::string& path, const std::string& key, bool required,
                               int lo, int hi = INT_MAX);
    /// A decimal number lo..hi written plainly (for layout lengths in pt or mm).
    std::optional<double> number(const YNode& map, const std::string& path, const std::string& key, bool required,
                                 double lo, double hi);
    /// Only plain `true` or `false` (YAML 1.1 yes/no/on/off are rejected for booleans).
    std::optional<bool> boolean(const YNode& map, const std::string& path, const std::string& key, bool required);
    /// A calendar date YYYY-MM-DD that exists.
    std::optional<model::Date> date(const YNode& map, const std::string& path, const std::string& key, bool required);
    /// One of `choices` exactly.
    std::optional<std::string> choice(const YNode& map, const std::string& path, const std::string& key, bool required,
                                      const std::vector<std::string>& choices);
    /// A list of non-empty strings (order kept).
    std::optional<std::vector<std::string>> string_list(const YNode& map, const std::string& path,
                                                         const std::string& key, bool required);
    /// "#RRGGBB" as an sRGB colour.
    std::optional<model::Rgb> colour(const YNode& map, const std::string& path, const std::string& key, bool required);

    /// Value-level forms of the getters above, for list items (`key` is the node used for "is empty").
    std::optional<std::string> string_value(const YNode& v, const YNode& key, const std::string& path);
    std::optional<int> integer_value(const YNode& v, const YNode& key, const std::string& path, int lo, int hi);
    std::optional<model::Date> date_value(const YNode& v, const YNode& key, const std::string& path);

private:
    /// Reports an empty value at the key: "'path' is empty; expected <what>". Returns true when empty.
    bool empty_check(const YNode& v, const YNode* key, const std::string& path, const std::string& what);

    std::string file_;
    Diagnostics& diags_;
    const LoadOptions& opts_;
};

/// "integer 0..10" / "integer >= 1".
[[nodiscard]] std::string integer_range(int lo, int hi);

/// True when `d` names a real calendar day (proleptic Gregorian).
[[nodiscard]] bool is_real_date(int y, int m, int d);

}  // namespace takehome::load::detail
