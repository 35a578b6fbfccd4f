#!/usr/bin/env bash
# Installs both Python environments from the lock files, only when a lock file changed.
#   .venv       Python 3.11: our code (bot/, actions/, tests)
#   .venv-rasa  Python 3.10: Rasa Open Source 3.6 (it does not run on 3.11)
source "$(dirname "$0")/common.sh"

install_venv() { # dir python lockfile
  local dir="$1" python="$2" lock="$3" stamp="$1/.installed-from"
  local want; want="$(sha256sum "$lock" | cut -c1-16)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  say "Installing $(basename "$dir") from $lock (first time: a few minutes)"
  [ -x "$dir/bin/python" ] || "$python" -m venv "$dir"
  "$dir/bin/python" -m pip install --quiet --upgrade pip wheel
  "$dir/bin/python" -m pip install --quiet -r "$lock"
  echo "$want" > "$stamp"
}

PY311="$(find_python 3.11 || true)"
if [ -z "$PY311" ]; then
  echo "Python 3.11 was not found. Install it (for example 'pyenv install 3.11' or the" >&2
  echo "Debian package python3.11), or set PYTHON311 to its path, then run this again." >&2
  exit 1
fi
PY310="$(find_python 3.10 || true)"
if [ -z "$PY310" ]; then
  cat >&2 <<'MSG'
Python 3.10 was not found, and Rasa Open Source 3.6 needs it (it does not run on 3.11+).
Install it with 'pyenv install 3.10' (or your system's python3.10 package), or set
PYTHON310 to the path of a python3.10 executable, then run this command again.
MSG
  exit 1
fi

install_venv "$VENV" "$PY311" requirements/app.lock
install_venv "$VENV_RASA" "$PY310" requirements/rasa.lock
