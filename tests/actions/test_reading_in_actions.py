"""The one reading of a message, as the actions use it (actions/common.py): the needs asked
about, even when Rasa's intent was something else; the family's arrangement described but not
named, remembered when sure and confirmed with one question when not."""

from __future__ import annotations

from rasa_sdk.events import SlotSet

from actions.common import arrangement_question, asked_needs, remembered_arrangement
from actions.fallback import ActionOutOfScope
from actions.offer_sections import ActionShowSections
from bot.offer.loader import get_offer
from bot.understanding import arrangements
from tests.actions.helpers import run, tracker

DESCRIBED = "no court or anything, his mum just dropped him round to us and never came back"


def test_the_reading_comes_first_and_a_button_press_is_read_from_its_intent():
    typed = tracker(
        "need_legal_support",
        text="we can barely afford the food shop since the two of them came",
        ranking=[("need_legal_support", 0.4)],
    )
    assert asked_needs(typed)[:2] == ["financial-support", "legal-support"]
    pressed = tracker("need_housing", text="/need_housing")
    assert asked_needs(pressed) == ["housing"]


def test_a_need_taken_for_out_of_scope_is_answered():
    text = "can i get any help paying for the school uniform for my grandson"
    messages, _ = run(ActionOutOfScope(), tracker("out_of_scope", text=text))
    shown = [s["id"] for m in messages for s in m["sections"]]
    assert shown and shown[0] in ("education", "financial-support"), messages


def test_a_described_arrangement_is_remembered_and_tailors_the_answer():
    text = f"{DESCRIBED}. is there any money for us"
    messages, events = run(ActionShowSections(), tracker("need_financial_support", text=text))
    assert SlotSet("arrangement", "informal") in events
    ask = get_offer().dialogue["ask_arrangement"]
    assert not any(m["text"] == ask for m in messages)  # not asked again


def test_never_from_a_form_an_answer_or_a_question_about_a_word():
    inside = tracker("inform_contact_method", text=DESCRIBED)
    inside.active_loop = {"name": "handoff_form"}
    assert remembered_arrangement(inside) is None
    known = tracker("need_housing", text=DESCRIBED, slots={"arrangement": "sgo"})
    assert remembered_arrangement(known) is None
    term = tracker("ask_term", text="what is a special guardianship order then")
    assert remembered_arrangement(term) is None
    assert remembered_arrangement(tracker("deny", text="no")) is None


def test_an_unsure_guess_is_asked_with_the_guess_first(monkeypatch):
    unsure = (arrangements.GUESS_PROBABILITY + arrangements.SURE_PROBABILITY) / 2
    guess = arrangements.ArrangementGuess("private_fostering", unsure)
    assert guess.worth_asking and not guess.sure
    monkeypatch.setattr("actions.common.read_arrangement", lambda text: guess)
    question, buttons = arrangement_question(tracker("need_housing", text="whatever was typed"))
    title = get_offer().arrangements["private_fostering"].title
    assert question == get_offer().dialogue["ask_arrangement_guess"].format(arrangement=title)
    assert buttons[0]["payload"] == '/inform_arrangement{"arrangement": "private_fostering"}'
    payloads = [b["payload"] for b in buttons]
    assert len(payloads) == len(set(payloads))  # the guess is not offered twice
    assert "/not_sure_arrangement" in payloads and "/request_human" in payloads
    monkeypatch.setattr("actions.common.read_arrangement", lambda text: arrangements.NO_GUESS)
    question, _ = arrangement_question(tracker("need_housing", text="whatever was typed"))
    assert question == get_offer().dialogue["ask_arrangement"]


def test_a_section_the_words_name_goes_first_when_the_reading_finds_it_likely(monkeypatch):
    """ "the special guardianship allowance": the reading ranks legal help first (the words
    "special guardianship"), the word "allowance" names money, which the reading also gives
    some probability: money first. Not when the reading gives it next to nothing."""
    from actions import common
    from bot.understanding.reading import Reading

    text = "what is the means test for the special guardianship allowance"
    monkeypatch.setattr(common, "asked_in", lambda t: ["legal-support"])

    class Search:
        def named_needs(self, t):
            return ["financial-support"]

    monkeypatch.setattr(common, "get_search", lambda: Search())
    likely = Reading(needs=(("legal-support", 0.6), ("financial-support", 0.3)), no_need=0.0)
    monkeypatch.setattr(common, "read", lambda t: likely)
    assert common.asked_first(text) == ["financial-support", "legal-support"]
    assert common.needs_in_words(text) == ["financial-support", "legal-support"]
    unlikely = Reading(needs=(("legal-support", 0.9), ("financial-support", 0.05)), no_need=0.0)
    monkeypatch.setattr(common, "read", lambda t: unlikely)
    assert common.asked_first(text) == ["legal-support"]
    assert common.needs_in_words(text) == ["legal-support", "financial-support"]
