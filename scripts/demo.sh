#!/usr/bin/env bash
# Sets up (Debian packages), builds, and renders the shipped example handouts into out/
# (PDF, PDF/A archival copy and PNG previews of every page).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build
examples="${TAKEHOME_EXAMPLES:-$here/examples}"
mkdir -p out
for summary in "$examples"/*.yaml; do
  case "$(basename "$summary")" in *clinic*) continue ;; esac
  stem=$(basename "$summary" .yaml)
  ./build/src/takehome render "$summary" -o "out/$stem.pdf" --archive "out/$stem-archive.pdf" --png out/png
done
echo "demo: handouts are in $here/out/ (previews in out/png/)"
