// Byte-level checks and the yaml-cpp event handler that builds the positioned YAML tree (load stage only).
#include "load/yaml_tree.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <sstream>
#include <unordered_map>

#include "base/text.hpp"

namespace takehome::load::detail {

const YNode* YNode::find(const std::string& key) const {
    for (const auto& [k, v] : entries) {
        if (k.kind == Kind::scalar && k.value == key) return &v;
    }
    return nullptr;
}

std::string describe(const YNode& n) {
    switch (n.kind) {
        case YNode::Kind::null: return "nothing";
        case YNode::Kind::mapping: return "a mapping";
        case YNode::Kind::sequence: return "a list";
        case YNode::Kind::scalar: break;
    }
    if (!n.quoted && !n.block) {
        if (n.value == "true" || n.value == "false") return "true/false";
        const std::string& v = n.value;
        const bool numeric = !v.empty() && std::all_of(v.begin(), v.end(), [](unsigned char c) {
            return std::isdigit(c) || c == '.' || c == '-' || c == '+';
        }) && std::any_of(v.begin(), v.end(), [](unsigned char c) { return std::isdigit(c); });
        if (numeric) return "a number";
    }
    return "a string";
}

namespace {

/// "0xE9".
std::string hex_byte(unsigned char b) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", b);
    return buf;
}

/// yaml-cpp 0.7 decodes the YAML escapes "\_" (U+00A0) and "\N" (U+0085) to the single bytes 0xA0 and 0x85
/// (Latin-1, not UTF-8; the other escapes come out as UTF-8). The file was checked as UTF-8 before parsing,
/// so a lone 0xA0 or 0x85 in a decoded scalar can only come from one of these escapes: it is re-encoded as
/// the character it stands for. Found by fuzz_clinic: the bytes reached to_nfc, whose InternalError ended
/// the process from inside yaml-cpp's event callback.
std::string reencode_latin1_escapes(const std::string& v) {
    std::string out;
    out.reserve(v.size() + 4);
    for (std::size_t i = 0; i < v.size();) {
        const auto b = static_cast<unsigned char>(v[i]);
        std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
        bool ok = len > 0 && i + len <= v.size();
        for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(v[i + k]) & 0xC0) == 0x80;
        if (ok) {
            out.append(v, i, len);
            i += len;
        } else {
            if (b == 0xA0 || b == 0x85) {
                out += '\xC2';
                out += static_cast<char>(b);
            } else {
                out += static_cast<char>(b);
            }
            ++i;
        }
    }
    return out;
}

/// Thrown from the event handler to stop yaml-cpp (depth limit, second document already seen).
struct StopParsing {};

/// Positions in the (BOM-stripped) text: the shared counter of base/text.hpp.
using LineIndex = TextPositions;

/// Removes every U+FEFF (EF BB BF) from valid UTF-8 text.
std::string remove_zwnbsp(std::string s) {
    static const std::string bom = "\xEF\xBB\xBF";
    for (std::size_t p = s.find(bom); p != std::string::npos; p = s.find(bom, p)) s.erase(p, 3);
    return s;
}

/// True when a line looks like the start of a mapping entry ("  key:" or "- key:"): the sign that a
/// quoted string ran on into the next field because its closing quote is missing (L01).
bool looks_like_key_line(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && line[i] == ' ') ++i;
    if (line.substr(i, 2) == "- ") i += 2;
    const std::size_t start = i;
    while (i < line.size() && (std::isalnum(static_cast<unsigned char>(line[i])) || line[i] == '_' || line[i] == '-')) ++i;
    if (i == start || i >= line.size() || line[i] != ':') return false;
    return i + 1 == line.size() || line[i + 1] == ' ' || line[i + 1] == '\r';
}

class TreeBuilder : public YAML::EventHandler {
public:
    TreeBuilder(std::string_view text, const LineIndex& index, const std::string& file, Diagnostics& diags)
        : text_(text), index_(index), file_(file), diags_(diags) {}

    int documents = 0;
    std::size_t second_doc_offset = 0;
    std::size_t last_doc_offset_ = 0;
    std::optional<YNode> root;

