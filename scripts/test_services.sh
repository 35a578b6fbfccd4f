#!/usr/bin/env bash
# Sourced by scripts/test.sh: starts the throwaway PostgreSQL and Redis servers the tests use
# (Debian packages) and exports TEST_POSTGRES_URL and TEST_REDIS_PORT; checks Chromium.
# shellcheck shell=bash
# PostgreSQL and Redis (Debian packages) for the tests that need them. Under CI=true a service
# that is missing or does not start stops the run here, in plain words; on a developer's
# machine the run goes on, those tests are skipped, and pytest's last lines list them.
missing_service() {
  if [ "${CI:-}" = "true" ]; then
    echo "CI=true: $1. Every layer must run in CI, so the run stops here." >&2
    exit 1
  fi
  echo "Warning: $1; the tests that need it will be skipped." >&2
}

if [ -z "${TEST_POSTGRES_URL:-}" ]; then
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    missing_service "PostgreSQL is not installed (apt-get install postgresql)"
  elif TEST_POSTGRES_URL="$(bash scripts/postgres.sh)"; then
    export TEST_POSTGRES_URL
  else
    missing_service "the test PostgreSQL server did not start (see /tmp/kinship-pgtest/server.log)"
  fi
fi

if [ -z "${TEST_REDIS_PORT:-}" ]; then
  if ! command -v redis-server >/dev/null 2>&1; then
    missing_service "Redis is not installed (apt-get install redis-server)"
  elif TEST_REDIS_PORT="$(bash scripts/redis.sh)"; then
    export TEST_REDIS_PORT
  else
    missing_service "the test Redis server did not start (see /tmp/kinship-redistest/redis.log)"
  fi
fi

if [ "${CI:-}" = "true" ] && [ ! -x /usr/bin/chromium ]; then
  echo "CI=true: Chromium is not installed at /usr/bin/chromium (apt-get install chromium)." >&2
  exit 1
fi

