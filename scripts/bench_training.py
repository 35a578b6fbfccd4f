"""Benchmark: training everything from nothing, as a fresh machine does once (prints figures;
not a test).

The Rasa model (`rasa train` into a temporary folder, never replacing models/) and every
classifier the app trains at start-up (needs, arrangement, danger, distress, who is writing),
each into an empty temporary cache. Prints each time and the total, with the machine's cores.

    .venv/bin/python -m scripts.bench_training
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
    from bot.understanding import arrangements, audience_classifier, danger, distress, needs

    out = []
    for name, get in (
        ("needs", needs.get_need_classifier),
        ("needs after the safety lines", needs.get_after_danger_classifier),
        ("arrangement", arrangements.get_arrangement_classifier),
        ("danger (second opinion)", danger.get_danger_classifier),
        ("distress", distress.get_distress_classifier),
        ("struggling", distress.get_struggling_classifier),
        ("who is writing", audience_classifier.get_classifier),
    ):
        get.cache_clear()
        start = time.perf_counter()
        if get() is None:
            raise SystemExit(f"the {name} classifier could not be trained")
        out.append((name, time.perf_counter() - start))
    return out


def main() -> None:
    from bot.understanding import text_classifier

    print(f"machine: {os.cpu_count()} cores")
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


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
