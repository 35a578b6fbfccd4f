"""The language of a message (bot/understanding/language.py): English is never taken for
another language, the supported languages are read, and their danger words are found. Offline:
every test here runs with the network refused."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest
import yaml

from bot.understanding.language import (
    access_need_for_mail,
    access_need_in,
    interpreter_asked_for,
    language_content,
    preload_language_detector,
    read_language,
    safety_word_language,
)

ROOT = Path(__file__).resolve().parents[2]
MAX_ENGLISH_MISREAD = 0.005


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any connection leaving this machine fails the test (the models ship in the wheel)."""
    real_connect = socket.socket.connect

    def connect(sock, address):
        host = address[0] if isinstance(address, tuple) else ""
        if sock.family in (socket.AF_INET, socket.AF_INET6) and host not in (
            "127.0.0.1",
            "::1",
            "localhost",
        ):
            raise AssertionError(f"the language detector tried to reach the network: {address}")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    preload_language_detector()


def english_examples() -> list[str]:
    """Every example of data/nlu/*.yml, entity mark-up removed."""
    examples = []
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
            for line in (item.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    examples.append(re.sub(r"\[([^\]]*)\](\([^)]*\)|\{[^}]*\})", r"\1", line[2:]))
    return examples


def test_the_english_training_data_is_not_taken_for_another_language():
    examples = english_examples()
    assert len(examples) > 1000
    misread = [(e, read_language(e).language.name) for e in examples if read_language(e).language]
    share = len(misread) / len(examples)
    figure = (
        f"{len(misread)} of {len(examples)} English examples ({share:.2%}) read as another language"
    )
    print(figure)
    assert share <= MAX_ENGLISH_MISREAD, f"{figure}: {misread[:20]}"


@pytest.mark.parametrize(
    "text",
    [
        "me mam sez i cant",
        "tak",
        "nowt",
        "ta",
        "ta love",
        "aye",
        "wat r u on about",
        "mi nan has SGO for me n me bro",
        "i need interpreter polish please",
        "Wojciech Kowalski",  # a name, typed in the hand-off
        "07700 900123",
    ],
)
def test_short_english_and_names_stay_english(text):
    assert read_language(text).language is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Czy ktoś mówi po polsku?", "pl"),
        ("Czy ktos mowi po polsku", "pl"),  # without the accents
        ("Opiekuję się wnukiem, czy mogę dostać pieniądze?", "pl"),
        ("میں اپنے پوتے کی دیکھ بھال کرتی ہوں، کیا مجھے پیسے مل سکتے ہیں؟", "ur"),
        ("أنا أعتني بحفيدتي، هل يمكنني الحصول على دعم مالي؟", "ar"),
        ("Starám sa o vnučku, môžem dostať peniaze?", "sk"),
        ("Bună ziua, am grijă de nepoata mea. Pot primi bani?", "ro"),
    ],
)
def test_the_supported_languages_are_read(text, code):
    reading = read_language(text)
    assert reading.language is not None and reading.language.code == code, reading


def test_the_supported_languages_come_from_the_content_and_are_marked_for_review():
    content = language_content()
    assert {lang.name for lang in content.languages} >= {
        "Urdu",
        "Slovak",
        "Polish",
        "Arabic",
        "Romanian",
    }
    text = (ROOT / "offer_content" / "languages.yml").read_text(encoding="utf-8")
    assert "MACHINE-DRAFTED" in text and "translators" in text
    for language in content.languages:
        assert language.reply and language.button and language.safety_words
        assert not language.reviewed  # until the council's translators have checked it


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Pomocy! On ją bije", "pl"),
        ("pomocy", "pl"),
        ("ojciec go bije", "pl"),
        ("مدد", "ur"),
        ("النجدة", "ar"),
        ("mă bate în fiecare zi", "ro"),
    ],
)
def test_danger_words_in_the_supported_languages(text, code):
    language = safety_word_language(text)
    assert language is not None and language.code == code


@pytest.mark.parametrize(
    "text",
    [
        "Potrzebuję pomocy finansowej dla wnuczki",  # "help" with money is not a cry for help
        "my grandson needs help with school",
        "he hit the ball",
    ],
)
def test_help_in_an_ordinary_question_is_not_danger(text):
    assert safety_word_language(text) is None


def test_interpreter_and_access_needs_in_words():
    assert interpreter_asked_for("I need interpreter polish please").name == "Polish"
    assert interpreter_asked_for("my grandson is polish") is None
    assert access_need_in("polish") == "interpreter: Polish"
    assert access_need_in("I use BSL") == "British Sign Language"
    assert access_need_in("a textphone please") == "textphone"
    assert access_need_in("after 3pm") is None
    # The Navigators' mail carries only the fixed forms, never typed words.
    assert access_need_for_mail("interpreter: Polish") == "interpreter: Polish"
    assert access_need_for_mail("my name is Pat") == "yes (see the enquiry)"
    assert access_need_for_mail("") is None
