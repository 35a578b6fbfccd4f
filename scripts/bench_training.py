"""Benchmark: training everything from nothing, as a fresh machine does once (prints figures;
not a test).

The Rasa model (`rasa train` into a temporary folder, never replacing models/) and every
reading the app trains (bot/understanding/trained.py), each into an empty temporary cache. Prints
each time, their sum, and the wall-clock time of training them as `scripts/train.sh` does: the
readings' two groups and Rasa side by side (the figure a fresh machine waits), with the machine's
cores.

    .venv/bin/python -m scripts.bench_training            (one after the other, then side by side)
    .venv/bin/python -m scripts.bench_training --side-by-side   (only the wall-clock figure)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RASA = ROOT / ".venv-rasa" / "bin" / "rasa"


def rasa_seconds(out: Path, cache: Path) -> float:
    """`rasa train` with an empty training cache of its own (Rasa otherwise reuses the parts
    it trained before, in .rasa/cache/)."""
    start = time.perf_counter()
    subprocess.run(
        [str(RASA), "train", "--config", "config.yml", "--domain", "domain.yml", "--data", "data"]
        + ["--out", str(out), "--fixed-model-name", "bench", "--quiet"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        env={
            **os.environ,
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "RASA_CACHE_DIRECTORY": str(cache),
        },
    )
    return time.perf_counter() - start


def classifier_seconds() -> list[tuple[str, float]]:
    from bot.understanding.trained import READINGS

    out = []
    for name, get in READINGS:
        get.cache_clear()
        start = time.perf_counter()
        if get() is None:
            raise SystemExit(f"the {name} classifier could not be trained")
        out.append((name, time.perf_counter() - start))
    return out


def side_by_side_seconds() -> float:
    """Wall clock of `scripts/train.sh`'s way: the readings' groups (scripts/train_readings.py),
    each in its own process, and `rasa train`, all started at once, everything from nothing."""
    from bot.understanding.trained import GROUPS

    with (
        tempfile.TemporaryDirectory() as readings_cache,
        tempfile.TemporaryDirectory() as out,
        tempfile.TemporaryDirectory() as rasa_cache,
    ):
        env = {**os.environ, "NEED_CACHE_DIR": readings_cache}
        start = time.perf_counter()
        processes = [
            subprocess.Popen(
                [sys.executable, "-m", "scripts.train_readings", group], cwd=ROOT, env=env
            )
            for group in GROUPS
        ]
        if RASA.exists():
            rasa_seconds(Path(out), Path(rasa_cache))
        if any(process.wait() != 0 for process in processes):
            raise SystemExit("the readings could not be trained")
        return time.perf_counter() - start


def main(argv: list[str]) -> None:
    from bot.understanding import text_classifier

    print(f"machine: {os.cpu_count()} cores")
    if "--side-by-side" not in argv:
        with tempfile.TemporaryDirectory() as tmp:
            text_classifier.CACHE_DIR = Path(tmp)
            from bot.understanding.embeddings import get_embedder

            get_embedder()  # the pretrained weights are read once, shared by every classifier
            timings = classifier_seconds()
        for name, seconds in timings:
            print(f"  training the {name} classifier: {seconds:.1f} s")
        total = sum(s for _, s in timings)
        if RASA.exists():
            with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as cache:
                rasa = rasa_seconds(Path(out), Path(cache))
            print(f"  training the Rasa model: {rasa:.1f} s")
            total += rasa
        else:
            print("  the Rasa environment is not installed (make install): Rasa not timed")
        print(f"  everything, one after the other: {total:.1f} s")
    seconds = side_by_side_seconds()
    print(f"  everything side by side, as scripts/train.sh trains (wall clock): {seconds:.1f} s")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main(sys.argv[1:])
