// Passphrases for the encrypted patient copy: words drawn uniformly from a large word list with the
// operating system's CSPRNG (getrandom(2)), and a random owner password.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace takehome::deliver {

/// A source of random bytes: fills `n` bytes at `out`. The real one is os_random(); a test may inject a
/// seeded one (only the uniformity test does: the real draw is never seeded).
using RandomBytes = std::function<void(unsigned char* out, std::size_t n)>;

/// The operating system's CSPRNG, getrandom(2) (blocking until the pool is initialised, retried on EINTR
/// and short reads). Throws InternalError when the system call fails.
[[nodiscard]] RandomBytes os_random();

/// A uniform integer in [0, n) from `random`, by rejection sampling over 32-bit draws (values at or above
/// the largest multiple of n below 2^32 are drawn again), so there is no modulo bias. 1 <= n <= 2^32 - 1.
[[nodiscard]] std::uint32_t uniform_below(std::uint32_t n, const RandomBytes& random);

/// Where Debian's xkcdpass package installs the EFF long word list (7,776 words, one a line, lower case;
/// https://www.eff.org/dice): read at run time by path, never copied into this project.
constexpr const char* kEffLongWordList = "/usr/lib/python3/dist-packages/xkcdpass/static/eff-long";

/// The smallest word list accepted: 7,776 = 6^5 words, log2(7776) = 12.9 bits a word (EFF long list).
constexpr std::size_t kMinWordListSize = 7776;

/// Reads a word list: one word a line, lower-case a-z (and an inner '-', as in the EFF list's "t-shirt").
/// Throws InternalError (an install problem: exit 1) when the file is missing, a line is not such a word,
/// a word repeats, or there are fewer than kMinWordListSize words; the message names the Debian package.
[[nodiscard]] std::vector<std::string> load_word_list(const std::string& path = kEffLongWordList);

/// A passphrase: its words, and the password itself (the words joined by '-').
struct Passphrase {
    std::vector<std::string> words;
    std::string text;
};

/// Draws `count` words uniformly and independently from `list` (5 words of the EFF list: 5 x 12.9 = 64.6
/// bits). Throws InternalError when `list` is empty.
[[nodiscard]] Passphrase draw_passphrase(const std::vector<std::string>& list, const RandomBytes& random,
                                         int count = 5);

/// The default draw: 5 words from the EFF long list with os_random().
[[nodiscard]] Passphrase new_passphrase();

/// A random owner password: 32 bytes from `random` as 64 lower-case hex digits (256 bits). Never shown:
/// nobody needs it, so the permissions cannot be changed by anyone.
[[nodiscard]] std::string random_owner_password(const RandomBytes& random);

/// The most UTF-8 bytes of a password the PDF 2.0 security handler uses (ISO 32000-2, 7.6.4.3.3: longer ones
/// are truncated to 127 bytes, which would silently weaken a long one).
constexpr std::size_t kMaxPasswordBytes = 127;

/// The fewest characters a password given with --password-file may have: a birth date (8) or a PIN (4) falls
/// to brute force in seconds; 12 is the shortest a clinic may choose (the generated passphrase is about 30).
constexpr std::size_t kMinPasswordChars = 12;

/// A password read from a file the user named (--password-file): refused unless it is a regular file that
/// only its owner can read or write (mode 0600 or 0400, owned by the effective user); one trailing newline
/// (LF or CR LF) is removed; it must then hold kMinPasswordChars..kMaxPasswordBytes characters and no
/// control character. Throws InputError at `path` (never quoting the file's content).
[[nodiscard]] std::string read_password_file(const std::string& path);

}  // namespace takehome::deliver
