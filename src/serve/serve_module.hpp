// takehome-serve.so's table (app/modules.hpp): `takehome serve` runs in the module, which holds the web server
// (cpp-httplib, with OpenSSL) and its own copy of the pipeline; the program keeps only the command's options.
#pragma once

#include <cstdint>

#include "app/modules.hpp"
#include "serve/serve.hpp"

namespace takehome::serve {

/// The ABI version of takehome-serve.so: raise it whenever ServeModule or ServeOptions changes.
inline constexpr std::uint32_t kServeAbi = 1;
inline constexpr const char* kServeModuleName = "takehome-serve.so";
inline constexpr const char* kServeEntry = "takehome_serve_module";

struct ServeModule {
    app::ModuleHeader header;
    /// run_serve (serve.hpp): serves until SIGTERM or SIGINT and returns the exit status; an InputError (a bad
    /// clinic profile, an address that cannot be bound, a token file others can read) comes back in `failure`.
    int (*run_serve)(const ServeOptions& options, app::ModuleFailure& failure) noexcept;
};

}  // namespace takehome::serve
