#!/usr/bin/env bash
# Runs the leak canary (leak_canary.cpp, built with ASan) with the sanitizer options of the test run
# (tests/sanitizers/options.sh) and passes only when LeakSanitizer reports both of its leaks: a PangoLayout
# (pango_layout_new) and a fontconfig pattern, each with the canary's own frame on its stack. (fontconfig calls
# its own functions through hidden aliases, so its frames have no names: the canary's frame is the check.)
# Usage: leak_canary.sh CANARY_BINARY SOURCE_DIR
set -uo pipefail
canary=$1
here=$2
# shellcheck source=options.sh
source "$here/tests/sanitizers/options.sh"
out=$("$canary" 2>&1)
status=$?
printf '%s\n' "$out"
fail() { echo "leak canary: $1" >&2; exit 1; }
[ "$status" -ne 0 ] || fail "LeakSanitizer reported nothing: the suppressions hide our own leaks"
grep -q "in pango_layout_new" <<<"$out" || fail "the leaked PangoLayout was not reported"
grep -q "leak_a_layout " <<<"$out" || fail "the PangoLayout's stack does not reach our frame"
grep -q "leak_a_pattern " <<<"$out" || fail "the leaked FcPattern was not reported with our frame"
echo "leak canary: both leaks reported, with our frames"
