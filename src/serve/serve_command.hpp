// The `takehome serve` subcommand's options (CLI11), kept here so src/cli/main.cpp only adds the subcommand.
#pragma once

#include <CLI/CLI.hpp>

#include "serve/serve.hpp"

namespace takehome::serve {

/// Adds --bind, --port, --clinic (repeatable), --token-file, --renderers to `cmd`, bound to `options`.
void add_serve_options(CLI::App& cmd, ServeOptions& options);

/// Runs `takehome serve` with the parsed options (data folder from data_dir(), access log on stderr).
/// Throws InputError for unusable options (the CLI prints them, exit 2).
int run_serve_command(ServeOptions options);

}  // namespace takehome::serve
