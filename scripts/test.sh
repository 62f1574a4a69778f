#!/usr/bin/env bash
# Runs every check: formatting, lints, the site's WebAssembly build, and all tests (unit tests,
# and end-to-end tests on a throwaway PostgreSQL cluster and on SQLite, through real HTTP).
# Installs what is missing first (idempotent). Set DATABASE_URL=postgres://... to use an existing
# PostgreSQL server instead of a throwaway cluster.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/toolchain-env.sh
source "$root/scripts/toolchain-env.sh"
cd "$root"
step() { printf '\n== %s\n' "$*" >&2; }
t0=$SECONDS

step "toolchains"
bash scripts/install-toolchains.sh

step "cargo fmt --check"
"$HOST_CARGO" fmt --all -- --check

step "site (WebAssembly, Trunk)"
bash scripts/build-web.sh

step "cargo clippy"
"$HOST_CARGO" clippy --locked --all-targets -- -D warnings

step "cargo test"
"$HOST_CARGO" test --locked

printf '\n== all checks passed in %ss\n' "$((SECONDS - t0))" >&2
