// Helpers every test stage may use: a temporary folder, whole-file read and write, and running a shell command
// (stdout, stderr and exit status) with its arguments quoted. No doctest here: failures throw, and doctest reports
// an exception escaping a test case as a failure of that test.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>

namespace test_support {

/// Exit status and output of a shell command.
struct Result {
    int status = -1;  ///< exit status (or 128 + signal)
    std::string out;  ///< stdout
    std::string err;  ///< stderr
};

/// The whole content of a file ("" if it cannot be read).
inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// The first line where `got` and `want` differ, as "FILE:LINE: got '...', expected '...'" ("<end>" past the
/// last line), or "" when they are equal: a readable failure without a diff tool.
inline std::string first_difference(const std::string& got, const std::string& want, const std::string& file) {
    std::istringstream a(got), b(want);
    std::string la, lb;
    for (int line = 1;; ++line) {
        const bool ga = static_cast<bool>(std::getline(a, la));
        const bool gb = static_cast<bool>(std::getline(b, lb));
        if (!ga && !gb) return "";
        if (!ga || !gb || la != lb) {
            return file + ":" + std::to_string(line) + ": got '" + (ga ? la : "<end>") + "', expected '" +
                   (gb ? lb : "<end>") + "'";
        }
    }
}

/// Writes `bytes` exactly to `p`, creating its folder; throws when the file cannot be written.
inline void spit(const std::filesystem::path& p, const std::string& bytes) {
    if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << bytes;
    if (!out.good()) throw std::runtime_error("cannot write " + p.string());
}

/// A fresh folder under the system temp dir, removed with everything in it at scope exit.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::string t = (std::filesystem::temp_directory_path() / "takehome-test-XXXXXX").string();
        if (::mkdtemp(t.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + t);
        path = t;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::permissions(path, std::filesystem::perms::owner_all, ec);  // a test may have locked it
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::filesystem::path operator/(const std::string& name) const { return path / name; }
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

/// `s` as one single-quoted shell word.
inline std::string quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) {
        if (c == '\'') q += "'\\''";
        else q += c;
    }
    return q + "'";
}

/// Files in `dir` (names only, one a line), for "no temporary file left behind" checks.
inline std::string listing(const std::filesystem::path& dir) {
    std::string s;
    for (const auto& e : std::filesystem::directory_iterator(dir)) s += e.path().filename().string() + "\n";
    return s;
}

/// PostScript names of every face in `fonts_dir` and of the two Debian Noto Sans CJK collections the private
/// fontconfig adds by path (fc-scan): the only faces a handout may embed.
inline std::set<std::string> font_postscript_names(const std::string& fonts_dir) {
    const std::string noto = "/usr/share/fonts/opentype/noto/";
    const auto r = run("fc-scan --format '%{postscriptname}\\n' " + quote(fonts_dir) + " " +
                       quote(noto + "NotoSansCJK-Regular.ttc") + " " + quote(noto + "NotoSansCJK-Bold.ttc"));
    std::set<std::string> names;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) names.insert(line);
    }
    return names;
}

}  // namespace test_support
