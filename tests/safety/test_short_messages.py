"""Short everyday messages and hand-off form answers never raise the safety response; short
danger is left to the rules, which still catch it. Every sentence here except the reported ones
(REPORTED) is in no data set: neither in what the safety check and the other models learn from
nor in any set under tests/ (tests/safety/test_unseen_sentences.py checks it)."""

import pytest

from bot.safety import assess
from bot.safety.engine import MIN_CLASSIFIER_WORDS, word_count

# The messages that raised the alarm before the gate, as people reported them. Everyday words:
# some of them are in the training data by now (bot/safety/data/ordinary.yaml, data/nlu/).
REPORTED = ["no", "hi", "tomorrow morning", "07700 900007"]
KNOWN_TO_THE_DATA_SETS = REPORTED  # tests/safety/test_unseen_sentences.py leaves these out

# Typed into the chat or into a field of the hand-off form (name, phone, e-mail, best time).
EVERYDAY = [
    "nope not me",
    "yeah go on",
    "yes please love",
    "ok ta",
    "cheers pet",
    "thanks a lot love",
    "hello there",
    "good afternoon all",
    "hiya pet",
    "Margaret Ellis",
    "Tom",
    "Mrs P. Okafor",
    "0161 496 0123",
    "+44 7700 900456",
    "07700900321",
    "j.smith88@example.com",
    "nana.joan@example.org",
    "after half 3",
    "any time after 10",
    "mornings are best",
    "weekday evenings",
    "not mondays",
    "after school run",
    "lunchtime",
    "not really sure",
    "dunno tbh",
    "maybe",
    "housing advice",
    "money troubles",
    "school stuff",
    "universal credit",
    "court forms",
    "contact arrangements",
    "respite",
    "what's an SGO then",
    "allowance amount?",
    "special guardianship",
    "kinship care",
    "back",
    "menu",
    "start from the beginning",
    "ok bye now",
    "yep that's correct",
    "no thanks love",
    "nothing else ta",
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
    ["kms", "help hes hitting me", "i wanna die", "he's got a blade", "baby gone floppy"],
)
def test_short_danger_still_caught_by_the_rules(text):
    result = assess(text)
    assert result.danger, text
    assert "classifier" not in result.matched, (text, result.matched)


def test_word_count_ignores_numbers_and_punctuation():
    assert word_count(["07700", "900007"]) == 0
    assert word_count(["tomorrow", "morning", "."]) == 2
    assert MIN_CLASSIFIER_WORDS >= 3


def test_the_everyday_list_is_long_enough():
    # That none of them is in a data set is checked in tests/safety/test_unseen_sentences.py.
    assert len(EVERYDAY) >= 40
