"""Redaction benchmark: correctness on the test cases, and speed per message.

Run: .venv/bin/python scripts/bench_redaction.py
Prints ids (never text) of any case that does not give the expected result.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.redaction import get_redactor, redact  # noqa: E402
from tests.redaction.cases import CASES, NAME_CASES  # noqa: E402

# Longer, realistic messages (invented details) alongside the short cases.
MESSAGES = [
    "Hi, my name is Jane Smith, I'm 62 and I've had my grandson Tyler (born 3rd March 2015) "
    "living with me since his mum went into hospital. Social services placed him with me under "
    "Regulation 24 and I get £3,000 a year. Can someone call me on 07700 900123 or e-mail "
    "jane.smith+kinship@example.com? We live at 12 Acacia Avenue, S60 2TR.",
    "i have 2 children aged 13 and 15 with an sgo and the school keep excluding the eldest, "
    "what help is there for education? he starts year 7 in september",
    "my number is oh seven seven double oh nine oh oh one two three, please ring after 6pm. "
    "NI number QQ 12 34 56 C if you need it",
]


def main() -> int:
    started = time.perf_counter()
    get_redactor()
    print(f"build: {(time.perf_counter() - started) * 1000:.0f} ms")

    wrong = [cid for cid, text, expected in CASES if redact(text) != expected]
    wrong += [
        cid for cid, names, text, expected in NAME_CASES if redact(text, names=names) != expected
    ]
    keep = sum(1 for c in CASES if c[0].startswith("keep-"))
    total = len(CASES) + len(NAME_CASES)
    print(
        f"cases: {total} ({keep} must-not-redact), correct {total - len(wrong)}/{total}"
        + (f"; wrong: {', '.join(wrong)}" if wrong else "")
    )

    texts = [text for _, text, _ in CASES] + MESSAGES
    for text in texts:  # warm up
        redact(text)
    latencies: list[float] = []
    cpu: list[float] = []
    rounds = 50
    start = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            t0, c0 = time.perf_counter(), time.process_time()
            redact(text)
            latencies.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
    total_s = time.perf_counter() - start
    latencies.sort()

    def pct(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(len(latencies) * q))] * 1000

    long_lat = []
    for _ in range(rounds):
        for text in MESSAGES:
            t0 = time.perf_counter()
            redact(text)
            long_lat.append(time.perf_counter() - t0)
    print(
        f"speed: {len(latencies) / total_s:,.0f} messages/s; per message p50 {pct(0.5):.2f} ms, "
        f"p99 {pct(0.99):.2f} ms, max {latencies[-1] * 1000:.2f} ms; mean CPU "
        f"{statistics.mean(cpu) * 1000:.2f} ms ({len(latencies)} calls over {len(texts)} messages)"
    )
    print(f"long messages (~300-400 chars): p50 {statistics.median(long_lat) * 1000:.2f} ms")
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())
