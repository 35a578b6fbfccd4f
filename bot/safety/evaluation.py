"""Load the labelled safety sets and score the checker on them (used by tests and the bench)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parents[2] / "tests" / "data" / "safety"


@dataclass
class Score:
    name: str
    positives: int
    negatives: int
    missed: list[str]        # ids of danger messages not flagged
    false_alarms: list[str]  # ids of non-danger messages flagged

    @property
    def recall(self) -> float:
        return 1 - len(self.missed) / self.positives if self.positives else 1.0

    @property
    def false_alarm_rate(self) -> float:
        return len(self.false_alarms) / self.negatives if self.negatives else 0.0


def load(name: str) -> tuple[list[dict], list[dict]]:
    """Return (danger items, negative items) of ``dev`` or ``heldout`` (or another set file)."""
    data = yaml.safe_load((DATA_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    negatives = data.get("hard_negatives") or data.get("negatives") or []
    return data["danger"], negatives


def score(name: str, assess) -> Score:
    danger, negatives = load(name)
    missed = [d["id"] for d in danger if not assess(d["text"]).danger]
    false_alarms = [n["id"] for n in negatives if assess(n["text"]).danger]
    return Score(name, len(danger), len(negatives), missed, false_alarms)
