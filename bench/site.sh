#!/usr/bin/env bash
# Benchmark: the public site as a browser gets it from `egalite serve` (release build) on
# 127.0.0.1:
#   1. what a browser downloads: index.html and the files it names (the wasm, the JS, the CSS),
#      raw and gzip -9, each and in total, and what the server actually sends for each when asked
#      for gzip (target: wasm + JS <= 250 KB gzip; it is one bundle, every page included);
#   2. navigation start to the first chart in headless Chromium (target <= 300 ms): the explorer at
#      /explorer?festival=cannes&role=DIRECTOR&unit=films, until `#chart svg` is in the DOM, as a
#      MutationObserver registered before any page script (CDP Page.addScriptToEvaluateOnNewDocument)
#      records it with performance.now(). Each run starts a fresh Chromium with a fresh profile:
#      a cold load (nothing cached), then about:blank, then a warm load (second navigation, same
#      browser). For context: DOMContentLoaded, the wasm's and the /graphql response's responseEnd
#      (Resource Timing), all in ms since navigation start.
#
#   bash bench/site.sh                 (RUNS=10 runs: 10 cold and 10 warm loads; medians, min, max)
#   RUNS=3 bash bench/site.sh          (a quick try)
#   SKIP_BUILD=1 bash bench/site.sh    (use target/release/egalite and target/site as they are)
#   SKIP_WEB=1 bash bench/site.sh      (build the server but not the site)
#
# Needs Debian's chromium and chromium-driver (installed with apt-get when missing and run as root;
# CHROMIUM and CHROMEDRIVER override the paths) and Selenium, installed from PyPI into bench/.venv.
# The server runs on the embedded SQLite file in a throwaway data dir, filled from data/ on start.
# One page load, not counted, comes first: it fills the server's response cache, so the measured
# loads get the cached /graphql answer (as any visitor after the first one does).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/toolchain-env.sh
source "$root/scripts/toolchain-env.sh"
runs="${RUNS:-10}"
page="/explorer?festival=cannes&role=DIRECTOR&unit=films"
site="$root/target/site"
chromium="${CHROMIUM:-/usr/bin/chromium}"
chromedriver="${CHROMEDRIVER:-/usr/bin/chromedriver}"
venv="$root/bench/.venv"
work="$(mktemp -d /tmp/egalite-bench-site.XXXXXX)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
die() { echo "bench/site.sh: $*" >&2; exit 1; }
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- tools ---------------------------------------------------------------------------------------
if [ ! -x "$chromium" ] || [ ! -x "$chromedriver" ]; then
  [ "$(id -u)" = 0 ] || die "chromium or chromedriver missing (apt-get install chromium chromium-driver)"
  echo "installing chromium and chromium-driver (apt-get)"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
if ! "$venv/bin/python" -c 'import selenium' 2>/dev/null; then
  echo "installing selenium into bench/.venv (pip)"
  timeout 300 "$venv/bin/pip" install -q selenium >/dev/null
fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  "$HOST_CARGO" build --release --locked -q -p egalite-server --bin egalite
  [ "${SKIP_WEB:-0}" = 1 ] || bash "$root/scripts/build-web.sh"
fi
egalite="$root/target/release/egalite"
[ -x "$egalite" ] || die "no $egalite (run without SKIP_BUILD=1)"
[ -f "$site/index.html" ] || die "no $site/index.html (run without SKIP_BUILD=1 or SKIP_WEB=1)"

echo "egalite: $egalite ($("$egalite" --version 2>/dev/null || echo 'no --version'))"
echo "site:    $site"
echo "browser: $("$chromium" --version 2>/dev/null), $("$chromedriver" --version 2>/dev/null | cut -d' ' -f1-2), selenium $("$venv/bin/python" -c 'import selenium; print(selenium.__version__)')"
echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"

# --- server --------------------------------------------------------------------------------------
port=$(free_port)
base="http://127.0.0.1:$port"
env -u DATABASE_URL "$egalite" serve --host 127.0.0.1 --port "$port" --data-dir "$work/var" \
  --bundled-data "$root/data" --web-dir "$site" >"$work/server.log" 2>&1 &
