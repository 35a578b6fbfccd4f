"""Copy the labelled development sets of tests/data/dev/ (dev_set_*.yaml) into the labelled sets
the safety check's classifier and its second opinion learn from (bot/safety/data/):

- dev_sets.yaml: the emergencies (danger) and the messages that sound alarming but are not
  danger now (hard negatives, concerns, distress);
- dev_sets_everyday.yaml: everything else (need questions, arrangements, out of scope), which the
  classifier weighs as everyday messages (bot/safety/classifier.py `weights`).

Run again after a development set is added:

    .venv/bin/python -m scripts.safety_sets_from_dev

Only DEVELOPMENT sets are read; the frozen blind sets (tests/data/blind/) never are.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEV_DIR = ROOT / "tests" / "data" / "dev"
OUT_DIR = ROOT / "bot" / "safety" / "data"
HARD_KINDS = ("hard_negative", "concern", "distress")


def set_number(path: Path) -> int:
    return int(re.search(r"(\d+)", path.stem).group(1))


def development_sets() -> list[Path]:
    return sorted(DEV_DIR.glob("dev_set_*.yaml"), key=set_number)


def header(what: str, numbers: list[int], today: str) -> str:
    return (
        f"# DEVELOPMENT data for the safety check: {what}\n"
        f"# of the development sets {numbers[0]} to {numbers[-1]} (tests/data/dev/dev_set_*.yaml, each written by a\n"
        "# separate author who saw neither the rules nor the training data), copied by\n"
        f"# scripts/safety_sets_from_dev.py on {today}. The safety classifier and its second opinion learn\n"
        "# from it, so figures on it prove nothing about unseen wording.\n\n"
    )


def main() -> None:
    danger, hard, everyday = [], [], []
    numbers = []
    for path in development_sets():
        n = set_number(path)
        numbers.append(n)
        messages = yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]
        for i, m in enumerate(messages, 1):
            item = {"id": f"ds{n}-{i:03d}", "text": m["text"]}
            if m["kind"] == "emergency":
                danger.append(item)
            elif m["kind"] in HARD_KINDS:
                hard.append(item)
            else:
                everyday.append(item)
    today = datetime.date.today().isoformat()
    dump = lambda data: yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)  # noqa: E731
    (OUT_DIR / "dev_sets.yaml").write_text(
        header("the emergencies and the hard negatives, concerns and distress", numbers, today)
        + dump({"danger": danger, "not_danger": hard}),
        encoding="utf-8",
    )
    (OUT_DIR / "dev_sets_everyday.yaml").write_text(
        header("the need questions, arrangements and out-of-scope messages", numbers, today)
        + dump({"not_danger": everyday}),
        encoding="utf-8",
    )
    print(f"{len(danger)} danger, {len(hard)} hard negatives, {len(everyday)} everyday")


if __name__ == "__main__":
    main()