    void OnDocumentStart(const YAML::Mark& mark) override {
        const auto at = static_cast<std::size_t>(std::max(0, mark.pos));
        // yaml-cpp 0.7 leaves a ',' outside brackets unread, and starts a new, empty document at the same place
        // on every HandleNextDocument, forever (found by fuzzing: the two bytes ",\n" hung `check`). A document
        // starting where the previous one started is that token: stop and report it.
        if (documents > 0 && at == last_doc_offset_) {
            stuck_offset = at;
            throw StopParsing{};
        }
        last_doc_offset_ = at;
        ++documents;
        if (documents == 2) second_doc_offset = at;
    }
    /// Where yaml-cpp stopped reading (a ',' outside brackets), when it did.
    std::optional<std::size_t> stuck_offset;
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        if (counting()) return;
        check_anchor(mark, anchor);
        YNode n = at(mark);
        n.kind = YNode::Kind::null;
        add(std::move(n));
    }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
        if (counting()) return;
        if (!alias_reported_) {
            alias_reported_ = true;
            error(mark, "anchors and aliases are not supported (write the value out in full)");
        }
        YNode n = at(mark);
        add(std::move(n));
    }
    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        if (counting()) return;
        check_anchor(mark, anchor);
        YNode n = at(mark);
        n.kind = YNode::Kind::scalar;
        const std::size_t off = offset(mark);
        const char first = off < text_.size() ? text_[off] : '\0';
        if (tag == "!") {
            n.quoted = first == '"' || first == '\'';
            n.block = first == '|' || first == '>';
            if (n.quoted) check_closing_quote(off);
        } else if (tag != "?") {
            error(mark, "YAML tags such as '" + shown(tag) + "' are not supported");
        }
        // Escapes ("\0", "\uFFFE") arrive here decoded: checked on the value, so every string field of every
        // YAML file (summary, clinic, layout, front matter) refuses them. Tab and line feed are allowed
        // (block scalars and "\n" make multi-line text; single-line fields fold them away).
        const std::string decoded = reencode_latin1_escapes(value);
        if (auto bad = find_forbidden_char(decoded, true)) {
            error_at(literal_offset(off, decoded, *bad), bad->message);
            n.value = "?";
        } else if (auto invalid = find_invalid_utf8(decoded)) {
            // Never expected (the file is valid UTF-8 and the escapes above are re-encoded), but never an
            // internal error from inside the parser either: a positioned error like any bad text.
            error(mark, "this text is not valid UTF-8 after its escapes are decoded (byte " +
                            hex_byte(invalid->byte) + "); write the character itself instead of an escape");
            n.value = "?";
        } else {
            n.value = to_nfc(remove_zwnbsp(decoded));
        }
        add(std::move(n));
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        open(mark, anchor, YNode::Kind::sequence);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        open(mark, anchor, YNode::Kind::mapping);
    }
    void OnMapEnd() override { close(); }
    void OnAnchor(const YAML::Mark& mark, const std::string&) override {
        if (counting() || anchor_reported_) return;
        anchor_reported_ = true;
        error(mark, "anchors and aliases are not supported (write the value out in full)");
    }

    bool fatal = false;  ///< a problem that makes the tree unreliable (alias, tag, unterminated quote)

    void error(const YAML::Mark& mark, std::string message) {
        fatal = true;
        auto [line, col] = index_.at(offset(mark));
        diags_.error(SourcePos{file_, line, col}, std::move(message));
    }

    void error_at(std::size_t offset, std::string message) {
        fatal = true;
        auto [line, col] = index_.at(offset);
        diags_.error(SourcePos{file_, line, col}, std::move(message));
    }

