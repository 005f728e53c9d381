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
  # The suppressions quiet only the C libraries' own process-lifetime caches (fontconfig, Pango, glib).
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1"
  export LSAN_OPTIONS="suppressions=$here/tests/sanitizers/lsan.supp:print_suppressions=0"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
  ctest --test-dir build-asan --output-on-failure -j "$jobs"
fi

# The libFuzzer harnesses (tests/fuzz/, clang, ASan/UBSan), each for TAKEHOME_FUZZ_SECONDS (60 s) from the
# committed seeds: a crash, a sanitizer report, an input slower than 2 s or a leak fails the run.
if [ "${TAKEHOME_SKIP_FUZZ:-0}" != 1 ]; then
  bash scripts/fuzz.sh "${TAKEHOME_FUZZ_SECONDS:-60}"
fi
