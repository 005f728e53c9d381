// UTF-8 validation, binary-file detection and NFC normalisation (glib's g_utf8_normalize).
#include "base/text.hpp"

#include <glib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <tuple>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>

#include "base/diagnostics.hpp"

namespace takehome {

std::optional<Utf8Error> find_invalid_utf8(std::string_view bytes) {
    const char* end = nullptr;
    if (g_utf8_validate_len(bytes.data(), bytes.size(), &end) && std::memchr(bytes.data(), '\0', bytes.size()) == nullptr) {
        return std::nullopt;
    }
    // g_utf8_validate_len stops at NUL too; `end` is the first bad byte either way.
    const std::size_t offset = static_cast<std::size_t>(end - bytes.data());
    Utf8Error e;
    e.offset = offset;
    e.byte = static_cast<unsigned char>(bytes[offset]);
    std::string_view before = bytes.substr(0, offset);
    if (before.size() >= 3 && static_cast<unsigned char>(before[0]) == 0xEF &&
        static_cast<unsigned char>(before[1]) == 0xBB && static_cast<unsigned char>(before[2]) == 0xBF) {
        before.remove_prefix(3);
    }
    std::tie(e.line, e.column) = TextPositions(before).at(before.size());
    return e;
}

TextPositions::TextPositions(std::string_view text, int first_line) : text_(text), first_line_(first_line) {
    starts_.push_back(0);
    for (std::size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1)) {
        starts_.push_back(i + 1);
    }
}

std::pair<int, int> TextPositions::at(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
    const std::size_t idx = static_cast<std::size_t>(it - starts_.begin()) - 1;
    std::size_t from = starts_[idx];
    int col = 1;
    if (idx == cache_line_ && offset >= cache_offset_) {
        from = cache_offset_;
        col = cache_col_;
    }
    for (std::size_t i = from; i < offset; ++i) {
        if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++col;
    }
    cache_line_ = idx;
    cache_offset_ = offset;
    cache_col_ = col;
    return {static_cast<int>(idx) + first_line_, col};
}

std::string_view TextPositions::line(std::size_t idx) const {
    const std::size_t s = starts_[idx];
    const std::size_t e = idx + 1 < starts_.size() ? starts_[idx + 1] - 1 : text_.size();
    return text_.substr(s, e - s);
}

std::optional<std::string> binary_signature(std::string_view b) {
    auto starts = [&](std::string_view sig) { return b.substr(0, sig.size()) == sig; };
    using namespace std::string_view_literals;
    if (starts("\x89PNG\r\n\x1a\n"sv)) return "PNG image signature";
    if (starts("PK\x03\x04"sv)) return "ZIP/.docx signature; export the document as plain text/Markdown";
    if (starts("%PDF-"sv)) return "PDF signature; give the YAML or Markdown source, not a PDF";
    if (starts("\xFF\xD8\xFF"sv)) return "JPEG image signature";
    if (starts("GIF87a"sv) || starts("GIF89a"sv)) return "GIF image signature";
    if (starts("\xD0\xCF\x11\xE0"sv)) return "old Word/Excel (OLE) signature; export the document as plain text";
    if (starts("\x1F\x8B"sv)) return "gzip signature";
    if (starts("\xFF\xFE"sv) || starts("\xFE\xFF"sv)) return "UTF-16 text; save the file as UTF-8";
    return std::nullopt;
}

std::string to_nfc(std::string_view utf8) {
    gchar* n = g_utf8_normalize(utf8.data(), static_cast<gssize>(utf8.size()), G_NORMALIZE_NFC);
    if (n == nullptr) {
        throw InternalError("to_nfc: input is not valid UTF-8");
    }
    std::string out(n);
    g_free(n);
    return out;
}

std::string_view strip_bom(std::string_view bytes) {
    if (bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xEF &&
        static_cast<unsigned char>(bytes[1]) == 0xBB && static_cast<unsigned char>(bytes[2]) == 0xBF) {
        bytes.remove_prefix(3);
    }
    return bytes;
}

std::size_t utf8_length(std::string_view utf8) {
    std::size_t n = 0;
    for (unsigned char c : utf8) {
        if ((c & 0xC0) != 0x80) ++n;
    }
    return n;
}

