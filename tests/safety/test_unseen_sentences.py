"""The safety tests that say their sentences are in no data set tell the truth.

tests/safety/test_unit.py and tests/safety/test_short_messages.py (and test_category_examples of
tests/safety/test_datasets.py) test the safety check on sentences nobody trained or tuned it on. Every sentence of theirs — each string parameter of each
parametrized test (except tests listed in the module's NOT_SENTENCES and values listed in its
KNOWN_TO_THE_DATA_SETS) and the module's UNPARAMETRIZED sentences — must be in no data set:
not in what the models learn from (bot/safety/data/, data/nlu/ with the generated glossary
examples, data/rules/, data/stories/, bot/understanding/data/audience/) and not in any set under
tests/. Compared ignoring case, whitespace and punctuation (tests/data_sets.py)."""

from __future__ import annotations

import inspect
from types import ModuleType

import pytest

from tests.data_sets import all_data_index, found_in
from tests.safety import test_datasets, test_short_messages, test_unit

MODULES = (test_unit, test_short_messages, test_datasets)


def sentences(module: ModuleType) -> list[str]:
    """The sentences a module's tests use (see the module docstring above)."""
    skipped_tests = getattr(module, "NOT_SENTENCES", set())
    known = set(getattr(module, "KNOWN_TO_THE_DATA_SETS", ()))
    out = list(getattr(module, "UNPARAMETRIZED", ()))
    for name, function in inspect.getmembers(module, inspect.isfunction):
        if not name.startswith("test_") or name in skipped_tests:
            continue
        for mark in getattr(function, "pytestmark", []):
            if mark.name == "parametrize":
                out += [v for v in mark.args[1] if isinstance(v, str) and v not in known]
    return out


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_the_sentences_are_in_no_data_set(module):
    used = sentences(module)
    assert used, "no sentence was found: has the module's layout changed?"
    assert found_in(used, all_data_index()) == {}


def test_the_guard_finds_a_sentence_that_is_in_a_data_set():
    # "i want to die" is in bot/safety/data/dev.yaml; case and punctuation do not hide it.
    found = found_in(["I want to DIE!", "a sentence nobody ever wrote down"], all_data_index())
    assert list(found) == ["I want to DIE!"]
    assert "bot/safety/data/dev.yaml" in found["I want to DIE!"]