private:
    /// Where a forbidden character of a scalar's value stands in the file: its own bytes when written
    /// literally (a raw U+202E), else the scalar's start (an escape such as \0 or \uFFFE).
    std::size_t literal_offset(std::size_t scalar_off, const std::string& value, const ForbiddenChar& bad) const {
        const std::size_t len = bad.code_point < 0x80 ? 1 : bad.code_point < 0x800 ? 2 : bad.code_point < 0x10000 ? 3 : 4;
        const std::string_view needle = std::string_view(value).substr(bad.offset, len);
        const std::size_t end = std::min(text_.size(), scalar_off + value.size() * 4 + 16);
        const std::size_t found = text_.substr(0, end).find(needle, scalar_off);
        return found == std::string_view::npos ? scalar_off : found;
    }

    struct Frame {
        YNode node;
        bool have_key = false;
        YNode key;
        std::unordered_map<std::string, std::pair<int, int>> seen;  ///< key -> line, column
        bool missing_dash_reported = false;
    };

    /// True when the mapping being built is an item of a list.
    [[nodiscard]] bool in_list() const {
        return stack_.size() >= 2 && stack_[stack_.size() - 2].node.kind == YNode::Kind::sequence;
    }
    /// "exercise" for an item of `exercises:`, else "item".
    [[nodiscard]] std::string item_word() const {
        if (stack_.size() >= 3) {
            const Frame& owner = stack_[stack_.size() - 3];
            if (owner.node.kind == YNode::Kind::mapping && owner.have_key && owner.key.value == "exercises") return "exercise";
        }
        return "item";
    }

    [[nodiscard]] bool counting() const { return documents > 1; }

    std::size_t offset(const YAML::Mark& mark) const {
        return static_cast<std::size_t>(std::max(0, mark.pos));
    }

    YNode at(const YAML::Mark& mark) const {
        YNode n;
        auto [line, col] = index_.at(offset(mark));
        n.line = line;
        n.column = col;
        return n;
    }

    void check_anchor(const YAML::Mark& mark, YAML::anchor_t anchor) {
        if (anchor != 0 && !anchor_reported_) {
            anchor_reported_ = true;
            error(mark, "anchors and aliases are not supported (write the value out in full)");
        }
    }

    /// L01: a quoted scalar whose closing quote never comes, or comes only after the text has run on
    /// into lines that look like further fields.
    void check_closing_quote(std::size_t off) {
        const char q = text_[off];
        bool crossed_line = false;
        std::size_t line_start = 0;
        for (std::size_t i = off + 1; i < text_.size(); ++i) {
            const char c = text_[i];
            if (c == '\n') {
                crossed_line = true;
                line_start = i + 1;
                const std::size_t e = text_.find('\n', line_start);
                const std::string_view next = text_.substr(line_start, e == std::string_view::npos ? std::string_view::npos : e - line_start);
                // The continuation line is a field of its own unless the quote closes on it first.
                const std::size_t close = next.find(q);
                if (looks_like_key_line(next) && (close == std::string_view::npos || close > next.find(':'))) {
                    break;
                }
                continue;
            }
            if (q == '"' && c == '\\') {
                ++i;
                continue;
            }
            if (c == q) {
                if (q == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') {
                    ++i;
                    continue;
                }
                return;  // closed
            }
        }
        (void)crossed_line;
        fatal = true;
        auto [line, col] = index_.at(off);
        diags_.error(SourcePos{file_, line, col}, "unterminated quoted string (the closing quote is missing)");
    }

    void open(const YAML::Mark& mark, YAML::anchor_t anchor, YNode::Kind kind) {
        if (counting()) return;
        check_anchor(mark, anchor);
        if (static_cast<int>(stack_.size()) >= kMaxDepth) {
            error(mark, "nesting is deeper than " + std::to_string(kMaxDepth) + " levels");
            throw StopParsing{};
        }
        Frame f;
        f.node = at(mark);
        f.node.kind = kind;
        stack_.push_back(std::move(f));
    }

    void close() {
        if (counting()) return;
        Frame f = std::move(stack_.back());
        stack_.pop_back();
        if (f.have_key) {  // a key with no value at the end of a mapping (cannot happen with yaml-cpp)
            f.node.entries.emplace_back(std::move(f.key), YNode{});
        }
        add(std::move(f.node));
    }

    void add(YNode n) {
        if (stack_.empty()) {
            root = std::move(n);
            return;
        }
        Frame& top = stack_.back();
        if (top.node.kind == YNode::Kind::sequence) {
            top.node.items.push_back(std::move(n));
            return;
        }
        if (!top.have_key) {
            if (n.kind != YNode::Kind::scalar) {
                diags_.error(SourcePos{file_, n.line, n.column}, "mapping keys must be plain text, got " + describe(n));
                n.kind = YNode::Kind::scalar;
                n.value = "?";
            }
            top.key = std::move(n);
            top.have_key = true;
            return;
        }
        top.have_key = false;
        auto [it, fresh] = top.seen.emplace(top.key.value, std::make_pair(top.key.line, top.key.column));
        if (!fresh && in_list()) {
            // A list item whose keys repeat: the '-' of the next item is missing (issue 11), say so once.
            if (!top.missing_dash_reported) {
                top.missing_dash_reported = true;
                diags_.error(SourcePos{file_, top.key.line, top.key.column},
                             "missing '-' before this " + item_word() + "? ('" + shown(top.key.value) +
                                 "' is already given at " + std::to_string(it->second.first) + ":" +
                                 std::to_string(it->second.second) + ")");
            }
        } else if (!fresh) {
            diags_.error(SourcePos{file_, top.key.line, top.key.column},
                         "duplicate key '" + shown(top.key.value) + "' (first defined at " + std::to_string(it->second.first) +
                             ":" + std::to_string(it->second.second) + ")");
        }
        top.node.entries.emplace_back(std::move(top.key), std::move(n));
        top.key = YNode{};
    }

    std::string_view text_;
    const LineIndex& index_;
    const std::string& file_;
    Diagnostics& diags_;
    std::vector<Frame> stack_;
    bool alias_reported_ = false;
    bool anchor_reported_ = false;
};

