// Helpers for end-to-end tests: the shared test helpers (run a shell command, temp folders, slurp/spit, quote)
// and where the built binary and the shared cases are.
#pragma once

#include <string>

#include "support/test_support.hpp"

namespace e2e {

using test_support::listing;
using test_support::quote;
using test_support::Result;
using test_support::run;
using test_support::slurp;
using test_support::spit;
using test_support::TempDir;

inline std::string binary() { return TAKEHOME_BINARY; }
inline std::string shared_dir() { return TAKEHOME_SHARED_DIR; }
inline std::string test_dir() { return TAKEHOME_TEST_DIR; }

}  // namespace e2e
