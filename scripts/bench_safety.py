"""Safety check benchmark: recall and false alarms on the dev and held-out sets, and speed.

Run: .venv/bin/python scripts/bench_safety.py
Prints ids (never message text) of misclassified held-out messages.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.safety import assess, get_checker  # noqa: E402
from bot.safety.evaluation import load, score  # noqa: E402


def main() -> int:
    t0 = time.perf_counter()
    get_checker()
    print(f"pipeline load: {(time.perf_counter() - t0) * 1000:.0f} ms")

    for name in ("dev", "heldout", "heldout2"):
        s = score(name, assess)
        print(f"{name:8s} recall {s.recall:6.1%} ({s.positives - len(s.missed)}/{s.positives})"
              f"   false alarms {s.false_alarm_rate:5.1%} ({len(s.false_alarms)}/{s.negatives})")
        if name != "dev":
            print(f"         missed: {', '.join(s.missed) or '-'}")
            print(f"         false alarms: {', '.join(s.false_alarms) or '-'}")

    texts = [item["text"] for name in ("dev", "heldout", "heldout2") for part in load(name) for item in part]
    for t in texts[:50]:  # warm up
        assess(t)
    rounds = 20
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
    print(f"speed: {len(latencies) / total:,.0f} messages/s; per message p50 {p50:.2f} ms, "
          f"p99 {p99:.2f} ms, max {latencies[-1] * 1000:.2f} ms "
          f"({len(latencies)} calls over {len(texts)} messages)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
