"""Typed answers read as the buttons they stand for (bot/understanding/typed_answers.py and
bot/understanding/rules/answers.yaml)."""

from __future__ import annotations

import pytest

from bot.safety.response import HANDOFF_PAYLOAD, RESUME_PAYLOAD
from bot.understanding import typed_answers as ta

SAFETY_BUTTONS = [
    {"title": "Yes, contact me (urgent)", "payload": HANDOFF_PAYLOAD},
    {"title": "No, carry on", "payload": RESUME_PAYLOAD},
]
MENU = [{"title": "Housing", "payload": "/need_housing"}]


@pytest.mark.parametrize(
    ("text", "payload"),
    [
        ("yes", HANDOFF_PAYLOAD),
        ("Yes please!", HANDOFF_PAYLOAD),
        ("yeah", HANDOFF_PAYLOAD),
        ("please ring me", HANDOFF_PAYLOAD),
        ("yes, contact me (urgent)", HANDOFF_PAYLOAD),
        ("no thanks", RESUME_PAYLOAD),
        ("I'm ok", RESUME_PAYLOAD),
        ("No, carry on", RESUME_PAYLOAD),
        # anything else goes on as typed
        ("yes he is still here and he has a knife", None),
        ("can we get rehoused", None),
    ],
)
def test_yes_and_no_to_the_question_after_the_safety_lines(text, payload):
    assert ta.button_for(text, "safeguarding", SAFETY_BUTTONS) == payload


def test_a_typed_title_is_its_button_but_yes_only_answers_the_safety_question():
    assert ta.button_for("housing", "text", MENU) == "/need_housing"
    assert ta.button_for("HOUSING.", "text", MENU) == "/need_housing"
    assert ta.button_for("yes", "text", MENU) is None
    assert ta.button_for("yes", "text", SAFETY_BUTTONS) is None  # not the safety lines' question
    assert ta.button_for("yes", "safeguarding", []) is None
    assert ta.button_for("", "safeguarding", SAFETY_BUTTONS) is None


def test_what_to_do_is_asked_only_right_after_the_safety_lines():
    assert ta.asks_what_to_do("What do I do??", "safeguarding", SAFETY_BUTTONS)
    assert ta.asks_what_to_do("help", "safeguarding", SAFETY_BUTTONS)
    assert not ta.asks_what_to_do("what do I do", "text", MENU)
    assert not ta.asks_what_to_do("what do I do about school", "safeguarding", SAFETY_BUTTONS)


def test_the_answers_file_reads_and_a_broken_one_is_named(tmp_path, monkeypatch):
    found = ta.answers()
    assert {"yes_words", "no_words", "help_now"} <= set(found)
    assert not found["yes_words"] & found["no_words"]
    broken = tmp_path / "answers.yaml"
    broken.write_text("yes_words: [yes]\nno_words: []\nhelp_now: [help]\n", encoding="utf-8")
    monkeypatch.setattr(ta, "ANSWERS_FILE", broken)
    ta.answers.cache_clear()
    try:
        with pytest.raises(ValueError, match="`no_words` needs a list of phrases"):
            ta.answers()
    finally:
        ta.answers.cache_clear()


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("will my daughter be able to see this? we don't get on", True),
        ("who reads these", True),
        ("is this confidential", True),
        ("can social services see what i write?", True),
        ("Pat", False),
        ("07700 900123", False),
        ("my daughter sees the kids on saturdays", False),  # not a question
        ("what time do you close?", False),  # a question, not about who sees it
    ],
)
def test_a_question_about_who_sees_the_message(text, asks):
    assert ta.asks_who_sees(text) is asks


@pytest.mark.parametrize(
    "text, only_when",
    [
        ("tonight, after half 8 when the little ones are in bed", True),
        ("Maureen - tonight after the kids have gone to bed", True),
        ("weekday mornings before 11 please", True),
        ("any time after 7.30pm", True),
        ("07700 900456 after 6", True),
        ("tonight he's outside", False),  # what is happening: not only when
        ("Help. tonight", False),  # "help" first is no name
        ("ring after 10 when he's asleep", False),
        ("", False),
    ],
)
def test_an_answer_that_only_says_when(text, only_when):
    assert ta.only_says_when(text) is only_when


@pytest.mark.parametrize(
    ("text", "only_when"),
    [
        ("Lesley, ring after 8 tonight cos the little one will be down", True),
        ("Pam - tonight, once the baby is settled, with any luck", False),  # "luck"
        ("Lynn. now. hes back", False),  # never "he" or "she"
    ],
)
def test_bedtime_words_only_say_when(text, only_when):
    # development sets 78 to 82 (2026-12-07): the classifiers alarm on such answers
    assert ta.only_says_when(text) is only_when


@pytest.mark.parametrize(
    ("text", "only_when"),
    [
        ("Sheila here, after 10 tonight", True),  # the name said as on the phone
        ("here, after 10 tonight", False),  # no name before it
        ("Sheila. he is here tonight", False),
    ],
)
def test_a_name_said_with_here_only_says_when(text, only_when):
    assert ta.only_says_when(text) is only_when
