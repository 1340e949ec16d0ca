#!/usr/bin/env bash
# Release build into dist/: checks the guide, builds the optimised wasm with trunk, writes
# the service worker that precaches every file (scripts/precache.mjs; only here, so
# `trunk serve` has none) and prints the size of what a first visit transfers.
# LEITFADEN_DIST=dir builds into another directory (the browser tests read the same variable).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
DIST=${LEITFADEN_DIST:-dist}
cargo run --quiet --release --bin leitfaden -- check guide
trunk build --release --offline --dist "$DIST"
node scripts/precache.mjs "$DIST"
node scripts/size.mjs "$DIST"
