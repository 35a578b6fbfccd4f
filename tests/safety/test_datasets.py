"""Regression checks (not accuracy) on the labelled sets in bot/safety/data/: recall and false
alarms on DEVELOPMENT data, which the rules were tuned on and the classifier trains on.

dev.yaml was used to build the rules; it now also holds the former held-out sets heldout.yaml and
heldout2.yaml (ids kept). heldout4.yaml was written after the rules were broadened and run once
before any change prompted by it; its first-run misses were then copied into dev.yaml.
dev2.yaml was written in new voices before its writer read the rules, and run once before any
change prompted by it (recall 51.1%, false alarms 9.6%); the rules were then broadened by word
families until it reached the dev targets.
dev3.yaml was written by another author blind to the rules; the rules' first run on it scored
recall 63.3%, false alarms 3.8%. The classifier (bot/safety/classifier.py) learns from every set
here, so these floors hold for the rules and the classifier together and say nothing about unseen
wording; the fair estimates for that are the cross-set table of scripts/bench_safety_cross.py
and the frozen blind sets in tests/data/acceptance/ (scripts/bench_voices.py).
"""

from pathlib import Path

import pytest

from bot.safety import assess
from bot.safety.evaluation import DATA_DIR, load, score

SETS = sorted(p.stem for p in DATA_DIR.glob("*.yaml"))
assert {"dev", "dev2", "dev3", "heldout4"} <= set(SETS), SETS


def test_set_sizes():
    danger, negatives = load("dev")
    assert len(danger) >= 150 and len(negatives) >= 150
    danger, negatives = load("heldout4")
    assert len(danger) >= 40 and len(negatives) >= 40
    danger, negatives = load("dev2")
    assert len(danger) >= 120 and len(negatives) >= 120
    danger, negatives = load("dev3")
    assert len(danger) >= 150 and len(negatives) >= 150


def test_ids_unique_within_each_set_and_copies_match():
    texts: dict[str, str] = {}
    for name in SETS:
        ids = [i["id"] for part in load(name) for i in part]
        assert len(ids) == len(set(ids)), name
        for part in load(name):
            for item in part:
                # the same id in two files is only allowed for a copied message (same text)
                assert texts.setdefault(item["id"], item["text"]) == item["text"], item["id"]


def test_no_regression_on_dev():
    s = score("dev", assess)
    assert s.missed == [], f"missed dev danger messages: {s.missed}"
    assert s.false_alarm_rate <= 0.05, f"dev false alarms: {s.false_alarms}"


def test_no_regression_on_dev2():
    # First run (before any change prompted by it): recall 51.1% (69/135), false alarms 9.6%.
    s = score("dev2", assess)
    assert s.missed == [], f"missed dev2 danger messages: {s.missed}"
    assert s.false_alarm_rate <= 0.05, f"dev2 false alarms: {s.false_alarms}"


def test_no_regression_on_dev3():
    # First run of the rules alone (before any change prompted by it): recall 63.3% (112/177),
    # false alarms 3.8% (7/184).
    s = score("dev3", assess)
    assert s.missed == [], f"missed dev3 danger messages: {s.missed}"
    assert s.false_alarm_rate <= 0.05, f"dev3 false alarms: {s.false_alarms}"


def test_dev2_past_or_resolved_flag():
    _, negatives = load("dev2")
    past = [n for n in negatives if n.get("past")]
    flagged = [n["id"] for n in past if assess(n["text"]).past_or_resolved]
    assert len(flagged) / len(past) >= 0.8, f"past flagged: {flagged}"


def test_dev_past_or_resolved_flag():
    _, negatives = load("dev")
    past = [n for n in negatives if n.get("past")]
    flagged = [n["id"] for n in past if assess(n["text"]).past_or_resolved]
    assert len(flagged) / len(past) >= 0.8, f"past flagged: {flagged}"


def test_no_regression_on_heldout4():
    # First run (before any change prompted by it): recall 59.1% (26/44), false alarms 0/44.
    # Its misses were then copied into dev.yaml, so it is no longer blind.
    s = score("heldout4", assess)
    assert s.recall >= 0.97, f"heldout4 recall {s.recall:.1%}, missed {s.missed}"
    assert s.false_alarm_rate <= 0.10, f"heldout4 false alarms {s.false_alarms}"


def test_other_yaml_shapes(tmp_path: Path):
    path = tmp_path / "set.yaml"
    path.write_text(
        'danger:\n  - {id: a1, text: "i want to die"}\n'
        'not_danger:\n  a2: "how do i apply for the allowance"\n',
        encoding="utf-8",
    )
    s = score(path, assess)
    assert (s.positives, s.negatives, s.missed, s.false_alarms) == (1, 1, [], [])


@pytest.mark.parametrize(
    "text",
    [
        # the brief's categories, said once more in other words (in no data set:
        # tests/safety/test_unseen_sentences.py checks)
        "honestly i don't want to be around anymore",
        "he's too scared to go back home to his stepdad",
        "she's got fresh bruises on her neck",
        "me nan's fella gonna batter our kid",
        "the teacher says a child disclosed abuse this morning",
        "i'm scared i'll end up hurting her",
    ],
)
def test_category_examples(text):
    assert assess(text).danger, text
