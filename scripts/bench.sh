#!/usr/bin/env bash
# `make bench`: benchmarks that print figures (they are not tests and assert nothing).
source "$(dirname "$0")/common.sh"
bash scripts/setup.sh
bash scripts/train.sh
for bench in scripts/bench_*.py; do
  say "$bench"
  "$VENV/bin/python" -m "scripts.$(basename "$bench" .py)"
done
