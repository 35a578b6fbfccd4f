"""Every reply a young person can get is easy to read: Flesch-Kincaid grade 6 or less, as the
whole message they see (title, answer, meaning, Childline, next step). Enumerated two ways: from
the content (every question, section, word and arrangement, composed as the actions compose
them) and by running the actions for a young person on many kinds of message."""

from __future__ import annotations

import pytest

from actions.arrangement_quiz import ActionArrangementQuiz
from actions.audience import ActionSetAudience
from actions.common import phrase
from actions.fallback import ActionFallback, ActionOutOfScope
from actions.greeting import ActionBotChallenge, ActionGoodbye, ActionGreet, ActionThank
from actions.handoff import (
    ActionHandoffNotNow,
    ActionTalkToPerson,
    AskBestTime,
    AskConsent,
    AskContactMethod,
    AskMessage,
    AskName,
)
from actions.offer_sections import ActionShowOffer, ActionShowSections, ActionTailorOffer
from actions.replies import describe_arrangement
from actions.terms import ActionExplainParentalResponsibility, ActionExplainTerm
from actions.young_people import answer_text
from bot.core.contacts import contact_sentence
from bot.offer.loader import get_offer
from bot.offer.readability import LIMITS, grade
from tests.actions.helpers import run, tracker

PER_TEXT = LIMITS["young_person"][0]
# Messages this short are buttons' echoes or one-liners: the grade formula means nothing there.
MIN_WORDS = 5


def composed_replies() -> dict[str, str]:
    """Every young-person message the actions build from the content, by name."""
    offer = get_offer()
    childline_choose = f"{phrase('young_person_childline')}\n\n{phrase('young_person_choose')}"
    replies = {
        "welcome": phrase("young_person_welcome"),
        "welcome + questions": f"{phrase('young_person_welcome')}\n\n"
        f"{phrase('young_person_questions')}",
        "welcome + choose": f"{phrase('young_person_welcome')}\n\n{phrase('young_person_choose')}",
        "not sure + childline": f"{phrase('young_person_not_sure')}\n\n"
        f"{phrase('young_person_childline')}",
        "next + childline": f"{phrase('young_person_next')}\n\n{phrase('young_person_childline')}",
        "childline + choose": childline_choose,
        "hand-off": phrase("handoff_young_person"),
    }
    for key in offer.young_people:
        replies[f"question {key}"] = answer_text(key)
    for section in offer.sections.values():
        replies[f"section {section.id}"] = f"**{section.title}**\n{section.young_person_text}"
    for term in offer.glossary:
        replies[f"word {term.term}"] = (
            f"**{term.term}**\n{term.young_person_meaning}\n\n{childline_choose}"
        )
    for arrangement_id in offer.arrangements:
        described = describe_arrangement(arrangement_id, "young_person")
        replies[f"arrangement {arrangement_id}"] = described
        replies[f"arrangement {arrangement_id} + childline"] = f"{described}\n\n{childline_choose}"
    return replies


@pytest.mark.parametrize("name", sorted(composed_replies()))
def test_composed_young_person_reply_is_grade_6_or_less(name):
    text = composed_replies()[name]
    assert grade(text) <= PER_TEXT, (name, round(grade(text), 1), text)


YOUNG = {"audience": "young_person", "age": 13.0}
# (action, intent, text, entities): what young people send, by the action that answers.
CASES = [
    (ActionGreet, "greet", "hi", []),
    (ActionGreet, "greet", "hi im 12", []),
    (ActionBotChallenge, "bot_challenge", "are you a real person", []),
    (ActionThank, "thank", "thanks", []),
    (ActionGoodbye, "goodbye", "bye", []),
    (ActionFallback, "nlu_fallback", "idk", []),
    (ActionOutOfScope, "out_of_scope", "whats the best game", []),
    (ActionTalkToPerson, "request_human", "can i talk to a person", []),
    (ActionArrangementQuiz, "affirm", "yes", []),
    (ActionShowOffer, "show_offer", "what can i get", []),
    (
        ActionTailorOffer,
        "inform_arrangement",
        "am i in care",
        [{"entity": "term", "value": "in care"}],
    ),
    (ActionTailorOffer, "inform_arrangement", "my nan has papers", []),
    (ActionExplainParentalResponsibility, "ask_parental_responsibility", "can my nan sign", []),
    (ActionSetAudience, "young_person_opening", "why cant i live with my mum", []),
    (ActionSetAudience, "young_person_opening", "im 13", []),
    (ActionSetAudience, "young_person_opening", "blah", []),
]
CASES += [
    (ActionShowSections, intent, "", [])
    for intent in (
        "need_support_groups",
        "need_financial_support",
        "need_staying_in_work",
        "need_housing",
        "need_education",
        "need_early_years",
        "need_family_time",
        "need_family_group_conference",
        "need_legal_support",
        "need_therapeutic_support",
        "need_health_and_wellbeing",
        "need_kinship_navigators",
        "need_family_hubs",
    )
]


def _cases():
    offer = get_offer()
    cases = list(CASES)
    cases += [
        (ActionSetAudience, "young_person_opening", "", [{"entity": "yp_question", "value": k}])
        for k in offer.young_people
    ]
    cases += [
        (ActionExplainTerm, "ask_term", "", [{"entity": "term", "value": t.term}])
        for t in offer.glossary
    ]
    cases += [
        (ActionTailorOffer, "inform_arrangement", "", [{"entity": "arrangement", "value": a}])
        for a in offer.arrangements
    ]
    return cases


# 16 and 17 year olds may leave a message for a navigator: the hand-off form speaks to them too.
OLDER = {"audience": "young_person", "age": 16.0}
HANDOFF = [
    ActionTalkToPerson,
    ActionHandoffNotNow,
    AskName,
    AskContactMethod,
    AskBestTime,
    AskMessage,
    AskConsent,
]


def without_contact_details(text: str) -> str:
    """The words without the navigators' contact line (numbers, addresses and opening hours are
    not sentences: the grade formula reads them as one very long one)."""
    contacts = contact_sentence(get_offer().council.navigators)
    return text.replace(contacts, "")


@pytest.mark.parametrize("action", HANDOFF)
def test_the_hand_off_for_older_young_people_is_grade_6_or_less(action):
    messages, _ = run(action(), tracker("request_human", "can i talk to someone", slots=OLDER))
    for message in messages:
        text = without_contact_details(message["text"])
        if len(text.split()) >= MIN_WORDS:
            assert grade(text) <= PER_TEXT, (round(grade(text), 1), message)


@pytest.mark.parametrize(("action", "intent", "text", "entities"), _cases())
@pytest.mark.parametrize("first", [True, False], ids=["first message", "later"])
def test_every_reply_to_a_young_person_is_grade_6_or_less(action, intent, text, entities, first):
    slots = {"audience": None} if first else dict(YOUNG)
    if first:
        text = f"{text} im 13".strip()  # words that show a young person is writing
    track = tracker(intent, text, slots=slots)
    track.latest_message["entities"] = entities
    for entity in entities:
        if entity["entity"] == "arrangement":
            track.slots["arrangement"] = entity["value"]
    messages, _ = run(action(), track)
    assert messages
    for message in messages:
        if message["kind"] == "safeguarding" or len(message["text"].split()) < MIN_WORDS:
            continue
        assert grade(message["text"]) <= PER_TEXT, (round(grade(message["text"]), 1), message)
