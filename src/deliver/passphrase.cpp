// Passphrases: uniform word draws with getrandom(2), the EFF long list from Debian's xkcdpass, owner passwords
// and --password-file.
#include "deliver/passphrase.hpp"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>

#include "base/diagnostics.hpp"
#include "base/text.hpp"

namespace takehome::deliver {

RandomBytes os_random() {
    return [](unsigned char* out, std::size_t n) {
        std::size_t done = 0;
        while (done < n) {
            const ssize_t got = ::getrandom(out + done, n - done, 0);
            if (got < 0) {
                if (errno == EINTR) continue;
                throw InternalError(std::string("getrandom failed: ") + std::strerror(errno));
            }
            done += static_cast<std::size_t>(got);
        }
    };
}

std::uint32_t uniform_below(std::uint32_t n, const RandomBytes& random) {
    if (n == 0) throw InternalError("uniform_below: empty range");
    // The largest multiple of n that fits in 2^32: draws at or above it would favour the small residues.
    const std::uint64_t range = std::uint64_t{1} << 32;
    const std::uint64_t limit = range - range % n;
    for (;;) {
        unsigned char b[4];
        random(b, sizeof b);
        const std::uint64_t x = std::uint64_t{b[0]} | std::uint64_t{b[1]} << 8 | std::uint64_t{b[2]} << 16 |
                                std::uint64_t{b[3]} << 24;
        if (x < limit) return static_cast<std::uint32_t>(x % n);
    }
}

namespace {

bool is_list_word(const std::string& w) {
    if (w.empty() || w.front() == '-' || w.back() == '-') return false;
    for (const char c : w)
        if (!((c >= 'a' && c <= 'z') || c == '-')) return false;
    return true;
}

}  // namespace

std::vector<std::string> load_word_list(const std::string& path) {
    const std::string install = " (install the Debian package xkcdpass, which ships the EFF long word list)";
    std::ifstream in(path);
    if (!in) throw InternalError("cannot read the word list " + path + install);
    std::vector<std::string> words;
    std::set<std::string> seen;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        if (!is_list_word(line))
            throw InternalError("the word list " + path + " line " + std::to_string(number) +
                                " is not one lower-case word" + install);
        if (!seen.insert(line).second)
            throw InternalError("the word list " + path + " has a repeated word at line " + std::to_string(number));
        words.push_back(line);
    }
    if (words.size() < kMinWordListSize)
        throw InternalError("the word list " + path + " has " + std::to_string(words.size()) + " words, fewer than " +
                            std::to_string(kMinWordListSize) + install);
    return words;
}

Passphrase draw_passphrase(const std::vector<std::string>& list, const RandomBytes& random, int count) {
    if (list.empty() || list.size() > 0xFFFFFFFFu) throw InternalError("draw_passphrase: bad word list size");
    Passphrase p;
    for (int i = 0; i < count; ++i) {
        p.words.push_back(list[uniform_below(static_cast<std::uint32_t>(list.size()), random)]);
        p.text += (i ? "-" : "") + p.words.back();
    }
    return p;
}

Passphrase new_passphrase() {
    static const std::vector<std::string> list = load_word_list();
    return draw_passphrase(list, os_random());
}

std::string random_owner_password(const RandomBytes& random) {
    unsigned char b[32];
    random(b, sizeof b);
    static const char* hex = "0123456789abcdef";
    std::string s;
    for (const unsigned char c : b) {
        s += hex[c >> 4];
        s += hex[c & 15];
    }
    std::memset(b, 0, sizeof b);
    return s;
}

std::string read_password_file(const std::string& path) {
    const SourcePos at{path, 0, 0};
    // O_NOFOLLOW: a symbolic link is refused, so the mode checked is the file's own.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        const int e = errno;
        throw InputError(at, e == ELOOP ? "the password file must not be a symbolic link (--password-file)"
                                        : std::string("cannot read the password file (--password-file): ") +
                                              std::strerror(e));
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        throw InputError(at, "the password file must be a regular file (--password-file)");
    if ((st.st_mode & 077) != 0 || st.st_uid != ::geteuid()) {
        Diagnostics d;
        d.error(at, "the password file may be read by others; refusing to use it (--password-file)", "",
                {"make it yours and private: chmod 600 FILE"});
        throw InputError(std::move(d));
    }
    if (st.st_size > 4096) throw InputError(at, "the password file is too large to hold one password (--password-file)");
    std::string text(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t got = 0;
    while (got < text.size()) {
        const ssize_t n = ::read(fd, text.data() + got, text.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    text.resize(got);
    if (!text.empty() && text.back() == '\n') {
        text.pop_back();
        if (!text.empty() && text.back() == '\r') text.pop_back();
    }
    // Messages below say what is wrong and never quote the password.
    for (const unsigned char c : text) {
        if (c < 0x20 || c == 0x7F) {
            std::fill(text.begin(), text.end(), '\0');
            throw InputError(at, "the password file must hold one line with no control characters or tabs (--password-file)");
        }
    }
    if (find_invalid_utf8(text)) {
        std::fill(text.begin(), text.end(), '\0');
        throw InputError(at, "the password file must be UTF-8 text (--password-file)");
    }
    text = to_nfc(text);  // the same password typed on a Mac (NFD) or elsewhere opens the file
    const std::size_t chars = utf8_length(text);
    if (chars < kMinPasswordChars || text.size() > kMaxPasswordBytes) {
        std::fill(text.begin(), text.end(), '\0');
        Diagnostics d;
        d.error(at, "the password in the password file must be " + std::to_string(kMinPasswordChars) + " to " +
                        std::to_string(kMaxPasswordBytes) + " characters long (--password-file)",
                "", {"leave out --password-file and a passphrase of five words is made for you"});
        throw InputError(std::move(d));
    }
    return text;
}

}  // namespace takehome::deliver
