#!/usr/bin/env bash
# The second README command: every test. Installs what is missing, then runs formatting
# and lint checks, the native tests, the release build, the single file and the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "format and lints"
cargo fmt --all -- --check
cargo clippy --all-targets --quiet -- -D warnings
cargo clippy --target wasm32-unknown-unknown --all-targets --quiet -- -D warnings

step "native tests (guide core, checks, path, progress, CLI)"
cargo test --quiet

step "release build"
bash scripts/build.sh

step "single file for offline use (dist-single/leitfaden.html)"
bash scripts/single-file.sh

step "the benchmark's own tools (gzip host, guide reader)"
node --test bench/

step "browser tests (Chromium; the single file also in Firefox ESR)"
node --test --test-concurrency=1 tests/e2e/
