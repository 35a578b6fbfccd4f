"""The safety check over every labelled development message, before and after a change (prints
figures; asserts nothing). The sets the classifiers learn from (bot/safety/data/) and the
development sets of tests/data/dev/ (never trained on), never a frozen blind or acceptance set.

For each set: danger messages missed and false emergency replies; then the totals. With `--save`
the assessments are written (one JSON line per message) so that a later run with `--compare`
prints every message whose reading changed: an emergency lost or gained, a false alarm set aside
or raised, a change of level (concern, distress). Development data only: its words may be printed.

    .venv/bin/python -m scripts.bench_safety_dev --save before.jsonl
    (change a rule, a threshold, a word list)
    .venv/bin/python -m scripts.bench_safety_dev --compare before.jsonl

A message of a development set counts as danger when its kind is `emergency` (or its label
`danger`, in the sets of pairs); every other message given the emergency reply counts as a false
alarm here, a worry labelled a concern among them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import yaml

from bot.safety import assess
from bot.safety.evaluation import DATA_DIR, load

ROOT = Path(__file__).resolve().parents[1]
DEV_DIR = ROOT / "tests" / "data" / "dev"


def _is_danger(message: dict) -> bool:
    if "label" in message:
        return message["label"] == "danger"
    if "kind" in message:
        return message["kind"] == "emergency"
    return message.get("danger") in (True, "emergency")


def labelled() -> list[tuple[str, str, bool]]:
    """(set name, text, is danger) of every labelled development message."""
    out: list[tuple[str, str, bool]] = []
    for path in sorted(DATA_DIR.glob("*.yaml")):
        danger, negatives = load(path)
        out += [(path.name, item["text"], True) for item in danger]
        out += [(path.name, item["text"], False) for item in negatives]
    for path in sorted(DEV_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if "DEVELOPMENT" not in path.read_text(encoding="utf-8").split("messages:", 1)[0]:
            continue
        out += [(path.name, m["text"], _is_danger(m)) for m in data.get("messages") or []]
    return out


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--save", type=Path, help="write the assessments here (JSON lines)")
    parser.add_argument("--compare", type=Path, help="print what changed since a saved run")
    args = parser.parse_args(argv)

    rows = []
    per_set: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for name, text, danger in labelled():
        found = assess(text)
        rows.append(
            {"set": name, "text": text, "danger": danger, "alarm": found.danger,
             "level": found.level, "matched": found.matched}
        )  # fmt: skip
        counts = per_set[name]
        if danger:
            counts[0] += 1
            counts[1] += not found.danger
        else:
            counts[2] += 1
            counts[3] += found.danger
    for name, (dangers, missed, others, alarms) in per_set.items():
        print(
            f"{name:34s} danger missed {missed:3d}/{dangers:<4d} false alarms {alarms:3d}/{others}"
        )
    totals = [sum(c[i] for c in per_set.values()) for i in range(4)]
    print(
        f"{'all':34s} danger missed {totals[1]:3d}/{totals[0]:<4d} "
        f"false alarms {totals[3]:3d}/{totals[2]}"
    )
    if args.save:
        args.save.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    if args.compare:
        before = {
            (r["set"], r["text"]): r
            for r in map(json.loads, args.compare.read_text(encoding="utf-8").splitlines())
        }
        for now in rows:
            was = before.get((now["set"], now["text"]))
            if was is None or (was["alarm"], was["level"]) == (now["alarm"], now["level"]):
                continue
            if was["alarm"] != now["alarm"]:
                if now["danger"]:
                    tag = "GAINED" if now["alarm"] else "LOST"
                else:
                    tag = "NEW FALSE ALARM" if now["alarm"] else "FALSE ALARM SET ASIDE"
            else:
                tag = "level"
            print(
                f"{tag:21s} {now['set']:28s} {was['level']} -> {now['level']} "
                f"{now['matched']} :: {now['text'][:140]}"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
