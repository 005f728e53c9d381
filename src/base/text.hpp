// UTF-8 checks and Unicode normalisation used on every piece of input text (glib underneath).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

/// The one line and column counter of every stage: maps byte offsets of a text to 1-based lines and 1-based
/// columns counted in Unicode code points (the error contract's positions; a UTF-8 continuation byte does not
/// start a column). `first_line` is the file line of the text's first line (a Markdown body after its front
/// matter starts at a later line). Built once per text (the line starts), then each position costs a binary
/// search and a count along its line; positions asked in increasing order on one line are counted on from
/// the previous answer, so a 1 MB one-line flow list costs one pass, not one pass per item.
class TextPositions {
public:
    explicit TextPositions(std::string_view text, int first_line = 1);
    /// {line, column} of byte `offset` (clamped to the text's end).
    [[nodiscard]] std::pair<int, int> at(std::size_t offset) const;
    [[nodiscard]] std::size_t line_count() const { return starts_.size(); }
    /// The text of line `idx` (0-based, relative to the text), without its '\n'.
    [[nodiscard]] std::string_view line(std::size_t idx) const;

private:
    std::string_view text_;
    int first_line_;
    std::vector<std::size_t> starts_;
    mutable std::size_t cache_line_ = static_cast<std::size_t>(-1);
    mutable std::size_t cache_offset_ = 0;
    mutable int cache_col_ = 1;
};

/// Reads a whole file as bytes. Throws InputError (positioned at file:0:0) when it is missing, not a regular
/// file or unreadable, with messages "file not found", "is a directory, expected a file", "is a FIFO,
/// expected a regular file" (also character/block device, socket), "symbolic link loop", "cannot read
/// file". The file type is checked with stat() before opening, so a FIFO or a device is never opened (a
/// FIFO would block); it is opened with O_NONBLOCK in case it was swapped in between. When `max_bytes` is
/// not 0, a larger file is refused from its fstat size before anything is read: "file too large (N bytes;
/// the limit is 1 MiB)" (the words give `max_bytes` in MiB when it is a whole number of MiB).
[[nodiscard]] std::string read_file_bytes(const std::string& path, std::size_t max_bytes = 0);

/// "is a FIFO", "is a character device", "is a block device", "is a socket", "is a directory" for a file
/// type from stat's st_mode, or "" for a regular file.
[[nodiscard]] std::string file_type_words(unsigned mode);

/// A piece of user text as a message may quote it: only its first line, at most `max` code points (60:
/// enough for any key or value a physio would write, short enough that a message never shows a whole file),
/// cut with "…" when longer.
[[nodiscard]] std::string shown(std::string_view utf8, std::size_t max = 60);

/// "U+0000", "U+202E", "U+10FFFF": a code point as Unicode writes it.
[[nodiscard]] std::string code_point_name(char32_t cp);

/// A character that must not reach the handout: C0 controls (tab and line feed allowed when asked),
/// DEL and C1 controls (U+007F..U+009F), Unicode noncharacters (U+FDD0..U+FDEF and U+xxFFFE/U+xxFFFF,
/// Unicode 15 section 23.7), and the explicit bidi embeddings and overrides U+202A..U+202E (they reorder
/// the text around them, e.g. the date after a patient's name; UAX #9).
struct ForbiddenChar {
    std::size_t offset = 0;  ///< byte offset in the text
    std::size_t length = 1; ///< its length in bytes
    char32_t code_point = 0;
    std::string message;     ///< e.g. "control character U+0000 is not allowed in text; remove it"
};

/// User text (a name, a clinic, a date) as it is inserted into template text such as the running header
/// "{patient} · {date}": wrapped in FIRST STRONG ISOLATE U+2068 ... POP DIRECTIONAL ISOLATE U+2069 (UAX #9,
/// section 2.7) when it holds a right-to-left letter (Hebrew, Arabic, Syriac, Thaana, NKo and their
/// presentation forms and supplements) or `rtl_paragraph` is set, so the text around it keeps its order (an
/// Arabic name must not pull the date after it into its run). Other text is returned as it is: an
/// isolate around left-to-right text in a left-to-right paragraph changes nothing (and the libharu copy,
/// which has no bidi algorithm, refuses isolates).
[[nodiscard]] std::string isolated(std::string_view utf8, bool rtl_paragraph);

/// The first forbidden character in valid UTF-8 `text`, or nothing. `allow_tab_newline` lets U+0009 and
/// U+000A through (multi-line text); U+000D is allowed with them (a CRLF line end).
[[nodiscard]] std::optional<ForbiddenChar> find_forbidden_char(std::string_view text, bool allow_tab_newline,
                                                               std::size_t from = 0);

}  // namespace takehome
