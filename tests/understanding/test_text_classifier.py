"""The shared text classifier's fast path: `probabilities` computes the model's `predict_proba`
from its weights for one message; it must give the same figures as scikit-learn does, for
every classifier the readings use (several labels, and two)."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from bot.understanding import arrangements, danger, distress, needs
from bot.understanding.text_classifier import TextClassifier, clean

MESSAGES = [
    "can I get money for my grandson",
    "the judge gave me a paper saying she lives with me, what does it mean",
    "me nan sez i cant go out",
    "He's got a knife and he's shouting at the kids",
    "I can't do this any more, I'm so tired",
    "",
    "zzzz qqq",
    "!!!",
    "Polish: czy ktoś mówi po polsku?",
]


def sklearn_probabilities(model: TextClassifier, text: str) -> dict[str, float]:
    row = model.model.predict_proba(model._features([clean(text)]))[0]
    return {str(label): float(p) for label, p in zip(model.labels, row, strict=True)}


@pytest.mark.parametrize(
    "get",
    [
        lambda: needs.get_need_classifier().model,
        arrangements.get_arrangement_classifier,
        distress.get_distress_classifier,
        danger.get_danger_classifier,
    ],
    ids=["needs", "arrangement", "distress", "danger"],
)
def test_fast_probabilities_equal_scikit_learns(get) -> None:
    model = get()
    assert model is not None
    for text in MESSAGES:
        fast = dict(model.probabilities(text))
        slow = sklearn_probabilities(model, text)
        assert fast.keys() == slow.keys()
        for label in slow:
            assert fast[label] == pytest.approx(slow[label], abs=1e-9), (text, label)
        assert [p for _, p in model.probabilities(text)] == sorted(fast.values(), reverse=True)


def test_small_model_two_labels_and_pickling() -> None:
    texts = ["help with money", "money please", "school trip", "help at school"] * 3
    labels = ["money", "money", "school", "school"] * 3
    model = TextClassifier(texts, labels, C=4.0, words=True)
    before = dict(model.probabilities("any money for uniform"))
    assert before["money"] > before["school"]
    model.probabilities("warm the fast path")
    embedder, model.embedder = model.embedder, None
    copy = pickle.loads(pickle.dumps(model))
    model.embedder = copy.embedder = embedder
    assert "_fast" not in copy.__dict__
    after = dict(copy.probabilities("any money for uniform"))
    assert np.allclose([before[k] for k in before], [after[k] for k in before])


def test_a_text_taught_twice_with_one_label_is_one_row_weighing_both():
    from bot.understanding.text_classifier import _merged

    rows, labels, weights = _merged(
        ["a", "b", "a", "a", "c"], ["x", "y", "x", "z", "y"], [1.0, 2.0, 4.0, 1.0, 1.0]
    )
    assert rows == [0, 1, 3, 4]
    assert labels == ["x", "y", "z", "y"]
    assert weights == [5.0, 2.0, 1.0, 1.0]
    assert _merged(["a", "a"], ["x", "x"], None) == ([0], ["x"], [2.0])
