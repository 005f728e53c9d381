// Internal to the load stage: a small positioned YAML tree built from yaml-cpp parser events.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/diagnostics.hpp"

namespace takehome::load::detail {

/// One YAML node with the 1-based line and column (in code points) where it starts in the file.
struct YNode {
    // Declared here, defaulted below once YNode is complete: std::pair<YNode, YNode> in `entries` needs a
    // complete YNode for its constraints, which clang checks (libstdc++ 12) where GCC defers them.
    YNode();
    YNode(const YNode&);
    YNode(YNode&&) noexcept;
    YNode& operator=(const YNode&);
    YNode& operator=(YNode&&) noexcept;
    ~YNode();

    enum class Kind { null, scalar, mapping, sequence };
    Kind kind = Kind::null;
    int line = 0;
    int column = 0;
    std::string value;         ///< scalar text, NFC-normalised, U+FEFF removed
    bool quoted = false;       ///< '...' or "..." (yaml-cpp tag "!"), as opposed to a plain scalar ("?")
    bool block = false;        ///< a block scalar (| or >)
    std::vector<std::pair<YNode, YNode>> entries;  ///< mapping: key, value (in file order)
    std::vector<YNode> items;                      ///< sequence items
    std::string path;          ///< dotted field path from the top, 1-based indexes ("plan.exercises[2].reps");
                               ///< a key node has its value's path. Filled by parse_yaml (assign_field_paths)

    /// The value for `key` in a mapping, or nullptr.
    [[nodiscard]] const YNode* find(const std::string& key) const;
    /// True for a missing value (`key:` with nothing after it) or a plain `~`.
    [[nodiscard]] bool is_empty() const { return kind == Kind::null || (kind == Kind::scalar && !quoted && !block && value == "~"); }
};

inline YNode::YNode() = default;
inline YNode::YNode(const YNode&) = default;
inline YNode::YNode(YNode&&) noexcept = default;
inline YNode& YNode::operator=(const YNode&) = default;
inline YNode& YNode::operator=(YNode&&) noexcept = default;
inline YNode::~YNode() = default;

/// Limits that keep parsing bounded in time and memory (error contract, rule 5).
inline constexpr std::size_t kMaxFileBytes = 1024 * 1024;  ///< 1 MiB: a summary is a few kB
inline constexpr int kMaxDepth = 32;                        ///< nesting levels; the schema needs 4

/// Checks the raw bytes of a whole file (size, binary signature, NUL, invalid UTF-8, tab indentation,
/// stray U+FEFF) and parses exactly one YAML document into a positioned tree. Every problem goes to
/// `diags` positioned in `file`; `first_line` shifts line numbers (front matter inside a .md file).
/// Returns nothing when the file cannot be used at all (the errors say why). A document that is empty
/// after comments returns nothing with "file has no content (only comments/whitespace)"; an empty file
/// gives "file is empty". Duplicate keys are reported but the tree is still returned (first value wins)
/// so that validation can report the file's other problems in the same run.
[[nodiscard]] std::optional<YNode> parse_yaml(std::string bytes, const std::string& file, int first_line,
                                              Diagnostics& diags);

/// Sets `path` on `node` and every node below it: mapping entries "parent.key" (key and value alike), list
/// items "parent[i]" counted from 1, as a physio counts them and as the messages say them.
void assign_field_paths(YNode& node, const std::string& path);

/// "a string", "a list", "a mapping", "nothing": how a node is named in "got ..." messages.
[[nodiscard]] std::string describe(const YNode& n);

}  // namespace takehome::load::detail
