// UTF-8 validation, binary-file detection and NFC normalisation (glib's g_utf8_normalize).
#include "base/text.hpp"

#include <glib.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

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
    int line = 1, col = 1;
    for (std::size_t i = 0; i < before.size(); ++i) {
        const auto c = static_cast<unsigned char>(before[i]);
        if (c == '\n') {
            ++line;
            col = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++col;
        }
    }
    e.line = line;
    e.column = col;
    return e;
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

std::string read_file_bytes(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        throw InputError(SourcePos{path, 0, 0}, errno == ENOENT ? "file not found" : std::string("cannot read file: ") + std::strerror(errno));
    }
    if (S_ISDIR(st.st_mode)) {
        throw InputError(SourcePos{path, 0, 0}, "is a directory, expected a file");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw InputError(SourcePos{path, 0, 0}, "cannot read file (permission denied?)");
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) {
        throw InputError(SourcePos{path, 0, 0}, "cannot read file");
    }
    return ss.str();
}

}  // namespace takehome
