#!/usr/bin/env bash
# Sets up (Debian packages), builds and runs every test: first a normal build, then the same tests
# built with AddressSanitizer and UndefinedBehaviorSanitizer. Warnings are errors here (TAKEHOME_WERROR),
# though not by default, so that distribution builds on newer compilers still build.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
bash scripts/setup.sh
jobs=$(nproc)

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DTAKEHOME_WERROR=ON -DTAKEHOME_BUILD_TESTS=ON >/dev/null
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs"

if [ "${TAKEHOME_SKIP_SANITIZERS:-0}" != 1 ]; then
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTAKEHOME_SANITIZE=ON -DTAKEHOME_WERROR=ON \
  -DTAKEHOME_BUILD_TESTS=ON >/dev/null
  cmake --build build-asan -j "$jobs"
  # Whole stacks for every allocation, so that the suppressions name only the functions inside the C libraries
  # that keep process-lifetime caches (fontconfig, cairo), never a library, never our code; the leak canary
  # test checks that our own leaks through those libraries are still reported.
  # shellcheck source=../tests/sanitizers/options.sh
  source "$here/tests/sanitizers/options.sh"
  ctest --test-dir build-asan --output-on-failure -j "$jobs"
fi

# The libFuzzer harnesses (tests/fuzz/, clang, ASan/UBSan), each for TAKEHOME_FUZZ_SECONDS (60 s) from the
# committed seeds: a crash, a sanitizer report, an input slower than 2 s or a leak fails the run.
if [ "${TAKEHOME_SKIP_FUZZ:-0}" != 1 ]; then
  bash scripts/fuzz.sh "${TAKEHOME_FUZZ_SECONDS:-60}"
fi
