"""Professionals: how to refer a family and what the navigators offer, in the professionals'
texts; never asked about "your arrangement"."""

from rasa_sdk.events import SlotSet

from actions.audience import ActionSetAudience
from actions.offer_sections import ActionShowSections
from bot.core.contacts import contact_sentence
from bot.offer.loader import get_offer
from tests.actions.helpers import run, tracker


def all_text(messages):
    return "\n".join(m["text"] for m in messages)


def payloads(messages):
    return [b["payload"] for m in messages for b in m["buttons"]]


def test_professional_opening_explains_referral_with_council_contacts():
    messages, events = run(
        ActionSetAudience(), tracker("professional_opening", text="i'm a teacher")
    )
    assert SlotSet("audience", "professional") in events
    text = all_text(messages)
    offer = get_offer()
    assert offer.dialogue["professional_referral"] in text
    assert contact_sentence(offer.council.navigators) in text
    assert offer.sections["kinship-navigators"].professional_text in text
    assert "kinship-navigators" in [s["id"] for m in messages for s in m["sections"]]
    assert messages[-1]["buttons"]


def test_no_carer_questions_for_a_professional():
    messages, _ = run(
        ActionSetAudience(), tracker("professional_opening", text="health visitor here")
    )
    assert get_offer().dialogue["ask_arrangement"] not in all_text(messages)
    assert not any(
        "inform_arrangement" in p or "not_sure_arrangement" in p for p in payloads(messages)
    )


def test_professional_naming_a_need_gets_the_professional_text():
    messages, events = run(
        ActionSetAudience(),
        tracker("professional_opening", text="i'm a housing officer, what housing help is there"),
    )
    housing = get_offer().sections["housing"]
    expected = housing.professional_text or housing.carer_text
    assert expected in all_text(messages)
    assert SlotSet("needs", ["housing"]) in events


def test_welcome_only_once():
    messages, _ = run(
        ActionSetAudience(),
        tracker("professional_opening", text="how do i refer", slots={"audience": "professional"}),
    )
    assert get_offer().dialogue["professional_welcome"] not in all_text(messages)


def test_later_need_does_not_ask_a_professional_the_arrangement():
    messages, _ = run(
        ActionShowSections(), tracker("need_education", slots={"audience": "professional"})
    )
    assert not any("not_sure_arrangement" in p for p in payloads(messages))
    education = get_offer().sections["education"]
    assert (education.professional_text or education.carer_text) in all_text(messages)


def test_a_grandmother_taken_for_a_professional_is_treated_as_a_carer():
    _, events = run(
        ActionSetAudience(), tracker("professional_opening", text="hello i'm a grandmother")
    )
    assert SlotSet("audience", "carer") in events


def test_a_professional_who_is_also_an_aunt_is_still_a_professional():
    _, events = run(
        ActionSetAudience(),
        tracker(
            "professional_opening", text="i'm a teacher and one of my pupils lives with her aunt"
        ),
    )
    assert SlotSet("audience", "professional") in events
