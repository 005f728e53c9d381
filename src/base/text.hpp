// UTF-8 checks and Unicode normalisation used on every piece of input text (glib underneath).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace takehome {

/// Where a byte string stops being valid UTF-8.
struct Utf8Error {
    std::size_t offset = 0;   ///< byte offset of the first bad byte
    unsigned char byte = 0;   ///< the bad byte itself (for "invalid UTF-8 (byte 0xE9)")
    int line = 1;             ///< 1-based line of the bad byte
    int column = 1;           ///< 1-based column in code points of the bad byte
};

/// Returns the first invalid position, or nothing when `bytes` is valid UTF-8 (NUL bytes count as invalid).
[[nodiscard]] std::optional<Utf8Error> find_invalid_utf8(std::string_view bytes);

/// Recognises binary files by signature before they reach a parser: returns a description such as
/// "PNG image signature" or "ZIP/.docx signature; export the document as plain text/Markdown",
/// or nothing for a file that does not start with a known binary signature.
[[nodiscard]] std::optional<std::string> binary_signature(std::string_view bytes);

/// Unicode NFC normalisation (NFD input from macOS dialogs becomes composed). Input must be valid UTF-8.
[[nodiscard]] std::string to_nfc(std::string_view utf8);

/// Strips one leading UTF-8 byte order mark (EF BB BF), if present.
[[nodiscard]] std::string_view strip_bom(std::string_view bytes);

/// Number of Unicode code points in valid UTF-8 text.
[[nodiscard]] std::size_t utf8_length(std::string_view utf8);

/// Reads a whole file as bytes. Throws InputError (positioned at file:1:1) when it is missing, a directory
/// or unreadable, with messages "file not found", "is a directory, expected a file", "cannot read file".
[[nodiscard]] std::string read_file_bytes(const std::string& path);

}  // namespace takehome
