#!/usr/bin/env bash
# Starts a throwaway Redis server (Debian's redis-server) on loopback for the tests, and
# prints its port. Needs the `redis-server` package.
set -euo pipefail
PORT="${REDISTEST_PORT:-56379}"
DIR="${REDISTEST_DIR:-/tmp/kinship-redistest}"
mkdir -p "$DIR"
if ! redis-cli -p "$PORT" ping >/dev/null 2>&1; then
  redis-server --port "$PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --dir "$DIR" --logfile "$DIR/redis.log" >/dev/null
  for _ in $(seq 100); do redis-cli -p "$PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
fi
if ! redis-cli -p "$PORT" ping >/dev/null 2>&1; then
  echo "Redis did not answer on port $PORT (see $DIR/redis.log)" >&2
  exit 1
fi
echo "$PORT"
