// Parts of the program that only one command or option needs, built as shared modules and loaded with
// dlopen(3) on first use, so that their libraries cost nothing at the start of every other run: the delivery
// module (GMime, libcurl, libcups: e-mail draft, sending, printing) and the web service (cpp-httplib with
// OpenSSL, zlib and brotli: `takehome serve`). Linking them into the executable made every `takehome render`
// load 96 shared libraries (32 of them only for these) and initialise OpenSSL before its first line of work.
#pragma once

#include <string>

namespace takehome {

/// The modules' folder relative to the executable's folder. Installed: PREFIX/bin/takehome finds
/// PREFIX/lib/takehome/. The build tree puts its modules in build/lib/takehome/, so build/src/takehome,
/// build/tests/test_* and build/bench/takehome_bench find them by the same rule (no environment variable).
inline constexpr const char* kModuleDirRelative = "../lib/takehome";

/// The symbol every module exports: a `const char*` holding the TAKEHOME_VERSION it was built as. A module
/// from another version (a half-upgraded install) is refused rather than called through a changed interface.
inline constexpr const char* kModuleVersionSymbol = "takehome_module_version";

/// The module file `file_name` for the executable at `executable` (absolute path):
/// `<folder of executable>/../lib/takehome/<file_name>`, normalised.
[[nodiscard]] std::string module_path(const std::string& executable, const std::string& file_name);

/// The symbol `entry` of the module `file_name` (found with module_path from /proc/self/exe), opened with
/// RTLD_LAZY | RTLD_LOCAL. The module itself is linked with -z now, so a missing library or a symbol it needs
/// fails here and not at a later call; the libraries it brings in bind lazily, as they would at a normal start
/// (RTLD_NOW would bind all of GMime's, libcurl's and libcups's 32: an e-mail draft took 902 M instructions
/// that way, 890 M like this, 883 M with them linked into the program, callgrind). A module is
/// opened once per process and never closed (its code stays valid for the whole run). `what` names the
/// module for the user ("delivery (e-mail, printing)"). Thread-safe.
/// Throws InternalError (exit 1: the install is broken, not the input) naming the file and dlerror()'s
/// reason when the module cannot be opened, lacks `entry` or kModuleVersionSymbol, or is of another version.
[[nodiscard]] void* module_entry(const std::string& file_name, const char* entry, const char* what);

}  // namespace takehome
