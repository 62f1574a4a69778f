#!/usr/bin/env bash
# Benchmark: the page parsers (scrapers/src/pages/) on the two saved pages of the 96th Academy
# Awards (IMDb event page 1.5 MB, oscars.org ceremony page 330 KB), side by side with the
# BeautifulSoup + lxml peer (../shared/peers/p3_parse.py) in the same run: pages/s, MB/s and ms
# per call, medians over rounds, from bytes in memory, single thread; then the ratio ours/peer
# for "both pages". Each side also prints what it found (nominations, categories, winners, the
# Directing nominees), so the outputs can be compared.
#
#   bash bench/pages.sh                               (ROUNDS=7 rounds of SECONDS_PER_ROUND=3 s)
#   ROUNDS=3 SECONDS_PER_ROUND=2 bash bench/pages.sh  (a quick try)
#   SKIP_PEER=1 bash bench/pages.sh                   (ours only)
#
# Needs ../shared (the saved pages are not redistributable and live only there). The peer runs
# in bench/.venv with beautifulsoup4 and lxml from PyPI, installed when missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${ROUNDS:-7}"
seconds="${SECONDS_PER_ROUND:-3}"
pages="$root/../shared/data/html_pages_awards"
venv="$root/bench/.venv"
peer="$root/../shared/peers/p3_parse.py"

if [ ! -d "$pages" ]; then
  echo "skipped: $pages absent (the saved pages are not redistributable and live only in ../shared)"
  exit 0
fi
out="$(mktemp -d /tmp/egalite-bench-pages.XXXXXX)"
trap 'rm -rf "$out"' EXIT

echo "== ours (cargo bench -p egalite-scrapers --bench pages, $rounds rounds x $seconds s)"
(cd "$root" && cargo bench -q -p egalite-scrapers --bench pages -- "$rounds" "$seconds") | tee "$out/ours.txt"

if [ "${SKIP_PEER:-0}" = 1 ] || [ ! -f "$peer" ]; then
  echo "== the Python peer: skipped (${SKIP_PEER:+SKIP_PEER=1}${SKIP_PEER:-$peer absent})"
  exit 0
fi
if ! "$venv/bin/python" -c 'import bs4, lxml' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q beautifulsoup4 lxml
fi
echo "== the Python peer ($peer, $rounds rounds x $seconds s)"
"$venv/bin/python" "$peer" "$rounds" "$seconds" | tee "$out/peer.txt"

python3 - "$out/ours.txt" "$out/peer.txt" <<'PY'
import re, sys
def figures(path):
    """label -> (pages/s, MB/s, ms per call) from lines "[label] X MB: median P pages/s, M MB/s, T ms per call"."""
    pattern = r"^\[(.+?)\] [\d.]+ MB: median ([\d.]+) pages/s, ([\d.]+) MB/s, ([\d.]+) ms per call"
    return {m[0]: tuple(map(float, m[1:])) for m in re.findall(pattern, open(path).read(), re.M)}
ours, peer = figures(sys.argv[1]), figures(sys.argv[2])
print("== side by side (same pages, single thread, from memory)")
for label in ("imdb", "oscars_org", "both pages (1 of each)"):
    if label in ours and label in peer:
        (op, om, ot), (pp, pm, pt) = ours[label], peer[label]
        print(f"   {label:<24} ours {op:9.2f} pages/s {om:8.2f} MB/s {ot:8.3f} ms | "
              f"peer {pp:7.2f} pages/s {pm:6.2f} MB/s {pt:8.2f} ms | {op / pp:6.1f}x")
both = "both pages (1 of each)"
if both in ours and both in peer:
    print(f"   ratio ours/peer, both pages: {ours[both][0] / peer[both][0]:.1f}x (target >= 10x)")
else:
    sys.exit("could not read the 'both pages' figures from one of the outputs")
PY
