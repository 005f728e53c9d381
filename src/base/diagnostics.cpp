// Diagnostics formatting, ordering and "did you mean" matching.
#include "base/diagnostics.hpp"
#include "base/json.hpp"

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <map>
#include <tuple>

namespace takehome {

std::string json_escape(const std::string& s) {
    std::string out;
    out.reserve(s.size() + 2);
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            default:
                if (c < 0x20) {
                    static const char* hex = "0123456789abcdef";
                    out += "\\u00";
                    out += hex[c >> 4];
                    out += hex[c & 15];
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    return out;
}

namespace {

const char* severity_word(Severity s) { return s == Severity::error ? "error" : "warning"; }


std::u32string decode(const std::string& s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        char32_t cp = c;
        std::size_t n = 1;
        if (c >= 0xF0) { cp = c & 0x07; n = 4; }
        else if (c >= 0xE0) { cp = c & 0x0F; n = 3; }
        else if (c >= 0xC0) { cp = c & 0x1F; n = 2; }
        for (std::size_t k = 1; k < n && i + k < s.size(); ++k) {
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        }
        out += cp;
        i += n;
    }
    return out;
}

}  // namespace

std::string Diagnostic::format() const {
    std::ostringstream os;
    os << pos.file;
    if (pos.line > 0) {
        os << ':' << pos.line;
        if (pos.column > 0) os << ':' << pos.column;
    }
    os << ": " << severity_word(severity) << ": " << message;
    for (const auto& h : hints) os << " (" << h << ')';
    return os.str();
}

std::string Diagnostic::to_json() const {
    std::ostringstream os;
    os << "{\"severity\":\"" << severity_word(severity) << "\",\"file\":\"" << json_escape(pos.file)
       << "\",\"line\":" << pos.line << ",\"column\":" << pos.column << ",\"field\":\"" << json_escape(field)
       << "\",\"message\":\"" << json_escape(message) << "\",\"hints\":[";
    for (std::size_t i = 0; i < hints.size(); ++i) os << (i ? "," : "") << '"' << json_escape(hints[i]) << '"';
    os << "]}";
    return os.str();
}

void Diagnostics::error(SourcePos pos, std::string message, std::string field, std::vector<std::string> hints) {
    items_.push_back(Diagnostic{Severity::error, std::move(pos), std::move(message), std::move(field), std::move(hints)});
}

void Diagnostics::warning(SourcePos pos, std::string message, std::string field, std::vector<std::string> hints) {
    items_.push_back(
        Diagnostic{Severity::warning, std::move(pos), std::move(message), std::move(field), std::move(hints)});
}

void Diagnostics::add(Diagnostic d) { items_.push_back(std::move(d)); }

void Diagnostics::append(const Diagnostics& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

std::size_t Diagnostics::error_count() const {
    return static_cast<std::size_t>(
        std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

std::vector<Diagnostic> Diagnostics::sorted() const {
    std::vector<Diagnostic> out = items_;
    std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.pos.file, a.pos.line, a.pos.column) < std::tie(b.pos.file, b.pos.line, b.pos.column);
    });
    return out;
}

std::string Diagnostics::to_string() const {
    std::string out;
    for (const auto& d : sorted()) {
        out += d.format();
        out += '\n';
    }
    return out;
}

namespace {

/// The kind of a message: its text with every '...' token blanked ("unknown field '' in 'patient'").
std::string kind_of(const Diagnostic& d) {
    std::string k = d.pos.file + (d.severity == Severity::error ? "\x01" : "\x02");
    bool quoted = false;
    for (char c : d.message) {
        if (c == '\'') {
            quoted = !quoted;
            k += c;
        } else if (!quoted) {
            k += c;
        }
    }
    return k;
}

/// 99980 as "99,980" (the error contract's example of a capped count).
std::string grouped(std::size_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

}  // namespace

std::vector<Diagnostic> Diagnostics::capped(std::size_t per_kind) const {
    const std::vector<Diagnostic> all = sorted();
    std::vector<std::string> kinds;
    kinds.reserve(all.size());
    std::map<std::string, std::size_t> total, shown;
    for (const auto& d : all) ++total[kinds.emplace_back(kind_of(d))];
    std::vector<Diagnostic> out;
    for (std::size_t i = 0; i < all.size(); ++i) {
        const std::size_t n = ++shown[kinds[i]];
        if (n <= per_kind) {
            out.push_back(all[i]);
        } else if (n == per_kind + 1) {
            // Where the first one left out is, so the reader can go on from there in the file.
            out.push_back(Diagnostic{all[i].severity, all[i].pos,
                                     "and " + grouped(total[kinds[i]] - per_kind) + " more like this", "", {}});
        }
    }
    return out;
}

InputError::InputError(Diagnostics diags)
    : std::runtime_error(diags.empty() ? std::string("bad input") : diags.sorted().front().format()),
      diags_(std::move(diags)) {}

InputError::InputError(SourcePos pos, std::string message)
    : InputError([&] {
          Diagnostics d;
          d.error(std::move(pos), std::move(message));
          return d;
      }()) {}

std::size_t edit_distance(const std::string& a8, const std::string& b8) {
    const std::u32string a = decode(a8), b = decode(b8);
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
    const std::size_t limit = std::max<std::size_t>(2, decode(word).size() / 3);
    std::string best;
    std::size_t best_d = SIZE_MAX;
    for (const auto& c : candidates) {
        const std::size_t d = edit_distance(word, c);
        if (d < best_d && d <= limit && d > 0) {
            best_d = d;
            best = c;
        }
    }
    return best;
}

}  // namespace takehome
