#!/usr/bin/env bash
# Release build into dist/: checks the guide, builds the optimised wasm with trunk and
# prints the size of what a first visit transfers.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
cargo run --quiet --release --bin leitfaden -- check guide
trunk build --release --offline
node scripts/size.mjs dist
