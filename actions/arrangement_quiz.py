"""'I'm not sure' of the arrangement: a few plain questions that settle it.

The questions form a small tree (at most 4 questions to any arrangement):

    court?  ── yes ──> which order?  ── SGO / CAO / care order ──> settled (buttons)
      │                   └─ not sure ──> social worker + fostering allowance? ── yes ──> kinship_fostering
      │                                     └─ no ──> papers say "special guardian"? ── yes ──> sgo / no ──> cao
      └─ no / not sure ──> in care, social worker visits? ── yes ──> kinship_fostering
                              └─ no ──> close relative? ── yes ──> informal
                                          └─ no ──> 28 days or more? ── yes ──> private_fostering
                                                      └─ no ──> (not private fostering yet)

The current question is kept in the `quiz_step` slot. Answers come as `affirm`, `deny` or
`not_sure_arrangement` (buttons send these; typing "yes", "nope" or "dunno" works too); naming the
arrangement (`inform_arrangement`) ends the questions, and so does any other topic. An answer in
the person's own words that shows the arrangement ("a social worker comes round every week")
settles it too (bot/understanding/arrangements.py `arrangement_shown`).
Outside the questions, a yes or no gets the offer overview, as before.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    TALK_TO_PERSON,
    arrangement_button,
    arrangement_buttons,
    audience,
    button,
    latest_intent,
    latest_text,
    menu_buttons,
    phrase,
    remembers_audience,
    say,
)
from actions.follow_ups import answers_follow_ups
from actions.offer_sections import show_offer
from actions.replies import tailor
from bot.understanding.arrangements import arrangement_shown

YES, NO, UNSURE = "yes", "no", "unsure"
ANSWER_BY_INTENT = {"affirm": YES, "deny": NO, "not_sure_arrangement": UNSURE}

# question id -> (phrase key, {answer: next question id, or "=<arrangement id>", or "!<phrase>"})
QUESTIONS: dict[str, tuple[str, dict[str, str]]] = {
    "court": ("quiz_court", {YES: "which_order", NO: "in_care", UNSURE: "in_care"}),
    "which_order": (
        "quiz_which_order",
        {YES: "social_worker_order", NO: "social_worker_order", UNSURE: "social_worker_order"},
    ),
    "social_worker_order": (
        "quiz_social_worker_order",
        {YES: "=kinship_fostering", NO: "papers_sgo", UNSURE: "papers_sgo"},
    ),
    "papers_sgo": ("quiz_papers_sgo", {YES: "=sgo", NO: "=cao", UNSURE: "!quiz_undecided"}),
    "in_care": (
        "quiz_in_care",
        {YES: "=kinship_fostering", NO: "close_relative", UNSURE: "close_relative"},
    ),
    "close_relative": (
        "quiz_close_relative",
        {YES: "=informal", NO: "how_long", UNSURE: "how_long"},
    ),
    "how_long": (
        "quiz_how_long",
        {YES: "=private_fostering", NO: "!quiz_short_stay", UNSURE: "=private_fostering"},
    ),
}
FIRST_QUESTION = "court"


def question_buttons(step: str) -> list[dict[str, str]]:
    if step == "which_order":
        return [
            arrangement_button("sgo", phrase("quiz_order_sgo")),
            arrangement_button("cao", phrase("quiz_order_cao")),
            arrangement_button("kinship_fostering", phrase("quiz_order_care")),
            button(phrase("button_not_sure"), "/not_sure_arrangement"),
            TALK_TO_PERSON,
        ]
    return [
        button(phrase("button_yes"), "/affirm"),
        button(phrase("button_no"), "/deny"),
        button(phrase("button_not_sure"), "/not_sure_arrangement"),
        TALK_TO_PERSON,
    ]


def ask(dispatcher: CollectingDispatcher, step: str, intro: str = "") -> list[dict[str, Any]]:
    text = phrase(QUESTIONS[step][0])
    say(
        dispatcher,
        f"{intro}\n\n{text}" if intro else text,
        buttons=question_buttons(step),
        kind="question",
    )
    return [SlotSet("quiz_step", step)]


def settled_in_words(
    dispatcher: CollectingDispatcher, tracker: Tracker
) -> list[dict[str, Any]] | None:
    """In the middle of the questions, an answer in the person's own words that shows the
    arrangement ("a social worker comes round every week", "the judge made us her guardians"):
    the questions end there, as if the last one had settled it. None when the words do not show
    one (or no question is being asked)."""
    if tracker.get_slot("quiz_step") not in QUESTIONS:
        return None
    shown = arrangement_shown(latest_text(tracker))
    if not shown:
        return None
    return [SlotSet("quiz_step", None), SlotSet("arrangement", shown)] + tailor(
        dispatcher, tracker, shown, intro=phrase("quiz_result")
    )


def repeat_question(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Ask the current question again (after a message that was not understood)."""
    step = tracker.get_slot("quiz_step")
    if step not in QUESTIONS:
        return False
    ask(dispatcher, step, intro=phrase("quiz_repeat"))
    return True


class ActionArrangementQuiz(Action):
    def name(self) -> str:
        return "action_arrangement_quiz"

    @remembers_audience
    @answers_follow_ups  # "how is it worked out?" outside the questions (read as "not sure")
    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        step = tracker.get_slot("quiz_step")
        answer = ANSWER_BY_INTENT.get(latest_intent(tracker))
        if step not in QUESTIONS and audience(tracker) == "young_person":
            # The arrangement questions are for carers; a young person gets their own questions.
            from actions import young_people

            return young_people.respond(dispatcher, tracker)
        if step not in QUESTIONS:
            if answer == UNSURE:  # "I'm not sure" of the arrangement: start the questions
                return ask(dispatcher, FIRST_QUESTION, intro=phrase("arrangement_unsure"))
            show_offer(dispatcher)  # a yes or no out of context
            return []
        if answer is None:
            # An answer in the person's own words that shows the arrangement ("a social worker
            # comes round every week", "the judge made us her guardians"): the questions end
            # there, as if the last one had settled it.
            settled = settled_in_words(dispatcher, tracker)
            if settled is not None:
                return settled
            ask(dispatcher, step, intro=phrase("quiz_repeat"))
            return []
        following = QUESTIONS[step][1][answer]
        if following.startswith("="):
            arrangement_id = following[1:]
            events: list[dict[str, Any]] = [
                SlotSet("quiz_step", None),
                SlotSet("arrangement", arrangement_id),
            ]
            return events + tailor(dispatcher, tracker, arrangement_id, intro=phrase("quiz_result"))
        if following.startswith("!"):
            key = following[1:]
            buttons = arrangement_buttons() if key == "quiz_undecided" else menu_buttons()
            say(dispatcher, phrase(key), buttons=buttons)
            return [SlotSet("quiz_step", None)]
        return ask(dispatcher, following)
