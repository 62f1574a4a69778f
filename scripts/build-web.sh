#!/usr/bin/env bash
# Builds the public site (web/) to WebAssembly with Trunk, from the root Trunk.toml, into
# target/site. Needs scripts/install-toolchains.sh first (it is idempotent; run.sh and test.sh
# call it). Uses Debian's rustc 1.96 with build-std, in its own target dir (target/web).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/toolchain-env.sh
source "$root/scripts/toolchain-env.sh"
cd "$root"
web_toolchain_env
[ -x "$EGALITE_TOOLS_BIN/trunk" ] || { echo "build-web: trunk missing: run scripts/install-toolchains.sh" >&2; exit 1; }
t=$SECONDS
trunk build --config Trunk.toml "$@"
echo "build-web: site built in target/site in $((SECONDS - t))s" >&2
