#!/usr/bin/env bash
# One command from a fresh clone to the desk on the demo case: installs, builds, then opens
# Electron where its binary can be had, or web mode (same UI in a browser) where it cannot.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
# Electron's binary is fetched separately so an offline machine still gets a working web desk.
if [ ! -f node_modules/electron/path.txt ]; then
  timeout 120 node node_modules/electron/install.js >/dev/null 2>&1 || true
fi
exec npm start -- "$@"
