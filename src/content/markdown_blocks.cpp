// parse_markdown: walks cmark's CommonMark tree and builds document-tree blocks (no markup strings, ever).
#include <cmark.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/text.hpp"
#include "content/content.hpp"
#include "content/image_path.hpp"

namespace takehome::content {

namespace {

using doc::Blocks;
using doc::Inlines;
using doc::Span;

/// Style in force while walking inline nodes (from enclosing emph/strong/link/code nodes).
struct Style {
    bool strong = false;
    bool emph = false;
    bool no_hyphens = false;
    std::optional<std::string> link;
};

std::string literal_of(cmark_node* n) {
    const char* s = cmark_node_get_literal(n);
    return s != nullptr ? std::string(s) : std::string();
}

std::string without_trailing_newlines(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    return s;
}

bool same_style(const Span& a, const Span& b) {
    return a.strong == b.strong && a.emph == b.emph && a.no_hyphens == b.no_hyphens && a.link == b.link;
}

/// Appends text in a style, merging with the previous span when the style is the same.
void append(Inlines& out, std::string text, const Style& st) {
    if (text.empty()) return;
    Span s{std::move(text), st.strong, st.emph, st.no_hyphens, st.link};
    if (!out.empty() && same_style(out.back(), s)) {
        out.back().text += s.text;
    } else {
        out.push_back(std::move(s));
    }
}

/// Removes leading whitespace of the first span and trailing whitespace of the last, and empty spans.
void trim(Inlines& in) {
    while (!in.empty()) {
        auto& t = in.front().text;
        t.erase(0, t.find_first_not_of(" \t\n"));
        if (!t.empty()) break;
        in.erase(in.begin());
    }
    while (!in.empty()) {
        auto& t = in.back().text;
        const auto last = t.find_last_not_of(" \t\n");
        t.erase(last == std::string::npos ? 0 : last + 1);
        if (!t.empty()) break;
        in.pop_back();
    }
}

/// Plain text of a node's inline children (for link and image alt text). Iterative (cmark_iter), so text
/// nested tens of thousands of levels deep cannot overflow the stack.
std::string plain_text(cmark_node* n) {
    std::string out;
    std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> it(cmark_iter_new(n), &cmark_iter_free);
    for (cmark_event_type ev; (ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE;) {
        if (ev != CMARK_EVENT_ENTER) continue;
        cmark_node* c = cmark_iter_get_node(it.get());
        if (c == n) continue;
        switch (cmark_node_get_type(c)) {
            case CMARK_NODE_TEXT:
            case CMARK_NODE_CODE:
            case CMARK_NODE_HTML_INLINE:
            case CMARK_NODE_CODE_BLOCK:
            case CMARK_NODE_HTML_BLOCK: out += literal_of(c); break;
            case CMARK_NODE_SOFTBREAK:
            case CMARK_NODE_LINEBREAK: out += ' '; break;
            default: break;
        }
    }
    return out;
}

bool allowed_link(const std::string& url) {
    for (std::string_view p : {"https:", "http:", "tel:", "mailto:", "#"}) {
        if (url.substr(0, p.size()) == p) return true;
    }
    return false;
}

/// Length of the block structure at the start of `line` that CommonMark reads tabs in as indentation: leading
/// spaces and tabs, '>' quote markers, list markers ("-", "+", "*", "1." or "1)") and ATX heading marks, each
/// followed by spaces or tabs. A tab after this is part of the text.
std::size_t structure_prefix(std::string_view line) {
    std::size_t i = 0;
    const auto blank = [&](std::size_t at) { return at < line.size() && (line[at] == ' ' || line[at] == '\t'); };
    for (bool more = true; more;) {
        more = false;
        while (blank(i) || (i < line.size() && line[i] == '>')) ++i, more = true;
        std::size_t m = i;
        if (m < line.size() && (line[m] == '-' || line[m] == '+' || line[m] == '*')) {
            ++m;
        } else if (m < line.size() && line[m] == '#') {
            while (m < line.size() && line[m] == '#' && m - i < 6) ++m;
        } else {
            while (m < line.size() && m - i < 9 && line[m] >= '0' && line[m] <= '9') ++m;
            m = m > i && m < line.size() && (line[m] == '.' || line[m] == ')') ? m + 1 : i;
        }
        if (m > i && blank(m)) i = m, more = true;
    }
    return i;
}

/// Tabs inside the text become one space each, with a warning at the tab's line and column (issue 11):
/// Pango's default tab stops (every 8 spaces' width) would put "Reps<tab>3 x 10" and "Hold<tab>30 s" in
/// different columns, silently (and a handout has no tables of typed columns: CommonMark has none). Tabs that CommonMark reads as indentation
/// (structure_prefix) are left to cmark. The bytes keep their offsets, so cmark's positions still hold.
std::string text_tabs_to_spaces(const std::string& markdown, const std::string& file, int first_line,
                                Diagnostics& diags) {
    std::string out = markdown;
    if (markdown.find('\t') == std::string::npos) return out;
    const TextPositions positions(markdown, first_line);
    for (std::size_t idx = 0; idx < positions.line_count(); ++idx) {
        const std::string_view line = positions.line(idx);
        const std::size_t start = static_cast<std::size_t>(line.data() - markdown.data());
        for (std::size_t i = line.find('\t', structure_prefix(line)); i != std::string_view::npos;
             i = line.find('\t', i + 1)) {
            const auto [l, c] = positions.at(start + i);
            diags.warning(SourcePos{file, l, c},
                          "tab in text is shown as a space (tab stops do not line up in print); put each item on its "
                          "own line or in a list");
            out[start + i] = ' ';
        }
    }
    return out;
}

/// Walks one Markdown document; positions are mapped back to the file with `first_line`.
class Converter {
public:
    Converter(const std::string& markdown, const std::string& file, int first_line, const std::string& base_dir,
              Diagnostics& diags)
        : file_(file), first_line_(first_line), base_dir_(base_dir), diags_(diags) {
        std::size_t start = 0;
        while (start <= markdown.size()) {
            const auto end = markdown.find('\n', start);
            lines_.push_back(std::string_view(markdown).substr(start, end == std::string::npos ? std::string::npos
                                                                                               : end - start));
            if (end == std::string::npos) break;
            start = end + 1;
        }
    }

    /// Converts the children of a container block (document, block quote) into `out`.
    void blocks(cmark_node* parent, Blocks& out, int depth = 0) {
        for (cmark_node* n = cmark_node_first_child(parent); n != nullptr; n = cmark_node_next(n)) {
            block(n, out, depth);
        }
    }

private:
    /// The file position of a node: cmark's 1-based line and byte column become file line and code-point column.
    SourcePos pos_of(cmark_node* n) const {
        const int line = cmark_node_get_start_line(n);
        const int byte_col = cmark_node_get_start_column(n);
        if (line <= 0) return SourcePos{file_, first_line_, 0};
        int col = 1;
        if (static_cast<std::size_t>(line) <= lines_.size() && byte_col > 0) {
            const std::string_view l = lines_[static_cast<std::size_t>(line) - 1];
            std::size_t b = static_cast<std::size_t>(byte_col) - 1;
            // cmark measures continuation lines of a paragraph after their leading indent; an image's '!' is
            // then found again at or after that byte.
            if (cmark_node_get_type(n) == CMARK_NODE_IMAGE && (b >= l.size() || l.substr(b, 2) != "![")) {
                const auto found = l.find("![", b < l.size() ? b : 0);
                if (found != std::string_view::npos) b = found;
            }
            for (std::size_t i = 0; i < b && i < l.size(); ++i) {
                if ((static_cast<unsigned char>(l[i]) & 0xC0) != 0x80) ++col;
            }
        }
        return SourcePos{file_, first_line_ + line - 1, col};
    }

    std::string source_of(cmark_node* n) const {
        return file_ + ":" + std::to_string(pos_of(n).line);
    }

    /// Inline children of `parent` appended to `acc`. When `images` is set, an image closes the paragraph
    /// gathered so far (into `images`) and becomes its own Image block; otherwise it is shown as its alt text.
    /// The walk keeps its own stack (one frame per open emphasis, strong or link), so emphasis nested 50,000
    /// deep costs memory on the heap, never the call stack (issue 11: that was a SIGSEGV).
    void inlines(cmark_node* parent, Inlines& acc, const Style& st, Blocks* images, cmark_node* para) {
        struct Frame {
            cmark_node* next;
            Style style;
        };
        std::vector<Frame> stack;
        stack.push_back(Frame{cmark_node_first_child(parent), st});
        while (!stack.empty()) {
            cmark_node* n = stack.back().next;
            if (n == nullptr) {
                stack.pop_back();
                continue;
            }
            stack.back().next = cmark_node_next(n);
            const Style& cur = stack.back().style;
            switch (cmark_node_get_type(n)) {
                case CMARK_NODE_TEXT: append(acc, literal_of(n), cur); break;
                case CMARK_NODE_SOFTBREAK: append(acc, " ", cur); break;
                case CMARK_NODE_LINEBREAK: append(acc, "\n", cur); break;
                case CMARK_NODE_CODE: {
                    Style code = cur;
                    code.no_hyphens = true;
                    append(acc, literal_of(n), code);
                    break;
                }
                case CMARK_NODE_HTML_INLINE: append(acc, literal_of(n), cur); break;  // literal, never interpreted
                case CMARK_NODE_EMPH: {
                    Style e = cur;
                    e.emph = true;
                    stack.push_back(Frame{cmark_node_first_child(n), std::move(e)});
                    break;
                }
                case CMARK_NODE_STRONG: {
                    Style s = cur;
                    s.strong = true;
                    stack.push_back(Frame{cmark_node_first_child(n), std::move(s)});
                    break;
                }
                case CMARK_NODE_LINK: {
                    Style l = cur;
                    const std::string url = cmark_node_get_url(n) != nullptr ? cmark_node_get_url(n) : "";
                    if (allowed_link(url)) {
                        l.link = url;
                        const std::string text = plain_text(n);
                        if (text == url || "mailto:" + text == url || "tel:" + text == url) l.no_hyphens = true;
                    } else {
                        warn(pos_of(n),
                                    "link '" + shown(url) +
                                        "' is not a web (https:), phone (tel:), e-mail (mailto:) or "
                                        "'#section' link; shown as plain text");
                    }
                    stack.push_back(Frame{cmark_node_first_child(n), std::move(l)});
                    break;
                }
                case CMARK_NODE_IMAGE: {
                    const Style copy = cur;  // image() may not push; keep the style valid across the call
                    image(n, acc, copy, images, para);
                    break;
                }
                default: {
                    Style same = cur;
                    stack.push_back(Frame{cmark_node_first_child(n), std::move(same)});
                    break;
                }
            }
        }
    }

    void image(cmark_node* n, Inlines& acc, const Style& st, Blocks* images, cmark_node* para) {
        const std::string url = cmark_node_get_url(n) != nullptr ? cmark_node_get_url(n) : "";
        const std::string alt = plain_text(n);
        const auto check = detail::check_image_path(url, base_dir_);
        if (!check.absolute_path) {
            diags_.error(pos_of(n), check.error);
        }
        if (images == nullptr) {
            if (check.absolute_path) {
                warn(pos_of(n), "image inside a heading or list item is shown as its alt text '" +
                                                            shown(alt) + "'; put the image on a line of its own");
            }
            append(acc, alt, st);
            return;
        }
        flush(acc, *images, para);
        if (check.absolute_path) {
            if (alt.empty()) {
                warn(pos_of(n), "image '" + shown(url) + "' has no alt text; write ![what it shows](" +
                                                     shown(url) + ")");
            }
            images->emplace_back(doc::Image{*check.absolute_path, alt, 0}, source_of(n));
        }
    }

    /// Ends the paragraph gathered so far (if it has any text) and starts a new one.
    void flush(Inlines& acc, Blocks& out, cmark_node* para) {
        trim(acc);
        if (!acc.empty()) out.emplace_back(doc::Paragraph{std::move(acc)}, source_of(para));
        acc.clear();
    }

    /// One list item's content as inlines: its paragraphs joined by line breaks; nested lists follow as lines
    /// starting with "– " (bullets) or "N. " (numbers), so an item never turns into several items.
    /// `level` is the item's list level (1 for the page's own list). A list below level kListLevels is shown
    /// flat (as lines of the last level, with a warning) and gathered without recursion, so 3,000 (or
    /// 50,000: "- - - - x") levels neither overflow the stack nor pass silently.
    void item_inlines(cmark_node* item, Inlines& acc, int level = 1) {
        bool first = true;
        for (cmark_node* c = cmark_node_first_child(item); c != nullptr; c = cmark_node_next(c)) {
            const auto type = cmark_node_get_type(c);
            if (type == CMARK_NODE_THEMATIC_BREAK) continue;
            if (!first) append(acc, "\n", Style{});
            first = false;
            if ((type == CMARK_NODE_LIST || type == CMARK_NODE_BLOCK_QUOTE) && level >= kListLevels) {
                if (type == CMARK_NODE_LIST) {
                    warn(pos_of(c),
                                "list nested more than " + std::to_string(kListLevels) +
                                    " levels deep; the deeper items are shown at level " + std::to_string(kListLevels) +
                                    " (use at most " + std::to_string(kListLevels) + " levels)");
                }
                flat_text(c, acc);
            } else if (type == CMARK_NODE_LIST) {
                const bool ordered = cmark_node_get_list_type(c) == CMARK_ORDERED_LIST;
                int number = cmark_node_get_list_start(c);
                bool first_sub = true;
                for (cmark_node* sub = cmark_node_first_child(c); sub != nullptr; sub = cmark_node_next(sub)) {
                    if (!first_sub) append(acc, "\n", Style{});
                    first_sub = false;
                    append(acc, ordered ? std::to_string(number++) + ". " : std::string("\u2013 "), Style{});
                    item_inlines(sub, acc, level + 1);
                }
            } else if (type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_BLOCK) {
                Style lit;
                lit.no_hyphens = type == CMARK_NODE_CODE_BLOCK;
                append(acc, without_trailing_newlines(literal_of(c)), lit);
            } else if (type == CMARK_NODE_BLOCK_QUOTE) {
                item_inlines(c, acc, level + 1);
            } else {
                inlines(c, acc, Style{}, nullptr, c);
            }
        }
    }

    /// The text of a container (too deeply nested to be walked recursively) as lines: each list item starts
    /// a line with "– ", paragraphs are joined by line breaks, emphasis is dropped. Iterative (cmark_iter).
    void flat_text(cmark_node* container, Inlines& acc) {
        std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> it(cmark_iter_new(container), &cmark_iter_free);
        bool at_line_start = true;
        for (cmark_event_type ev; (ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE;) {
            if (ev != CMARK_EVENT_ENTER) continue;
            cmark_node* c = cmark_iter_get_node(it.get());
            switch (cmark_node_get_type(c)) {
                case CMARK_NODE_ITEM:
                    if (!at_line_start) append(acc, "\n", Style{});
                    append(acc, "\u2013 ", Style{});
                    at_line_start = true;
                    break;
                case CMARK_NODE_PARAGRAPH:
                    if (!at_line_start) append(acc, "\n", Style{});
                    break;
                case CMARK_NODE_TEXT:
                case CMARK_NODE_CODE:
                case CMARK_NODE_HTML_INLINE:
                    append(acc, literal_of(c), Style{});
                    at_line_start = false;
                    break;
                case CMARK_NODE_CODE_BLOCK:
                case CMARK_NODE_HTML_BLOCK:
                    if (!at_line_start) append(acc, "\n", Style{});
                    append(acc, without_trailing_newlines(literal_of(c)), Style{});
                    at_line_start = false;
                    break;
                case CMARK_NODE_SOFTBREAK: append(acc, " ", Style{}); break;
                case CMARK_NODE_LINEBREAK: append(acc, "\n", Style{}); break;
                default: break;
            }
        }
    }

    void block(cmark_node* n, Blocks& out, int depth = 0) {
        if (depth >= kMaxBlockDepth) {  // "> > > > ..." thousands deep: the text, flat, with a warning
            warn(pos_of(n),
                        "block quotes nested more than " + std::to_string(kMaxBlockDepth) +
                            " levels deep are shown as plain text");
            Inlines acc;
            flat_text(n, acc);
            trim(acc);
            if (!acc.empty()) out.emplace_back(doc::Paragraph{std::move(acc)}, source_of(n));
            return;
        }
        switch (cmark_node_get_type(n)) {
            case CMARK_NODE_HEADING: {
                doc::Heading h;
                h.level = cmark_node_get_heading_level(n);
                inlines(n, h.text, Style{}, nullptr, n);
                trim(h.text);
                out.emplace_back(std::move(h), source_of(n));
                break;
            }
            case CMARK_NODE_PARAGRAPH: {
                Inlines acc;
                inlines(n, acc, Style{}, &out, n);
                flush(acc, out, n);
                break;
            }
            case CMARK_NODE_LIST: {
                doc::List list;
                list.ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
                for (cmark_node* item = cmark_node_first_child(n); item != nullptr; item = cmark_node_next(item)) {
                    Inlines acc;
                    item_inlines(item, acc);
                    trim(acc);
                    list.items.push_back(std::move(acc));
                }
                out.emplace_back(std::move(list), source_of(n));
                break;
            }
            case CMARK_NODE_BLOCK_QUOTE: blocks(n, out, depth + 1); break;  // a quote reads as ordinary paragraphs
            case CMARK_NODE_CODE_BLOCK: {
                Span s{without_trailing_newlines(literal_of(n))};
                s.no_hyphens = true;
                if (!s.text.empty()) out.emplace_back(doc::Paragraph{Inlines{std::move(s)}}, source_of(n));
                break;
            }
            case CMARK_NODE_HTML_BLOCK: {  // raw HTML is shown as the characters typed, never interpreted
                Inlines text{Span{without_trailing_newlines(literal_of(n))}};
                trim(text);
                if (!text.empty()) out.emplace_back(doc::Paragraph{std::move(text)}, source_of(n));
                break;
            }
            case CMARK_NODE_THEMATIC_BREAK: break;  // the layout decides spacing; a rule carries no content
            default: blocks(n, out, depth + 1); break;
        }
    }

    /// A warning given at every occurrence: Diagnostics::capped() prints the first 20 of a kind and counts
    /// the rest ("and N more like this"), so 20,000 links print 21 lines, not 20,000.
    void warn(SourcePos pos, std::string message) { diags_.warning(std::move(pos), std::move(message)); }

private:
    /// List levels a handout shows: the page's list and one level below it (as "– " lines).
    static constexpr int kListLevels = 2;
    /// Block containers (quotes, items) walked recursively before the rest is shown flat.
    static constexpr int kMaxBlockDepth = 32;

    const std::string& file_;
    int first_line_;
    const std::string& base_dir_;
    Diagnostics& diags_;
    std::vector<std::string_view> lines_;
};

/// True when a paragraph's text, trailing white space ignored, ends with ':' ("Try this:").
bool ends_with_colon(const doc::Inlines& text) {
    for (auto it = text.rbegin(); it != text.rend(); ++it) {
        const auto last = it->text.find_last_not_of(" \t\n");
        if (last != std::string::npos) return it->text[last] == ':';
    }
    return false;
}

/// The authors' convention for lead-ins: a paragraph that ends in ':' introduces the block after it, so it
/// keeps with it (doc::Block::keep_with_next). Quotes arrive as ordinary paragraphs, so they are covered.
void mark_lead_ins(Blocks& blocks) {
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const auto* para = std::get_if<doc::Paragraph>(&blocks[i].node);
        if (para && i + 1 < blocks.size() && ends_with_colon(para->text)) blocks[i].keep_with_next = true;
    }
}

}  // namespace

doc::Blocks parse_markdown(const std::string& markdown, const std::string& file, int first_line,
                           const std::string& base_dir, Diagnostics& diags) {
    // CMARK_OPT_DEFAULT: no smart punctuation (text stays as typed); raw HTML arrives as HTML nodes, which the
    // converter turns into literal text. Entities such as &amp; are decoded by cmark as CommonMark requires.
    const std::string text = text_tabs_to_spaces(markdown, file, first_line, diags);
    std::unique_ptr<cmark_node, decltype(&cmark_node_free)> root(
        cmark_parse_document(text.data(), text.size(), CMARK_OPT_DEFAULT), &cmark_node_free);
    if (!root) throw InternalError("cmark_parse_document failed (out of memory?)");
    Blocks out;
    Converter converter(text, file, first_line, base_dir, diags);
    converter.blocks(root.get(), out);
    mark_lead_ins(out);
    return out;
}

}  // namespace takehome::content
