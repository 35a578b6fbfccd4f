"""A regression check of the trained model on tests/nlu/heldout.yml: intent macro-F1 and
arrangement entity F1 must stay at or above 0.90 (figures printed by `python -m
scripts.nlu_eval`). Not a measure of accuracy: the set is held out of the training data, but it
is DEVELOPMENT data (its header says why), scored again and again while the training data was
written."""

import pytest

from scripts.nlu_eval import DEFAULT_DATA, evaluate, load_examples, parse_with_model, report
from tests.conftest import MODEL

pytestmark = pytest.mark.integration


def test_no_regression_on_the_heldout_examples():
    if not MODEL.exists():
        pytest.skip("no trained model (make train)")
    examples = load_examples(DEFAULT_DATA)
    summary = evaluate(examples, parse_with_model(MODEL, [e.text for e in examples]))
    print("\n" + report(summary))
    assert summary["intent_macro_f1"] >= 0.90
    assert summary["per_entity"]["arrangement"]["f1"] >= 0.90  # as used by the assistant
