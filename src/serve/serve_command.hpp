// The `takehome serve` subcommand's options (CLI11), kept here so src/cli/main.cpp only adds the subcommand.
// This part is in the program; the service itself (server.cpp, cpp-httplib with OpenSSL, zlib and brotli) is
// the module takehome-serve.so, loaded when the command runs (base/module.hpp), so that no other command
// loads those libraries or initialises OpenSSL at start.
#pragma once

#include <CLI/CLI.hpp>

#include "serve/serve.hpp"

namespace takehome::serve {

/// The web service module's file in the modules' folder (kModuleDirRelative).
inline constexpr const char* kServeModuleFile = "takehome-serve.so";

/// Its entry point: `int takehome_module_serve_v1(const ServeOptions*)`, run_serve with the options (the
/// suffix changes with ServeOptions, so a module built against another layout of it is refused by name).
inline constexpr const char* kServeModuleEntry = "takehome_module_serve_v1";

/// Adds --bind, --port, --clinic (repeatable), --token-file, --renderers to `cmd`, bound to `options`.
void add_serve_options(CLI::App& cmd, ServeOptions& options);

/// Runs `takehome serve` with the parsed options (data folder from data_dir(), access log on stderr) in the
/// web service module. Throws InputError for unusable options (the CLI prints them, exit 2), InternalError
/// when the module cannot be loaded (exit 1).
int run_serve_command(ServeOptions options);

}  // namespace takehome::serve