/// Lone CR line ends (old Mac editors) become LF; CRLF stays. Line numbers are those an editor shows.
std::string unify_cr(std::string text) {
    for (std::size_t i = text.find('\r'); i != std::string::npos; i = text.find('\r', i + 1)) {
        if (i + 1 >= text.size() || text[i + 1] != '\n') text[i] = '\n';
    }
    return text;
}

std::size_t indent_of(std::string_view line) {
    const std::size_t i = line.find_first_not_of(' ');
    return i == std::string_view::npos ? line.size() : i;
}

/// A message a physio can act on for yaml-cpp's "illegal map value" at byte `offset` (issue 11), from the
/// raw text around the mark: a second ': ' inside unquoted text, or a key line above with no ':' at all.
/// Returns the byte offset to report at and the message, or nothing to keep yaml-cpp's words.
std::optional<std::pair<std::size_t, std::string>> explain_map_value(std::string_view text, std::size_t offset) {
    if (offset >= text.size() || text[offset] != ':') return std::nullopt;
    const std::size_t nl = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
    const std::size_t line_start = nl == std::string_view::npos ? 0 : nl + 1;
    const std::string_view before = text.substr(line_start, offset - line_start);
    const std::size_t key_colon = before.find(": ");
    if (key_colon != std::string_view::npos) {
        const std::size_t value = before.find_first_not_of(' ', key_colon + 1);
        if (value != std::string_view::npos && std::string_view("\"'[{|>").find(before[value]) == std::string_view::npos) {
            return std::make_pair(offset, std::string("a ': ' inside text starts a new key; put the whole text in quotes"));
        }
        return std::nullopt;
    }
    // The colon is the line's key colon: the line above, at the same indentation, may lack its own.
    std::size_t l = line_start;
    const std::size_t indent = indent_of(text.substr(line_start));
    while (l > 0) {
        const std::size_t prev_end = l - 1;  // the '\n' ending the previous line
        const std::size_t pnl = prev_end == 0 ? std::string_view::npos : text.rfind('\n', prev_end - 1);
        const std::size_t prev_start = pnl == std::string_view::npos ? 0 : pnl + 1;
        std::string_view prev = text.substr(prev_start, prev_end - prev_start);
        if (!prev.empty() && prev.back() == '\r') prev.remove_suffix(1);
        const std::size_t content = prev.find_first_not_of(' ');
        if (content == std::string_view::npos || prev[content] == '#') {
            l = prev_start;
            continue;
        }
        if (content != indent || prev.find(':') != std::string_view::npos || prev.substr(content, 2) == "- ") return std::nullopt;
        const std::size_t word_end = prev.find(' ', content);
        const std::string_view word = prev.substr(content, (word_end == std::string_view::npos ? prev.size() : word_end) - content);
        return std::make_pair(prev_start + content + word.size(),
                              "missing ':' after '" + shown(word) + "' (write '" + shown(word) + ": ...')");
    }
    return std::nullopt;
}


}  // namespace

