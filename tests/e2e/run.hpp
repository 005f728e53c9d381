// Helpers for end-to-end tests: run a shell command, capture its output and exit status; temp folders.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace e2e {

struct Result {
    int status = -1;      ///< exit status (or 128 + signal)
    std::string out;      ///< stdout
    std::string err;      ///< stderr
};

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline void spit(const std::filesystem::path& p, const std::string& bytes) {
    std::filesystem::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << bytes;
}

/// A fresh temporary folder, removed at scope exit.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::string t = (std::filesystem::temp_directory_path() / "takehome-e2e-XXXXXX").string();
        path = ::mkdtemp(t.data());
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::permissions(path, std::filesystem::perms::owner_all, ec);
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::filesystem::path operator/(const std::string& s) const { return path / s; }
};

/// Runs `cmd` with /bin/sh, capturing stdout and stderr separately.
inline Result run(const std::string& cmd) {
    TempDir tmp;
    const auto err_file = tmp / "stderr";
    const std::string full = "(" + cmd + ") 2>'" + err_file.string() + "'";
    Result r;
    FILE* p = ::popen(full.c_str(), "r");
    if (p == nullptr) return r;
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
    const int st = ::pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
    r.err = slurp(err_file);
    return r;
}

inline std::string quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) {
        if (c == '\'') q += "'\\''";
        else q += c;
    }
    return q + "'";
}

inline std::string binary() { return TAKEHOME_BINARY; }
inline std::string shared_dir() { return TAKEHOME_SHARED_DIR; }
inline std::string test_dir() { return TAKEHOME_TEST_DIR; }

/// Files in `dir` (names only), for "no temporary file left behind" checks.
inline std::string listing(const std::filesystem::path& dir) {
    std::string s;
    for (const auto& e : std::filesystem::directory_iterator(dir)) s += e.path().filename().string() + "\n";
    return s;
}

}  // namespace e2e
