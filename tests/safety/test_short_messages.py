"""Short everyday messages and hand-off form answers never raise the safety response; short
danger is left to the rules, which still catch it. Sentences here are in no data set."""

import pytest

from bot.safety import assess
from bot.safety.engine import MIN_CLASSIFIER_WORDS, word_count
from bot.safety.evaluation import load

# The messages that raised the alarm before the gate.
REPORTED = ["no", "hi", "tomorrow morning", "07700 900007"]

# Typed into the chat or into a field of the hand-off form (name, phone, e-mail, best time);
# none of them is in bot/safety/data/ordinary.yaml, which the classifier learns from.
EVERYDAY = [
    "Nope",
    "yeah go on",
    "yes please",
    "ok ta",
    "cheers",
    "thanks a lot",
    "hello there",
    "good afternoon",
    "hiya",
    "Margaret Ellis",
    "Tom",
    "Mrs P. Okafor",
    "0161 496 0123",
    "+44 7700 900456",
    "07700900321",
    "j.smith88@example.com",
    "nana.joan@example.org",
    "after half 3",
    "any time",
    "mornings are best",
    "weekday evenings",
    "not mondays",
    "after school run",
    "lunchtime",
    "not sure",
    "dunno",
    "maybe",
    "housing help",
    "money worries",
    "school stuff",
    "universal credit",
    "court forms",
    "contact",
    "respite",
    "what's a SGO",
    "allowance?",
    "special guardianship",
    "kinship care",
    "back",
    "menu",
    "start again",
    "ok bye",
    "yep that's right",
    "no thanks",
    "nothing else",
    "that's all",
    "wrong number",
    "Flat 2, 14 Park Road",
    "M14 5RT",
    "Friday",
    "2pm",
    "asap",
]


@pytest.mark.parametrize("text", REPORTED + EVERYDAY)
def test_short_everyday_messages_never_alarm(text):
    result = assess(text)
    assert not result.danger, (text, result.matched)


@pytest.mark.parametrize(
    "text",
    ["kms", "help hes hitting me", "i want to die", "he's got a knife", "baby's gone floppy"],
)
def test_short_danger_still_caught_by_the_rules(text):
    result = assess(text)
    assert result.danger, text
    assert "classifier" not in result.matched, (text, result.matched)


def test_word_count_ignores_numbers_and_punctuation():
    assert word_count(["07700", "900007"]) == 0
    assert word_count(["tomorrow", "morning", "."]) == 2
    assert MIN_CLASSIFIER_WORDS >= 3


def test_everyday_list_is_not_copied_from_the_training_set():
    _, ordinary = load("ordinary")
    trained = {item["text"].lower() for item in ordinary}
    assert len(EVERYDAY) >= 40
    assert not [t for t in EVERYDAY if t.lower() in trained]
