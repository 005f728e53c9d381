#!/usr/bin/env bash
# Installs every Debian package the build, the fonts and the tests need (only what is missing). The CJK
# fallback fonts are used in place from Debian's fonts-noto-cjk (src/layout/fonts.cpp adds the two files
# by path); dpkg-dev provides dpkg-shlibdeps for the .deb's Depends (cmake --build build --target package).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

packages=(
  build-essential cmake pkg-config ninja-build
  libyaml-cpp-dev doctest-dev libcmark-dev
  libpango1.0-dev libcairo2-dev librsvg2-dev libfontconfig-dev libfreetype-dev libglib2.0-dev
  libhpdf-dev libqpdf-dev icc-profiles-free libcli11-dev
  fonts-noto-cjk
  poppler-utils qpdf time strace fontconfig dpkg-dev
  python3 python3-yaml
  # libpng: PNG previews encoded directly (level 1, no filter), src/render/png.cpp
  libpng-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm (for the JSON Schema test's ajv-cli, installed into the build tree by tests/CMakeLists.txt): Debian's
# nodejs + npm, unless a node with npm is already there (NodeSource's nodejs bundles npm and conflicts with
# Debian's npm package).
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Earlier set-ups linked the CJK fonts into fonts/fallback/; fontconfig would still scan that folder
# (it recurses into fonts/), so remove the old links.
if [ -d "$here/fonts/fallback" ]; then
  find "$here/fonts/fallback" -maxdepth 1 -type l -name 'NotoSansCJK-*.ttc' -delete
  rmdir "$here/fonts/fallback" 2>/dev/null || true
fi
echo "setup: ok"
