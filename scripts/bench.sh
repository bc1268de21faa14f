#!/usr/bin/env bash
# `make bench`: build (or reuse) a large demo database, serve it with gunicorn in production mode on a
# free loopback port, drive every benchmarked address with wrk, and print requests per second,
# p50/p95/p99 latency and the query count of each, beside a static file served by the same server
# (the ceiling) and naive versions of the project lists (the floor). Also prints the in-process
# median server time of each address without the response cache. docs/performance.md explains the
# table. Timings are measurements, never pass/fail.
#
#   scripts/bench.sh                                   # 100,000 projects on SQLite
#   BENCH_PROJECTS=2000 BENCH_EVENTS=400 BENCH_DONORS=50 scripts/bench.sh   # a quick run
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/ilopartners_bench scripts/bench.sh
#
# BENCH_DURATION (10 s per address), BENCH_WARMUP (2 s of one request at a time), BENCH_THREADS (2),
# BENCH_CONNECTIONS (8), BENCH_RUNS (20 in-process requests per address, fewer past 30 s),
# BENCH_MODES ("uncached cached redis-down": the last with REDIS_URL naming a port nothing listens on,
# compared with the uncached rate), BENCH_SEED (2017), BENCH_REBUILD=1 (build the database again),
# BENCH_IMPORT_ACTIVITIES (1000: the IATI import's rate over that many projects, rolled back),
# BENCH_ACCEPT_ENCODING (the Accept-Encoding of every request, by default a browser's: "gzip, deflate,
# br, zstd"; "identity" measures uncompressed answers, as runs before 1 December 2026 did).
# GUNICORN_WORKERS etc. as gunicorn.conf.py reads them; REDIS_URL as the site reads it.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=.venv/bin
OUT=.bench
export BENCH_PROJECTS=${BENCH_PROJECTS:-100000}
export BENCH_EVENTS=${BENCH_EVENTS:-20000}
export BENCH_DONORS=${BENCH_DONORS:-500}
export BENCH_SEED=${BENCH_SEED:-2017}
export BENCH_DURATION=${BENCH_DURATION:-10}
export BENCH_WARMUP=${BENCH_WARMUP:-2}
export BENCH_THREADS=${BENCH_THREADS:-2}
export BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-8}
export BENCH_RUNS=${BENCH_RUNS:-20}
export BENCH_IMPORT_ACTIVITIES=${BENCH_IMPORT_ACTIVITIES:-1000}
export BENCH_ACCEPT_ENCODING=${BENCH_ACCEPT_ENCODING:-gzip, deflate, br, zstd}
# Every request wrk and curl send to the server carries it, the ceiling's included.
ACCEPT=(-H "Accept-Encoding: $BENCH_ACCEPT_ENCODING")
BENCH_MODES=${BENCH_MODES:-uncached cached redis-down}
export BENCH_WORKERS=${GUNICORN_WORKERS:-$(($(nproc) * 2 + 1))}
WORK=$(mktemp -d)
SERVER_PID=""

cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -QUIT "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

log() { echo "== $*" >&2; }

if ! command -v wrk >/dev/null; then
  log "installing wrk"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null || true
  command -v wrk >/dev/null || { echo "wrk could not be installed; install it (apt-get install wrk)." >&2; exit 1; }
fi

mkdir -p "$OUT"
SIZE="${BENCH_PROJECTS}p-${BENCH_EVENTS}e-${BENCH_DONORS}d-seed${BENCH_SEED}"
GENERATE=(manage.py generate_demo_data --projects "$BENCH_PROJECTS" --events "$BENCH_EVENTS"
  --donors "$BENCH_DONORS" --seed "$BENCH_SEED" --quiet-progress)

export DJANGO_DEBUG=0
export DJANGO_HTTPS=0
export DJANGO_SECRET_KEY="bench-$(date +%s)-$RANDOM$RANDOM$RANDOM"
export DJANGO_ALLOWED_HOSTS=127.0.0.1
export DJANGO_STATIC_ROOT="$WORK/static"
export DJANGO_BENCH_NAIVE=1
# wrk sends thousands of requests a second from one address; throttling is tested in tests/api.
export DJANGO_API_ANON_RATE=none
export DJANGO_API_USER_RATE=none

