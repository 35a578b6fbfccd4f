"""'I'm not sure' of the arrangement: every arrangement is reached in at most 4 plain questions,
typed answers work like buttons, and another topic ends the questions."""

import json

import pytest
from rasa_sdk.events import SlotSet

from actions.arrangement_quiz import QUESTIONS, ActionArrangementQuiz
from actions.fallback import ActionFallback
from actions.offer_sections import ActionShowSections, ActionTailorOffer
from bot.offer.loader import get_offer
from tests.actions.helpers import run, tracker

ANSWER_INTENT = {"yes": "affirm", "no": "deny", "not sure": "not_sure_arrangement"}


def slot_value(events, name, default=None):
    for event in events:
        if event.get("event") == "slot" and event.get("name") == name:
            default = event.get("value")
    return default


def walk(answers: list[str]):
    """Play the questions: start with "I'm not sure", then each answer (yes / no / not sure,
    or a button title on the 'which order' question). Returns (questions asked, slots, messages)."""
    slots: dict = {}
    messages, events = run(ActionArrangementQuiz(), tracker("not_sure_arrangement", slots=slots))
    slots["quiz_step"] = slot_value(events, "quiz_step")
    asked = 1
    for answer in answers:
        last_buttons = messages[-1]["buttons"]
        if answer in ANSWER_INTENT:
            messages, events = run(
                ActionArrangementQuiz(), tracker(ANSWER_INTENT[answer], text=answer, slots=slots)
            )
        else:  # a button on the "which order" question: /inform_arrangement{...}
            payload = next(b["payload"] for b in last_buttons if b["title"] == answer)
            arrangement = json.loads("{" + payload.split("{", 1)[1])["arrangement"]
            slots["arrangement"] = arrangement
            messages, events = run(
                ActionTailorOffer(), tracker("inform_arrangement", text=payload, slots=slots)
            )
        slots["quiz_step"] = slot_value(events, "quiz_step", slots.get("quiz_step"))
        slots["arrangement"] = slot_value(events, "arrangement", slots.get("arrangement"))
        if slots["quiz_step"]:
            asked += 1
    return asked, slots, messages


D = get_offer().dialogue
ROUTES = {
    "sgo": ["yes", D["quiz_order_sgo"]],
    "cao": ["yes", D["quiz_order_cao"]],
    "kinship_fostering": ["no", "yes"],
    "informal": ["no", "no", "yes"],
    "private_fostering": ["no", "no", "no", "yes"],
}
SLOWER_ROUTES = {
    "sgo": ["yes", "not sure", "no", "yes"],
    "cao": ["yes", "not sure", "no", "no"],
    "kinship_fostering": ["yes", "not sure", "yes"],
    "informal": ["not sure", "no", "yes"],
    "private_fostering": ["not sure", "not sure", "no", "not sure"],
}


@pytest.mark.parametrize("routes", [ROUTES, SLOWER_ROUTES], ids=["direct", "with not sure"])
def test_every_arrangement_reached_in_at_most_four_questions(routes):
    assert set(routes) == set(get_offer().arrangements)
    for arrangement, answers in routes.items():
        asked, slots, messages = walk(answers)
        assert slots["arrangement"] == arrangement, answers
        assert slots["quiz_step"] is None
        assert asked <= 4, (arrangement, asked)
        text = " ".join(m["text"] for m in messages)
        # The answer is explained from offer_content/arrangements.yml.
        assert get_offer().arrangements[arrangement].description in text
        assert messages[-1]["buttons"], "ends with a next step"


def test_every_path_through_the_tree_ends_within_four_questions():
    def depth(step: str) -> int:
        nexts = [n for n in QUESTIONS[step][1].values() if n in QUESTIONS]
        return 1 + max((depth(n) for n in nexts), default=0)

    assert depth("court") <= 4


def test_questions_have_yes_no_not_sure_buttons_and_a_person():
    messages, events = run(ActionArrangementQuiz(), tracker("not_sure_arrangement"))
    payloads = [b["payload"] for b in messages[-1]["buttons"]]
    assert payloads == ["/affirm", "/deny", "/not_sure_arrangement", "/request_human"]
    assert SlotSet("quiz_step", "court") in events
    assert messages[-1]["text"].endswith("?")


def test_short_stay_with_a_friend_is_explained_not_forced():
    asked, slots, messages = walk(["no", "no", "no", "no"])
    assert slots.get("arrangement") is None
    assert messages[-1]["text"] == get_offer().dialogue["quiz_short_stay"]
    assert messages[-1]["buttons"]


def test_something_unclear_mid_question_repeats_the_question():
    messages, _ = run(
        ActionFallback(), tracker("nlu_fallback", text="hmm well", slots={"quiz_step": "in_care"})
    )
    assert get_offer().dialogue["quiz_in_care"] in messages[0]["text"]
    assert [b["payload"] for b in messages[0]["buttons"]][:2] == ["/affirm", "/deny"]


def test_changing_topic_mid_question_answers_it_and_ends_the_questions():
    messages, events = run(
        ActionShowSections(),
        tracker("need_housing", text="we need a bigger house", slots={"quiz_step": "court"}),
    )
    assert messages[0]["sections"][0]["id"] == "housing"
    assert SlotSet("quiz_step", None) in events


def test_yes_out_of_the_questions_shows_the_offer():
    messages, events = run(ActionArrangementQuiz(), tracker("affirm", text="yes"))
    assert messages[0]["kind"] == "overview"
    assert events == []


@pytest.mark.parametrize(
    ("action", "intent"), [(ActionFallback, "nlu_fallback"), (ActionArrangementQuiz, "greet")]
)
def test_an_answer_in_own_words_that_shows_the_arrangement_settles_the_questions(action, intent):
    # An aunt at "did a court make an order?": "a social worker comes round every week" shows
    # kinship fostering (bot/understanding/arrangements.py), so the questions end there.
    messages, events = run(
        action(),
        tracker(
            intent, text="a social worker comes round every week", slots={"quiz_step": "court"}
        ),
    )
    assert SlotSet("quiz_step", None) in events
    assert SlotSet("arrangement", "kinship_fostering") in events
    assert messages[0]["text"].startswith(get_offer().dialogue["quiz_result"])
    # Words that show nothing still get the question again.
    messages, events = run(action(), tracker(intent, text="hmm well", slots={"quiz_step": "court"}))
    assert get_offer().dialogue["quiz_court"] in messages[0]["text"]
    assert SlotSet("quiz_step", None) not in events