std::optional<YNode> parse_yaml(std::string bytes, const std::string& file, int first_line, Diagnostics& diags) {
    const SourcePos top{file, first_line, 1};
    if (bytes.size() > kMaxFileBytes) {
        diags.error(top, "file too large (" + std::to_string(bytes.size()) + " bytes; the limit is 1 MiB)");
        return std::nullopt;
    }
    if (bytes.empty()) {
        diags.error(top, "file is empty");
        return std::nullopt;
    }
    if (auto sig = binary_signature(bytes)) {
        diags.error(top, "not a text file (" + *sig + ")");
        return std::nullopt;
    }
    if (auto bad = find_invalid_utf8(bytes)) {
        if (bytes.find('\0') != std::string::npos) {
            diags.error(top, "not a text file (NUL or invalid UTF-8 bytes at offset " + std::to_string(bad->offset) + ")");
        } else {
            diags.error(SourcePos{file, bad->line + first_line - 1, bad->column},
                        "invalid UTF-8 (byte " + hex_byte(bad->byte) + "); save the file as UTF-8");
        }
        return std::nullopt;
    }
    const std::string text = unify_cr(std::string(strip_bom(bytes)));
    const LineIndex index(text, first_line);

    // Tabs in indentation: yaml-cpp's own message ("illegal map value") points past the problem (H05).
    bool tabs = false;
    for (std::size_t l = 0; l < index.line_count(); ++l) {
        const std::string_view line = index.line(l);
        const std::size_t content = line.find_first_not_of(" \t");
        if (content == std::string_view::npos || line[content] == '#' || line[content] == '\r') continue;
        const std::size_t tab = line.substr(0, content).find('\t');
        if (tab != std::string_view::npos) {
            diags.error(SourcePos{file, static_cast<int>(l) + first_line, static_cast<int>(tab) + 1},
                        "tab character used for indentation (YAML requires spaces)");
            tabs = true;
        }
    }
    if (tabs) return std::nullopt;

    // U+FEFF inside the text (H04 mid): invisible, and would print as a box; removed with a warning.
    for (std::size_t p = text.find("\xEF\xBB\xBF"); p != std::string::npos; p = text.find("\xEF\xBB\xBF", p + 3)) {
        auto [line, col] = index.at(p);
        diags.warning(SourcePos{file, line, col}, "invisible character U+FEFF (zero-width no-break space) removed");
    }

    std::istringstream in(text);
    YAML::Parser parser(in);
    TreeBuilder builder(text, index, file, diags);
    try {
        while (parser.HandleNextDocument(builder)) {
        }
    } catch (const YAML::Exception& e) {
        if (builder.documents <= 1) {
            std::string msg = e.msg;
            if (!msg.empty()) msg[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(msg[0])));
            if (msg == "illegal map value") {
                if (auto better = explain_map_value(text, static_cast<std::size_t>(std::max(0, e.mark.pos)))) {
                    builder.error_at(better->first, better->second);
                    return std::nullopt;
                }
            }
            builder.error(e.mark, "syntax error: " + msg);
            return std::nullopt;
        }
    } catch (const StopParsing&) {
        if (!builder.stuck_offset) return std::nullopt;
    }
    if (builder.stuck_offset) {
        auto [line, col] = index.at(*builder.stuck_offset);
        const char c = *builder.stuck_offset < text.size() ? text[*builder.stuck_offset] : ' ';
        diags.error(SourcePos{file, line, col},
                    std::string("unexpected '") + (c == '\n' ? ' ' : c) +
                        "' here (it separates items only inside [ ] or { }); if it is part of a text, put the "
                        "whole text in quotes");
        return std::nullopt;
    }
    if (builder.documents > 1) {
        auto [line, col] = index.at(builder.second_doc_offset);
        diags.error(SourcePos{file, line, col},
                    "file contains " + std::to_string(builder.documents) + " YAML documents; expected 1");
        return std::nullopt;
    }
    if (!builder.root || builder.root->kind == YNode::Kind::null) {
        diags.error(top, "file has no content (only comments/whitespace)");
        return std::nullopt;
    }
    if (builder.fatal) return std::nullopt;
    assign_field_paths(*builder.root, "");
    return builder.root;
}

void assign_field_paths(YNode& node, const std::string& path) {
    // Depth is bounded by kMaxDepth (the builder refuses deeper files), so recursion is safe here.
    node.path = path;
    for (auto& [key, value] : node.entries) {
        const std::string child = path.empty() ? key.value : path + "." + key.value;
        key.path = child;
        assign_field_paths(value, child);
    }
    for (std::size_t i = 0; i < node.items.size(); ++i) {
        assign_field_paths(node.items[i], path + "[" + std::to_string(i + 1) + "]");
    }
}

}  // namespace takehome::load::detail
