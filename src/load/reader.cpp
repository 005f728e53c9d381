// Typed field reading with positioned, contract-worded diagnostics (see reader.hpp).
#include "load/reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <regex>

#include "base/text.hpp"

namespace takehome::load::detail {

namespace {

/// std::regex matches recursively (libstdc++): a value is only matched against a pattern when it is short
/// enough to be what the pattern describes, so a 1 MB scalar can neither overflow the stack nor take long.
constexpr std::size_t kMaxPatternText = 200;
bool matches(const std::string& s, const std::regex& re) {
    return s.size() <= kMaxPatternText && std::regex_match(s, re);
}
bool matches(const std::string& s, std::smatch& m, const std::regex& re) {
    return s.size() <= kMaxPatternText && std::regex_match(s, m, re);
}

bool all_blank(const std::string& s) {
    return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

std::string format_number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

std::string join_choices(const std::vector<std::string>& choices) {
    std::string out;
    for (const auto& c : choices) {
        if (!out.empty()) out += '/';
        out += c;
    }
    return out;
}

}  // namespace

std::string integer_range(int lo, int hi) {
    if (hi == INT_MAX) return "integer >= " + std::to_string(lo);
    return "integer " + std::to_string(lo) + ".." + std::to_string(hi);
}

bool is_real_date(int y, int m, int d) {
    if (y < 1 || m < 1 || m > 12 || d < 1) return false;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    const int max = m == 2 && leap ? 29 : days[m - 1];
    return d <= max;
}

void Reader::check_keys(const YNode& map, const std::string& path, std::initializer_list<const char*> known) {
    const std::vector<std::string> names(known.begin(), known.end());
    for (const auto& [k, v] : map.entries) {
        if (std::find(names.begin(), names.end(), k.value) != names.end()) continue;
        std::string msg = "unknown field '" + shown(k.value) + "'";
        if (!path.empty()) msg += " in '" + path + "'";
        std::vector<std::string> hints;
        if (const std::string near = closest_match(k.value, names); !near.empty())
            hints.push_back("did you mean '" + near + "'?");
        if (opts_.strict) {
            error(k, msg, std::move(hints));
        } else {
            warning(k, msg, std::move(hints));
        }
    }
}

const YNode* Reader::key_node(const YNode& map, const std::string& key) {
    for (const auto& [k, v] : map.entries) {
        if (k.value == key) return &k;
    }
    return nullptr;
}

const YNode* Reader::field(const YNode& map, const std::string& path, const std::string& key, bool required) {
    if (const YNode* v = map.find(key)) return v;
    if (required) {
        if (path.empty()) {
            diags_.error(SourcePos{file_, 1, 1}, "missing required field '" + key + "'");
        } else {
            const YNode& where = map.entries.empty() ? map : map.entries.front().first;
            error(where, "missing required field '" + key + "' in '" + path + "'");
        }
    }
    return nullptr;
}

bool Reader::empty_check(const YNode& v, const YNode* key, const std::string& path, const std::string& what) {
    const bool blank = v.is_empty() || (v.kind == YNode::Kind::scalar && all_blank(v.value));
    if (!blank) return false;
    error(key != nullptr ? *key : v, "'" + path + "' is empty; expected " + what);
    return true;
}

const YNode* Reader::mapping(const YNode& map, const std::string& path, const std::string& key, bool required) {
    const YNode* v = field(map, path, key, required);
    if (v == nullptr) return nullptr;
    const std::string p = join(path, key);
    if (v->is_empty()) {
        error(*key_node(map, key), "'" + p + "' is empty; expected a mapping");
        return nullptr;
    }
    if (v->kind != YNode::Kind::mapping) {
        std::string msg = "'" + p + "' must be a mapping, got " + describe(*v);
        static const std::regex glued("([A-Za-z_][A-Za-z0-9_-]*):(\\S.*)");
        std::smatch m;
        if (v->kind == YNode::Kind::scalar && !v->quoted && matches(v->value, m, glued)) {
            msg += "; did you mean '" + shown(m[1].str() + ": " + m[2].str()) + "' (missing space after ':')?";
        }
        error(*v, msg);
        return nullptr;
    }
    return v;
}

const YNode* Reader::list(const YNode& map, const std::string& path, const std::string& key, bool required) {
    const YNode* v = field(map, path, key, required);
    if (v == nullptr) return nullptr;
    const std::string p = join(path, key);
    if (v->is_empty()) {
        error(*key_node(map, key), "'" + p + "' is empty; expected a list (write [] for none)");
        return nullptr;
    }
    if (v->kind != YNode::Kind::sequence) {
        error(*v, "'" + p + "' must be a list, got " + describe(*v));
        return nullptr;
    }
    return v;
}

std::optional<std::string> Reader::string_value(const YNode& v, const YNode& key, const std::string& path) {
    if (empty_check(v, &key, path, "text")) return std::nullopt;
    if (v.kind != YNode::Kind::scalar) {
        error(v, "'" + path + "' must be a string, got " + describe(v));
        return std::nullopt;
    }
    return v.value;
}

std::optional<std::string> Reader::string(const YNode& map, const std::string& path, const std::string& key,
                                          bool required) {
    const YNode* v = field(map, path, key, required);
    if (v == nullptr) return std::nullopt;
    return string_value(*v, *key_node(map, key), join(path, key));
}

std::optional<int> Reader::integer_value(const YNode& v, const YNode& key, const std::string& path, int lo, int hi) {
    const std::string range = integer_range(lo, hi);
    if (empty_check(v, &key, path, range)) return std::nullopt;
    const std::string head = "'" + path + "' must be an " + range + ", got ";
    if (v.kind != YNode::Kind::scalar) {
        error(v, head + describe(v));
        return std::nullopt;
    }
    static const std::regex whole("-?[0-9]+");
    static const std::regex fraction("[0-9]+ */ *[0-9]+");
    // Numbers YAML or a programmer would accept but a dose must not be guessed from (issue 11).
    static const std::regex other_number(
        "[+-]?(0[xX][0-9A-Fa-f_]+|0[oO][0-7_]+|0[bB][01_]+|([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)");
    const std::string& t = v.value;
    const std::string got = "'" + shown(t) + "'";
    if (v.quoted || v.block) {
        if (matches(t, whole)) {
            error(v, head + got + " in quotes (write the number without quotes)");
        } else {
            error(v, head + got);
        }
        return std::nullopt;
    }
    if (matches(t, fraction)) {
        error(v, head + got + " (write just the number, e.g. 8)");
        return std::nullopt;
    }
    if (!matches(t, whole)) {
        error(v, head + got + (t.size() <= 64 && matches(t, other_number) ? " (expected a whole number in decimal)" : ""));
        return std::nullopt;
    }
    // Leading zeros: read as decimal (never octal), with a warning, as the front-matter loader does.
    const bool negative = t[0] == '-';
    std::size_t first = negative ? 1 : 0;
    while (first + 1 < t.size() && t[first] == '0') ++first;
    std::string digits = (negative ? "-" : "") + t.substr(first);
    int value = 0;
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc{} || ptr != digits.data() + digits.size() || value < lo || value > hi) {
        error(v, head + got);
        return std::nullopt;
    }
    if (first > (negative ? 1u : 0u)) {
        warning(v, "'" + path + "': leading zeros ignored in " + got + " (read as " + std::to_string(value) + ")");
    }
    return value;
}

std::optional<int> Reader::integer(const YNode& map, const std::string& path, const std::string& key, bool required,
                                   int lo, int hi) {
    const YNode* v = field(map, path, key, required);
    if (v == nullptr) return std::nullopt;
    return integer_value(*v, *key_node(map, key), join(path, key), lo, hi);
}

std::optional<double> Reader::number(const YNode& map, const std::string& path, const std::string& key,
                                     bool required, double lo, double hi) {
    const YNode* v = field(map, path, key, required);
    if (v == nullptr) return std::nullopt;
    const std::string p = join(path, key);
    const std::string range = "number " + format_number(lo) + ".." + format_number(hi);
    if (empty_check(*v, key_node(map, key), p, range)) return std::nullopt;
    const std::string head = "'" + p + "' must be a " + range + ", got ";
    if (v->kind != YNode::Kind::scalar) {
        error(*v, head + describe(*v));
        return std::nullopt;
    }
    static const std::regex decimal("-?[0-9]+(\\.[0-9]+)?");
    const std::string& t = v->value;
    if (v->quoted || !matches(t, decimal)) {
        error(*v, head + "'" + shown(t) + "'" + (v->quoted ? " in quotes (write the number without quotes)" : ""));
        return std::nullopt;
    }
    const double value = std::strtod(t.c_str(), nullptr);
    if (!std::isfinite(value) || value < lo || value > hi) {
        error(*v, head + "'" + shown(t) + "'");
        return std::nullopt;
    }
    return value;
}

std::optional<bool> Reader::boolean(const YNode& map, const std::string& path, const std::string& key, bool required) {
    const YNode* v = field(map, path, key, required);
    if (v == nullptr) return std::nullopt;
    const std::string p = join(path, key);
    if (empty_check(*v, key_node(map, key), p, "true or false")) return std::nullopt;
    if (v->kind == YNode::Kind::scalar && !v->quoted && !v->block) {
        if (v->value == "true") return true;
        if (v->value == "false") return false;
    }
    if (v->kind != YNode::Kind::scalar) {
        error(*v, "'" + p + "': expected true or false, got " + describe(*v));
    } else if (v->quoted && (v->value == "true" || v->value == "false")) {
        error(*v, "'" + p + "': expected true or false, got '" + v->value + "' in quotes (remove the quotes)");
    } else {
        error(*v, "'" + p + "': expected true or false, got '" + shown(v->value) + "'");
    }
    return std::nullopt;
}

std::optional<model::Date> Reader::date_value(const YNode& v, const YNode& key, const std::string& path) {
    if (empty_check(v, &key, path, "a date YYYY-MM-DD")) return std::nullopt;
    const std::string head = "'" + path + "' must be YYYY-MM-DD, got ";
    if (v.kind != YNode::Kind::scalar) {
        error(v, head + describe(v));
        return std::nullopt;
    }
    static const std::regex iso("([0-9]{4})-([0-9]{2})-([0-9]{2})");
    static const std::regex numeric("([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{2,4})");
    const std::string& t = v.value;
    std::smatch m;
    if (matches(t, m, iso)) {
        const model::Date d{std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3])};
        if (!is_real_date(d.year, d.month, d.day)) {
            error(v, "'" + path + "' " + t + " is not a real date");
            return std::nullopt;
        }
        return d;
    }
    if (matches(t, m, numeric)) {
        const int a = std::stoi(m[1]), b = std::stoi(m[2]);
        if (a <= 12 && b <= 12 && a != b) {
            error(v, head + "'" + shown(t) + "' (ambiguous day/month)");
        } else {
            error(v, head + "'" + shown(t) + "' (write the year first, e.g. 2026-11-27)");
        }
        return std::nullopt;
    }
    error(v, head + "'" + shown(t) + "'");
    return std::nullopt;
}

