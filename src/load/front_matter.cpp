// Markdown front matter: flat YAML keys with scalar or list-of-scalar values, positioned in the .md file.
#include <algorithm>

#include "load/load.hpp"
#include "load/yaml_tree.hpp"

namespace takehome::load {

using detail::YNode;

std::vector<FrontMatterValue> parse_front_matter(const std::string& yaml_text, const std::string& file,
                                                 int first_line, Diagnostics& diags) {
    std::vector<FrontMatterValue> out;
    // "---\n---" or only comments: no fields, and no error (the content stage decides what is required).
    bool blank = true;
    for (std::size_t at = 0; at < yaml_text.size() && blank;) {
        const std::size_t end = std::min(yaml_text.find('\n', at), yaml_text.size());
        const std::size_t first = yaml_text.find_first_not_of(" \t\r", at);
        blank = first >= end || yaml_text[first] == '#';
        at = end + 1;
    }
    if (blank) return out;
    auto root = detail::parse_yaml(yaml_text, file, first_line, diags);
    if (!root) return out;
    const auto pos = [&](const YNode& n) { return SourcePos{file, n.line, n.column}; };
    if (root->kind != YNode::Kind::mapping) {
        diags.error(pos(*root), "front matter must be 'key: value' lines, got " + detail::describe(*root));
        return out;
    }
    for (const auto& [k, v] : root->entries) {
        FrontMatterValue f;
        f.key = k.value;
        f.key_pos = pos(k);
        f.value_pos = v.kind == YNode::Kind::null ? pos(k) : pos(v);
        switch (v.kind) {
            case YNode::Kind::null:
                f.values.emplace_back();
                break;
            case YNode::Kind::scalar:
                f.values.push_back(v.value);
                break;
            case YNode::Kind::sequence: {
                f.is_list = true;
                bool ok = true;
                for (const auto& item : v.items) {
                    if (item.kind == YNode::Kind::scalar) {
                        f.values.push_back(item.value);
                    } else if (item.kind == YNode::Kind::null) {
                        f.values.emplace_back();
                    } else {
                        diags.error(pos(item), "'" + k.value + "' items must be plain values, got " + detail::describe(item));
                        ok = false;
                    }
                }
                if (!ok) continue;
                break;
            }
            case YNode::Kind::mapping:
                diags.error(pos(v), "'" + k.value + "' must be a value or a list of values, got a mapping");
                continue;
        }
        out.push_back(std::move(f));
    }
    return out;
}

}  // namespace takehome::load
