// read_markdown_file: byte-level checks (signatures, UTF-8, BOM), NFC, and the front-matter split.
#include <cstdio>
#include <string>
#include <string_view>

#include "base/diagnostics.hpp"
#include "base/text.hpp"
#include "content/content.hpp"

namespace takehome::content {

namespace {

/// A content page is a few kB; 1 MiB is the YAML inputs' limit too (error contract, rule 5).
constexpr std::size_t kMaxMarkdownBytes = 1024 * 1024;

/// "0x96": the byte in upper-case hex, as the error contract's H08 example shows.
std::string hex_byte(unsigned char b) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", static_cast<unsigned>(b));
    return buf;
}

bool is_blank(std::string_view s) {
    return s.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

/// Removes every U+FEFF (EF BB BF) left inside the text, warning once per occurrence at its line:col.
std::string remove_stray_boms(std::string_view text, const std::string& path, Diagnostics& diags) {
    static constexpr std::string_view bom = "\xEF\xBB\xBF";
    std::string out;
    out.reserve(text.size());
    const TextPositions positions(text);
    std::size_t from = 0;
    for (std::size_t p = text.find(bom); p != std::string_view::npos; p = text.find(bom, from)) {
        const auto [line, col] = positions.at(p);
        diags.warning(SourcePos{path, line, col},
                      "stray byte order mark (U+FEFF) inside the text removed; save the file as UTF-8 without BOM");
        out.append(text.substr(from, p - from));
        from = p + bom.size();
    }
    out.append(text.substr(from));
    return out;
}

/// CRLF and lone CR become LF, so fences and cmark see one kind of line end (line numbers do not change).
std::string unify_line_ends(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            out += '\n';
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else {
            out += text[i];
        }
    }
    return out;
}

/// A fence line: exactly `fence` followed only by spaces or tabs.
bool is_fence(std::string_view line, std::string_view fence) {
    if (line.substr(0, fence.size()) != fence) return false;
    return line.substr(fence.size()).find_first_not_of(" \t") == std::string_view::npos;
}

}  // namespace

std::optional<MarkdownFile> read_markdown_file(const std::string& path, Diagnostics& diags) {
    std::string bytes;
    try {
        bytes = read_file_bytes(path, kMaxMarkdownBytes);
    } catch (const InputError& e) {
        // read_file_bytes reports at line 0; Markdown errors point at 1:1 like the other whole-file errors.
        for (auto d : e.diagnostics().items()) {
            if (d.pos.line == 0) d.pos.line = d.pos.column = 1;
            diags.add(d);
        }
        return std::nullopt;
    }
    if (auto sig = binary_signature(bytes)) {
        diags.error(SourcePos{path, 1, 1}, "not a text file (" + *sig + ")");
        return std::nullopt;
    }
    if (auto bad = find_invalid_utf8(bytes)) {
        if (bad->byte == 0) {
            diags.error(SourcePos{path, bad->line, bad->column},
                        "not a text file (NUL byte at offset " + std::to_string(bad->offset) + ")");
        } else {
            diags.error(SourcePos{path, bad->line, bad->column},
                        "invalid UTF-8 (byte " + hex_byte(bad->byte) + "); save the file as UTF-8");
        }
        return std::nullopt;
    }
    const std::string_view no_bom = strip_bom(bytes);
    if (is_blank(no_bom)) {
        diags.error(SourcePos{path, 1, 1}, "page is empty");
        return std::nullopt;
    }
    const std::string text = to_nfc(unify_line_ends(remove_stray_boms(no_bom, path, diags)));
    // Control characters, noncharacters and bidi overrides (issue 11): each refused at its line and column.
    // Every one is reported; Diagnostics::capped() keeps the first 20 of a kind when they are printed.
    bool refused = false;
    const TextPositions positions(text);
    for (auto bad = find_forbidden_char(text, true); bad; bad = find_forbidden_char(text, true, bad->offset + bad->length)) {
        const auto [line, col] = positions.at(bad->offset);
        diags.error(SourcePos{path, line, col}, bad->message);
        refused = true;
    }
    if (refused) return std::nullopt;

    MarkdownFile md;
    const std::size_t first_end = text.find('\n');
    const std::string_view first_line = std::string_view(text).substr(0, first_end);
    if (!is_fence(first_line, "---") || first_end == std::string::npos) {
        md.body = text;
        md.body_line = 1;
        return md;
    }
    // Front matter: from line 2 up to a closing "---" (or YAML's "...") line.
    std::size_t pos = first_end + 1;
    int line = 2;
    while (pos <= text.size()) {
        const std::size_t end = text.find('\n', pos);
        const std::string_view l =
            std::string_view(text).substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        if (is_fence(l, "---") || is_fence(l, "...")) {
            md.front_matter = text.substr(first_end + 1, pos - (first_end + 1));
            md.front_matter_line = 2;
            md.body = end == std::string::npos ? std::string() : text.substr(end + 1);
            md.body_line = line + 1;
            return md;
        }
        if (end == std::string::npos) break;
        pos = end + 1;
        ++line;
    }
    diags.error(SourcePos{path, 1, 1}, "front matter is not closed; expected a '---' line after the last field");
    return std::nullopt;
}

}  // namespace takehome::content
