#!/usr/bin/env bash
# Run the whole test suite with its real components: a PostgreSQL server on loopback
# (scripts/pg.sh) and Debian's chromium. In CI (CI=true) a test that skips because one of
# them is missing FAILS the run (tests/conftest.py), so nothing is silently untested.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"
export VEDTAK_HOME="${VEDTAK_HOME:-$PWD/var}"
export PREFECT_HOME="${PREFECT_HOME:-$VEDTAK_HOME/prefect}"
export PREFECT_SERVER_ANALYTICS_ENABLED=false
export VEDTAK_REQUIRE_COMPONENTS="${VEDTAK_REQUIRE_COMPONENTS:-${CI:-}}"
# CI has ../shared beside the clone: there the NorNE tests must run too.
export VEDTAK_REQUIRE_SHARED="${VEDTAK_REQUIRE_SHARED:-${CI:-}}"
mkdir -p "$VEDTAK_HOME"

if [ -z "${VEDTAK_TEST_PG_URL:-}" ]; then
  # A cluster this run starts is stopped when it ends (the machine is left as it was found; its
  # data directory stays for the next run); one that was already running is left running.
  if ! bash scripts/pg.sh url >/dev/null 2>&1; then
    trap 'bash scripts/pg.sh stop >/dev/null 2>&1 || true' EXIT
  fi
  pg_env="$(bash scripts/pg.sh start)" || { echo "test: could not start PostgreSQL (scripts/pg.sh)" >&2; exit 1; }
  eval "$pg_env"
  export VEDTAK_TEST_PG_URL
fi
echo "test: PostgreSQL at $VEDTAK_TEST_PG_URL"

set +e
"$VENV/bin/python" -m pytest -n "${VEDTAK_TEST_WORKERS:-2}" --dist loadgroup "$@"
rc=$?
set -e
if [ $rc -eq 5 ]; then
  echo "test: no tests were collected" >&2
fi
exit $rc
