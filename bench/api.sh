#!/usr/bin/env bash
# Benchmark: the GraphQL API under load, `egalite serve` (release build) with its response cache on
# and off, beside PostGraphile 4 (read-only role) on the same PostgreSQL database, loaded with wrk
# on 127.0.0.1. Two queries each, same answers in substance:
#   stats     Cannes, every year, by role, with denominators, unknowns and sources
#             (ours: bench/queries/stats.json; PostGraphile: the view of
#             bench/postgraphile/setup.sql, bench/postgraphile/stats.json)
#   films100  a page of 100 films with their directors and selections
#             (bench/queries/films100.json; bench/postgraphile/films100.json)
# plus one client alone on `stats` (the target: p50 <= 1 ms on our server).
#
#   bash bench/api.sh                  (RUNS=3 measured runs of DURATION=10s each, after a WARMUP=3s
#                                       run; 64 connections, 1 wrk thread; medians printed)
#   RUNS=1 DURATION=3s bash bench/api.sh
#   SKIP_BUILD=1 bash bench/api.sh     (use target/release/egalite as it is)
#   OURS_QUERIES=dir                   (our bodies from dir/stats.json and dir/films100.json, to try
#                                       the plumbing on an older binary)
#
# Starts its own throwaway PostgreSQL 15 cluster on 127.0.0.1 (as the postgres user when run as
# root), loads the bundled data with `egalite ingest`, and removes everything afterwards. One
# server runs at a time; wrk, the server and PostgreSQL share the machine's cores. Needs node and
# npm (PostGraphile goes into bench/node_modules) and wrk (installed with apt-get when run as root).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/toolchain-env.sh
source "$root/scripts/toolchain-env.sh"
runs="${RUNS:-3}"
duration="${DURATION:-10s}"
warmup="${WARMUP:-3s}"
conns=64
ours_queries="${OURS_QUERIES:-$root/bench/queries}"
peer_queries="$root/bench/postgraphile"
lua="$root/bench/wrk-post.lua"
postgraphile="$root/bench/node_modules/postgraphile/cli.js"
work="$(mktemp -d /tmp/egalite-bench-api.XXXXXX)"
chmod 755 "$work"
pg_bin=/usr/lib/postgresql/15/bin
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pgport=$(free_port)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
die() { echo "bench/api.sh: $*" >&2; exit 1; }
server_pid=
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}
cleanup() {
  stop_server
  as_pg "$pg_bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Seconds in a wrk duration (10, 10s, 2m).
seconds_of() { case "$1" in *m) echo $(( ${1%m} * 60 )) ;; *s) echo "${1%s}" ;; *) echo "$1" ;; esac; }
dur_s=$(seconds_of "$duration")
warm_s=$(seconds_of "$warmup")
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# --- tools ---------------------------------------------------------------------------------------
for f in stats films100; do
  [ -f "$ours_queries/$f.json" ] || die "missing $ours_queries/$f.json"
  [ -f "$peer_queries/$f.json" ] || die "missing $peer_queries/$f.json"
done
command -v node >/dev/null && command -v npm >/dev/null || die "node and npm are needed for PostGraphile"
if ! command -v wrk >/dev/null; then
  [ "$(id -u)" = 0 ] || die "wrk is missing (apt-get install wrk)"
  echo "installing wrk (apt-get)"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
if [ ! -f "$postgraphile" ]; then
  echo "installing postgraphile@4 into bench/node_modules (npm)"
  npm install --prefix "$root/bench" --no-save --no-audit --no-fund -s postgraphile@4 >/dev/null
fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  "$HOST_CARGO" build --release --locked -q -p egalite-server --bin egalite
fi
egalite="$root/target/release/egalite"
[ -x "$egalite" ] || die "no $egalite (run without SKIP_BUILD=1)"

# --- database ------------------------------------------------------------------------------------
mkdir -p "$work/pg" "$work/var"
[ "$(id -u)" = 0 ] && chown postgres "$work/pg"
as_pg "$pg_bin/initdb" -D "$work/pg" -U postgres -A trust --no-locale -E UTF8 >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$work/pg" -o "-p $pgport -k $work/pg -c listen_addresses=127.0.0.1" -l "$work/pg/log" -w start >/dev/null
db_url="postgres://postgres@127.0.0.1:$pgport/egalite"
psql_pg() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pgport" -U postgres -d egalite "$@"; }
psql -X -q -h 127.0.0.1 -p "$pgport" -U postgres -d postgres -c "CREATE DATABASE egalite" >/dev/null
echo "loading the bundled data (egalite ingest) into a throwaway PostgreSQL on 127.0.0.1:$pgport"
DATABASE_URL="$db_url" EGALITE_DATA_DIR="$work/var" "$egalite" ingest --bundled-data "$root/data" >"$work/ingest.log" 2>&1 \
  || { tail -20 "$work/ingest.log" >&2; die "egalite ingest failed"; }
