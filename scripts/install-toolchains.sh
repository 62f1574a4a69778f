#!/usr/bin/env bash
# Installs what Égalité needs beyond rustup's stable toolchain, idempotently (what is already
# there at the right version is skipped), from the package registries only (Debian, crates.io,
# npm, PyPI):
#
#   * the WebAssembly toolchain for web/: Debian's rustc-web/cargo-web (std built for wasm32 with
#     build-std, since rustup cannot add the wasm32 target offline), rust-web-src, wasm-ld (lld-22),
#     wasm-bindgen-cli at the version in Cargo.lock, Trunk 0.21.14, wasm-opt from npm's binaryen;
#   * ONNX Runtime 1.31.1 (libonnxruntime.so from the PyPI wheel) under vendor/onnxruntime/;
#   * Chromium and ChromeDriver for the browser tests;
#   * ffmpeg (Debian's) for sampling trailer frames.
#
# Settings (environment):
#   EGALITE_TOOLS_DIR   where cargo/npm tools go (default /opt/egalite-tools, or
#                       ~/.local/share/egalite-tools when /opt is not writable)
#   INSTALL_WEB=0       skip the WebAssembly toolchain
#   INSTALL_ORT=0       skip ONNX Runtime
#   INSTALL_BROWSER=0   skip Chromium
#   INSTALL_FFMPEG=0    skip ffmpeg
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/toolchain-env.sh
source "$root/scripts/toolchain-env.sh"

TRUNK_VERSION=0.21.14
BINARYEN_NPM_VERSION=132.0.0
ORT_VERSION=1.31.1
ORT_SO_SHA256=fc44112f
INSTALL_WEB="${INSTALL_WEB:-1}"
INSTALL_ORT="${INSTALL_ORT:-1}"
INSTALL_BROWSER="${INSTALL_BROWSER:-1}"
INSTALL_FFMPEG="${INSTALL_FFMPEG:-1}"

