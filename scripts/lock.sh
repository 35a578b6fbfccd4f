#!/usr/bin/env bash
# Re-pins requirements/app.lock and requirements/rasa.lock from the .in files, in fresh venvs.
source "$(dirname "$0")/common.sh"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
lock() { # python infile lockfile
  "$1" -m venv "$tmp/$(basename "$3")"
  "$tmp/$(basename "$3")/bin/pip" install --quiet --upgrade pip wheel
  "$tmp/$(basename "$3")/bin/pip" install --quiet -r "$2"
  { echo "# Pinned by 'make lock' from $2"; "$tmp/$(basename "$3")/bin/pip" freeze --exclude-editable; } > "$3"
  say "wrote $3"
}
lock "$(find_python 3.11)" requirements/app.in requirements/app.lock
lock "$(find_python 3.10)" requirements/rasa.in requirements/rasa.lock
