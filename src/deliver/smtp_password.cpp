// The SMTP password's sources, the loopback check and DeliveryError: the part of smtp.hpp that needs no
// libcurl, so it stays in the program while send_message lives in the delivery module (base/module.hpp).
#include <arpa/inet.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "deliver/smtp.hpp"

namespace takehome::deliver {

namespace {

constexpr int kExitBadInput = 2;

[[noreturn]] void fail(const SourcePos& pos, const std::string& field, std::string message, int exit_status,
                       std::vector<std::string> hints = {}) {
    Diagnostic d;
    d.pos = pos;
    d.field = field;
    d.message = std::move(message);
    d.hints = std::move(hints);
    throw DeliveryError(std::move(d), exit_status);
}

}  // namespace

DeliveryError::DeliveryError(Diagnostic d, int exit_status)
    : std::runtime_error(d.message), diagnostic_(std::move(d)), exit_status_(exit_status) {}

bool is_loopback_host(const std::string& host) {
    if (host == "localhost" || host == "::1" || host == "[::1]") return true;
    in_addr v4{};
    if (::inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
    return false;
}

std::string smtp_password(const std::optional<std::string>& password_file, const SmtpPositions& at) {
    if (const char* env = std::getenv("TAKEHOME_SMTP_PASSWORD"); env != nullptr && *env != '\0') return env;
    if (!password_file) return "";
    const std::string field = at.prefix + ".password_file";
    const int fd = ::open(password_file->c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        fail(at.password_file, field, "'" + field + "' cannot be opened: " + std::strerror(errno), kExitBadInput,
             {"it must be a regular file (not a symbolic link) readable by you"});
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        fail(at.password_file, field, "'" + field + "' is not a regular file", kExitBadInput);
    }
    if (st.st_uid != ::geteuid()) {
        fail(at.password_file, field, "'" + field + "' belongs to another user", kExitBadInput,
             {"the password file must belong to the user who runs takehome"});
    }
    if ((st.st_mode & 077) != 0) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
        fail(at.password_file, field,
             "'" + field + "' can be read or changed by other users (mode " + mode + "); refusing to use it",
             kExitBadInput, {"make it readable by its owner only: chmod 600 FILE"});
    }
    std::string text(4097, '\0');
    const ssize_t n = ::read(fd, text.data(), text.size());
    if (n < 0) fail(at.password_file, field, "'" + field + "' cannot be read: " + std::strerror(errno), kExitBadInput);
    text.resize(static_cast<std::size_t>(n));
    if (text.size() > 4096) fail(at.password_file, field, "'" + field + "' is too long for a password", kExitBadInput);
    text = text.substr(0, text.find_first_of("\r\n"));
    if (text.empty()) fail(at.password_file, field, "'" + field + "' is empty", kExitBadInput);
    return text;
}

}  // namespace takehome::deliver
