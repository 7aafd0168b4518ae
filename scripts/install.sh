#!/usr/bin/env bash
# Installs OriginDesk's dependencies on a fresh machine: Debian packages the tests use (when
# root on Debian/Ubuntu), then the locked npm packages. Downloads of prebuilt binaries are
# skipped (Electron's, onnxruntime's CUDA part): they fail offline and the desk does not need them.
set -euo pipefail
cd "$(dirname "$0")/.."

# flags may be combined: --with-test-tools --with-bench-tools
bench_tools=0 test_tools=0
for arg in "$@"; do
  case "$arg" in
    --with-bench-tools) bench_tools=1 ;;
    --with-test-tools) test_tools=1 ;;
    *) echo "install.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done
want_debian=()
if [ "$bench_tools" = 1 ]; then
  # the OCR baseline of `npm run bench`: Debian's tesseract CLI with its Korean data
  command -v tesseract >/dev/null || want_debian+=(tesseract-ocr tesseract-ocr-kor)
fi
if [ "$test_tools" = 1 ]; then
  [ -x /usr/bin/chromium ] || want_debian+=(chromium)
  # Korean glyphs for the Korean UI screenshots and the generated bilingual documents.
  [ -d /usr/share/fonts/truetype/nanum ] || want_debian+=(fonts-nanum)
  [ -d /usr/share/fonts/truetype/wqy ] || want_debian+=(fonts-wqy-microhei)
  # Latin fonts the generated test pages are drawn in (their layout is what the tests measure).
  [ -d /usr/share/fonts/truetype/liberation ] || want_debian+=(fonts-liberation)
fi
if [ ${#want_debian[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing Debian packages: ${want_debian[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${want_debian[@]}" >/dev/null
  else
    echo "missing Debian packages (install them, or the browser tests skip): ${want_debian[*]}" >&2
  fi
fi

export ELECTRON_SKIP_BINARY_DOWNLOAD=1 ONNXRUNTIME_NODE_INSTALL=skip
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
