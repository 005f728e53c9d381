// Shared by the libFuzzer harnesses (tests/fuzz/): the repository's data folder and a private scratch folder
// for the inputs that the code under test reads by path.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace takehome::fuzz {

/// The repository root (fonts/, content/, layouts/, examples/): $TAKEHOME_DATA_DIR, else the source folder.
inline std::string data_dir() {
    const char* env = std::getenv("TAKEHOME_DATA_DIR");
    return env && *env ? env : TAKEHOME_FUZZ_DATA_DIR;
}

/// A folder of this process's own under $TMPDIR (removed at exit), for files a harness writes.
inline const std::filesystem::path& scratch_dir() {
    static const std::filesystem::path dir = [] {
        const char* tmp = std::getenv("TMPDIR");
        std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/takehome-fuzz-XXXXXX";
        if (::mkdtemp(pattern.data()) == nullptr) std::abort();
        std::atexit([] {
            std::error_code ec;
            std::filesystem::remove_all(scratch_dir(), ec);
        });
        return std::filesystem::path(pattern);
    }();
    return dir;
}

/// Writes `size` bytes at `path` (creating its folder), replacing what was there.
inline void write_file(const std::filesystem::path& path, const uint8_t* data, size_t size) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out) std::abort();
}

}  // namespace takehome::fuzz
