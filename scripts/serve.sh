#!/usr/bin/env bash
# `make serve`: the production start (docs/production.md). Unlike `make run` it never installs,
# trains or invents a secret: it checks, migrates once, then starts RASA_INSTANCES Rasa servers
# (ports RASA_PORT, RASA_PORT+1, ...) and the app with APP_WORKERS workers, and stays in the
# foreground for a supervisor (systemd). When any process ends, it stops the rest and exits
# non-zero, so the supervisor restarts the whole set. SIGTERM or Ctrl-C stops everything.
source "$(dirname "$0")/common.sh"

fail() { echo "make serve: $*" >&2; exit 1; }

[ -x "$VENV/bin/python" ] && [ -x "$VENV_RASA/bin/python" ] ||
  fail "the Python environments are missing. Install them first with 'make install' (this
command never installs anything)."

# .env fills in what the environment does not set (the environment wins, as in the app).
ENV_FILE="${ENV_FILE:-$ROOT/.env}"
if [ -f "$ENV_FILE" ]; then
  eval "$("$VENV/bin/python" -c '
import os, shlex, sys
from dotenv import dotenv_values
for key, value in dotenv_values(sys.argv[1]).items():
    if key not in os.environ and value is not None:
        print(f"export {key}={shlex.quote(value)}")
' "$ENV_FILE")"
fi
# Rasa's usage reports go nowhere, whatever .env says.
export RASA_TELEMETRY_ENABLED=false

[ -n "${ENVIRONMENT:-}" ] || fail "ENVIRONMENT is not set (set ENVIRONMENT=production in .env)."
[ -n "${RASA_TOKEN:-}" ] && [ -n "${ACTION_TOKEN:-}" ] ||
  fail "set RASA_TOKEN and ACTION_TOKEN in .env (long random values, e.g. from
'openssl rand -hex 32'); make serve does not make them up."

MODEL="${RASA_MODEL:-$MODELS/model.tar.gz}"
[ -f "$MODEL" ] || fail "there is no trained model at ${MODEL#"$ROOT"/}. Train it with
'make train' (on this machine or a build machine, then copy models/model.tar.gz here); make serve
never trains."

RASA_INSTANCES="${RASA_INSTANCES:-1}"
APP_WORKERS="${APP_WORKERS:-1}"
[[ "$RASA_INSTANCES" =~ ^[1-9][0-9]*$ ]] || fail "RASA_INSTANCES must be a whole number, 1 or more."
[[ "$APP_WORKERS" =~ ^[1-9][0-9]*$ ]] || fail "APP_WORKERS must be a whole number, 1 or more."

export APP_HOST="${APP_HOST:-127.0.0.1}" APP_PORT="${APP_PORT:-8000}" RASA_PORT="${RASA_PORT:-5005}"
export ACTION_ENDPOINT_URL="${ACTION_ENDPOINT_URL:-http://127.0.0.1:$APP_PORT/internal/rasa/webhook}"
export RASA_ENDPOINTS="${RASA_ENDPOINTS:-endpoints.yml}"
export RASA_TRACKER_DB="${RASA_TRACKER_DB:-$VAR/rasa_tracker.db}" RASA_TRACKER_URL="${RASA_TRACKER_URL:-}"
export DATABASE_URL="${DATABASE_URL:-sqlite:///$VAR/app.db}"
# Rasa refuses an endpoints file naming a variable that is not set: these may be empty.
export REDIS_HOST="${REDIS_HOST:-127.0.0.1}" REDIS_PORT="${REDIS_PORT:-6379}"
export REDIS_PASSWORD="${REDIS_PASSWORD:-}" REDIS_CA_FILE="${REDIS_CA_FILE:-}"

# The app reaches every instance through RASA_URL (bot/chat/rasa_client.py).
urls=()
for ((i = 0; i < RASA_INSTANCES; i++)); do urls+=("http://127.0.0.1:$((RASA_PORT + i))"); done
RASA_URL="$(IFS=,; echo "${urls[*]}")"
export RASA_URL

if ((RASA_INSTANCES > 1)); then
  # Without a shared lock store two instances could work on one conversation at once.
  grep -Eq '^lock_store:' "$RASA_ENDPOINTS" && grep -Eq '^\s+type:\s*redis' "$RASA_ENDPOINTS" ||
    fail "RASA_INSTANCES=$RASA_INSTANCES needs a Redis lock store shared by the instances: use
