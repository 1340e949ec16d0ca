#!/usr/bin/env bash
# The benchmark: the figures of issue 15 with their targets (first step on screen against a
# static page, sizes, Lighthouse, layout shift, step change), then work states, repeat visit,
# memory, author checks and path computation, printed as tables and written to BENCHMARKS.md
# (with the prose of bench/NOTES.md). Not a test: it never fails on a slow figure, it reports it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
# The benchmark's own tools (gzip host, guide reader) first: a wrong tool makes wrong figures.
node --test bench/
bash scripts/build.sh
[ -x scripts/single-file.sh ] && bash scripts/single-file.sh
cargo build --quiet --release --bin leitfaden
# The app once more without the search field, and once without the documents' controls, only to
# weigh what each adds to the first load (issues 16 and 13); a target directory of its own for
# each keeps the builds incremental. RUSTFLAGS replaces .cargo/config.toml's flags for the
# target, so erase_components is repeated.
for part in search documents; do
  RUSTFLAGS="--cfg erase_components --cfg leitfaden_without=\"$part\"" \
    cargo build --quiet --release --target wasm32-unknown-unknown --bin leitfaden \
    --target-dir "${CARGO_TARGET_DIR:-target}/without-$part"
done
node bench/run.mjs
