// The form's files (src/serve/assets/), compiled into the binary by src/serve/embed.cmake.
#pragma once

#include <string_view>
#include <vector>

namespace takehome::serve {

/// One embedded file: its name in src/serve/assets/ (served at /assets/NAME, index.html at /) and its bytes.
struct Asset {
    std::string_view name;
    std::string_view bytes;
};

/// Every embedded file, in the order CMake listed them.
[[nodiscard]] const std::vector<Asset>& assets();

}  // namespace takehome::serve
