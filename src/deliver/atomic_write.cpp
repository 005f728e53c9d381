// Atomic file output: temporary file in the target folder, fsync, rename (error contract rule 3).
#include "deliver/atomic_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
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

namespace {

/// Writes `bytes` to a new temporary file beside `path` (mkstemp, write, fchmod 0644, fsync, close) and
/// returns its name. Throws InputError (nothing left behind) on failure.
std::string write_temporary(const std::string& path, std::string_view bytes) {
    // An existing destination must be a regular file: the rename would otherwise replace a device
    // (/dev/null, as root), a FIFO or a symbolic link with a regular file (issue 11). lstat, so a link is
    // seen as a link and not followed.
    struct stat st {};
    if (::lstat(path.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode)) fail(path, "the output path is a directory");
        if (S_ISLNK(st.st_mode)) fail(path, "the output path is a symbolic link; give the path of a regular file");
        if (!S_ISREG(st.st_mode)) {
            const char* what = S_ISCHR(st.st_mode)    ? "a character device"
                               : S_ISBLK(st.st_mode)  ? "a block device"
                               : S_ISFIFO(st.st_mode) ? "a FIFO"
                               : S_ISSOCK(st.st_mode) ? "a socket"
                                                      : "not a regular file";
            fail(path, std::string("the output path is ") + what + ", not a regular file; give a file name");
        }
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
    return tmp;
}

}  // namespace

void write_file_atomically(const std::string& path, std::string_view bytes) {
    write_files_atomically({{path, bytes}});
}

void write_files_atomically(const std::vector<std::pair<std::string, std::string_view>>& files) {
    StagedFiles(files).commit();
}

StagedFiles::StagedFiles(const std::vector<std::pair<std::string, std::string_view>>& files) {
    try {
        for (const auto& [path, bytes] : files) {
            temps_.push_back(write_temporary(path, bytes));
            paths_.push_back(path);
        }
    } catch (...) {
        for (const auto& t : temps_) ::unlink(t.c_str());
        throw;
    }
}

StagedFiles::~StagedFiles() {
    for (const auto& t : temps_) ::unlink(t.c_str());
}

void StagedFiles::commit() {
    // Every file is complete on disk; now the renames (atomic each; same folder, so they do not fail for
    // lack of space). What is renamed leaves temps_; on a failure the destructor removes the rest.
    std::vector<std::string> temps = std::move(temps_);
    temps_.clear();
    for (std::size_t k = 0; k < paths_.size(); ++k) {
        // Checked again just before the rename (the first check was before the write).
        struct stat st {};
        if (::lstat(paths_[k].c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
            temps_.assign(temps.begin() + static_cast<std::ptrdiff_t>(k), temps.end());
            fail(paths_[k], "the output path is no longer a regular file");
        }
        if (::rename(temps[k].c_str(), paths_[k].c_str()) != 0) {
            const int e = errno;
            temps_.assign(temps.begin() + static_cast<std::ptrdiff_t>(k), temps.end());
            fail(paths_[k], std::strerror(e));
        }
    }
    paths_.clear();
}

}  // namespace takehome::deliver
