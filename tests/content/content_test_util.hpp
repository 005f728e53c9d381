// Helpers for the content tests: a temporary folder to write byte-exact fixtures into, and span text access.
#pragma once

#include <filesystem>
#include <string>

#include "content/content.hpp"
#include "support/test_support.hpp"

namespace takehome::content::test {

/// A fresh folder under $TMPDIR, removed (with its contents) at the end of the test. While it lives it is the
/// current directory, so diagnostics show short relative paths like "h08.md" as in the hard-input cases.
class TempCwd {
public:
    TempCwd() : old_(std::filesystem::current_path()) { std::filesystem::current_path(dir_.path); }
    ~TempCwd() {
        std::error_code ec;
        std::filesystem::current_path(old_, ec);
    }
    TempCwd(const TempCwd&) = delete;
    TempCwd& operator=(const TempCwd&) = delete;

    /// Writes `bytes` exactly to `rel` (creating folders), returns `rel`.
    std::string write(const std::string& rel, const std::string& bytes) const {
        test_support::spit(dir_ / rel, bytes);
        return rel;
    }
    [[nodiscard]] const std::filesystem::path& path() const { return dir_.path; }

private:
    std::filesystem::path old_;
    test_support::TempDir dir_;  // made after old_ is taken, removed after the old folder is current again
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
