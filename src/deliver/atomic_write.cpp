// Atomic file output: temporary file in the target folder, fsync, rename (error contract rule 3).
#include "deliver/atomic_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"

namespace takehome::deliver {

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& reason) {
    throw InputError(SourcePos{path, 0, 0}, "cannot write output: " + reason);
}

}  // namespace

void write_file_atomically(const std::string& path, std::string_view bytes) {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
        fail(path, "the output path is a directory");
    }
    const auto slash = path.find_last_of('/');
    const std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
    const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
    std::string tmpl = dir + "/." + base + ".tmp-XXXXXX";
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    const int fd = ::mkstemp(buf.data());
    if (fd < 0) {
        fail(path, std::string("cannot create a file in '") + dir + "': " + std::strerror(errno));
    }
    const std::string tmp(buf.data());
    // A file size limit (ulimit -f) would kill us with SIGXFSZ before write() can report EFBIG.
    struct sigaction ignore {}, old {};
    ignore.sa_handler = SIG_IGN;
    ::sigaction(SIGXFSZ, &ignore, &old);
    auto cleanup_fail = [&](const std::string& why) {
        ::close(fd);
        ::unlink(tmp.c_str());
        ::sigaction(SIGXFSZ, &old, nullptr);
        fail(path, why);
    };
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            cleanup_fail(std::strerror(errno));
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fchmod(fd, 0644) != 0 || ::fsync(fd) != 0) {
        cleanup_fail(std::strerror(errno));
    }
    if (::close(fd) != 0) {
        ::unlink(tmp.c_str());
        ::sigaction(SIGXFSZ, &old, nullptr);
        fail(path, std::strerror(errno));
    }
    ::sigaction(SIGXFSZ, &old, nullptr);
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const int e = errno;
        ::unlink(tmp.c_str());
        fail(path, std::strerror(e));
    }
}

}  // namespace takehome::deliver
