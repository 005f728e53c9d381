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
  # tests: mupdf (mutool), the reviewer's tool ../shared/tools/handout-metrics reads PDFs back with it
  mupdf-tools
  python3 python3-yaml
  # delivery: GMime 3 builds the patient e-mail
  libgmime-3.0-dev
  # delivery: libcurl sends it over SMTP
  libcurl4-openssl-dev
  # delivery: libcups prints (and cups-config)
  libcups2-dev
  # tests: the private CUPS scheduler of the print test (cupsd, lpadmin, ipptool)
  cups-daemon cups-client cups-ipp-utils
  # tests: the SMTP server of the send tests
  python3-aiosmtpd
  # tests: the throwaway certificate of the STARTTLS test
  openssl
  # libpng: the picture preflight decodes a PNG row by row with libpng, for libpng's own reason (src/layout/image_probe.cpp)
  libpng-dev
  # pictures: JPEG logos and exercise photos decoded with libjpeg-turbo (src/base/jpeg_info.cpp)
  libjpeg62-turbo-dev
  # pictures: the EXIF orientation of a JPEG (APP1) or PNG (eXIf) read with libexif (src/base/exif.cpp)
  libexif-dev
  # clang with libFuzzer and the sanitizers: the fuzz harnesses of tests/fuzz (scripts/fuzz.sh)
  clang
  # the EFF long word list (7,776 words) the encrypted copy's passphrases are drawn from, read by path at run time
  xkcdpass
  # QR codes to the clinic's videos and booking page (libqrencode), and the decoder their tests read them with
  libqrencode-dev
  zbar-tools
  # takehome serve: the web form's HTTP server (cpp-httplib)
  libcpp-httplib-dev
  # tests: the headless browser the web form's test drives (tests/browser, puppeteer-core, no browser download)
  chromium
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
# The browser test's npm packages (puppeteer-core, axe-core), exactly as locked, into tests/browser/node_modules.
if [ ! -d "$here/tests/browser/node_modules/puppeteer-core" ] || [ "$here/tests/browser/package-lock.json" -nt "$here/tests/browser/node_modules/.package-lock.json" ]; then
  (cd "$here/tests/browser" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
echo "setup: ok"