if [[ "${DATABASE_URL:-}" == postgres* ]]; then
  export BENCH_DB_KIND=postgresql
  log "database: $DATABASE_URL ($SIZE)"
  $BIN/python manage.py migrate --noinput -v0
  if [ "${BENCH_REBUILD:-0}" = 1 ]; then
    $BIN/python -m bench.measure reset
    $BIN/python manage.py migrate --noinput -v0
  fi
  present=$($BIN/python -m bench.measure state | tail -n1)
  if [ "$present" = "0 0 0" ]; then
    log "generating demo data (a 100,000-project database takes a few minutes)"
    $BIN/python "${GENERATE[@]}"
  elif [ "$present" != "$BENCH_PROJECTS $BENCH_EVENTS $BENCH_DONORS" ]; then
    echo "The database holds $present projects, events and donors, not the $BENCH_PROJECTS $BENCH_EVENTS" \
      "$BENCH_DONORS asked for: BENCH_REBUILD=1 empties it (only a database whose name contains 'bench')." >&2
    exit 2
  fi
  RESULTS="$OUT/results-postgresql-$SIZE.md"
else
  # SQLite: one file per size under .bench/, built once and reused; any other DATABASE_URL is ignored.
  export BENCH_DB_KIND=sqlite
  DB="$PWD/$OUT/db-$SIZE.sqlite3"
  if [ "${BENCH_REBUILD:-0}" = 1 ]; then rm -f "$DB" "$DB-wal" "$DB-shm"; fi
  if [ ! -f "$DB" ]; then
    log "building $DB (100,000 projects take a few minutes)"
    rm -f "$DB.tmp" "$DB.tmp-wal" "$DB.tmp-shm"
    DATABASE_URL="sqlite:///$DB.tmp" $BIN/python manage.py migrate --noinput -v0
    DATABASE_URL="sqlite:///$DB.tmp" $BIN/python "${GENERATE[@]}"
    mv "$DB.tmp" "$DB"
  else
    log "reusing $DB (BENCH_REBUILD=1 builds it again)"
  fi
  export DATABASE_URL="sqlite:///$DB"
  # A reused database gets the migrations added since it was built.
  $BIN/python manage.py migrate --noinput -v0
  RESULTS="$OUT/results-sqlite-$SIZE.md"
fi

$BIN/python manage.py collectstatic --noinput -v0
$BIN/python -m bench.measure endpoints >"$WORK/endpoints.tsv"
touch "$WORK/wrk.tsv" "$WORK/inprocess.json"

if [[ " $BENCH_MODES " == *" uncached "* ]]; then
  log "in-process: $BENCH_RUNS requests per address through django.test.Client, no response cache"
  # A local-memory cache, so that emptying it before each cold request touches nothing shared.
  DJANGO_RESPONSE_CACHE_SECONDS=0 env -u REDIS_URL $BIN/python -m bench.measure inprocess "$WORK/endpoints.tsv" \
    "$BENCH_RUNS" >"$WORK/inprocess.json"
fi

touch "$WORK/exports.json" "$WORK/imports.json"
if [[ " $BENCH_MODES " == *" uncached "* ]]; then
  log "in-process: whole-table exports (first byte, memory), then the IATI import over $BENCH_IMPORT_ACTIVITIES projects"
  env -u REDIS_URL $BIN/python -m bench.measure exports >"$WORK/exports.json"
  env -u REDIS_URL $BIN/python -m bench.measure imports "$BENCH_IMPORT_ACTIVITIES" >"$WORK/imports.json"
fi

