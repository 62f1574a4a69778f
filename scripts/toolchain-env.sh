# Sourced by the other scripts: where the toolchains live, and the environment of the wasm build.
# shellcheck shell=bash
if [ -z "${EGALITE_TOOLS_DIR:-}" ]; then
  if [ -w /opt ]; then EGALITE_TOOLS_DIR=/opt/egalite-tools; else EGALITE_TOOLS_DIR="$HOME/.local/share/egalite-tools"; fi
fi
export EGALITE_TOOLS_DIR
export EGALITE_TOOLS_BIN="$EGALITE_TOOLS_DIR/bin"
HOST_CARGO="${HOST_CARGO:-$HOME/.cargo/bin/cargo}"
[ -x "$HOST_CARGO" ] || HOST_CARGO="$(command -v cargo)"
export HOST_CARGO
WASM_LD=/usr/lib/llvm-22/bin/wasm-ld
ORT_DIR="${ORT_DIR:-$root/vendor/onnxruntime}"

# Debian's rustc 1.96 builds std for wasm32 (build-std, a nightly option, hence RUSTC_BOOTSTRAP);
# it has its own target dir so it never shares fingerprints with rustup's stable host builds.
web_toolchain_env() {
  export PATH="$EGALITE_TOOLS_BIN:/usr/bin:$PATH"
  export RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc
  unset RUSTUP_TOOLCHAIN CARGO_BUILD_RUSTFLAGS RUSTFLAGS || true
  export RUSTC_BOOTSTRAP=1
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$WASM_LD"
  # Panic messages without file names and lines, and Debug output reduced to type names: the
  # site shows neither, and together they keep kilobytes of strings and formatting code out of
  # the bundle (std is rebuilt with them too).
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zlocation-detail=none -Zfmt-debug=shallow"
  export CARGO_TARGET_DIR="$root/target/web"
}
