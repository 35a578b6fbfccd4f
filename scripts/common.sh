# Shared by the scripts: finds the project, its Pythons and its environments.
# shellcheck shell=bash
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"
VENV_RASA="$ROOT/.venv-rasa"
VAR="$ROOT/var"
MODELS="$ROOT/models"
mkdir -p "$VAR" "$MODELS"
export RASA_TELEMETRY_ENABLED=false
export TF_CPP_MIN_LOG_LEVEL=2
export PYTHONDONTWRITEBYTECODE=1
export SQLALCHEMY_SILENCE_UBER_WARNING=1

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Prints the path of a working Python of the given minor version (e.g. 3.10), or nothing.
find_python() {
  local version="$1" candidate
  local env_name="PYTHON${version/./}"
  local candidates=("${!env_name:-}" "python$version" "/usr/bin/python$version")
  if command -v pyenv >/dev/null 2>&1; then
    for candidate in "$(pyenv root)/versions/$version"*/bin/"python$version"; do
      candidates+=("$candidate")
    done
  fi
  for candidate in "${candidates[@]}"; do
    [ -n "$candidate" ] || continue
    if "$candidate" -c "import sys; sys.exit(sys.version_info[:2] != tuple(map(int, '$version'.split('.'))))" >/dev/null 2>&1; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

# Hash of files and folders (sorted), to know whether something changed since last time.
fingerprint() {
  find "$@" -type f 2>/dev/null | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-16
}

# Same token for both processes of one run; random unless set in the environment or .env.
load_env() {
  if [ -f "$ROOT/.env" ]; then set -a; . "$ROOT/.env"; set +a; fi
  export APP_HOST="${APP_HOST:-127.0.0.1}" APP_PORT="${APP_PORT:-8000}"
  export RASA_PORT="${RASA_PORT:-5005}"
  export RASA_URL="${RASA_URL:-http://127.0.0.1:$RASA_PORT}"
  export RASA_TOKEN="${RASA_TOKEN:-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
  export ACTION_TOKEN="${ACTION_TOKEN:-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
  export ACTION_ENDPOINT_URL="${ACTION_ENDPOINT_URL:-http://127.0.0.1:$APP_PORT/internal/rasa/webhook}"
  export RASA_TRACKER_DB="${RASA_TRACKER_DB:-$VAR/rasa_tracker.db}"
  export RASA_ENDPOINTS="${RASA_ENDPOINTS:-endpoints.yml}"
}

# `make run` and `make serve`: bring the database up to date, once, before any process starts
# (a worker never migrates: two at once would race).
migrate_database() {
  say "Migrating the database"
  "$VENV/bin/python" -m bot.db.migrate
}

# `make run` and `make serve`: after `stop_on_exit`, each process started in the background is
# added to `pids` (pids+=($!)); Ctrl-C, SIGTERM or any exit (an error too) runs `stop`, which
# sends each of them SIGTERM and waits for them all.
stop() {
  trap - INT TERM EXIT
  say "Stopping"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
stop_on_exit() {
  pids=()
  trap stop INT TERM EXIT
}