psql_pg -f "$peer_queries/setup.sql"
# Planner statistics now, so that autovacuum does not change the plans halfway through.
psql_pg -c "VACUUM ANALYZE" >/dev/null

# --- servers -------------------------------------------------------------------------------------
# start_server LABEL READY-URL [curl args...] -- COMMAND...: runs COMMAND in the background (log in
# $work/LABEL.log) and waits up to 60 s until `curl -sf READY-URL [curl args]` succeeds.
start_server() {
  local label=$1 ready=$2; shift 2
  local args=()
  while [ "$1" != -- ]; do args+=("$1"); shift; done
  shift
  "$@" >"$work/$label.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 300); do
    curl -sf -o /dev/null --max-time 2 "${args[@]}" "$ready" && return 0
    kill -0 "$server_pid" 2>/dev/null || { tail -20 "$work/$label.log" >&2; die "$label exited before it was ready"; }
    sleep 0.2
  done
  tail -20 "$work/$label.log" >&2
  die "$label not ready after 60 s"
}

# check LABEL URL BODY: HTTP 200, a JSON object with non-null data and no "errors"; prints the
# response size in bytes. Fails loudly otherwise.
check() {
  local label=$1 url=$2 body=$3 code
  code=$(curl -s -o "$work/response.json" -w '%{http_code}' --max-time 30 -X POST \
    -H 'Content-Type: application/json' --data-binary @"$body" "$url") || code=000
  if [ "$code" != 200 ] || ! python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if isinstance(d, dict) and "errors" not in d and d.get("data") is not None else 1)
' "$work/response.json" 2>/dev/null; then
    echo "$label: $(basename "$body") answered HTTP $code:" >&2
    head -c 1000 "$work/response.json" >&2; echo >&2
    die "$label does not answer $body correctly"
  fi
  cp "$work/response.json" "$work/$label-$(basename "$body")"
  wc -c < "$work/response.json" | tr -d ' '
}

# wrk_ms VALUE: a wrk latency (812.00us, 1.20ms, 2.01s, 1.00m) in milliseconds.
wrk_ms() { awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
  f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : -1;
  if (f < 0) { print "nan"; exit } printf "%.3f\n", n * f }'; }