free_port() {
  $BIN/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_server() {
  local mode=$1
  PORT=$(free_port)
  BASE="http://127.0.0.1:$PORT"
  (
    if [ "$mode" = uncached ]; then export DJANGO_RESPONSE_CACHE_SECONDS=0; fi
    if [ "$mode" = redis-down ]; then export REDIS_URL="redis://127.0.0.1:$(free_port)/0"; fi
    export GUNICORN_BIND="127.0.0.1:$PORT" GUNICORN_WORKERS="$BENCH_WORKERS"
    exec $BIN/gunicorn --config gunicorn.conf.py ilopartners.wsgi:application >>"$WORK/server-$mode.log" 2>&1
  ) &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "$BASE/healthz" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "gunicorn did not answer on $BASE; its log:" >&2
  tail -n 50 "$WORK/server-$mode.log" >&2
  exit 1
}

# A fresh server for every address: a slow page's requests still running in the workers after wrk
# stops must not be counted against the next address. Quick shutdown (QUIT) drops them.
quit_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -QUIT "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}

# One address's run: a fresh server, its warm-up, wrk, the largest worker's memory.
measure() {
  local mode=$1 name=$2 role=$3 path=$4
  start_server "$mode"
  status=$(curl -s "${ACCEPT[@]}" -o /dev/null -w '%{http_code}' "$BASE$path")
  log "$mode: $name $path (HTTP $status)"
  # Warm up one request at a time, so that none is still running when the measured run starts.
  warm_until=$((SECONDS + BENCH_WARMUP))
  while [ "$SECONDS" -lt "$warm_until" ]; do curl -s "${ACCEPT[@]}" -o /dev/null "$BASE$path"; done
  if [ "$mode" != uncached ] || [ "$role" = ceiling ]; then
    # Then one second at the measured concurrency, so that every worker has answered before the
    # run. Only where every answer takes milliseconds, so that none is still running when the run
    # starts.
    wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d1s "${ACCEPT[@]}" "$BASE$path" >/dev/null
  fi
  if [ "$mode" = cached ] && [ "$role" = endpoint ]; then
    # Until the answer comes from the cache (X-Cache: hit).
    for _ in $(seq 1 30); do
      curl -s "${ACCEPT[@]}" -D - -o /dev/null "$BASE$path" | grep -qi '^x-cache: miss' || break
    done
  fi
  line=$(wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"${BENCH_DURATION}s" --timeout 30s \
    "${ACCEPT[@]}" -s bench/wrk_report.lua "$BASE$path" | sed -n 's/^BENCH //p')
  # The largest worker's resident memory after the run (KiB), beside wrk's figures.
  rss=$(ps -o rss= --ppid "$SERVER_PID" | sort -n | tail -n1 | tr -d ' ')
  printf '%s\t%s\t%s\t%s\n' "$mode" "$path" "$line" "${rss:-0}" >>"$WORK/wrk.tsv"
  quit_server
}

for mode in $BENCH_MODES; do
  log "$mode: gunicorn with $BENCH_WORKERS workers, a fresh one per address"
  while IFS=$'\t' read -r -u 3 name role path; do
    # The floor is the naive code's cost; the response cache would hide it, so it runs uncached only.
    if [ "$mode" != uncached ] && [ "$role" = floor ]; then continue; fi
    # Staff pages need a session: they are timed in process only (the table's last columns).
    if [ "$role" = staff ]; then continue; fi
    measure "$mode" "$name" "$role" "$path"
  done 3<"$WORK/endpoints.tsv"
  # The ceiling once more, last: a fresh server's first static answers are sometimes slow for a
  # second or two whatever the warm-up (p99 0.5 s), which would lower every ratio's divisor; the
  # report divides by the faster of its two runs (bench/report.py).
  IFS=$'\t' read -r name role path < <(grep -P '\tceiling\t' "$WORK/endpoints.tsv")
  measure "$mode" "$name" "$role" "$path"
done

$BIN/python -m bench.report "$WORK/endpoints.tsv" "$WORK/wrk.tsv" "$WORK/inprocess.json" \
  "$WORK/exports.json" "$WORK/imports.json" | tee "$RESULTS"
log "written to $RESULTS"