server_pid=$!
t0=$(date +%s.%N)
for _ in $(seq 600); do
  curl -sf -o /dev/null --max-time 2 "$base/readyz" && break
  kill -0 "$server_pid" 2>/dev/null || { tail -20 "$work/server.log" >&2; die "egalite serve exited before it was ready"; }
  sleep 0.2
done
curl -sf -o /dev/null --max-time 2 "$base/readyz" || { tail -20 "$work/server.log" >&2; die "egalite serve not ready after 120 s"; }
printf 'server:  %s, ready in %.1f s (bundled data ingested into an empty SQLite file)\n' "$base" "$(echo "$(date +%s.%N) - $t0" | bc)"

# --- 1. sizes ------------------------------------------------------------------------------------
# The files index.html names (Trunk's script, wasm and stylesheet, all at the site's root).
mapfile -t assets < <(grep -oE "/[A-Za-z0-9._-]+\.(wasm|js|css)" "$site/index.html" | sort -u)
[ "${#assets[@]}" -gt 0 ] || die "index.html names no .wasm, .js or .css file"
echo
echo "1. what a browser downloads (index.html and the files it names; kB = 1000 bytes)"
printf '  %-44s %10s %10s %14s\n' file raw 'gzip -9' 'served (gzip?)'
tot_raw=0; tot_gz=0; tot_served=0; bundle_gz=0
for f in /index.html "${assets[@]}"; do
  path="$site${f}"
  [ -f "$path" ] || die "index.html names $f, not in $site"
  raw=$(wc -c < "$path")
  gz=$(gzip -9c < "$path" | wc -c)
  # What the server sends when the browser asks for gzip: body bytes and Content-Encoding.
  served=$(curl -s --max-time 10 -H 'Accept-Encoding: gzip, deflate, br' -o /dev/null -D "$work/headers" \
    -w '%{http_code} %{size_download}' "$base$f")
  [ "${served%% *}" = 200 ] || die "$f: HTTP ${served%% *}"
  enc=$(awk -F': *' 'tolower($1) == "content-encoding" {gsub(/\r/, "", $2); print $2}' "$work/headers")
  printf '  %-44s %10d %10d %9d %-4s\n' "${f#/}" "$raw" "$gz" "${served#* }" "${enc:-none}"
  tot_raw=$((tot_raw + raw)); tot_gz=$((tot_gz + gz)); tot_served=$((tot_served + ${served#* }))
  case "$f" in *.wasm | *.js) bundle_gz=$((bundle_gz + gz)) ;; esac
done
printf '  %-44s %10d %10d %9d\n' total "$tot_raw" "$tot_gz" "$tot_served"
awk -v b="$bundle_gz" 'BEGIN { printf "  wasm + JS, gzip -9: %.1f kB (%.1f KiB); target <= 250 KB (one bundle, every page included): %s\n",
  b / 1000, b / 1024, (b <= 250000 ? "met" : "NOT met") }'

# --- 2. first chart ------------------------------------------------------------------------------
cat > "$work/first_chart.py" <<'EOF'
"""Navigation start to `#chart svg` in the DOM, in headless Chromium through chromedriver."""
import json, shutil, statistics, sys, tempfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

url, runs, chromium, chromedriver, work = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]

# Registered before any script of each new document: notes performance.now() (ms since the
# navigation started) when `#chart svg` first exists.
OBSERVER = r"""
(() => {
  window.__firstChart = null;
  const obs = new MutationObserver(() => {
    if (window.__firstChart === null && document.querySelector('#chart svg')) {
      window.__firstChart = performance.now();
      obs.disconnect();
    }
  });
  obs.observe(document, { childList: true, subtree: true });
})();
"""
# Read once the chart is there.
COLLECT = r"""
const nav = performance.getEntriesByType('navigation')[0];
const res = performance.getEntriesByType('resource');
const gql = res.filter(e => new URL(e.name).pathname === '/graphql');
const wasm = res.filter(e => new URL(e.name).pathname.endsWith('.wasm'));
return {
  chart: window.__firstChart,
  dcl: nav.domContentLoadedEventStart,
  type: nav.type,
  wasm: wasm.length ? wasm[0].responseEnd : null,
  graphql: gql.length ? gql[0].responseEnd : null,
  graphqls: gql.length,
  graphqlBytes: gql.length ? gql[0].encodedBodySize : null,
  bytes: nav.transferSize + res.reduce((s, e) => s + e.transferSize, 0),
  files: res.length + 1,
  cached: [nav, ...res].filter(e => e.transferSize === 0).length,
};
"""
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,800"]


