#!/usr/bin/env bash
# Benchmark: the inference worker's throughput on this machine, side by side with the Python
# peer (../shared/peers/p4_faces.py: onnxruntime 1.31.1 driving the same models with the same
# preprocessing and tiling, from PIL and numpy), in the same run:
#   1. posters: the peer's work (whole image + half tiles, FaceRes on every face) on the six test
#      images; ours sequentially on one thread (ms per poster, share of the time outside ONNX
#      Runtime) and as two workers on the two cores (posters per second); the peer at its best
#      thread setting; the ratio. Then ours with the worker's own defaults (quarter tiles, second
#      opinion).
#   2. trailers: a 2-minute 1280x720 H.264 24 fps video with zoom and pan built from the test
#      images with ffmpeg, analysed at 2 fps, decoding included: times real time.
#
#   bash bench/faces.sh                  (ROUNDS=5 rounds of the six posters; a 120 s trailer)
#   ROUNDS=2 TRAILER_SECONDS=30 bash bench/faces.sh   (a quick try)
#   SKIP_PEER=1 bash bench/faces.sh      (ours only)
#
# Needs ONNX Runtime under vendor/ (scripts/install-toolchains.sh), Debian's ffmpeg, and for the
# peer ../shared/peers/ and ../shared/models/ with onnxruntime==1.31.1, numpy and pillow installed
# from PyPI into bench/.venv.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${ROUNDS:-5}"
trailer_seconds="${TRAILER_SECONDS:-120}"
venv="$root/bench/.venv"
peer="$root/../shared/peers/p4_faces.py"
out="$(mktemp -d /tmp/egalite-bench-faces.XXXXXX)"
trap 'rm -rf "$out"' EXIT

echo "== ours (cargo bench -p egalite-models --bench faces)"
(cd "$root" && cargo bench -q -p egalite-models --bench faces -- "$rounds" "$trailer_seconds") | tee "$out/rust.txt"

if [ "${SKIP_PEER:-0}" = 1 ] || [ ! -f "$peer" ]; then
  echo "== the Python peer: skipped (${SKIP_PEER:+SKIP_PEER=1}${SKIP_PEER:-$peer absent})"
  exit 0
fi
if ! "$venv/bin/python" -c 'import onnxruntime, numpy, PIL' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q onnxruntime==1.31.1 numpy pillow
fi
echo "== the Python peer ($peer, $rounds rounds x 3 passes)"
"$venv/bin/python" "$peer" "$rounds" 3 | tee "$out/peer.txt"

python3 - "$out/rust.txt" "$out/peer.txt" <<'PY'
import re, sys
rust = dict(re.findall(r"^RESULT (\S+) (\S+)$", open(sys.argv[1]).read(), re.M))
peer = open(sys.argv[2]).read()
# "ALL 6 images: median X ms/poster, Y posters/s" once per thread setting; the best one.
best = max(float(m) for m in re.findall(r"ALL \d+ images: median [\d.]+ ms/poster, ([\d.]+) posters/s", peer))
seq = min(float(m) for m in re.findall(r"ALL \d+ images: median ([\d.]+) ms/poster", peer))
ours = float(rust["rust_posters_per_second_2_workers"])
print("== side by side (same images, same models, same tiling)")
print(f"   posters/s on both cores: ours {ours:.2f}, peer at its best setting {best:.2f}: {ours / best:.2f}x (target >= 1.5x)")
print(f"   ms per poster, one pipeline: ours {float(rust['rust_sequential_ms_per_poster']):.1f}, peer's best {seq:.1f}")
print(f"   share of a poster's time outside ONNX Runtime: ours {float(rust['rust_share_outside_ort']):.1f} % (target <= 15 %)")
print(f"   trailer: {float(rust['rust_trailer_times_real_time']):.1f}x real time (target >= 20x)")
PY
