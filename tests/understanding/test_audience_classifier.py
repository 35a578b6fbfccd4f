"""The audience classifier (bot/understanding/audience_classifier.py), the statistical second net
behind the audience rules, and `who_is_writing.decide`, which asks it only where the rules make no
call.

The fair estimate of what it adds is cross-set validation (scripts/bench_audience_cross.py:
train on all labelled sets but one, measure on the one left out); the figures are in
bot/understanding/audience_classifier.py beside the thresholds they chose.
The figures below are on the sets the deployed classifier trains on (DEVELOPMENT data), so they
are regression checks, not accuracy: they only guard against breakage.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from actions.audience import ActionSetAudience
from actions.common import CARER_PAYLOAD
from bot.understanding import audience_classifier as ac
from bot.understanding import text_classifier
from bot.understanding.audience_rules import CARER, PROFESSIONAL, YOUNG_PERSON, detect
from bot.understanding.who_is_writing import decide
from tests.actions.helpers import run, tracker

TESTS = Path(__file__).resolve().parents[1]
# The copies in bot/understanding/data/audience/ and the files they were copied from (only the spent
# acceptance sets are read: the newer ones in that folder are blind).
ORIGINALS = {
    "audience_dev": TESTS / "nlu" / "audience_dev.yml",
    "audience_dev2": TESTS / "nlu" / "audience_dev2.yml",
    "spent_acceptance_3": {
        YOUNG_PERSON: TESTS / "data" / "acceptance" / "young_person_first_messages_3.yaml",
        PROFESSIONAL: TESTS / "data" / "acceptance" / "professional_first_messages_3.yaml",
        CARER: TESTS / "data" / "acceptance" / "carer_first_messages_2.yaml",
    },
    "spent_acceptance_4": {
        YOUNG_PERSON: TESTS / "data" / "acceptance" / "young_person_first_messages_4.yaml",
        PROFESSIONAL: TESTS / "data" / "acceptance" / "professional_first_messages_4.yaml",
        CARER: TESTS / "data" / "acceptance" / "carer_first_messages_3.yaml",
    },
}
# Development sets 3-21 live only in bot/understanding/data/audience/ (written for the classifier);
# audience_dev22 to 27 are development sets 30 to 35, audience_dev28 to 82 development sets 36 to
# 67 and 69 to 91 (tests/data/dev/; set 68 is not learnt) by who wrote them.
NEW_SETS = tuple(f"audience_dev{n}" for n in range(3, 83))
SETS = (*ORIGINALS, *NEW_SETS)
# `decide(text)` (no intent) on each labelled set, with the classifier trained on all of them;
# measured on its own training data, young people / professionals / carers (regression floors 3
# points below; not accuracy):
MEASURED = {
    "audience_dev": (1.0, 1.0, 0.977),
    "audience_dev2": (0.966, 1.0, 0.987),
    "spent_acceptance_3": (0.965, 1.0, 1.0),
    "spent_acceptance_4": (0.95, 0.912, 0.949),
    "audience_dev3": (0.94, 0.85, 0.94),
    "audience_dev4": (0.927, 0.938, 0.93),
    "audience_dev5": (0.88, 0.925, 0.94),
    "audience_dev6": (0.873, 0.862, 0.95),
    "audience_dev7": (0.90, 0.613, 0.89),
    "audience_dev8": (0.847, 0.70, 0.93),
    "audience_dev9": (0.953, 0.975, 0.98),
    "audience_dev10": (0.813, 0.938, 0.97),
    "audience_dev11": (0.933, 0.988, 0.97),
    "audience_dev12": (0.90, 0.80, 0.96),
    "audience_dev13": (0.873, 0.675, 0.96),
    "audience_dev14": (0.933, 0.825, 0.97),
    # professionals 1.0 -> 0.963 (3 of 80) once the classifier learnt development sets 83 and 84
    # (2026-12-07: their many carers' messages about respite and counselling)
    "audience_dev15": (0.986, 0.963, 0.986),
    "audience_dev16": (1.0, 1.0, 0.976),
    "audience_dev17": (0.972, 0.99, 0.976),
    "audience_dev18": (0.974, 1.0, 0.978),
    "audience_dev19": (0.966, 0.983, 1.0),
    "audience_dev20": (0.955, 0.986, 0.981),
    "audience_dev21": (0.94, 1.0, 0.988),
    "audience_dev22": (0.976, None, 0.984),  # no professionals in it
    "audience_dev23": (0.988, 1.0, 1.0),
    "audience_dev24": (0.957, 1.0, 0.983),
    "audience_dev25": (0.938, 0.943, 0.991),
    "audience_dev26": (1.0, 0.978, 0.994),
    "audience_dev27": (0.96, 1.0, 1.0),
    "audience_dev28": (1.0, 1.0, 0.98),
    "audience_dev29": (0.959, 1.0, 0.973),
    "audience_dev30": (1.0, None, 0.988),  # 25 professionals: too few for a floor
    "audience_dev31": (0.919, 0.977, 1.0),
    "audience_dev32": (0.99, 1.0, 1.0),
    "audience_dev33": (0.981, None, 0.985),  # 1 professional: too few for a floor
    "audience_dev34": (1.0, None, 0.978),  # 15 professionals: too few for a floor
    "audience_dev35": (1.0, 1.0, 0.992),
    "audience_dev36": (0.974, None, 0.987),  # 26 professionals: too few for a floor
    "audience_dev37": (None, None, 0.983),  # 27 young people, 17 professionals: too few
    "audience_dev38": (1.0, None, 0.98),  # 24 professionals: too few for a floor
    "audience_dev39": (0.969, None, 1.0),  # 18 professionals: too few for a floor
    "audience_dev40": (1.0, None, 0.981),  # 21 professionals: too few for a floor
    # young people 1.0 -> 0.969 (31 of 32) once the classifier learnt development sets 55 and 56
    # (2026-12-06: "wot activities r there in the hols im so bored" read as a carer's)
    "audience_dev41": (0.969, None, 0.983),  # 12 professionals: too few for a floor
    "audience_dev42": (0.98, None, 1.0),  # 15 professionals: too few for a floor
    "audience_dev43": (1.0, None, 1.0),  # 28 professionals: too few for a floor
    "audience_dev44": (1.0, None, 0.985),  # 20 professionals: too few for a floor
    "audience_dev45": (1.0, None, 0.983),  # 17 professionals: too few for a floor
    "audience_dev46": (1.0, None, 0.98),  # 21 professionals: too few for a floor
    "audience_dev47": (1.0, None, 0.992),  # 27 professionals: too few for a floor
    "audience_dev48": (1.0, None, 0.993),  # 20 professionals: too few for a floor
    "audience_dev49": (0.963, None, 1.0),  # 12 professionals: too few for a floor
    "audience_dev50": (1.0, None, 1.0),  # 26 professionals: too few for a floor
    "audience_dev51": (0.979, None, 0.991),  # 12 professionals: too few for a floor
    "audience_dev52": (0.946, None, 0.922),  # 2 professionals: too few for a floor
    "audience_dev53": (0.936, None, 0.959),  # 10 professionals: too few for a floor
    "audience_dev54": (0.944, None, 0.937),  # 18 professionals: too few for a floor
    "audience_dev55": (0.936, None, 0.948),  # 23 professionals: too few for a floor
    "audience_dev56": (0.982, None, 0.993),  # 17 professionals: too few for a floor
    "audience_dev57": (1.0, None, 1.0),  # 8 professionals: too few for a floor
    "audience_dev58": (None, None, 0.984),  # 16 young people, 6 professionals: too few for a floor
    "audience_dev59": (1.0, None, 0.984),  # 25 professionals: too few for a floor
    "audience_dev60": (1.0, None, 0.977),  # no professionals
    "audience_dev61": (1.0, None, 1.0),  # 18 professionals: too few for a floor
    "audience_dev62": (None, None, 1.0),  # 24 young people, 6 professionals: too few for a floor
    "audience_dev63": (1.0, None, 0.963),  # 14 professionals: too few for a floor
    "audience_dev64": (0.983, None, 0.993),  # 21 professionals: too few for a floor
    "audience_dev65": (None, None, 0.963),  # 22 young people, 6 professionals: too few for a floor
    "audience_dev66": (0.977, None, None),  # young people only
    "audience_dev67": (None, None, 0.975),  # 27 young people, 12 professionals: too few for a floor
    "audience_dev68": (1.0, None, 0.985),  # 25 professionals: too few for a floor
    "audience_dev69": (None, None, 1.0),  # 13 young people, 9 professionals: too few for a floor
    "audience_dev70": (None, None, 0.989),  # 3 young people, 5 professionals: too few for a floor
    "audience_dev71": (0.992, None, None),  # 5 professionals, 17 carers: too few for a floor
    "audience_dev72": (1.0, None, 0.986),  # 20 professionals: too few for a floor
    "audience_dev73": (None, 0.978, 0.959),  # no young people
    "audience_dev74": (None, None, 1.0),  # 18 young people, 17 professionals: too few for a floor
    "audience_dev75": (1.0, None, 0.975),  # 7 professionals: too few for a floor
    "audience_dev76": (None, None, 0.989),  # 18 young people, 15 professionals: too few for a floor
    "audience_dev77": (1.0, None, 1.0),  # 17 professionals: too few for a floor
    "audience_dev78": (None, None, None),  # 3 young people, 3 professionals, 14 carers: too few
    "audience_dev79": (None, None, 0.94),  # 25 young people, 15 professionals: too few for a floor
    "audience_dev80": (1.0, 0.967, None),  # 25 carers: too few for a floor
    "audience_dev81": (1.0, None, 1.0),  # 14 professionals: too few for a floor
    "audience_dev82": (None, None, 0.96),  # 12 young people, 18 professionals: too few for a floor
}
MIN_ACCURACY = {
    name: dict(
        zip(
            (YOUNG_PERSON, PROFESSIONAL, CARER),
            (None if m is None else m - 0.03 for m in measured),
            strict=True,
        )
    )
    for name, measured in MEASURED.items()
}


def labelled(name: str) -> list[tuple[str, str]]:
    return ac.load_set(ac.DATA_DIR / f"{name}.yaml")


def texts_of(name: str, audience: str) -> list[str]:
    return [t for t, label in labelled(name) if label == audience]


def test_the_labelled_sets_are_all_there():
    assert sorted(p.stem for p in ac.development_sets()) == sorted(SETS)


@pytest.mark.parametrize("name", list(ORIGINALS))
def test_the_copies_match_their_originals(name):
    original = ORIGINALS[name]
    for audience in (YOUNG_PERSON, PROFESSIONAL, CARER):
        if isinstance(original, dict):
            data = yaml.safe_load(original[audience].read_text(encoding="utf-8"))
            expected = [m["text"].strip() for m in data["messages"]]
        else:
            data = yaml.safe_load(original.read_text(encoding="utf-8"))
            expected = [t.strip() for t in data[audience]]
        assert texts_of(name, audience) == expected, (name, audience)


def test_training_is_deterministic():
    pairs, weights = ac.training_data(ac.development_sets())
    first = ac.train(pairs, weights)
    second = ac.train(pairs, weights)
    deployed = ac.get_classifier()
    assert deployed is not None
    for text in ("wat does sgo mean", "my nan looks after me and i'm 14", "one of my pupils"):
        assert first.probabilities(text) == second.probabilities(text)
        assert first.probabilities(text) == pytest.approx(deployed.probabilities(text))


def test_the_training_data_covers_every_audience_and_the_nlu_openings():
    pairs, weights = ac.training_data(ac.development_sets())
    labels = [label for _, label in pairs]
    assert {YOUNG_PERSON, PROFESSIONAL, CARER} == set(labels)
    assert len({t.lower() for t, _ in pairs}) == len(pairs)  # each text once
    nlu = ac.nlu_examples()
    assert {label for _, label in nlu} == {YOUNG_PERSON, PROFESSIONAL, CARER}
    assert ac.NLU_WEIGHT in weights and 1.0 in weights


def test_probabilities_sum_to_one_and_read_the_obvious():
    model = ac.get_classifier()
    for text, expected in (
        ("hi im 12 and i live wiv my nan", YOUNG_PERSON),
        ("Health visitor. Family on my caseload, what can I signpost them to?", PROFESSIONAL),
        ("I have had my granddaughter since she was a baby, what money can I get?", CARER),
    ):
        p = model.probabilities(text)
        assert abs(sum(p.values()) - 1) < 1e-9
        assert max(p, key=p.get) == expected, (text, p)


@pytest.mark.parametrize("name", SETS)
@pytest.mark.parametrize("expected", [YOUNG_PERSON, PROFESSIONAL, CARER])
def test_no_regression_of_the_combined_decision_on_the_training_sets(name, expected):
    # Messages shorter than ac.MIN_WORDS ("whats a sgo", "how do i complain") show nobody by
    # design: carers write them as often as young people, and the answer to them asks "are
    # you a young person...?" with buttons. The floors are for messages that can show it.
    texts = [t for t in texts_of(name, expected) if len(t.split()) >= ac.MIN_WORDS]
    if MIN_ACCURACY[name][expected] is None:
        assert len(texts) < 30  # a set written with few or none of this voice: no floor
        return
    assert len(texts) >= 30
    wrong = [t for t in texts if decide(t) != expected]
    accuracy = 1 - len(wrong) / len(texts)
    assert accuracy >= MIN_ACCURACY[name][expected], (expected, accuracy, wrong)


@pytest.mark.parametrize("name", SETS)
def test_a_carer_taken_for_someone_else_by_the_classifier_has_a_way_back(name):
    # Where the rules make no call, the classifier may take a carer for a young person or a
    # professional (its thresholds trade that against young people recognised). Every such
    # carer gets "I'm an adult caring for a child" under the first answer.
    taken = [t for t in texts_of(name, CARER) if detect(t).audience is None and ac.classify(t)]
    assert len(taken) <= 8, taken
    for text in taken:
        messages, _ = run(ActionSetAudience(), tracker("greet", text=text))
        assert CARER_PAYLOAD in [b["payload"] for m in messages for b in m["buttons"]], text


def test_the_rules_call_is_kept_and_the_classifier_comes_before_the_intent():
    # The rules call a carer here; whatever the classifier or intent would say.
    assert decide("my grandson lives with me", "young_person_opening") == CARER
    # No rule call: the classifier's call when it is sure, else the intent, else carer.
    unsure = "is there any money"
    assert detect(unsure).audience is None and ac.classify(unsure) is None
    assert decide(unsure, "young_person_opening") == YOUNG_PERSON
    assert decide(unsure) == CARER
    sure = [
        t
        for t in texts_of("spent_acceptance_4", YOUNG_PERSON)
        if detect(t).audience is None and ac.classify(t) == YOUNG_PERSON
    ]
    assert len(sure) >= 10
    assert all(decide(t, "need_financial_support") == YOUNG_PERSON for t in sure)


def test_the_call_needs_the_threshold():
    yp, pro = ac.YOUNG_PERSON_THRESHOLD, ac.PROFESSIONAL_THRESHOLD
    assert ac.call({YOUNG_PERSON: yp - 0.01, PROFESSIONAL: 0.1, CARER: 0.91 - yp}) is None
    assert ac.call({YOUNG_PERSON: yp + 0.01, PROFESSIONAL: 0.1, CARER: 0.89 - yp}) == YOUNG_PERSON
    assert ac.call({YOUNG_PERSON: 0.02, PROFESSIONAL: pro - 0.01, CARER: 0.99 - pro}) is None
    assert (
        ac.call({YOUNG_PERSON: 0.02, PROFESSIONAL: pro + 0.01, CARER: 0.97 - pro}) == PROFESSIONAL
    )


def test_a_young_person_read_from_the_wording_alone_is_set_aside_when_the_classifier_is_sure():
    # The rules read a young person from "me mam" and "our kid" (no stated age); the classifier
    # is sure it is a carer: a carer.
    text = (
        "me mam helps on Tuesdays but the rest of the week it's just me with our kid's two. "
        "is there any help with childcare"
    )
    assert detect(text).audience == YOUNG_PERSON and "yp_age" not in detect(text).cues
    assert ac.probabilities(text)[CARER] >= ac.CARER_VETO
    assert decide(text) == CARER
    # A stated age is never set aside.
    aged = "im 14 and me mam helps my nan look after us, is there any help with childcare"
    assert "yp_age" in detect(aged).cues
    assert decide(aged) == YOUNG_PERSON


def test_a_carer_read_by_the_rules_is_set_aside_when_the_classifier_is_all_but_sure():
    # The rules read a carer from "my auntie is staying with us"; the classifier is all but
    # sure a child is writing ("can i still go to the youth club"): a young person.
    text = (
        "my nan is in hospital for her hip op, my auntie is staying with us till shes home. "
        "can i still go to the youth club on wednesday"
    )
    assert detect(text).audience in (CARER, PROFESSIONAL)
    assert ac.probabilities(text)[YOUNG_PERSON] >= ac.YOUNG_PERSON_OVERRIDE
    assert decide(text) == YOUNG_PERSON
    # Below the override the rules' call stands.
    carer = "I look after my two grandsons since their mum went into hospital, what help is there"
    assert detect(carer).audience == CARER
    assert ac.probabilities(carer)[YOUNG_PERSON] < ac.YOUNG_PERSON_OVERRIDE
    assert decide(carer) == CARER


def test_the_intent_does_not_make_a_carer_a_young_person():
    text = "I have had my two grandsons since their mum went into hospital, what help is there"
    assert ac.probabilities(text)[CARER] >= ac.INTENT_VETO
    assert decide(text, "young_person_opening") == CARER
    assert decide("is there any money", "young_person_opening") == YOUNG_PERSON  # too short


# ---------------------------------------------------------------- missing or broken data


def test_a_missing_or_broken_file_is_skipped(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("young_person: [unclosed\n", encoding="utf-8")
    assert ac.load_set(tmp_path / "missing.yaml") == []
    assert ac.load_set(broken) == []
    present = ac.DATA_DIR / "audience_dev.yaml"
    pairs, _ = ac.training_data([tmp_path / "missing.yaml", broken, present], nlu=False)
    assert pairs == ac.load_set(present)


def test_without_any_data_the_rules_work_alone(tmp_path, monkeypatch):
    monkeypatch.setattr(ac, "DATA_DIR", tmp_path / "no-such-folder")
    monkeypatch.setattr(ac, "NLU_DIR", tmp_path / "no-nlu-either")
    ac.get_classifier.cache_clear()
    try:
        assert ac.development_sets() == []
        assert ac.nlu_examples() == []
        assert ac.get_classifier() is None
        assert ac.classify("wat does sgo mean lol") is None
        assert decide("hi im 12") == YOUNG_PERSON
        assert decide("what is an sgo", "professional_opening") == PROFESSIONAL
        assert decide("what is an sgo") == CARER
    finally:
        ac.get_classifier.cache_clear()


def test_the_trained_model_is_cached_by_what_it_depends_on(tmp_path, monkeypatch):
    monkeypatch.setattr(text_classifier, "CACHE_DIR", tmp_path)
    first = ac.train_default()
    [cached] = list(tmp_path.glob(f"{ac.CLASSIFIER_NAME}-*.pickle"))
    again = ac.train_default()  # loaded from the cache
    text = "hi im 12 and i live wiv my nan"
    assert again.probabilities(text) == first.probabilities(text)
    # A damaged cache means training again, never a failure.
    cached.write_bytes(b"not a pickle")
    rebuilt = ac.train_default()
    assert rebuilt.probabilities(text) == pytest.approx(first.probabilities(text))
