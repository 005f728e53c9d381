// The data root search (src/base/paths.hpp): $TAKEHOME_DATA_DIR, then ../share/takehome next to the
// executable, then the build tree's marker file; a clear error naming what was looked for otherwise.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "base/diagnostics.hpp"
#include "base/paths.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using takehome::DataDirSearch;
using takehome::find_data_dir;

namespace {

/// Makes `dir` a data root: empty fonts/, content/ and layouts/ folders.
void make_data(const fs::path& dir) {
    for (const char* sub : {"fonts", "content", "layouts"}) fs::create_directories(dir / sub);
}

std::string error_of(const DataDirSearch& s) {
    try {
        (void)find_data_dir(s);
    } catch (const takehome::InternalError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("data dir: the installed layout PREFIX/share/takehome next to PREFIX/bin") {
    test_support::TempDir tmp;
    make_data(tmp / "usr/share/takehome");
    fs::create_directories(tmp / "usr/bin");
    CHECK(find_data_dir({"", (tmp / "usr/bin/takehome").string()}) == (tmp / "usr/share/takehome").string());
}

TEST_CASE("data dir: an explicit TAKEHOME_DATA_DIR wins over the installed layout, and a wrong one is an error") {
    test_support::TempDir tmp;
    make_data(tmp / "usr/share/takehome");
    make_data(tmp / "mine");
    const std::string exe = (tmp / "usr/bin/takehome").string();
    CHECK(find_data_dir({(tmp / "mine").string(), exe}) == (tmp / "mine").string());
    fs::create_directories(tmp / "half/fonts");
    fs::create_directories(tmp / "half/content");  // no layouts/
    const std::string msg = error_of({(tmp / "half").string(), exe});
    CHECK(msg == "TAKEHOME_DATA_DIR is '" + (tmp / "half").string() +
                     "', which is not a folder holding fonts/, content/ and layouts/ (unset it to use the installed data)");
}

TEST_CASE("data dir: a build-tree binary reads the source folder from the marker in its folder or the parent") {
    test_support::TempDir tmp;
    make_data(tmp / "src");
    test_support::spit(tmp / "build" / takehome::kBuildTreeMarker, (tmp / "src").string() + "\n");
    fs::create_directories(tmp / "build/src");
    CHECK(find_data_dir({"", (tmp / "build/src/takehome").string()}) == (tmp / "src").string());  // parent
    CHECK(find_data_dir({"", (tmp / "build/takehome").string()}) == (tmp / "src").string());      // same folder
    // Two levels down is not the build tree's binary: the marker is not searched for further up.
    const std::string far = error_of({"", (tmp / "build/a/b/takehome").string()});
    CHECK(far.find("no data folder found") != std::string::npos);
}

TEST_CASE("data dir: nothing found names every place looked at") {
    test_support::TempDir tmp;
    test_support::spit(tmp / "build" / takehome::kBuildTreeMarker, (tmp / "gone").string() + "\n");
    const std::string msg = error_of({"", (tmp / "build/src/takehome").string()});
    CHECK(msg == "no data folder found: looked for a folder holding fonts/, content/ and layouts/ in " +
                     (tmp / "build/share/takehome").string() + ", " + (tmp / "gone").string() + " (from " +
                     (tmp / "build" / takehome::kBuildTreeMarker).string() +
                     "); TAKEHOME_DATA_DIR is not set (set it to the folder, or reinstall takehome)");
    CHECK(error_of({"", ""}).find("the executable's own path is unknown") != std::string::npos);
}

TEST_CASE("data dir: this test binary, inside its build tree, finds the source folder") {
    // CTest sets TAKEHOME_DATA_DIR; the search without it must land on the same folder via the marker.
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    REQUIRE_FALSE(ec);
    CHECK(fs::equivalent(find_data_dir({"", self.string()}), TAKEHOME_DATA_DIR_FOR_TESTS));
}
