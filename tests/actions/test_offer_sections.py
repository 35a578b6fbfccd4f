"""Actions as (tracker JSON, dispatcher) → messages and events."""

from rasa_sdk.events import AllSlotsReset, SlotSet

from actions.fallback import ActionFallback, ActionOutOfScope
from actions.greeting import ActionGreet
from actions.offer_sections import ActionShowSections, ActionTailorOffer
from actions.session import ActionStartAgain
from bot.offer.loader import get_offer
from tests.actions.helpers import run, tracker


def section_ids(messages):
    return [s["id"] for m in messages for s in m["sections"]]


def test_greet_says_automated_and_offers_choices():
    messages, events = run(ActionGreet(), tracker("greet"))
    assert "automated assistant" in messages[0]["text"]
    assert any(b["payload"] == "/request_human" for b in messages[0]["buttons"])
    assert events == []


def test_need_answered_first_then_arrangement_asked():
    messages, events = run(ActionShowSections(), tracker("need_financial_support"))
    assert section_ids(messages) == ["financial-support"]
    assert get_offer().sections["financial-support"].carer_text in messages[0]["text"]
    assert "/not_sure_arrangement" in [b["payload"] for b in messages[-1]["buttons"]]
    assert SlotSet("needs", ["financial-support"]) in events


def test_two_needs_in_one_message():
    messages, events = run(
        ActionShowSections(),
        tracker("need_housing", ranking=[("need_housing", 0.55), ("need_financial_support", 0.35)]),
    )
    assert section_ids(messages) == ["housing", "financial-support"]
    assert SlotSet("needs", ["housing", "financial-support"]) in events


def test_known_arrangement_is_not_asked_again_and_tailors():
    messages, _ = run(
        ActionShowSections(), tracker("need_financial_support", slots={"arrangement": "sgo"})
    )
    all_text = " ".join(m["text"] for m in messages)
    assert get_offer().sections["financial-support"].arrangements["sgo"] in all_text
    assert all("/not_sure_arrangement" != b["payload"] for m in messages for b in m["buttons"])


def test_tailor_shows_what_the_arrangement_adds_for_each_need():
    messages, _ = run(
        ActionTailorOffer(),
        tracker("inform_arrangement", slots={"arrangement": "cao", "needs": ["housing"]}),
    )
    assert section_ids(messages) == ["housing"]
    # First what the arrangement is, then what it adds to each need.
    assert get_offer().arrangements["cao"].description in messages[0]["text"]
    card = next(m for m in messages if m["sections"])
    assert get_offer().sections["housing"].arrangements["cao"] in card["text"]


def test_fallback_offers_did_you_mean_and_a_person():
    messages, _ = run(
        ActionFallback(),
        tracker("nlu_fallback", ranking=[("nlu_fallback", 0.4), ("need_education", 0.3)]),
    )
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert payloads[0] == "/need_education"
    assert "/request_human" in payloads


def test_out_of_scope_has_no_section_but_a_next_step():
    messages, _ = run(ActionOutOfScope(), tracker("out_of_scope"))
    assert section_ids(messages) == []
    assert messages[0]["buttons"]


def test_start_again_resets_slots():
    _, events = run(ActionStartAgain(), tracker("start_again", slots={"arrangement": "sgo"}))
    assert events == [AllSlotsReset()]


def test_unclear_message_that_names_a_need_is_answered_first():
    messages, _ = run(
        ActionFallback(),
        tracker("nlu_fallback", "we have no money left since the 3 kids came to live with us"),
    )
    assert messages[0]["sections"][0]["id"] == "financial-support"


def test_unclear_message_naming_housing_words_but_no_family_is_not_answered():
    messages, _ = run(
        ActionFallback(),
        tracker(
            "nlu_fallback", "my neighbours music is too loud at night", slots={"audience": "carer"}
        ),
    )
    assert messages[0]["kind"] == "fallback"
    assert not messages[0]["sections"]
