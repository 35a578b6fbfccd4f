"""No dead ends: whatever an action says, its last message offers a next step — buttons, a
question, or (at the end of a hand-off) a contact route with buttons.

Every Action in the actions/ package is run against a spread of conversation states. The
hand-off form's actions (actions/handoff.py) and the young person's referral form's
(actions/referral.py) need the form's own state and are checked by tests/actions/test_handoff.py
and tests/actions/test_referral.py."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from rasa_sdk import Action
from rasa_sdk.forms import FormValidationAction

import actions
from tests.actions.helpers import run, tracker

STATES = [
    ("greet", "hello", {}),
    ("greet", "hi, me nan here, is there any money", {}),
    ("need_financial_support", "can i get money", {}),
    ("need_housing", "we need a bigger house", {"arrangement": "sgo"}),
    ("need_education", "school", {"audience": "young_person"}),
    ("need_education", "school", {"audience": "professional"}),
    ("inform_arrangement", "we have a cao", {"arrangement": "cao", "needs": ["housing"]}),
    ("inform_arrangement", "we have a cao", {"arrangement": "cao"}),
    ("inform_arrangement", "hmm", {}),
    ("not_sure_arrangement", "not sure", {}),
    ("affirm", "yes", {}),
    ("affirm", "yes", {"quiz_step": "court"}),
    ("deny", "no", {"quiz_step": "how_long"}),
    ("not_sure_arrangement", "dunno", {"quiz_step": "papers_sgo"}),
    ("nlu_fallback", "asdf qwerty", {}),
    ("nlu_fallback", "erm", {"quiz_step": "which_order"}),
    ("out_of_scope", "when is bin day", {}),
    ("ask_term", "what is an sgo", {}),
    ("ask_term", "what is a flibbertigibbet", {}),
    ("ask_parental_responsibility", "can i sign school forms", {}),
    ("ask_parental_responsibility", "can i sign school forms", {"arrangement": "informal"}),
    ("young_person_opening", "im 13 and live with my nan", {}),
    ("professional_opening", "im a teacher, what help is there with school", {}),
    ("show_offer", "what help is there", {}),
    ("thank", "thanks", {}),
    ("goodbye", "bye", {}),
    ("bot_challenge", "are you a bot", {}),
    ("start_again", "start again", {"arrangement": "sgo"}),
    ("request_human", "can i talk to a person", {}),
]


SKIPPED_MODULES = {"handoff", "referral"}


def all_actions() -> list[type[Action]]:
    found = {}
    for module_info in pkgutil.iter_modules(actions.__path__):
        if module_info.name in SKIPPED_MODULES:
            continue
        module = importlib.import_module(f"actions.{module_info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(cls, Action)
                and cls.__module__ == module.__name__
                and not issubclass(cls, FormValidationAction)
                and not inspect.isabstract(cls)
            ):
                found[cls.__name__] = cls
    return [found[name] for name in sorted(found)]


def ends_with_next_step(message: dict) -> bool:
    return bool(message["buttons"]) or message["text"].rstrip().endswith("?")


# `run` (tests/actions/helpers.py) calls an action's `run` as a plain function: only actions
# whose `run` is not a coroutine can be run here.
SYNC_ACTIONS = [c for c in all_actions() if not inspect.iscoroutinefunction(c.run)]


def test_every_action_is_checked_here():
    # An async action would be left out of the check below without a word: say so instead.
    left_out = [c.__name__ for c in all_actions() if c not in SYNC_ACTIONS]
    assert left_out == [], f"async actions not checked for dead ends: {left_out}"


@pytest.mark.parametrize("action_class", SYNC_ACTIONS, ids=lambda c: c.__name__)
def test_every_reply_ends_with_a_next_step(action_class):
    action = action_class()
    for intent, text, slots in STATES:
        messages, _ = run(action, tracker(intent, text=text, slots=dict(slots)))
        if not messages:
            continue  # says nothing (e.g. only sets slots): the next action speaks
        assert ends_with_next_step(messages[-1]), (action.name(), intent, slots, messages[-1])
