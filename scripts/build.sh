#!/usr/bin/env bash
# Release build into dist/: builds the optimised wasm with trunk (into target/trunk-dist),
# then `leitfaden site` checks the guide, bundles it as one JSON file and writes the
# pre-rendered pages (start and every step) with the stylesheet inline, and the template zip
# for authors; then the single file that „Leitfaden anpassen“ ships; finally the service
# worker that precaches the app (scripts/precache.mjs; only here, so `trunk serve` has
# none), and the size of what a first visit transfers.
# LEITFADEN_DIST=dir builds into another directory (the browser tests read the same variable).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
DIST=${LEITFADEN_DIST:-dist}
BUILT=target/trunk-dist
# Refuse a broken guide before the long wasm build.
cargo run --quiet --release --bin leitfaden -- check guide >/dev/null
# Relative asset addresses, so the site also works below a path (a Kreis's web server).
trunk build --release --offline --public-url ./ --dist "$BUILT"
cargo run --quiet --release --bin leitfaden -- site guide "$BUILT" "$DIST"
# The single file without the bundled guide's pre-rendered page: „Leitfaden anpassen“ puts an
# author's guide into it (src/autor/mod.rs, `ship`). Not precached (scripts/precache.mjs).
node scripts/single-file.mjs "$DIST" "$DIST/leitfaden-einzeldatei.html" --vorlage
node scripts/precache.mjs "$DIST"
node scripts/size.mjs "$DIST"
