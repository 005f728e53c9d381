// Helpers for the content tests: a temporary folder to write byte-exact fixtures into, and span text access.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "content/content.hpp"

namespace takehome::content::test {

/// A fresh folder under $TMPDIR, removed (with its contents) at the end of the test. While it lives it is the
/// current directory, so diagnostics show short relative paths like "h08.md" as in the hard-input cases.
class TempCwd {
public:
    TempCwd() : old_(std::filesystem::current_path()) {
        std::string tmpl = (std::filesystem::temp_directory_path() / "takehome-content-XXXXXX").string();
        if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        dir_ = tmpl;
        std::filesystem::current_path(dir_);
    }
    ~TempCwd() {
        std::error_code ec;
        std::filesystem::current_path(old_, ec);
        std::filesystem::remove_all(dir_, ec);
    }
    TempCwd(const TempCwd&) = delete;
    TempCwd& operator=(const TempCwd&) = delete;

    /// Writes `bytes` exactly to `rel` (creating folders), returns `rel`.
    std::string write(const std::string& rel, const std::string& bytes) const {
        const auto p = dir_ / rel;
        if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << bytes;
        return rel;
    }
    [[nodiscard]] const std::filesystem::path& path() const { return dir_; }

private:
    std::filesystem::path old_;
    std::filesystem::path dir_;
};

/// All the text of some inlines, styles dropped.
inline std::string text_of(const doc::Inlines& in) {
    std::string out;
    for (const auto& s : in) out += s.text;
    return out;
}

/// The canonical absolute form of a path (images are reported after symlink resolution).
inline std::string canonical(const std::filesystem::path& p) { return std::filesystem::canonical(p).string(); }

}  // namespace takehome::content::test
