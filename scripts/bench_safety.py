"""Safety check benchmark: recall and false alarms on the labelled sets, and speed (the whole
check per message; the classifier's training, once per process, and one prediction).

Run:  .venv/bin/python scripts/bench_safety.py                  # every set in bot/safety/data
      .venv/bin/python scripts/bench_safety.py --file SET.yaml  # any set of the same shape
A set holds ``danger:`` and ``not_danger:`` (or ``hard_negatives:``/``negatives:``) lists of
``{id, text}``. Only ids of misclassified messages are printed, never message text.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.safety import assess, get_checker  # noqa: E402
from bot.safety.classifier import development_sets, examples, train  # noqa: E402
from bot.safety.evaluation import DATA_DIR, load, score  # noqa: E402

# Reference figures, not checks: training ran in 2.0-2.3 s of CPU with the everyday NLU
# examples (it runs once per process, in the app's warm-up), a prediction well under 2 ms.
TRAINING_CPU_TARGET_S = 4.0
PREDICTION_TARGET_MS = 2.0


def report(name: str | Path, label: str) -> None:
    s = score(name, assess)
    print(
        f"{label:10s} recall {s.recall:6.1%} ({s.positives - len(s.missed)}/{s.positives})"
        f"   false alarms {s.false_alarm_rate:5.1%} ({len(s.false_alarms)}/{s.negatives})"
    )
    print(f"           missed: {', '.join(s.missed) or '-'}")
    print(f"           false alarms: {', '.join(s.false_alarms) or '-'}")


def speed(texts: list[str], rounds: int = 20) -> None:
    for t in texts[:50]:  # warm up
        assess(t)
    latencies = []
    start = time.perf_counter()
    for _ in range(rounds):
        for t in texts:
            t1 = time.perf_counter()
            assess(t)
            latencies.append(time.perf_counter() - t1)
    total = time.perf_counter() - start
    latencies.sort()
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000
    print(
        f"speed: {len(latencies) / total:,.0f} messages/s; per message p50 {p50:.2f} ms, "
        f"p99 {p99:.2f} ms, max {latencies[-1] * 1000:.2f} ms "
        f"({len(latencies)} calls over {len(texts)} messages)"
    )


def classifier_speed(rounds: int = 200) -> None:
    checker = get_checker()
    pairs = examples(development_sets())
    checker.tokens(["warm up"])
    cpu, wall = time.process_time(), time.perf_counter()
    train(pairs, checker.tokens)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(
        f"classifier training: {cpu:.2f} s CPU, {wall:.2f} s wall over {len(pairs)} examples "
        f"(reference: under {TRAINING_CPU_TARGET_S:.0f} s CPU)"
    )
    model = checker.classifier()
    if model is None:
        print("classifier prediction: no classifier (the development sets could not be read)")
        return
    words, lemmas = checker.tokens(["my grandson's dad turned up drunk at contact again"])[0]
    model.probability(words, lemmas)
    start = time.perf_counter()
    for _ in range(rounds):
        model.probability(words, lemmas)
    per_call = (time.perf_counter() - start) / rounds * 1000
    print(
        f"classifier prediction: {per_call:.3f} ms per call over {rounds} calls "
        f"(reference: under {PREDICTION_TARGET_MS:.0f} ms)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, help="evaluate this YAML set only")
    parser.add_argument("--no-speed", action="store_true", help="skip the speed test")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    get_checker()
    print(f"pipeline load: {(time.perf_counter() - t0) * 1000:.0f} ms")

    if args.file:
        if not args.file.is_file():
            print(f"no such file: {args.file}", file=sys.stderr)
            return 2
        sets = [(args.file, args.file.name)]
    else:
        sets = [(p.stem, p.stem) for p in sorted(DATA_DIR.glob("*.yaml"))]
    for name, label in sets:
        report(name, label)
    if not args.no_speed:
        speed([item["text"] for name, _ in sets for part in load(name) for item in part])
        classifier_speed()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
