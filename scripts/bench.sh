#!/usr/bin/env bash
# The benchmark: sizes, first step on screen, step change, memory, author checks and path
# computation, printed as a table and written to BENCHMARKS.md. Not a test: it never fails
# on a slow figure, it reports it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
bash scripts/build.sh
[ -x scripts/single-file.sh ] && bash scripts/single-file.sh
cargo build --quiet --release --bin leitfaden
node bench/run.mjs
