// Data root lookup.
#include "base/paths.hpp"

#include <cstdlib>

namespace takehome {

std::string data_dir() {
    if (const char* env = std::getenv("TAKEHOME_DATA_DIR"); env != nullptr && *env != '\0') {
        return env;
    }
    return TAKEHOME_DATA_DIR;
}

}  // namespace takehome