std::optional<model::Date> Reader::date(const YNode& map, const std::string& path, const std::string& key,
                                        bool required) {
    const YNode* v = field(map, path, key, required);
    if (v == nullptr) return std::nullopt;
    return date_value(*v, *key_node(map, key), join(path, key));
}

std::optional<std::string> Reader::choice(const YNode& map, const std::string& path, const std::string& key,
                                          bool required, const std::vector<std::string>& choices) {
    const YNode* v = field(map, path, key, required);
    if (v == nullptr) return std::nullopt;
    const std::string p = join(path, key);
    const std::string all = join_choices(choices);
    if (empty_check(*v, key_node(map, key), p, "one of " + all)) return std::nullopt;
    if (v->kind != YNode::Kind::scalar) {
        error(*v, "'" + p + "' must be one of " + all + ", got " + describe(*v));
        return std::nullopt;
    }
    if (std::find(choices.begin(), choices.end(), v->value) != choices.end()) return v->value;
    std::string msg = "'" + p + "' must be one of " + all + ", got '" + shown(v->value) + "'";
    const std::string near = closest_match(v->value, choices);
    if (!near.empty()) msg += " (did you mean '" + near + "'?)";
    error(*v, msg);
    return std::nullopt;
}

std::optional<std::vector<std::string>> Reader::string_list(const YNode& map, const std::string& path,
                                                            const std::string& key, bool required) {
    const YNode* v = list(map, path, key, required);
    if (v == nullptr) return std::nullopt;
    const std::string p = join(path, key);
    std::vector<std::string> out;
    bool ok = true;
    for (std::size_t i = 0; i < v->items.size(); ++i) {
        const YNode& item = v->items[i];
        const std::string ip = p + "[" + std::to_string(i + 1) + "]";
        if (auto s = string_value(item, item, ip)) {
            out.push_back(*s);
        } else {
            ok = false;
        }
    }
    if (!ok) return std::nullopt;
    return out;
}

std::optional<model::Rgb> Reader::colour(const YNode& map, const std::string& path, const std::string& key,
                                         bool required) {
    const YNode* v = field(map, path, key, required);
    if (v == nullptr) return std::nullopt;
    const std::string p = join(path, key);
    if (empty_check(*v, key_node(map, key), p,
                    "a colour \"#RRGGBB\" (put it in quotes: an unquoted # starts a comment)")) {
        return std::nullopt;
    }
    static const std::regex hex("#[0-9A-Fa-f]{6}");
    if (v->kind != YNode::Kind::scalar || !matches(v->value, hex)) {
        error(*v, "'" + p + "' must be a colour written #RRGGBB, got " +
                      (v->kind == YNode::Kind::scalar ? "'" + shown(v->value) + "'" : describe(*v)));
        return std::nullopt;
    }
    const auto channel = [&](std::size_t at) {
        return static_cast<double>(std::stoi(v->value.substr(at, 2), nullptr, 16)) / 255.0;
    };
    return model::Rgb{channel(1), channel(3), channel(5)};
}

}  // namespace takehome::load::detail
