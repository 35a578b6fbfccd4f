"""actions/follow_ups.py: after a part of the offer was shown, "how do I apply?", "who do I
ring?", "how much is it?", "can I get it?" and "what happens next?" are answered from that
section's `answers:` with its contacts, whichever action Rasa sends them to; first messages,
young people, forms and the arrangement questions are left as they were."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker

from actions import follow_ups
from actions.arrangement_quiz import ActionArrangementQuiz
from actions.audience import ActionSetAudience
from actions.fallback import ActionFallback, ActionOutOfScope
from actions.follow_ups import (
    FOLLOW_UP_KIND,
    RulesFileError,
    answer_follow_up,
    load_rules,
    read_follow_up,
    rules,
)
from actions.greeting import ActionBotChallenge, ActionGoodbye, ActionGreet, ActionThank
from actions.offer_sections import ActionShowOffer, ActionShowSections
from actions.terms import ActionExplainTerm
from bot.offer.loader import get_offer
from bot.offer.models import ANSWER_KEYS, SECTION_IDS
from tests.actions.helpers import run


def shown_event(section_ids: list[str], kind: str = "section") -> list[dict[str, Any]]:
    """The bot events of a reply that showed these sections (one message each), as Rasa keeps
    them in the tracker."""
    return [
        {
            "event": "bot",
            "text": None,
            "data": {
                "custom": {
                    "text": f"**{sid}**",
                    "buttons": [],
                    "sections": [{"id": sid, "title": sid, "url": f"/offer/{sid}"}],
                    "kind": kind,
                }
            },
        }
        for sid in section_ids
    ]


def conversation(
    text: str,
    intent: str = "nlu_fallback",
    shown: list[str] | None = None,
    *,
    earlier: list[tuple[str, list[str]]] | None = None,
    slots: dict[str, Any] | None = None,
    active_loop: dict[str, Any] | None = None,
) -> Tracker:
    """A tracker after earlier turns (what was typed, the sections its reply showed) and now
    `text`, read as `intent`. `shown` (the sections_shown slot) defaults to every section shown."""
    earlier = [("money please", ["financial-support"])] if earlier is None else earlier
    events: list[dict[str, Any]] = []
    for said, sections in earlier:
        events.append({"event": "user", "text": said, "parse_data": {}})
        events += shown_event(sections)
    events.append({"event": "user", "text": text, "parse_data": {}})
    if shown is None:
        shown = list(dict.fromkeys(s for _, sections in earlier for s in sections))
    return Tracker.from_dict(
        {
            "sender_id": "test",
            "slots": {"sections_shown": shown, "audience": "carer", **(slots or {})},
            "latest_message": {
                "text": text,
                "intent": {"name": intent, "confidence": 0.5},
                "intent_ranking": [{"name": intent, "confidence": 0.5}],
                "entities": [],
            },
            "events": events,
            "paused": False,
            "followup_action": None,
            "active_loop": active_loop or {},
            "latest_action_name": "action_listen",
        }
    )


def follow_up_answers(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [m for m in messages if m["kind"] == FOLLOW_UP_KIND]


def without_answer(monkeypatch, action, track: Tracker):
    """What the action says when follow-ups are not looked for (as before they were)."""
    monkeypatch.setattr(follow_ups, "answer_follow_up", lambda dispatcher, tracker: None)
    return run(action, track)


# --------------------------------------------------------------------------- the rules file


def test_every_example_in_the_rules_file_is_read_as_its_kind():
    known = rules()
    assert set(known.phrases) == set(ANSWER_KEYS)
    for kind, examples in known.examples.items():
        assert examples, f"{kind} has no examples"
        for example in examples:
            read = read_follow_up(example)
            assert read is not None and read.kinds[0] == kind, (kind, example, read)


def test_no_not_follow_up_in_the_rules_file_is_read_as_one():
    assert rules().not_follow_ups
    for text in rules().not_follow_ups:
        assert read_follow_up(text) is None, text


# Everyday wording and typos from the issue, and a few more.
ASKED = [
    ("how do i apply", "how_to_apply"),
    ("How do I apply?", "how_to_apply"),
    ("hw do i get it", "how_to_apply"),
    ("how do i aplly for it", "how_to_apply"),
    ("how can we get it", "how_to_apply"),
    ("who do i ring", "who_to_contact"),
    ("whats the number", "who_to_contact"),
    ("What's their phone numbr?", "who_to_contact"),
    ("who should I contact about that", "who_to_contact"),
    ("how much is it", "how_much"),
    ("how much do you get", "how_much"),
    ("is it means tested?", "how_much"),
    ("am i entitled", "who_can_get_it"),
    ("am i eligable", "who_can_get_it"),
    ("are we entiteled to it", "who_can_get_it"),
    ("can i get it", "who_can_get_it"),
    ("do we qualify?", "who_can_get_it"),
    ("what happens after that", "what_happens_next"),
    ("then what", "what_happens_next"),
    ("ok what now?", "what_happens_next"),
    ("what are the next steps", "what_happens_next"),
]


@pytest.mark.parametrize(("text", "kind"), ASKED)
def test_everyday_wording_and_typos_are_read(text, kind):
    read = read_follow_up(text)
    assert read is not None and read.kinds == (kind,), read


def test_two_questions_in_one_message_are_both_read_in_order():
    assert read_follow_up("how much is it and how do I apply?").kinds == (
        "how_much",
        "how_to_apply",
    )
    # The longer phrase wins where they overlap: "how can I get it" asks how, not whether.
    assert read_follow_up("how can i get it").kinds == ("how_to_apply",)


def test_the_words_outside_the_phrase_are_kept_as_written():
    read = read_follow_up("ok thanks, how do I apply for the allowance?")
    assert read.rest == "ok thanks for the allowance"
    assert read.content == ("allowance",)  # "ok", "thanks", "for", "the" are filler


def test_a_broken_rules_file_names_the_file_and_the_problem(tmp_path):
    path = tmp_path / "follow_ups.yaml"
    path.write_text("kinds:\n  how_to_aply:\n    phrases: [how do i apply]\n", encoding="utf-8")
    with pytest.raises(RulesFileError, match="how_to_aply.*is not a kind of question"):
        load_rules(path)
    path.write_text("kinds: [\n", encoding="utf-8")
    with pytest.raises(RulesFileError, match="follow_ups.yaml: not valid YAML at line"):
        load_rules(path)
    with pytest.raises(RulesFileError, match="the file is missing"):
        load_rules(tmp_path / "nothing.yaml")


# --------------------------------------------------------------------------- one per section

# A follow-up about each section, answered from its answers (the section shown just before).
PER_SECTION = {
    "support-groups-and-training": ("how do i join", "out_of_scope", "how_to_apply"),
    "financial-support": ("how do I apply?", "out_of_scope", "how_to_apply"),
    "staying-in-work": ("who do i speak to", "need_kinship_navigators", "who_to_contact"),
    "housing": ("what happens next", "nlu_fallback", "what_happens_next"),
    "education": ("how much is it", "nlu_fallback", "how_much"),
    "early-years": ("how many hours do we get", "nlu_fallback", "how_much"),
    "family-time": ("can i get it", "nlu_fallback", "who_can_get_it"),
    "family-group-conference": ("then what", "show_offer", "what_happens_next"),
    "legal-support": ("am i eligible", "nlu_fallback", "who_can_get_it"),
    "therapeutic-support": ("how much do you get", "nlu_fallback", "how_much"),
    "health-and-wellbeing": ("whats the number", "out_of_scope", "who_to_contact"),
    "kinship-navigators": ("what happens after that", "nlu_fallback", "what_happens_next"),
    "family-hubs-and-activities": ("is it free", "nlu_fallback", "how_much"),
}
ACTION_FOR_INTENT = {
    "out_of_scope": ActionOutOfScope,
    "nlu_fallback": ActionFallback,
    "need_kinship_navigators": ActionShowSections,
    "show_offer": ActionShowOffer,
}


def test_every_section_has_a_conversation_test():
    assert set(PER_SECTION) == set(SECTION_IDS)


@pytest.mark.parametrize("section_id", SECTION_IDS)
def test_a_follow_up_after_each_section_is_answered_from_its_answers(section_id):
    text, intent, kind = PER_SECTION[section_id]
    section = get_offer().sections[section_id]
    track = conversation(
        text, intent, earlier=[("hello", []), (section.title.lower(), [section_id])]
    )
    messages, events = run(ACTION_FOR_INTENT[intent](), track)
    answers = follow_up_answers(messages)
    assert len(answers) == 1, messages
    answer = answers[0]
    assert [s["id"] for s in answer["sections"]] == [section_id]
    question = get_offer().dialogue[f"follow_up_question_{kind}"]
    assert f"**{section.title}: {question}**" in answer["text"]
    assert section.answers[kind] in answer["text"]
    # The contact route: every contact the section names, the Kinship Navigators among them.
    assert get_offer().dialogue["follow_up_contacts"] in answer["text"]
    for contact in get_offer().section_contacts(section_id):
        assert contact.name in answer["text"]
    assert "Kinship Navigators" in answer["text"]
    # Then one next step, with a person to talk to.
    assert messages[-1]["buttons"][-1]["payload"] == "/request_human"
    assert not any(m["kind"] in ("fallback", "out_of_scope", "section") for m in messages)


def test_no_answer_in_the_offer_is_said_honestly_with_the_contacts():
    # Money and allowances does not say what happens after you apply.
    assert "what_happens_next" not in get_offer().sections["financial-support"].answers
    messages, _ = run(ActionFallback(), conversation("what happens next?"))
    (answer,) = follow_up_answers(messages)
    said = get_offer().dialogue["follow_up_not_in_offer"].format(section="Money and allowances")
    assert said in answer["text"]
    assert "does not say" in answer["text"]
    assert "Kinship Navigators: phone" in answer["text"]
    assert "Family Rights Group advice line: phone 0808 801 0366" in answer["text"]


def test_two_questions_get_two_answers_with_the_contacts_once():
    messages, _ = run(
        ActionOutOfScope(), conversation("how much is it and how do i apply?", "out_of_scope")
    )
    (answer,) = follow_up_answers(messages)
    money = get_offer().sections["financial-support"]
    assert answer["text"].index(money.answers["how_much"]) < answer["text"].index(
        money.answers["how_to_apply"]
    )
    assert answer["text"].count("Who to contact:") == 1


# --------------------------------------------------------------------------- which section


def test_the_latest_reply_with_sections_says_what_it_is():
    earlier = [("money please", ["financial-support"]), ("and housing", ["housing"])]
    messages, _ = run(ActionFallback(), conversation("how do i apply?", earlier=earlier))
    assert [s["id"] for m in follow_up_answers(messages) for s in m["sections"]] == ["housing"]


def test_a_reply_that_showed_two_sections_answers_for_both():
    earlier = [("money and a bigger house", ["financial-support", "housing"])]
    messages, _ = run(ActionFallback(), conversation("how do i apply?", earlier=earlier))
    ids = [s["id"] for m in follow_up_answers(messages) for s in m["sections"]]
    assert ids == ["financial-support", "housing"]


def test_a_shown_section_the_message_names_is_the_one_answered():
    earlier = [("housing please", ["housing"]), ("money please", ["financial-support"])]
    messages, _ = run(
        ActionShowSections(),
        conversation("how do I apply for housing?", "need_housing", earlier=earlier),
    )
    (answer,) = follow_up_answers(messages)
    assert answer["sections"][0]["id"] == "housing"
    assert get_offer().sections["housing"].answers["how_to_apply"] in answer["text"]


def test_words_found_in_a_shown_section_keep_the_question_on_it():
    messages, _ = run(
        ActionFallback(),
        conversation("how do i apply for the panel", earlier=[("housing", ["housing"])]),
    )
    assert follow_up_answers(messages)[0]["sections"][0]["id"] == "housing"


def test_the_slot_says_which_section_when_the_events_do_not():
    track = conversation("how do i apply?", earlier=[], shown=["education", "housing"])
    messages, _ = run(ActionFallback(), track)
    assert follow_up_answers(messages)[0]["sections"][0]["id"] == "housing"


def test_a_follow_up_answer_is_what_the_next_follow_up_is_about():
    track = conversation("then what?", earlier=[("housing", ["housing"])], shown=["housing"])
    track.events[-1:-1] = shown_event(["housing"], kind=FOLLOW_UP_KIND)
    messages, _ = run(ActionFallback(), track)
    assert follow_up_answers(messages)[0]["sections"][0]["id"] == "housing"


def test_a_section_not_shown_yet_is_a_new_need_answered_as_before(monkeypatch):
    track = conversation("how do i apply for housing", "need_housing")
    messages, _ = run(ActionShowSections(), track)
    assert not follow_up_answers(messages)
    assert any(s["id"] == "housing" for m in messages for s in m["sections"])
    assert messages == without_answer(monkeypatch, ActionShowSections(), track)[0]


def test_other_words_not_about_a_shown_section_are_not_a_follow_up(monkeypatch):
    track = conversation("who do i ring about my council tax", "out_of_scope")
    messages, _ = run(ActionOutOfScope(), track)
    assert not follow_up_answers(messages)
    assert messages == without_answer(monkeypatch, ActionOutOfScope(), track)[0]


# --------------------------------------------------------------------------- left as they were


FIRST_MESSAGES = [
    ("how do I apply?", "out_of_scope", ActionOutOfScope),
    ("whats the number", "out_of_scope", ActionOutOfScope),
    ("how much is it", "nlu_fallback", ActionFallback),
    ("who do i ring", "need_kinship_navigators", ActionShowSections),
    ("then what", "show_offer", ActionShowOffer),
]


@pytest.mark.parametrize(("text", "intent", "action"), FIRST_MESSAGES)
def test_first_messages_behave_exactly_as_before(monkeypatch, text, intent, action):
    track = conversation(text, intent, earlier=[], shown=[])
    assert answer_follow_up(None, track) is None  # nothing shown: never a follow-up
    now = run(action(), track)
    assert not follow_up_answers(now[0])
    assert now == without_answer(monkeypatch, action(), track)


def test_a_young_person_is_left_on_their_own_path(monkeypatch):
    track = conversation("how do i apply", "out_of_scope", slots={"audience": "young_person"})
    messages, events = run(ActionOutOfScope(), track)
    assert not follow_up_answers(messages)
    assert (messages, events) == without_answer(monkeypatch, ActionOutOfScope(), track)


def test_a_professional_gets_the_answer():
    track = conversation("how do i refer", "nlu_fallback", slots={"audience": "professional"})
    messages, _ = run(ActionFallback(), track)
    assert follow_up_answers(messages)


def test_not_inside_the_hand_off_form_nor_the_arrangement_questions():
    in_form = conversation("whats the number", active_loop={"name": "handoff_form"})
    in_quiz = conversation("how much is it", slots={"quiz_step": "court"})
    assert answer_follow_up(None, in_form) is None
    assert answer_follow_up(None, in_quiz) is None
    messages, _ = run(ActionFallback(), in_quiz)
    assert messages[-1]["kind"] == "question"  # the question is asked again, as before


def test_a_button_press_is_never_a_follow_up():
    assert answer_follow_up(None, conversation("/need_housing", "need_housing")) is None


# --------------------------------------------------------------------------- every hooked action

# Where the trained model sends follow-ups (scripts/rasa_parse.py on models/model.tar.gz):
# "how do I apply?" out_of_scope, "who do I ring" need_kinship_navigators, "then what"
# show_offer, "how is it worked out" not_sure_arrangement, "am i able to get this"
# bot_challenge, "ok thanks how do i apply" thank, "am i eligible for that" goodbye, "whats
# next" ask_term, "how much will i get" young_person_opening (typed after the first message:
# answered as an unclear message), "whats the email" inform_contact_method (the core fallback).
HOOKED = [
    (ActionOutOfScope, "out_of_scope", "how do I apply?"),
    (ActionFallback, "nlu_fallback", "can i get it"),
    (ActionFallback, "inform_contact_method", "whats the email"),
    (ActionShowSections, "need_kinship_navigators", "who do i ring"),
    (ActionShowOffer, "show_offer", "then what"),
    (ActionArrangementQuiz, "not_sure_arrangement", "how is it worked out"),
    (ActionBotChallenge, "bot_challenge", "am i able to get this"),
    (ActionThank, "thank", "ok thanks how do i apply"),
    (ActionGoodbye, "goodbye", "am i eligible for that"),
    (ActionGreet, "greet", "hiya, who do i ring?"),
    (ActionExplainTerm, "ask_term", "whats next"),
    (ActionSetAudience, "young_person_opening", "how much will i get"),
]


@pytest.mark.parametrize(("action", "intent", "text"), HOOKED, ids=[h[2] for h in HOOKED])
def test_each_action_rasa_sends_follow_ups_to_answers_them(action, intent, text):
    messages, _ = run(action(), conversation(text, intent))
    answers = follow_up_answers(messages)
    assert answers and answers[0]["sections"][0]["id"] == "financial-support", messages
    assert not any(m["kind"] in ("fallback", "out_of_scope", "overview") for m in messages)


def test_can_i_get_it_adds_what_the_section_says_for_a_known_arrangement():
    money = get_offer().sections["financial-support"]
    track = conversation("can we get it?", slots={"arrangement": "sgo"})
    (answer,) = follow_up_answers(run(ActionFallback(), track)[0])
    assert money.answers["who_can_get_it"] in answer["text"]
    assert "What this means for you (Special guardianship order" in answer["text"]
    assert money.arrangements["sgo"] in answer["text"]
    # Other questions, and an unknown arrangement, get the answer alone.
    (answer,) = follow_up_answers(run(ActionFallback(), conversation("can we get it?"))[0])
    assert "What this means for you" not in answer["text"]
