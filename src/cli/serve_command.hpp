// The `takehome serve` subcommand's options (CLI11), kept here so src/cli/main.cpp only adds the subcommand.
// The service itself runs in the module takehome-serve.so (serve/serve_module.hpp), loaded only by this command.
#pragma once

#include <CLI/CLI.hpp>

#include "serve/serve.hpp"

namespace takehome::serve {

/// Adds --bind, --port, --clinic (repeatable), --token-file, --renderers to `cmd`, bound to `options`.
void add_serve_options(CLI::App& cmd, ServeOptions& options);

/// Runs `takehome serve` with the parsed options (data folder from data_dir(), access log on stderr): loads
/// takehome-serve.so and takehome-deliver.so (the API sends and prints) before anything else, then serves.
/// Throws ModuleError when either module is missing or of another version, InputError for unusable options
/// (the CLI prints them, exit 2).
int run_serve_command(ServeOptions options);

}  // namespace takehome::serve
