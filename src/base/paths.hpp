// Where the project's data folders (fonts/, content/, layouts/) are found at run time.
#pragma once

#include <string>

namespace takehome {

/// The name of the marker file a build tree writes at its top (CMAKE_BINARY_DIR). It holds one line: the
/// absolute source folder the tree was configured from. Only a binary whose own folder or parent folder holds
/// this file (that is, a binary still inside its build tree) reads it; `cmake --install` never copies it.
inline constexpr const char* kBuildTreeMarker = "takehome-source-dir.txt";

/// The installed data folder relative to the executable's folder (GNU layout: PREFIX/bin/takehome and
/// PREFIX/share/takehome/{fonts,content,layouts}).
inline constexpr const char* kInstalledDataRelative = "../share/takehome";

/// What data_dir() consults, passed in so the search can be tested without touching the process.
struct DataDirSearch {
    std::string env;         ///< $TAKEHOME_DATA_DIR ("" when unset or empty)
    std::string executable;  ///< the running binary's absolute path (/proc/self/exe); "" when unknown
};

/// True when `dir` holds the three data folders fonts/, content/ and layouts/.
[[nodiscard]] bool is_data_dir(const std::string& dir);

/// The data root, in this order (the first that applies wins):
///  1. `search.env` when non-empty (an explicit choice: if it lacks fonts/, content/ or layouts/ that is an
///     error, never a silent fall-through);
///  2. `<folder of the executable>/../share/takehome` (the installed layout);
///  3. the source folder named by kBuildTreeMarker in the executable's folder or its parent (an uninstalled
///     build tree: build/src/takehome, build/tests/test_*, build/bench/takehome_bench).
/// Throws InternalError naming every place looked at when none holds the data folders.
[[nodiscard]] std::string find_data_dir(const DataDirSearch& search);

/// find_data_dir() for this process: $TAKEHOME_DATA_DIR and /proc/self/exe.
[[nodiscard]] std::string data_dir();

}  // namespace takehome
