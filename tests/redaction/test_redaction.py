"""Redaction: the tricky cases in cases.py, names from the hand-off form, and robustness."""

from __future__ import annotations

import threading

import pytest

from bot.redaction import Redactor, get_redactor, nhs_number_valid, redact
from tests.redaction.cases import CASES, NAME_CASES


@pytest.mark.parametrize(
    ("text", "expected"), [(t, e) for _, t, e in CASES], ids=[c[0] for c in CASES]
)
def test_case(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("names", "text", "expected"),
    [(n, t, e) for _, n, t, e in NAME_CASES],
    ids=[c[0] for c in NAME_CASES],
)
def test_given_names(names, text, expected):
    assert redact(text, names=names) == expected


def test_enough_cases():
    assert len(CASES) + len(NAME_CASES) >= 40
    assert sum(1 for c in CASES if c[0].startswith("keep-")) >= 15


@pytest.mark.parametrize(
    ("text", "expected"), [(t, e) for _, t, e in CASES], ids=[c[0] for c in CASES]
)
def test_idempotent(text, expected):
    assert redact(expected) == expected


def test_non_text_and_odd_input():
    assert redact(None) == ""
    assert redact(12345) == "12345"
    assert redact("   ") == "   "
    assert redact("📞 07700 900123 😊") == "📞 [PHONE] 😊"
    long = "I need help with school. " * 800 + "07700 900123"
    assert redact(long).endswith("[PHONE]")


def test_names_argument_tolerates_junk():
    assert redact("Jane is here", names=["", " ", "J", None, "Jane"]) == "[NAME] is here"
    assert redact("Jane is here", names=iter(["Jane"])) == "[NAME] is here"


def test_extra_public_numbers():
    council = Redactor(public_numbers={"01632960000"})
    assert council.redact("ring 01632 960000") == "ring 01632 960000"
    assert council.redact("ring 01632 960001") == "ring [PHONE]"


def test_nhs_check_digit():
    assert nhs_number_valid("9434765919")
    assert not nhs_number_valid("9434765918")
    assert not nhs_number_valid("94347659")


def test_shared_and_thread_safe():
    assert get_redactor() is get_redactor()
    errors: list[BaseException] = []
    finished = []

    def work():
        try:
            for _, text, expected in CASES:
                assert redact(text) == expected
            finished.append(True)
        except BaseException as exc:  # any crash in a worker fails the test (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert len(finished) == len(threads)


def test_vocabulary_refresh_keeps_working(monkeypatch):
    import bot.redaction.engine as engine

    redactor = Redactor()
    monkeypatch.setattr(engine, "MAX_NEW_WORDS", 50)
    first = redactor.nlp
    for i in range(100):
        redactor.redact(f"ref zz{i} qq{i}")
    assert redactor.nlp is not first
    assert redactor.redact("my grandson Tyler, 07700 900123") == "my grandson [NAME], [PHONE]"
