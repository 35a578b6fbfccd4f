"""Benchmark: where an app process's start-up time goes (prints figures; not a test).

Times each step the app takes before it answers (bot/main.py `lifespan`): importing the app,
the content, the actions, the safety pipeline, the safety classifier, every reading, the language
detector. Each run is a new process; "cold" gives it an empty cache directory (as a fresh
checkout, or after the data changed), "warm" the project's own var/cache/ (as a restart).

    .venv/bin/python -m scripts.bench_start            (warm, then cold)
    .venv/bin/python -m scripts.bench_start --warm     (warm only)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_STEPS = r"""
import json, logging, time
started = time.perf_counter()
import bot.main as main
logging.disable(logging.CRITICAL)
times = {"import the app": time.perf_counter() - started}

def step(name, run):
    t = time.perf_counter()
    run()
    times[name] = time.perf_counter() - t

step("content", main.get_offer)
step("actions", main.executor)
step("safety pipeline", lambda: main.assess("warm up"))
step("safety classifier", lambda: main.get_checker().classifier())
for name, get_reading in main.READINGS:
    step("reading: " + name, get_reading)
step("language detector", main.preload_language_detector)
times["total"] = time.perf_counter() - started
print("TIMES " + json.dumps(times))
"""


def run(cache: Path | None) -> dict[str, float]:
    env = {**os.environ, "ENVIRONMENT": "test", "TF_CPP_MIN_LOG_LEVEL": "2"}
    if cache is not None:
        env["NEED_CACHE_DIR"] = str(cache)
    done = subprocess.run(
        [sys.executable, "-c", _STEPS], cwd=ROOT, env=env, capture_output=True, text=True
    )
    line = next((x for x in done.stdout.splitlines() if x.startswith("TIMES ")), None)
    if line is None:
        raise SystemExit(f"the start did not finish:\n{done.stderr[-2000:]}")
    return json.loads(line[len("TIMES ") :])


def show(label: str, times: dict[str, float]) -> None:
    print(f"{label} (cores: {os.cpu_count()}):")
    for name, seconds in times.items():
        print(f"  {name:45} {seconds:7.2f} s")


def main(argv: list[str]) -> None:
    run(None)  # fills var/cache/ if it is empty or out of date, so "warm" is a restart
    show("warm (var/cache/ as it is)", run(None))
    if "--warm" not in argv:
        with tempfile.TemporaryDirectory() as tmp:
            show("cold (an empty cache)", run(Path(tmp)))


if __name__ == "__main__":
    main(sys.argv[1:])
