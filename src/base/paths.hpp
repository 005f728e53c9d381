// Where the project's data folders (fonts/, content/, layouts/) are found at run time.
#pragma once

#include <string>

namespace takehome {

/// The data root: $TAKEHOME_DATA_DIR if set and non-empty, else the source folder the binary was built
/// from (compile-time TAKEHOME_DATA_DIR). Holds fonts/, content/ and layouts/.
[[nodiscard]] std::string data_dir();

}  // namespace takehome
