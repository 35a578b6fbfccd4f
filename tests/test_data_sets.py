"""Every data set says what it is, and the frozen ones stay out of everything that is tuned.

- Each data set under tests/ (except the Rasa conversation tests) and each labelled set the
  classifiers train on (bot/understanding/data/audience/, bot/safety/data/) says in its header
  comment whether it is DEVELOPMENT data (used to build, tune or train: its figures prove nothing
  about unseen wording) or a FROZEN blind set (never for training or tuning). Training sets are
  DEVELOPMENT data; everything in tests/acceptance/ is FROZEN.
- No message of a FROZEN set is in what the models learn from or what the rules and thresholds
  are tuned on (tests/data_sets.py: bot/safety/data/, data/nlu/ with the generated glossary
  examples, data/rules/, data/stories/, bot/understanding/data/audience/, and the DEVELOPMENT sets
  under tests/), nor quoted in the source (actions/, bot/). Messages are compared ignoring case,
  whitespace and punctuation; only messages of four words or more are looked for in the source.
"""

from __future__ import annotations

import ast

import pytest

from tests import data_sets as ds

LABELLED_TRAINING_SETS = [
    p for p in ds.training_files() if str(ds.relative(p)).startswith(ds.SOURCE_DATA_DIRS)
]
FROZEN = ds.frozen_sets()


def name(path) -> str:
    return str(ds.relative(path))


@pytest.mark.parametrize("path", ds.files_under_tests() + LABELLED_TRAINING_SETS, ids=name)
def test_every_data_set_says_whether_it_is_development_data_or_frozen(path):
    assert len(ds.kinds(path)) == 1, (
        f"{name(path)}: its header comment must say DEVELOPMENT or FROZEN (not both)"
    )


@pytest.mark.parametrize("path", LABELLED_TRAINING_SETS, ids=name)
def test_what_the_classifiers_train_on_is_development_data(path):
    assert ds.kinds(path) == {ds.DEVELOPMENT}


def test_the_acceptance_sets_are_frozen():
    acceptance = [p for p in ds.files_under_tests() if name(p).startswith("tests/acceptance/")]
    assert acceptance
    assert [name(p) for p in acceptance if not ds.is_frozen(p)] == []


@pytest.mark.parametrize("path", FROZEN, ids=name)
def test_no_message_of_a_frozen_set_is_trained_or_tuned_on(path):
    messages = ds.messages(path)
    assert len(messages) >= 20, "the messages were not read: has the file's shape changed?"
    assert ds.found_in(messages, ds.tuning_index()) == {}


@pytest.mark.parametrize("path", FROZEN, ids=name)
def test_no_message_of_a_frozen_set_is_quoted_in_the_source(path):
    quoted = {m: ds.quoted_in_source(m) for m in ds.messages(path)}
    assert {m: files for m, files in quoted.items() if files} == {}


# ---------------------------------------------------------------- the guards themselves


def test_the_guards_read_every_kind_of_data_set():
    assert len(FROZEN) >= 10
    assert {"tests/acceptance/first_messages.yml", "tests/nlu/heldout.yml"} <= {
        name(p) for p in ds.files_under_tests()
    }
    index = ds.tuning_index()
    for known in (
        "i want to die",  # bot/safety/data/dev.yaml
        "hiya im 9",  # bot/understanding/data/audience/audience_dev.yaml
        "thank you",  # data/nlu/chitchat.yml
    ):
        assert ds.normalise(known) in index, known
    assert ds.generated_examples(), "the glossary's generated NLU examples are read"


def test_messages_are_compared_without_case_punctuation_or_annotations():
    assert ds.normalise("What's an [SGO](term)?  ") == ds.normalise("whats an sgo")
    assert ds.normalise("I’m 12") == ds.normalise("im 12")
    assert ds.normalise("is there money") != ds.normalise("is there money left")


def test_a_quoted_message_is_found_in_the_source():
    module = ds.ROOT / "actions" / "audience.py"
    docstring = ast.get_docstring(ast.parse(module.read_text(encoding="utf-8")))
    sentence = " ".join(docstring.split()[:8]).upper()
    assert "actions/audience.py" in ds.quoted_in_source(sentence)
    assert ds.quoted_in_source("a sentence that is written nowhere in the code") == []
    assert ds.quoted_in_source("money") == [], "short messages are looked for in the data only"
