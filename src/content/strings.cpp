// Loading and validating the wording catalogues (content/strings/*.yaml) through the load stage's front-matter
// reader (flat key: text pairs with positions).
#include "content/strings.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "base/text.hpp"
#include "load/load.hpp"

namespace takehome::content {

const std::vector<StringKey>& string_keys() {
    static const std::vector<StringKey> keys = {
        {"heading.header", {}},
        {"heading.safety_first", {}},
        {"heading.plan_at_a_glance", {}},
        {"heading.what_we_found", {}},
        {"heading.treatment_today", {}},
        {"heading.exercises", {}},
        {"heading.exercise_diary", {}},
        {"heading.flare_ups", {}},
        {"heading.red_flags", {}},
        {"heading.next_steps", {}},
        {"heading.education", {}},
        {"education.intro", {}},
        {"found.screened", {}},
        {"treatment.soreness", {}},
        {"diary.lead", {"first", "last"}},
        {"place.emergency", {}},
    };
    return keys;
}

std::string Strings::say(const std::string& key, const std::vector<std::pair<std::string, std::string>>& vars) const {
    const auto it = text.find(key);
    if (it == text.end()) return key;
    std::string out = it->second;
    for (const auto& [name, value] : vars) {
        const std::string ph = "{" + name + "}";
        for (auto at = out.find(ph); at != std::string::npos; at = out.find(ph, at + value.size()))
            out.replace(at, ph.size(), value);
    }
    return out;
}

namespace {

/// The "{name}" placeholders in a text, with their byte offsets.
std::vector<std::pair<std::string, std::size_t>> placeholders_in(const std::string& text) {
    std::vector<std::pair<std::string, std::size_t>> out;
    for (auto open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
        const auto close = text.find('}', open);
        if (close == std::string::npos) break;
        out.emplace_back(text.substr(open + 1, close - open - 1), open);
    }
    return out;
}

}  // namespace

std::optional<Strings> load_strings(const std::string& path, Diagnostics& diags) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        diags.error(SourcePos{path, 0, 0}, "cannot read the wording catalogue");
        return std::nullopt;
    }
    std::stringstream buf;
    buf << in.rdbuf();
    Diagnostics local;
    const auto values = load::parse_front_matter(buf.str(), path, 1, local);
    const bool parse_errors = local.has_errors();
    for (auto d : local.items()) diags.add(std::move(d));
    if (parse_errors) return std::nullopt;

    Strings s;
    s.file = path;
    s.language = std::filesystem::path(path).stem().string();
    std::vector<std::string> known;
    for (const auto& k : string_keys()) known.emplace_back(k.key);
    bool ok = true;
    for (const auto& v : values) {
        const auto key = std::find_if(string_keys().begin(), string_keys().end(),
                                      [&](const StringKey& k) { return v.key == k.key; });
        if (key == string_keys().end()) {
            std::string msg = "unknown wording key '" + v.key + "'";
            const std::string hint = closest_match(v.key, known);
            if (!hint.empty()) msg += " (did you mean '" + hint + "'?)";
            diags.error(v.key_pos, msg);
            ok = false;
            continue;
        }
        if (v.is_list || v.values.size() != 1) {
            diags.error(v.value_pos, "'" + v.key + "' must be one line of text, got a list");
            ok = false;
            continue;
        }
        const std::string& text = v.values.front();
        for (const auto& [name, offset] : placeholders_in(text)) {
            if (std::find(key->placeholders.begin(), key->placeholders.end(), name) != key->placeholders.end()) continue;
            std::string allowed;
            for (const char* p : key->placeholders) allowed += (allowed.empty() ? "{" : ", {") + std::string(p) + "}";
            SourcePos at = v.value_pos;
            (void)offset;
            diags.error(at, "unknown placeholder '{" + name + "}' in '" + v.key + "', expected " +
                                (allowed.empty() ? std::string("none") : "one of " + allowed));
            ok = false;
        }
        s.text[v.key] = text;
    }
    for (const auto& k : string_keys())
        if (!s.text.count(k.key)) {
            diags.error(SourcePos{path, 1, 1}, std::string("missing wording key '") + k.key + "'");
            ok = false;
        }
    if (!ok) return std::nullopt;
    return s;
}

}  // namespace takehome::content
