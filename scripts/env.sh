# Sourced by the scripts: puts the project's tools (cargo installs, npm binaries) on PATH.
export PATH="$HOME/.cargo/bin:$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/node_modules/.bin:$PATH"