log() { printf '[install-toolchains] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
t0=$SECONDS

# ------------------------------------------------------------------ Debian packages
apt_pkgs=()
[ "$INSTALL_WEB" = 1 ] && apt_pkgs+=(rustc-web cargo-web rust-web-src lld-22)
[ "$INSTALL_BROWSER" = 1 ] && apt_pkgs+=(chromium chromium-driver)
[ "$INSTALL_FFMPEG" = 1 ] && apt_pkgs+=(ffmpeg)
command -v initdb >/dev/null 2>&1 || [ -x /usr/lib/postgresql/15/bin/initdb ] || apt_pkgs+=(postgresql-15)
command -v unzip >/dev/null 2>&1 || apt_pkgs+=(unzip)
missing=()
for p in "${apt_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "missing Debian packages (${missing[*]}); run this script as root once"
  s=$SECONDS
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  log "  apt took $((SECONDS - s))s"
else
  log "Debian packages present: ${apt_pkgs[*]:-none needed}"
fi

# ------------------------------------------------------------------ WebAssembly tools
if [ "$INSTALL_WEB" = 1 ]; then
  /usr/bin/rustc -V | grep -Eq '^rustc 1\.(9[6-9]|[1-9][0-9]{2})' \
    || die "Debian's /usr/bin/rustc is $(/usr/bin/rustc -V); 1.96 or later is needed for the wasm build"
  [ -f /usr/lib/rustlib/src/rust/library/Cargo.lock ] || die "rust-web-src missing (/usr/lib/rustlib/src/rust/library)"
  [ -x "$WASM_LD" ] || die "wasm-ld missing ($WASM_LD)"

  wb_version="$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' "$root/Cargo.lock")"
  [ -n "$wb_version" ] || die "no wasm-bindgen package in $root/Cargo.lock"
  mkdir -p "$EGALITE_TOOLS_BIN"

  # cargo_tool <crate> <version> <binary>: install unless `<binary> --version` already says so.
  cargo_tool() {
    local crate="$1" version="$2" bin="$3" expect="$3 $2" s=$SECONDS
    if [ -x "$EGALITE_TOOLS_BIN/$bin" ] && [ "$("$EGALITE_TOOLS_BIN/$bin" --version 2>/dev/null | head -1)" = "$expect" ]; then
      log "$crate $version present"
      return
    fi
    log "cargo install $crate $version (a few minutes, once)"
    if ! "$HOST_CARGO" install --locked "$crate" --version "$version" --root "$EGALITE_TOOLS_DIR" --force; then
      # A tool's own lockfile may pin a crate the registry mirror does not carry: resolve again.
      log "locked install of $crate failed; retrying without --locked"
      "$HOST_CARGO" install "$crate" --version "$version" --root "$EGALITE_TOOLS_DIR" --force
    fi
    [ "$("$EGALITE_TOOLS_BIN/$bin" --version | head -1)" = "$expect" ] || die "$bin --version is not '$expect'"
    log "  $crate took $((SECONDS - s))s"
  }
  cargo_tool wasm-bindgen-cli "$wb_version" wasm-bindgen
  cargo_tool trunk "$TRUNK_VERSION" trunk

  # Debian's binaryen (wasm-opt 108) breaks wasm-bindgen's externref table: use npm's.
  bmajor="${BINARYEN_NPM_VERSION%%.*}"
  if [ -x "$EGALITE_TOOLS_BIN/wasm-opt" ] && "$EGALITE_TOOLS_BIN/wasm-opt" --version 2>/dev/null | grep -q "^wasm-opt version $bmajor "; then
    log "binaryen $BINARYEN_NPM_VERSION present"
  else
    log "npm install binaryen@$BINARYEN_NPM_VERSION"
    npm install --prefix "$EGALITE_TOOLS_DIR/binaryen" --no-audit --no-fund --loglevel=error \
      "binaryen@$BINARYEN_NPM_VERSION" >/dev/null
    ln -sf "$EGALITE_TOOLS_DIR/binaryen/node_modules/.bin/wasm-opt" "$EGALITE_TOOLS_BIN/wasm-opt"
  fi

  # The wasm build runs --offline: fetch every crate it needs, std's own dependencies included.
  log "cargo fetch for wasm32 (web toolchain)"
  (cd "$root" && web_toolchain_env && cargo fetch --locked --target wasm32-unknown-unknown >/dev/null)
fi

# ------------------------------------------------------------------ ONNX Runtime
if [ "$INSTALL_ORT" = 1 ]; then
  so="$ORT_DIR/libonnxruntime.so.$ORT_VERSION"
  if [ -f "$so" ] && sha256sum "$so" | grep -q "^$ORT_SO_SHA256"; then
    log "ONNX Runtime $ORT_VERSION present ($so)"
  else
    tmp="$(mktemp -d)"
    log "pip download onnxruntime==$ORT_VERSION (the wheel carries libonnxruntime.so)"
    python3 -m pip download --quiet --no-deps --only-binary=:all: --python-version 3.11 \
      --platform manylinux_2_28_x86_64 "onnxruntime==$ORT_VERSION" -d "$tmp"
    mkdir -p "$ORT_DIR"
    unzip -q -o -j "$tmp"/onnxruntime-"$ORT_VERSION"-*.whl "onnxruntime/capi/libonnxruntime.so.$ORT_VERSION" \
      'onnxruntime/LICENSE' 'onnxruntime/ThirdPartyNotices.txt' -d "$ORT_DIR"
    rm -rf "$tmp"
    sha256sum "$so" | grep -q "^$ORT_SO_SHA256" || die "unexpected SHA-256 for $so: $(sha256sum "$so")"
    ln -sf "libonnxruntime.so.$ORT_VERSION" "$ORT_DIR/libonnxruntime.so"
  fi
fi

log "done in $((SECONDS - t0))s"