def browser():
    profile = tempfile.mkdtemp(prefix="profile-", dir=work)
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for f in FLAGS + [f"--user-data-dir={profile}"]:
        opts.add_argument(f)
    service = Service(executable_path=chromedriver, log_output=f"{work}/chromedriver.log")
    driver = webdriver.Chrome(service=service, options=opts)
    driver.set_page_load_timeout(60)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": OBSERVER})
    return driver, profile


def load(driver):
    driver.get(url)
    WebDriverWait(driver, 60, poll_frequency=0.05).until(
        lambda d: d.execute_script("return window.__firstChart") is not None,
        message=f"no #chart svg within 60 s at {url}")
    return driver.execute_script(COLLECT)


def fmt(x):
    return "-" if x is None else f"{x:7.1f}"


def show(label, m):
    extra = f"  ({m['graphqls']} /graphql requests)" if m["graphqls"] != 1 else ""
    print(f"  {label:<14} chart {fmt(m['chart'])}  DOMContentLoaded {fmt(m['dcl'])}  wasm {fmt(m['wasm'])}"
          f"  /graphql {fmt(m['graphql'])}  ms; {m['bytes']:>7} B transferred, {m['cached']} of {m['files']} from the"
          f" cache ({m['type']}){extra}", flush=True)


results = {"cold": [], "warm": []}
# Not counted: fills the server's response cache (and the OS's file cache).
driver, profile = browser()
try:
    show("first (server)", load(driver))
finally:
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)
for i in range(1, runs + 1):
    driver, profile = browser()
    try:
        cold = load(driver)
        driver.get("about:blank")
        warm = load(driver)
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    results["cold"].append(cold)
    results["warm"].append(warm)
    show(f"run {i} cold", cold)
    show(f"run {i} warm", warm)

print()
print(f"  ms since navigation start; median [min - max] of {runs} run(s)")
print(f"  {'load':<6} {'first chart':>24} {'DOMContentLoaded':>24} {'wasm responseEnd':>24} {'/graphql responseEnd':>24}")


def summary(ms):
    ms = [m for m in ms if m is not None]
    if not ms:
        return "-"
    return f"{statistics.median(ms):.1f} [{min(ms):.1f} - {max(ms):.1f}]"


for kind in ("cold", "warm"):
    rs = results[kind]
    print(f"  {kind:<6}" + "".join(f" {summary([r[k] for r in rs]):>24}" for k in ("chart", "dcl", "wasm", "graphql")))
for kind in ("cold", "warm"):
    med = statistics.median(r["chart"] for r in results[kind])
    print(f"  first chart, {kind} load: median {med:.1f} ms; target <= 300 ms: {'met' if med <= 300 else 'NOT met'}")
gql = {r["graphqlBytes"] for r in results["cold"] + results["warm"]}
print(f"  the /graphql answer: {', '.join(map(str, sorted(gql)))} B; POST, so fetched on every load")
json.dump(results, open(f"{work}/first_chart.json", "w"))
EOF
echo
echo "2. navigation start to the first chart (#chart svg in the DOM), headless Chromium, $base$page"
echo "  each run: fresh browser and profile, cold load, about:blank, warm load; the first load only fills the server's cache"
timeout $((runs * 120 + 180)) "$venv/bin/python" "$work/first_chart.py" "$base$page" "$runs" "$chromium" "$chromedriver" "$work" \
  || { tail -20 "$work/chromedriver.log" >&2 2>/dev/null || true; die "the browser measurement failed"; }
echo
echo "machine: load average $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at the end"
