// Image reference checks: refuse URLs and escapes before touching the disk, then match each segment exactly.
#include "content/image_path.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <system_error>
#include <vector>

#include "base/diagnostics.hpp"

namespace takehome::content::detail {

namespace fs = std::filesystem;

namespace {

const char* const outside_message = "image path must be relative to the handout's images folder";

/// True for "scheme:" prefixes per RFC 3986 (letter, then letters, digits, '+', '-', '.'), and so also for
/// Windows drive letters such as "C:".
bool has_scheme(const std::string& ref) {
    if (ref.empty() || std::isalpha(static_cast<unsigned char>(ref[0])) == 0) return false;
    for (std::size_t i = 1; i < ref.size(); ++i) {
        const auto c = static_cast<unsigned char>(ref[i]);
        if (c == ':') return true;
        if (std::isalnum(c) == 0 && c != '+' && c != '-' && c != '.') return false;
    }
    return false;
}

std::vector<std::string> split(const std::string& s, const std::string& separators) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (separators.find(c) != std::string::npos) {
            out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    out.push_back(cur);
    return out;
}

/// Names in `dir` (no "." or ".."); empty when the folder cannot be listed.
std::vector<std::string> list_names(const fs::path& dir) {
    std::vector<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        names.push_back(it->path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::string join(const std::vector<std::string>& parts, std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t i = from; i < to; ++i) {
        if (!out.empty()) out += '/';
        out += parts[i];
    }
    return out;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

}  // namespace

ImageCheck check_image_path(const std::string& reference, const std::string& base_dir) {
    ImageCheck result;
    if (reference.empty()) {
        result.error = "image path is empty; expected a file name such as 'images/bridge.svg'";
        return result;
    }
    if (has_scheme(reference) || reference.front() == '/' || reference.front() == '\\' ||
        reference.find("//") != std::string::npos) {
        result.error = outside_message;
        return result;
    }
    for (const auto& segment : split(reference, "/\\")) {
        if (segment == "..") {
            result.error = outside_message;
            return result;
        }
    }

    // Walk the segments, matching each name exactly against the folder listing (case-sensitive everywhere).
    std::vector<std::string> parts;
    for (auto& s : split(reference, "/")) {
        if (!s.empty() && s != ".") parts.push_back(s);
    }
    if (parts.empty()) {
        result.error = "image path '" + reference + "' names a folder, expected a .png, .jpg or .svg file";
        return result;
    }
    fs::path current = base_dir;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const auto names = list_names(current);
        if (std::find(names.begin(), names.end(), parts[i]) == names.end()) {
            std::string message = "image '" + reference + "' not found";
            const std::string near = closest_match(parts[i], names);
            if (!near.empty()) {
                std::vector<std::string> fixed = parts;
                fixed[i] = near;
                message += " (did you mean '" + join(fixed, 0, fixed.size()) + "'?)";
            }
            result.error = message;
            return result;
        }
        current /= parts[i];
    }

    // Symlinks must not lead outside the allowed folder.
    std::error_code ec, base_ec;
    const fs::path real = fs::canonical(current, ec);
    const fs::path real_base = fs::canonical(base_dir, base_ec);
    if (ec || base_ec) {
        result.error = "image '" + reference + "' cannot be read";
        return result;
    }
    const auto rel = real.lexically_relative(real_base);
    if (rel.empty() || *rel.begin() == "..") {
        result.error = outside_message;
        return result;
    }
    if (!fs::is_regular_file(real, ec)) {
        result.error = "image '" + reference + "' is not a file, expected a .png, .jpg or .svg file";
        return result;
    }
    const std::string ext = lower(real.extension().string());
    if (ext != ".png" && ext != ".jpg" && ext != ".jpeg" && ext != ".svg") {
        result.error = "image '" + reference + "' must be a .png, .jpg or .svg file, found '" + real.extension().string() + "'";
        return result;
    }
    result.absolute_path = real.string();
    return result;
}

}  // namespace takehome::content::detail
