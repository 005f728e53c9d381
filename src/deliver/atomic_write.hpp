// The deliver stage: writes output files so that nothing is ever half-written.
#pragma once

#include <string>
#include <string_view>

namespace takehome::deliver {

/// Writes `bytes` to `path` atomically: mkstemp in the same folder, write, fsync, rename. On any failure
/// the temporary file is removed, an existing file at `path` is left byte-for-byte unchanged, and
/// InputError is thrown ("cannot write 'out.pdf': <reason>"; the user can fix a folder or a full disk).
void write_file_atomically(const std::string& path, std::string_view bytes);

}  // namespace takehome::deliver
