#!/usr/bin/env bash
# One self-contained HTML file for trainers: dist-single/leitfaden.html runs by double-click
# from file:// in Chromium and Firefox, offline, with progress saved in that browser.
# Made from the release build in dist/ (LEITFADEN_DIST=dir: another one); runs
# scripts/build.sh first if there is none (a `trunk serve` build, without sw.js, counts as none).
set -euo pipefail
cd "$(dirname "$0")/.."
DIST=${LEITFADEN_DIST:-dist}
if [ ! -f "$DIST/index.html" ] || [ ! -f "$DIST/sw.js" ]; then
  bash scripts/build.sh
fi
node scripts/single-file.mjs "$DIST" dist-single/leitfaden.html
