#!/usr/bin/env bash
# Replays every fuzz input kept so far (the committed seeds in tests/fuzz/corpus/HARNESS/ and what runs of
# scripts/fuzz.sh found, build-fuzz/corpus/HARNESS/) through harnesses built WITHOUT sanitizers (build folder
# build-fuzz-plain/), with issue 11's limits: no input may take more than 2 s (-timeout) and the process may never
# hold more than 500 MB (-rss_limit_mb, and -malloc_limit_mb for any single allocation). Under ASan the same
# inputs are slower and larger (shadow memory, quarantine), so these limits are checked here, on the code as
# users run it. Usage: scripts/fuzz-replay.sh [HARNESS...]. Prints, per harness, the inputs run and the peak RSS.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(fuzz_summary fuzz_clinic fuzz_content fuzz_layout fuzz_pdf_pass)

launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
CC=clang CXX=clang++ cmake -S . -B build-fuzz-plain -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTAKEHOME_FUZZ=ON \
  -DTAKEHOME_FUZZ_SANITIZE=OFF -DTAKEHOME_BUILD_TESTS=OFF "${launcher[@]}" >/dev/null
cmake --build build-fuzz-plain -j "$(nproc)" --target "${harnesses[@]}"

export TAKEHOME_DATA_DIR="$here"
mkdir -p build-fuzz-plain/logs build-fuzz-plain/artifacts
status=0
for h in "${harnesses[@]}"; do
  dirs=("tests/fuzz/corpus/$h")
  [ -d "build-fuzz/corpus/$h" ] && dirs+=("build-fuzz/corpus/$h")
  if [ "$h" = fuzz_pdf_pass ]; then
    mkdir -p build-fuzz-plain/seed
    build-fuzz-plain/tests/fuzz/$h --write-seed build-fuzz-plain/seed/handout.pdf
    dirs+=(build-fuzz-plain/seed)
  fi
  log=build-fuzz-plain/logs/$h.log
  if ! build-fuzz-plain/tests/fuzz/$h -runs=0 -timeout=2 -rss_limit_mb=500 -malloc_limit_mb=500 -max_len=1048576 \
       -print_final_stats=1 -artifact_prefix=build-fuzz-plain/artifacts/$h- "${dirs[@]}" >"$log" 2>&1; then
    echo "!! $h failed ($log):"
    grep -E "ERROR|SUMMARY|Test unit written|timeout|out-of-memory" "$log" | head -20
    status=1
  fi
  inputs=$(find "${dirs[@]}" -type f | wc -l)
  echo "$h: $inputs inputs; $(grep -E 'stat::peak_rss_mb' "$log" | tr -s ' ')"
done
exit $status
