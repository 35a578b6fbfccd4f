"""Contact details and references; when the carer can expect contact."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.core.hours import LONDON
from bot.enquiries.contact import display_phone, guess_contact, normalise_email, normalise_phone
from bot.enquiries.timing import (
    REFERENCE_ALPHABET,
    day_in_words,
    expected_contact_by,
    expected_contact_sentence,
    new_reference,
)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("07700 900123", "07700900123"),
        ("07700-900-123", "07700900123"),
        ("+447700900123", "07700900123"),
        ("0044 7700 900123", "07700900123"),
        ("01709 123456", "01709123456"),
        ("020 7946 0000", "02079460000"),
        ("0300 123 4567", "03001234567"),
    ],
)
def test_uk_numbers(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize(
    "typed", ["12345", "0909 876 5432", "07000 123456", "+33 1 23 45 67 89", "phone me", "", "0"]
)
def test_not_uk_numbers(typed):
    assert normalise_phone(typed) is None


def test_emails():
    assert normalise_email(" Pat@Example.org ") == "Pat@example.org"
    for bad in ("pat", "pat@", "@x.org", "pat@example", "pa t@x.org", "a..b@x.org", "<a@b>c"):
        assert normalise_email(bad) is None, bad
    assert guess_contact("my email is pat@example.org") is None  # only a bare address
    assert guess_contact("pat@example.org") == ("email", "pat@example.org")


def test_display():
    assert display_phone("07700900123") == "07700 900123"
    assert display_phone("02079460000") == "020 7946 0000"


def test_references_are_short_unambiguous_and_varied():
    refs = {new_reference() for _ in range(500)}
    assert len(refs) == 500
    for ref in refs:
        assert ref.startswith("KIN-") and len(ref) == 9
        assert set(ref[4:]) <= set(REFERENCE_ALPHABET)
    assert not set("IO01") & set(REFERENCE_ALPHABET)


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=LONDON)


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        ("2026-11-30 10:00", "2026-12-01"),  # Monday in office hours -> end of Tuesday
        ("2026-11-30 07:00", "2026-11-30"),  # Monday before opening -> end of Monday
        ("2026-12-04 20:00", "2026-12-07"),  # Friday evening -> Monday
        ("2026-12-05 11:00", "2026-12-07"),  # Saturday -> Monday
        ("2026-12-24 18:00", "2026-12-29"),  # Christmas Day, Boxing Day (Monday 28th in lieu)
    ],
)
def test_expected_contact_follows_office_hours_and_bank_holidays(received, expected):
    assert expected_contact_by(at(received)) == dt.date.fromisoformat(expected)


def test_expected_contact_in_words():
    assert day_in_words(dt.date(2026, 12, 1)) == "Tuesday 1 December"
    sentence = expected_contact_sentence(dt.date(2026, 12, 1))
    assert sentence.endswith("by the end of Tuesday 1 December.")
    assert "{" not in expected_contact_sentence(None)
