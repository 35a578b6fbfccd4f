"""Load the labelled safety sets and score the checker on them (used by tests and the bench).

A set is a YAML file with a list of danger messages and a list of messages that are not danger:

    danger:      [{id: d001, text: "..."}, ...]
    not_danger:  [{id: n001, text: "..."}, ...]    # or "hard_negatives:" / "negatives:"

Each list may also be a mapping ``{id: text}``. Only ids are ever reported, never texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.core.data_files import read_yaml

DATA_DIR = Path(__file__).resolve().parent / "data"
NEGATIVE_KEYS = ("not_danger", "hard_negatives", "negatives")


@dataclass
class Score:
    name: str
    positives: int
    negatives: int
    missed: list[str]  # ids of danger messages not flagged
    false_alarms: list[str]  # ids of non-danger messages flagged

    @property
    def recall(self) -> float:
        return 1 - len(self.missed) / self.positives if self.positives else 1.0

    @property
    def false_alarm_rate(self) -> float:
        return len(self.false_alarms) / self.negatives if self.negatives else 0.0


def _items(value, prefix: str) -> list[dict]:
    if not value:
        return []
    if isinstance(value, dict):
        return [{"id": str(k), "text": str(v)} for k, v in value.items()]
    items = []
    for index, item in enumerate(value):
        if isinstance(item, dict):
            items.append(
                {
                    **item,
                    "id": str(item.get("id", f"{prefix}{index + 1}")),
                    "text": str(item.get("text", "")),
                }
            )
        else:
            items.append({"id": f"{prefix}{index + 1}", "text": str(item)})
    return items


def load(name: str | Path) -> tuple[list[dict], list[dict]]:
    """Return (danger items, negative items) of a set: a name in bot/safety/data ("dev",
    "heldout4") or a path to any YAML file of the same shape."""
    path = Path(name)
    if path.suffix not in (".yaml", ".yml"):
        path = DATA_DIR / f"{name}.yaml"
    data = read_yaml(path) or {}
    negatives = next((data[k] for k in NEGATIVE_KEYS if data.get(k)), [])
    return _items(data.get("danger"), "danger-"), _items(negatives, "not-danger-")


def score(name: str | Path, assess) -> Score:
    danger, negatives = load(name)
    missed = [d["id"] for d in danger if not assess(d["text"]).danger]
    false_alarms = [n["id"] for n in negatives if assess(n["text"]).danger]
    return Score(str(name), len(danger), len(negatives), missed, false_alarms)
