"""The safety check on development sets its two classifiers did not learn: both are trained
without the named sets of tests/data/dev/ (their copies in bot/safety/data/dev_sets*.yaml, ids
"ds<N>-..."), then every message of those sets is assessed. Prints emergencies caught and false
emergency replies to hard negatives and to ordinary messages (need, arrangement, out of scope,
distress), and each mistake.

    .venv/bin/python -m scripts.bench_safety_held_out 51 52

Figures are honest only for sets no rule or threshold was tuned on either (a set's first look).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.safety import classifier  # noqa: E402
from scripts.eval_first_messages import ORDINARY_KINDS as ORDINARY  # noqa: E402


def main(numbers: list[int]) -> None:
    held = tuple(f"ds{n}-" for n in numbers)
    load = classifier.load

    def without_held_out(name):
        return tuple([i for i in part if not i["id"].startswith(held)] for part in load(name))

    classifier.load = without_held_out  # both classifiers read their sets through it
    from bot.safety import assess

    counts = {"emergency": [0, 0], "hard negative": [0, 0], "ordinary": [0, 0]}
    for n in numbers:
        path = ROOT / "tests" / "data" / "dev" / f"dev_set_{n}.yaml"
        for m in yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]:
            group = (
                "emergency" if m["kind"] == "emergency"
                else "hard negative" if m["kind"] == "hard_negative"
                else "ordinary" if m["kind"] in ORDINARY
                else None
            )  # fmt: skip
            if group is None:
                continue
            found = assess(m["text"])
            counts[group][0] += 1
            counts[group][1] += found.danger
            if found.danger != (group == "emergency"):
                print(f"  {group}: {'missed' if group == 'emergency' else 'alarm'} "
                      f"{found.matched} :: {m['text'][:110]}")  # fmt: skip
    for group, (total, alarmed) in counts.items():
        word = "caught" if group == "emergency" else "false emergency replies"
        print(f"{group}: {word} {alarmed}/{total}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [51, 52])