std::string file_type_words(unsigned mode) {
    if (S_ISREG(mode)) return "";
    if (S_ISDIR(mode)) return "is a directory";
    if (S_ISFIFO(mode)) return "is a FIFO";
    if (S_ISCHR(mode)) return "is a character device";
    if (S_ISBLK(mode)) return "is a block device";
    if (S_ISSOCK(mode)) return "is a socket";
    if (S_ISLNK(mode)) return "is a symbolic link";
    return "is not a regular file";
}

std::string read_file_bytes(const std::string& path, std::size_t max_bytes) {
    const SourcePos at{path, 0, 0};
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        if (errno == ELOOP) throw InputError(at, "symbolic link loop (the link points back to itself)");
        throw InputError(at, errno == ENOENT ? "file not found" : std::string("cannot read file: ") + std::strerror(errno));
    }
    if (S_ISDIR(st.st_mode)) {
        throw InputError(at, "is a directory, expected a file");
    }
    if (!S_ISREG(st.st_mode)) {
        throw InputError(at, file_type_words(st.st_mode) + ", expected a regular file");
    }
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        throw InputError(at, "cannot read file (permission denied?)");
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {  // swapped for something else since stat()
        throw InputError(at, file_type_words(st.st_mode) + ", expected a regular file");
    }
    const auto size = static_cast<std::size_t>(st.st_size);
    if (max_bytes != 0 && size > max_bytes) {
        std::string limit = max_bytes % (1024 * 1024) == 0 ? std::to_string(max_bytes / (1024 * 1024)) + " MiB"
                                                           : std::to_string(max_bytes) + " bytes";
        throw InputError(at, "file too large (" + std::to_string(size) + " bytes; the limit is " + limit + ")");
    }
    std::string out;
    out.reserve(size);
    char buf[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw InputError(at, "cannot read file");
        }
        if (n == 0) break;
        out.append(buf, static_cast<std::size_t>(n));
        if (max_bytes != 0 && out.size() > max_bytes) {  // grew while we read it
            throw InputError(at, "file too large (more than " + std::to_string(max_bytes) + " bytes)");
        }
    }
    return out;
}

std::string shown(std::string_view s, std::size_t max) {
    const std::size_t nl = s.find_first_of("\r\n");
    const bool cut_line = nl != std::string_view::npos;
    if (cut_line) s = s.substr(0, nl);
    std::size_t count = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
        if (count == max) return std::string(s.substr(0, i)) + "\u2026";
        ++count;
    }
    return cut_line ? std::string(s) + "\u2026" : std::string(s);
}

std::string code_point_name(char32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    return buf;
}

std::optional<ForbiddenChar> find_forbidden_char(std::string_view text, bool allow_tab_newline, std::size_t from) {
    for (std::size_t i = from; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        char32_t cp = c;
        std::size_t n = 1;
        if (c >= 0xF0) { cp = c & 0x07; n = 4; }
        else if (c >= 0xE0) { cp = c & 0x0F; n = 3; }
        else if (c >= 0xC0) { cp = c & 0x1F; n = 2; }
        for (std::size_t k = 1; k < n && i + k < text.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        std::string what;
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
            const bool allowed = allow_tab_newline && (cp == '\t' || cp == '\n' || cp == '\r');
            if (!allowed) what = "control character " + code_point_name(cp) + " is not allowed in text; remove it";
        } else if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) {
            what = "Unicode noncharacter " + code_point_name(cp) + " is not allowed in text; remove it";
        } else if (cp >= 0x202A && cp <= 0x202E) {
            what = "bidirectional control " + code_point_name(cp) +
                   " is not allowed in text (it reverses the text around it); remove it";
        }
        if (!what.empty()) return ForbiddenChar{i, n, cp, std::move(what)};
        i += n;
    }
    return std::nullopt;
}

std::string isolated(std::string_view text, bool rtl_paragraph) {
    if (text.empty()) return std::string(text);
    bool rtl = rtl_paragraph;
    for (const char* p = text.data(); !rtl && p < text.data() + text.size(); p = g_utf8_next_char(p)) {
        const gunichar c = g_utf8_get_char(p);
        rtl = (c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF) ||
              (c >= 0x10800 && c <= 0x10FFF) || (c >= 0x1E800 && c <= 0x1EFFF);
    }
    return rtl ? "\u2068" + std::string(text) + "\u2069" : std::string(text);
}

}  // namespace takehome
