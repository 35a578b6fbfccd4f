#!/usr/bin/env bash
# `make run`: install if needed, train if needed, migrate, start Rasa and the app, wait for both.
# Ctrl-C stops both.
source "$(dirname "$0")/common.sh"

bash scripts/setup.sh
bash scripts/train.sh
load_env
export DATABASE_URL="${DATABASE_URL:-sqlite:///$VAR/app.db}"
# The app refuses to start without an explicit ENVIRONMENT; `make run` is the developer's start
# unless .env or the environment says otherwise (production then refuses unsafe settings).
export ENVIRONMENT="${ENVIRONMENT:-development}"
say "ENVIRONMENT=$ENVIRONMENT"

say "Checking the offer content"
"$VENV/bin/python" -m scripts.content_check --quiet
migrate_database

stop_on_exit

say "Starting Rasa on 127.0.0.1:$RASA_PORT (loopback only, API token required)"
"$VENV_RASA/bin/python" -m scripts.rasa_server run --enable-api --auth-token "$RASA_TOKEN" \
  --interface 127.0.0.1 --port "$RASA_PORT" --model "$MODELS/model.tar.gz" \
  --endpoints "$RASA_ENDPOINTS" --credentials credentials.yml >"$VAR/rasa.log" 2>&1 &
pids+=($!)

say "Starting the app on $APP_HOST:$APP_PORT"
"$VENV/bin/python" -m scripts.app_server bot.main:app --host "$APP_HOST" --port "$APP_PORT" \
  --workers "${APP_WORKERS:-1}" --no-access-log &
pids+=($!)

"$VENV/bin/python" -m scripts.wait_until_up "http://$APP_HOST:$APP_PORT/health" --timeout 180 || {
  echo "The system did not come up. Rasa's log is in var/rasa.log." >&2
  exit 1
}
say "Ready: open http://$APP_HOST:$APP_PORT/ (the demo page). Ctrl-C stops both processes."
wait -n "${pids[@]}"
