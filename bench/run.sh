#!/usr/bin/env bash
# Cold-process benchmark: runs `takehome render` on the Daniel Okafor example N times as a physio would
# (a new process each time, fonts and content loaded each time) and prints the median wall time and the
# peak memory (max RSS, from GNU time), and the PDF's bytes per page.
# Usage: bench/run.sh [path/to/takehome] [N] [--compare OTHER_TAKEHOME]
# With --compare the two binaries run interleaved (A B A B ...), so a noisy machine slows both alike, and the
# ratios A/B are printed.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
args=()
other=
while (($#)); do
  case $1 in
    --compare) other=$2; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
bin=${args[0]:-$here/build/src/takehome}
n=${args[1]:-15}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
summary=$here/examples/daniel-okafor.yaml

# run BINARY TAG: one cold render; appends "secs kib" to $tmp/TAG.
run() {
  /usr/bin/time -f "%e %M" -o "$tmp/t" "$1" render "$summary" -o "$tmp/$2.pdf" 2>/dev/null >/dev/null
  cat "$tmp/t" >>"$tmp/$2"
}
for ((i = 0; i < n; i++)); do
  run "$bin" a
  [[ -n $other ]] && run "$other" b
done

# report TAG NAME: median ms, peak MiB, bytes per page.
report() {
  local pages
  pages=$(pdfinfo "$tmp/$1.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  sort -n "$tmp/$1" | awk -v n="$n" -v name="$2" -v b="$(stat -c %s "$tmp/$1.pdf")" -v pages="${pages:-1}" '
    {t[NR] = $1; if ($2 > peak) peak = $2}
    END {m = t[int((NR + 1) / 2)];
         printf "%s: cold process (%d runs): median %.0f ms per handout, peak memory %.1f MiB, PDF %d bytes (%d per page)\n",
                name, n, m * 1000, peak / 1024, b, b / pages;
         printf "%.6f %.1f %d\n", m, peak, b > "/dev/stderr"}' 2>"$tmp/$1.sum"
}
report a "$bin"
if [[ -n $other ]]; then
  report b "$other"
  read -r ma pa ba <"$tmp/a.sum"
  read -r mb pb bb <"$tmp/b.sum"
  awk -v ma="$ma" -v mb="$mb" -v pa="$pa" -v pb="$pb" -v ba="$ba" -v bb="$bb" \
    'BEGIN { printf "ratio A/B: time %.2f, peak memory %.2f, PDF size %.2f\n", ma / mb, pa / pb, ba / bb }'
fi
