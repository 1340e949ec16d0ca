#!/usr/bin/env bash
# The first README command: installs what is missing, checks the bundled guide and serves
# the app with live reload on http://127.0.0.1:8080 (edits under guide/ show in seconds).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
cargo run --quiet --bin leitfaden -- check guide || echo "(the page will show these errors too)"
exec trunk serve --offline "$@"
