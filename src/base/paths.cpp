// Data root lookup (see paths.hpp for the order). Nothing here is compiled in: an installed binary finds its
// data next to itself, a build-tree binary through the marker file the build writes, so an installed binary
// can never pick up the source folder it happened to be built from.
#include "base/paths.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <vector>

#include "base/diagnostics.hpp"

namespace takehome {

namespace fs = std::filesystem;

bool is_data_dir(const std::string& dir) {
    std::error_code ec;
    for (const char* sub : {"fonts", "content", "layouts"}) {
        if (!fs::is_directory(fs::path(dir) / sub, ec)) return false;
    }
    return true;
}

namespace {

/// The first line of `file`, without trailing white space; "" when unreadable.
std::string first_line(const fs::path& file) {
    std::ifstream in(file);
    std::string line;
    if (!in || !std::getline(in, line)) return "";
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
    return line;
}

}  // namespace

std::string find_data_dir(const DataDirSearch& search) {
    const std::string wanted = "a folder holding fonts/, content/ and layouts/";
    if (!search.env.empty()) {
        if (is_data_dir(search.env)) return search.env;
        throw InternalError("TAKEHOME_DATA_DIR is '" + search.env + "', which is not " + wanted +
                            " (unset it to use the installed data)");
    }
    std::vector<std::string> looked;
    if (!search.executable.empty()) {
        const fs::path bin = fs::path(search.executable).parent_path();
        const fs::path installed = (bin / kInstalledDataRelative).lexically_normal();
        if (is_data_dir(installed.string())) return installed.string();
        looked.push_back(installed.string());
        for (const fs::path& folder : {bin, bin.parent_path()}) {
            const fs::path marker = folder / kBuildTreeMarker;
            std::error_code ec;
            if (!fs::is_regular_file(marker, ec)) continue;
            const std::string source = first_line(marker);
            if (!source.empty() && is_data_dir(source)) return source;
            looked.push_back(source.empty() ? marker.string() : source + " (from " + marker.string() + ")");
            break;
        }
    } else {
        looked.emplace_back("(the executable's own path is unknown)");
    }
    std::string where;
    for (const auto& l : looked) where += (where.empty() ? "" : ", ") + l;
    throw InternalError("no data folder found: looked for " + wanted + " in " + where +
                        "; TAKEHOME_DATA_DIR is not set (set it to the folder, or reinstall takehome)");
}

std::string data_dir() {
    DataDirSearch search;
    if (const char* env = std::getenv("TAKEHOME_DATA_DIR"); env != nullptr) search.env = env;
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) search.executable = self.string();
    return find_data_dir(search);
}

}  // namespace takehome
