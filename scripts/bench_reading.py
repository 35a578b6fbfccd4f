"""Benchmark: the reading of one message (prints figures; not a test).

How long the app's readings add to a typed message, uncached: the needs (bot/understanding/
reading.py), the arrangement described (arrangements.py), whether the words are those of someone
struggling (distress.py `is_struggling`, asked by the safety check wherever it sees no danger),
the glossary look-up that finds an arrangement's name (bot/search/engine.py `find_terms`, with
names typed one letter out) and, as the safety check does only when its classifier alone saw
danger, the distress reading (distress.py). Measured one message
at a time, as a chat turn does, over the messages of development set 9; the models are loaded
(from var/cache/) before timing. Also how long training each classifier takes from nothing.

    .venv/bin/python -m scripts.bench_reading
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "tests" / "data" / "dev" / "dev_set_9.yaml"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def timed(function, texts: list[str]) -> list[float]:
    out = []
    for text in texts:
        start = time.perf_counter()
        function(text)
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    from bot.search import get_search
    from bot.understanding import arrangements, distress, needs, reading

    search = get_search()

    texts = [m["text"] for m in yaml.safe_load(SET.read_text(encoding="utf-8"))["messages"]]
    need_model = needs.get_need_classifier()
    arrangement_model = arrangements.get_arrangement_classifier()
    distress_model = distress.get_distress_classifier()
    struggling_model = distress.get_struggling_classifier()
    print(f"machine: {os.cpu_count()} cores; {len(texts)} messages of {SET.name}")
    for name, function in (
        ("needs", lambda t: need_model.rank(t)),
        ("arrangement", lambda t: arrangement_model.probabilities(t)),
        (
            "distress (only after a classifier-only alarm)",
            lambda t: distress_model.probabilities(t),
        ),
        ("struggling", lambda t: struggling_model.probabilities(t)),
        (
            "the glossary look-up (arrangement names, also one letter out)",
            lambda t: search.find_terms(t),
        ),
        (
            "needs + arrangement + glossary + struggling (every typed message)",
            lambda t: (
                need_model.rank(t),
                arrangement_model.probabilities(t),
                search.find_terms(t),
                struggling_model.probabilities(t),
            ),
        ),
    ):
        function(texts[0])  # warm
        ms = timed(function, texts)
        print(
            f"  {name}: p50 {statistics.median(ms):.2f} ms, p95 {percentile(ms, 95):.2f} ms, "
            f"max {max(ms):.2f} ms"
        )
    reading.read.cache_clear()
    # Training from nothing (no cache), as a fresh machine does once.
    from bot.understanding import text_classifier

    with tempfile.TemporaryDirectory() as tmp:
        text_classifier.CACHE_DIR = Path(tmp)
        for name, build in (
            ("needs", lambda: needs.training_examples()),
            ("arrangement", arrangements.weighted_examples),
        ):
            texts_, labels, weights = build()
            start = time.perf_counter()
            text_classifier.load_or_train(
                f"bench-{name}",
                texts_,
                labels,
                C=needs.C if name == "needs" else arrangements.C,
                words=name != "needs",
                weights=weights,
            )
            print(f"  training the {name} classifier: {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
