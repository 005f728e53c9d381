#!/usr/bin/env bash
# Cold-process benchmark: runs `takehome render` on the Daniel Okafor example N times as a physio would
# (a new process each time, fonts and content loaded each time) and prints the median wall time and the
# peak memory (max RSS, from GNU time).  Usage: bench/run.sh [path/to/takehome] [N]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$here/build/src/takehome}
n=${2:-15}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
times=()
peak=0
for ((i = 0; i < n; i++)); do
  /usr/bin/time -f "%e %M" -o "$tmp/t" "$bin" render "$here/examples/daniel-okafor.yaml" -o "$tmp/d.pdf" 2>/dev/null
  read -r secs kib <"$tmp/t"
  times+=("$secs")
  ((kib > peak)) && peak=$kib
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
awk -v n="$n" -v m="$median" -v p="$peak" -v b="$(stat -c %s "$tmp/d.pdf")" \
  'BEGIN { printf "cold process (%d runs): median %.0f ms per handout, peak memory %.1f MiB, PDF %d bytes\n", n, m * 1000, p / 1024, b }'
