#!/usr/bin/env bash
# Benchmark: the whole bundled ingest from raw files into a fresh SQLite file and a fresh
# PostgreSQL database, process start to exit, with `egalite ingest` (release build) and, in the
# same run, the pandas + SQLAlchemy peer (../shared/peers/p2_ingest.py) on the same machine.
#
#   bash bench/ingest.sh [runs]        (default 3 runs each; medians printed)
#
# Needs ../shared beside the project for the peer and its data (the project's own ingest reads
# only data/). Starts its own throwaway PostgreSQL cluster on 127.0.0.1 (as the postgres user when
# run as root) and removes it afterwards. The peer's Python packages go into bench/.venv.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/toolchain-env.sh
source "$root/scripts/toolchain-env.sh"
runs="${1:-3}"
shared="$root/../shared"
work="$(mktemp -d /tmp/egalite-bench.XXXXXX)"
chmod 755 "$work"
pg_bin=/usr/lib/postgresql/15/bin
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() { as_pg "$pg_bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

"$HOST_CARGO" build --release --locked -q -p egalite-server --bin egalite
egalite="$root/target/release/egalite"

mkdir -p "$work/pg"
[ "$(id -u)" = 0 ] && chown postgres "$work/pg"
as_pg "$pg_bin/initdb" -D "$work/pg" -U postgres -A trust --no-locale -E UTF8 >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$work/pg" -o "-p $port -k $work/pg -c listen_addresses=127.0.0.1" -l "$work/pg/log" -w start >/dev/null
pg_url() { echo "postgres://postgres@127.0.0.1:$port/$1"; }
createdb() { psql -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "CREATE DATABASE $1" >/dev/null; }

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc; }

echo "egalite ingest (release build), every bundled dataset:"
# Source rows: the data lines of every file ingested row by row (the first-name dictionaries are
# read whole for inference and not counted). Cannes and CNC cells hold no line breaks.
rows=0
for f in cannes_competition_gt/cannes_competition_films.csv oscars/oscars.tsv \
  festival_nominations_imdb/imdb_awards_cannes_berlin_venice_cesar_oscars.csv \
  festival_award_winners/cannes_venice_berlin_major_award_winners.csv \
  budgets_cnc_fr/cnc_films_agrees_2003_2024.csv posters_trailers_d4g/poster_predictions.csv \
  posters_trailers_d4g/trailer_predictions.csv curation/people.csv; do
  rows=$((rows + $(awk 'END {print NR-1}' "$root/data/$f")))
done
for backend in sqlite postgres; do
  : > "$work/times"
  for i in $(seq "$runs"); do
    if [ "$backend" = sqlite ]; then
      seconds env -u DATABASE_URL "$egalite" ingest --data-dir "$work/sqlite-$i" --bundled-data "$root/data" >> "$work/times"
    else
      createdb "egalite_$i"
      seconds env DATABASE_URL="$(pg_url "egalite_$i")" "$egalite" ingest --bundled-data "$root/data" >> "$work/times"
    fi
  done
  t=$(median < "$work/times")
  printf '  %-9s %6.2f s  %8.0f rows/s  (%s source rows, median of %s)\n' "$backend" "$t" "$(echo "$rows / $t" | bc -l)" "$rows" "$runs"
done

if [ -f "$shared/peers/p2_ingest.py" ]; then
  venv="$root/bench/.venv"
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/pip" install -q pandas sqlalchemy "psycopg[binary]" >/dev/null
  echo "peer: pandas + SQLAlchemy (../shared/peers/p2_ingest.py; it loads more datasets: see RESULTS.md)"
  for backend in sqlite postgres; do
    : > "$work/times"
    for i in $(seq "$runs"); do
      if [ "$backend" = sqlite ]; then
        seconds env DATA="$shared/data" "$venv/bin/python" "$shared/peers/p2_ingest.py" "sqlite:///$work/peer-$i.sqlite" >> "$work/times"
      else
        createdb "peer_$i"
        seconds env DATA="$shared/data" "$venv/bin/python" "$shared/peers/p2_ingest.py" "postgresql+psycopg://postgres@127.0.0.1:$port/peer_$i" >> "$work/times"
      fi
    done
    printf '  %-9s %6.2f s  (median of %s)\n' "$backend" "$(median < "$work/times")" "$runs"
  done
else
  echo "peer skipped: ../shared/peers/p2_ingest.py not found"
fi
