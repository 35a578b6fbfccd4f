"""Every reading the app trains from the project's examples (or loads from var/cache/), in one
list: the app's start, `scripts/train_readings.py` and the training benchmark use it."""

from __future__ import annotations

from collections.abc import Callable

from bot.understanding import arrangements, audience_classifier, danger, distress, needs

# (name, the function that trains the reading once or loads it; None when it cannot be built)
READINGS: tuple[tuple[str, Callable[[], object]], ...] = (
    ("who is writing", audience_classifier.get_classifier),
    ("needs", needs.get_need_classifier),
    ("needs after the safety lines", needs.get_after_danger_classifier),
    ("arrangement", arrangements.get_arrangement_classifier),
    ("danger (second opinion)", danger.get_danger_classifier),
    ("distress", distress.get_distress_classifier),
    ("struggling", distress.get_struggling_classifier),
)

# Two about equal halves of the work (seconds on 2 cores, 2026-12-06: needs after the safety
# lines 82, the others 64 together), so that `scripts/train.sh` runs them side by side with
# Rasa's training: three processes on two cores instead of one after the other.
GROUPS: dict[str, tuple[str, ...]] = {
    "after-danger": ("needs after the safety lines",),
    "others": tuple(name for name, _ in READINGS if name != "needs after the safety lines"),
}


def train(names: tuple[str, ...]) -> list[str]:
    """Trains (or loads) the named readings; returns the names of those that could not be built."""
    known = dict(READINGS)
    return [name for name in names if known[name]() is None]
