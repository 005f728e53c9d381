#!/usr/bin/env bash
# Installs every Debian package the build, the fonts and the tests need (only what is missing), then
# links the large fallback fonts (CJK) from Debian's packages into fonts/fallback/.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

packages=(
  build-essential cmake pkg-config ninja-build
  libyaml-cpp-dev doctest-dev libcmark-dev
  libpango1.0-dev libcairo2-dev librsvg2-dev libfontconfig-dev libfreetype-dev libglib2.0-dev
  libhpdf-dev libqpdf-dev icc-profiles-free
  fonts-noto-cjk
  poppler-utils qpdf time strace fontconfig
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# CJK fallback: too large to keep in git (19 MB), pinned by Debian 12's fonts-noto-cjk package.
mkdir -p "$here/fonts/fallback"
for f in /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc /usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc; do
  [ -e "$f" ] && ln -sf "$f" "$here/fonts/fallback/$(basename "$f")"
done
echo "setup: ok"