# load KEY URL BODY CONNECTIONS: a warm-up run then $runs measured runs; sets result[KEY] to the
# medians "rps p50_ms p99_ms" and flags[KEY] to any non-2xx or socket errors seen.
declare -A result flags bytes
load() {
  local key=$1 url=$2 body=$3 c=$4 out r rps p50 p99 n errs
  BODY="$body" timeout $((warm_s + 30)) wrk -t1 -c"$c" -d"$warmup" -s "$lua" "$url" >/dev/null \
    || die "wrk warm-up failed for $key"
  : > "$work/rps"; : > "$work/p50"; : > "$work/p99"
  flags[$key]=""
  for r in $(seq "$runs"); do
    out=$(BODY="$body" timeout $((dur_s + 30)) wrk -t1 -c"$c" -d"$duration" --latency -s "$lua" "$url") \
      || die "wrk failed for $key"
    rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
    p50=$(wrk_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")
    p99=$(wrk_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
    n=$(awk '/requests in/ {print $1}' <<<"$out")
    errs=$(grep -E 'Non-2xx|Socket errors' <<<"$out" | tr -s ' ' | tr '\n' ';' || true)
    [ -n "$errs" ] && flags[$key]="!"
    printf '    %-28s run %s: %8s req/s  p50 %8s ms  p99 %8s ms  (%s requests) %s\n' \
      "$key" "$r" "$rps" "$p50" "$p99" "$n" "$errs"
    echo "$rps" >> "$work/rps"; echo "$p50" >> "$work/p50"; echo "$p99" >> "$work/p99"
  done
  result[$key]="$(median < "$work/rps") $(median < "$work/p50") $(median < "$work/p99")"
}

# bench_server NAME URL QUERY-DIR: checks both bodies, then loads each at $conns connections and
# `stats` with one client.
bench_server() {
  local name=$1 url=$2 dir=$3 q
  for q in stats films100; do
    bytes[$name/$q]=$(check "$name" "$url" "$dir/$q.json")
  done
  echo "  $name: both bodies answer HTTP 200 without errors (stats ${bytes[$name/stats]} B, films100 ${bytes[$name/films100]} B)"
  for q in stats films100; do
    load "$name/$q" "$url" "$dir/$q.json" "$conns"
  done
  load "$name/stats/c1" "$url" "$dir/stats.json" 1
}

pg_version=$(node "$postgraphile" --version)
echo "egalite $("$egalite" --version 2>/dev/null | awk '{print $NF}'), PostGraphile $pg_version (node $(node --version)), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2), PostgreSQL $(psql_pg -tAc 'SHOW server_version')"
echo "wrk: 1 thread, $conns connections (and 1 for the single client), warm-up $warmup, $runs run(s) of $duration"

for cache in on off; do
  port=$(free_port)
  cache_env=()
  [ "$cache" = off ] && cache_env=(EGALITE_RESPONSE_CACHE_MIB=0)
  start_server "ours-cache-$cache" "http://127.0.0.1:$port/readyz" -- \
    env DATABASE_URL="$db_url" EGALITE_DATA_DIR="$work/var" "${cache_env[@]}" \
    "$egalite" serve --host 127.0.0.1 --port "$port" --bundled-data "$root/data"
  bench_server "ours-cache-$cache" "http://127.0.0.1:$port/graphql" "$ours_queries"
  stop_server
done

port=$(free_port)
start_server postgraphile "http://127.0.0.1:$port/graphql" -X POST -H 'Content-Type: application/json' \
  --data '{"query":"{ __typename }"}' -- \
  env NODE_ENV=production node "$postgraphile" -c "postgres://peer_ro@127.0.0.1:$pgport/egalite" -s public \
  --host 127.0.0.1 --port "$port" --disable-default-mutations --disable-query-log
bench_server postgraphile "http://127.0.0.1:$port/graphql" "$peer_queries"
stop_server

# --- the same figure? ----------------------------------------------------------------------------
# Directors, every year: films with a director credit and women counted once per edition.
python3 - "$work/ours-cache-on-stats.json" "$work/postgraphile-stats.json" <<'EOF' || true
import json, sys
try:
    roles = json.load(open(sys.argv[1]))["data"]["stats"]["roles"]["roles"]
    d = next(r for r in roles if str(r["role"]).lower() == "director")
    eds = d["editions"]
    ours = "films %d (women only %d, mixed %d), women %d" % (
        sum(e["counts"]["films"]["films"] for e in eds),
        sum(e["counts"]["films"]["womenOnly"] for e in eds),
        sum(e["counts"]["films"]["mixed"] for e in eds),
        sum(e["counts"]["people"]["women"] for e in eds))
except Exception:
    ours = "n/a (another query shape)"
rows = [n for n in json.load(open(sys.argv[2]))["data"]["allCannesRoleYearStats"]["nodes"] if n["role"] == "director"]
peer = "films %d, women %d, over %d years" % (sum(n["films"] for n in rows), sum(n["women"] for n in rows), len(rows))
print("directors, Cannes competition, summed over the editions:")
print("  ours:         " + ours)
print("  PostGraphile: " + peer)
EOF

# --- table ---------------------------------------------------------------------------------------
field() { awk -v i="$2" '{print $i}' <<<"${result[$1]}"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "-"; else printf "%.3g\n", a / b }'; }
echo
echo "medians of $runs run(s) of $duration; p50/p99 in ms; ! = non-2xx or socket errors in a run"
echo "ratios: ours/PostGraphile (req/s: higher is better for us; p50, p99: lower is)"
printf '%-10s %-26s %10s %10s %10s %9s\n' query server 'req/s' p50 p99 bytes
for q in stats films100 stats/c1; do
  label=$q; [ "$q" = stats/c1 ] && label="stats c=1"
  for s in ours-cache-on ours-cache-off postgraphile; do
    printf '%-10s %-26s %10s %10s %10s %9s %s\n' "$label" "$s" \
      "$(field "$s/$q" 1)" "$(field "$s/$q" 2)" "$(field "$s/$q" 3)" "${bytes[$s/${q%/c1}]}" "${flags[$s/$q]}"
  done
  for s in ours-cache-on ours-cache-off; do
    printf '%-10s %-26s %10s %10s %10s\n' "$label" "ratio ${s#ours-}/PostGraphile" \
      "$(ratio "$(field "$s/$q" 1)" "$(field "postgraphile/$q" 1)")" \
      "$(ratio "$(field "$s/$q" 2)" "$(field "postgraphile/$q" 2)")" \
      "$(ratio "$(field "$s/$q" 3)" "$(field "postgraphile/$q" 3)")"
  done
done
echo
echo "single client on stats, p50: ours $(field ours-cache-on/stats/c1 2) ms (cache on), $(field ours-cache-off/stats/c1 2) ms (cache off); target <= 1 ms"
