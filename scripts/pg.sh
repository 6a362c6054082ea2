#!/usr/bin/env bash
# Start (or reuse) a throwaway PostgreSQL server on 127.0.0.1 for vedtak's tests and CI.
#
#   scripts/pg.sh [start]   install Debian's postgresql if missing, initialise a cluster under
#                           $VEDTAK_PG_DIR (default: $VEDTAK_HOME/pg, VEDTAK_HOME defaulting to ./var),
#                           start it on a free port, create database `vedtak`, print
#                           `export VEDTAK_TEST_PG_URL=postgresql://...` (eval-able). Idempotent:
#                           a running cluster is reused and its URL printed again.
#   scripts/pg.sh url       print the URL of the running cluster (exit 1 if none).
#   scripts/pg.sh stop      stop the cluster (the data directory is kept).
#   scripts/pg.sh outage S  stop the running cluster, wait S seconds, start it again on the same
#                           port (the fault tests' database outage).
#
# The server runs as the `postgres` user when invoked as root (initdb refuses root), else as
# the calling user. Trust authentication on loopback only.
set -euo pipefail

cmd="${1:-start}"
home="${VEDTAK_HOME:-var}"
pgdir="$(mkdir -p "${VEDTAK_PG_DIR:-$home/pg}" && cd "${VEDTAK_PG_DIR:-$home/pg}" && pwd)"
# As root the server runs as `postgres`, which must be able to reach the data directory. A
# checkout inside a private folder (mode 0700, e.g. made by mktemp -d) is out of its reach:
# then the cluster lives in a folder of its own under /tmp, named after the checkout's path.
if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$pgdir" 2>/dev/null; then
  pgdir="${TMPDIR:-/tmp}/vedtak-pg-$(printf '%s' "$pgdir" | sha256sum | cut -c1-12)"
  mkdir -p "$pgdir"
fi
data="$pgdir/data"
portfile="$pgdir/port"

find_bindir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v pg_ctl)"; return 0; }
  return 1
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

url() { echo "postgresql://postgres@127.0.0.1:$(cat "$portfile")/vedtak"; }

running() {
  [ -f "$portfile" ] && [ -f "$data/postmaster.pid" ] && as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1
}

serve() {
  as_owner "$bindir/pg_ctl" -D "$data" -l "$pgdir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $1 -k $pgdir -c max_connections=100 -c fsync=off" start >&2 \
    || { echo "pg.sh: server did not start, see $pgdir/server.log" >&2; exit 1; }
}

bindir="$(find_bindir || true)"
if [ -z "$bindir" ]; then
  if [ "$cmd" = stop ] || [ "$cmd" = url ]; then echo "pg.sh: PostgreSQL is not installed" >&2; exit 1; fi
  echo "pg.sh: installing Debian's postgresql (apt-get)" >&2
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
  bindir="$(find_bindir)" || { echo "pg.sh: pg_ctl not found after installing postgresql" >&2; exit 1; }
fi

case "$cmd" in
  start)
    if running; then echo "export VEDTAK_TEST_PG_URL=$(url)"; exit 0; fi
    if [ "$(id -u)" = 0 ]; then chown postgres "$pgdir"; fi
    if [ ! -f "$data/PG_VERSION" ]; then
      as_owner "$bindir/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$pgdir/initdb.log" 2>&1 \
        || { echo "pg.sh: initdb failed, see $pgdir/initdb.log" >&2; exit 1; }
    fi
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    echo "$port" >"$portfile"
    serve "$port"
    as_owner "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname='vedtak'" | grep -q 1 \
      || as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres vedtak
    echo "export VEDTAK_TEST_PG_URL=$(url)"
    ;;
  url)
    running || { echo "pg.sh: no running cluster in $data" >&2; exit 1; }
    url
    ;;
  stop)
    if running; then as_owner "$bindir/pg_ctl" -D "$data" -m fast -w stop >&2; else echo "pg.sh: not running" >&2; fi
    ;;
  outage)
    running || { echo "pg.sh: no running cluster in $data" >&2; exit 1; }
    as_owner "$bindir/pg_ctl" -D "$data" -m fast -w stop >&2
    sleep "${2:-2}"
    serve "$(cat "$portfile")"
    ;;
  *)
    echo "usage: scripts/pg.sh [start|url|stop|outage SECONDS]" >&2; exit 2
    ;;
esac
