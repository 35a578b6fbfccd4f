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

# Three about equal parts of the work, so that `scripts/train.sh` runs them side by side with
# Rasa's training (four processes on two cores instead of one after the other). Seconds each on 2
# cores, one after the other (`scripts.bench_training`, 2026-12-07, development sets to 86 learnt):
# needs after the safety lines 72; arrangement 56, distress 5, struggling 1; who is writing 30,
# needs 30, danger 20; Rasa 58. Until then "arrangement" was in "others", which had grown to 142 s
# in one process and made the wall-clock time 184 s (over the 3 minutes aimed at).
GROUPS: dict[str, tuple[str, ...]] = {
    "after-danger": ("needs after the safety lines",),
    "arrangement": ("arrangement", "distress", "struggling"),
    "others": ("who is writing", "needs", "danger (second opinion)"),
}
if sorted(name for group in GROUPS.values() for name in group) != sorted(n for n, _ in READINGS):
    raise RuntimeError("trained.GROUPS must hold every reading of READINGS once")


def train(names: tuple[str, ...]) -> list[str]:
    """Trains (or loads) the named readings; returns the names of those that could not be built."""
    known = dict(READINGS)
    return [name for name in names if known[name]() is None]