RASA_ENDPOINTS=endpoints.production.yml (or endpoints.production-tls.yml) with REDIS_HOST."
  if [ "${CPU_LAYOUT:-split}" = "split" ]; then
    say "CPU_LAYOUT=none: with $RASA_INSTANCES Rasa instances, split would bind them all to one core"
  fi
  export CPU_LAYOUT=none
fi
if grep -Eq '^\s+ssl_ca_certs:' "$RASA_ENDPOINTS" && [ -z "$REDIS_CA_FILE" ]; then
  fail "$RASA_ENDPOINTS uses TLS to Redis: set REDIS_CA_FILE to the CA certificate (PEM)."
fi

# The proxy's X-Forwarded-For is believed only from FORWARDED_ALLOW_IPS; unset, from nobody
# (uvicorn's own default would trust this machine, so every request passed on by a local proxy
# could claim any address, and the rate limits per address would mean nothing).
if [ -n "${FORWARDED_ALLOW_IPS:-}" ]; then
  proxy=(--proxy-headers --forwarded-allow-ips "$FORWARDED_ALLOW_IPS")
else
  unset FORWARDED_ALLOW_IPS
  proxy=(--no-proxy-headers)
fi

# Several workers: /metrics adds them all up (bot/observability/metrics.py), from an empty folder.
if ((APP_WORKERS > 1)); then
  export PROMETHEUS_MULTIPROC_DIR="${PROMETHEUS_MULTIPROC_DIR:-$VAR/prometheus}"
  rm -rf "$PROMETHEUS_MULTIPROC_DIR" && mkdir -p "$PROMETHEUS_MULTIPROC_DIR"
fi
LOG_DIR="${LOG_DIR:-$VAR/log}"
mkdir -p "$LOG_DIR"

say "ENVIRONMENT=$ENVIRONMENT; checking the settings and the content"
# The app's own start check (bot/main.py check_config), before anything starts.
"$VENV/bin/python" -c 'from bot.main import check_config; from bot.settings import get_settings; check_config(get_settings())' ||
  fail "the settings above must be fixed first."
"$VENV/bin/python" -m scripts.content_check --quiet || fail "the content above must be fixed first."

# Once, here, before any worker starts: workers never migrate (two at once would race).
migrate_database

stop_on_exit

for ((i = 0; i < RASA_INSTANCES; i++)); do
  port=$((RASA_PORT + i))
  say "Starting Rasa $((i + 1)) of $RASA_INSTANCES on 127.0.0.1:$port (log: ${LOG_DIR#"$ROOT"/}/rasa$i.log)"
  # The token is read from RASA_TOKEN by scripts/rasa_server.py: never on a command line (ps).
  "$VENV_RASA/bin/python" -m scripts.rasa_server run --enable-api \
    --interface 127.0.0.1 --port "$port" --model "$MODEL" \
    --endpoints "$RASA_ENDPOINTS" --credentials credentials.yml >>"$LOG_DIR/rasa$i.log" 2>&1 &
  pids+=($!)
done

# A worker trains or loads its classifiers at start and does not answer uvicorn's health check
# meanwhile: with the default 5 s, a busy machine saw every worker killed and restarted in turn.
say "Starting the app on $APP_HOST:$APP_PORT with $APP_WORKERS worker(s)"
"$VENV/bin/python" -m scripts.app_server bot.main:app --host "$APP_HOST" --port "$APP_PORT" \
  --workers "$APP_WORKERS" --no-access-log --no-server-header "${proxy[@]}" \
  --timeout-worker-healthcheck "${APP_WORKER_START_SECONDS:-300}" &
pids+=($!)

health_host="$APP_HOST"
case "$health_host" in 0.0.0.0 | :: | "") health_host=127.0.0.1 ;; esac
"$VENV/bin/python" -m scripts.wait_until_up "http://$health_host:$APP_PORT/health" \
  --timeout "${SERVE_START_TIMEOUT:-300}" ||
  fail "the system did not come up: see ${LOG_DIR#"$ROOT"/}/rasa*.log and the app's lines above."
say "Ready on $APP_HOST:$APP_PORT ($RASA_INSTANCES Rasa, $APP_WORKERS app workers)"
set +e
wait -n "${pids[@]}"
status=$?
echo "make serve: a process ended (status $status); stopping the others." >&2
exit 1
