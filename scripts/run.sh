#!/usr/bin/env bash
# Runs the platform on this machine: installs what is missing (idempotent), builds the site and
# the server, then starts `egalite serve` (site + API on one port; the embedded SQLite database
# under ./var unless DATABASE_URL is set). Extra arguments go to `egalite serve`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/toolchain-env.sh
source "$root/scripts/toolchain-env.sh"
cd "$root"
INSTALL_BROWSER="${INSTALL_BROWSER:-0}" bash scripts/install-toolchains.sh
bash scripts/build-web.sh
"$HOST_CARGO" build --release --locked -p egalite-server --bin egalite
export ORT_DYLIB_PATH="${ORT_DYLIB_PATH:-$root/vendor/onnxruntime/libonnxruntime.so.1.31.1}"
exec "$root/target/release/egalite" serve --web-dir "${EGALITE_WEB_DIR:-$root/target/site}" "$@"
