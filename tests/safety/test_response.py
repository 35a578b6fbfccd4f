import datetime as dt
import re
from types import SimpleNamespace

import pytest

from bot.core import clock
from bot.core.contacts import PLACEHOLDER_MARK
from bot.offer.loader import get_offer
from bot.offer.models import OfficeHours, Value
from bot.safety.response import HANDOFF_PAYLOAD, RESUME_PAYLOAD, safety_messages
from tests.office_hours import (
    BANK_HOLIDAY_11AM,
    BOTH_BRANCHES,
    SATURDAY_11AM,
    TUESDAY_11AM,
    TUESDAY_11PM,
)

COMBOS = [(hours, young) for hours in (True, False) for young in (True, False)]
# Ofcom drama numbers: real-looking, never anyone's line.
FRONT_DOOR, DUTY_TEAM = "01632 960001", "01632 960002"


@pytest.fixture(scope="module")
def offer():
    return get_offer()


@pytest.fixture(scope="module")
def council(offer):
    return offer.council


def _texts(msgs):
    return [m["text"] for m in msgs]


def _number(council, key):
    return council.emergency[key].phone.value


def _with_numbers(council, front_door=FRONT_DOOR, duty_team=DUTY_TEAM, **front_door_fields):
    """The real council with real (not placeholder) front door and out-of-hours numbers."""
    emergency = dict(council.emergency)
    for key, number in (("front_door", front_door), ("emergency_duty_team", duty_team)):
        if number is not None:
            emergency[key] = emergency[key].model_copy(update={"phone": Value(value=number)})
    emergency["front_door"] = emergency["front_door"].model_copy(update=front_door_fields)
    return council.model_copy(update={"emergency": emergency})


def _with_placeholders(council):
    """The council with its front door and out-of-hours numbers marked as demo values, as in
    the content this project ships (whatever the content in use says)."""
    emergency = dict(council.emergency)
    for key in ("front_door", "emergency_duty_team"):
        phone = emergency[key].phone.model_copy(update={"placeholder": True})
        emergency[key] = emergency[key].model_copy(update={"phone": phone})
    return council.model_copy(update={"emergency": emergency})


def _everything(msgs):
    return " ".join(_texts(msgs))


def test_phrases_live_in_dialogue_yml_with_number_kept_for_turn_time(offer):
    for key in (
        "safety_999",
        "safety_front_door",
        "safety_duty_team",
        "safety_childline",
        "safety_nspcc",
        "safety_front_door_closed",
    ):
        assert "{number}" in offer.dialogue[key], key
    for key in (
        "safety_no_number",
        "safety_ask_carer",
        "safety_yes_carer",
        "safety_ask_young_person",
        "safety_yes_young_person",
        "safety_no",
    ):
        assert offer.dialogue[key].strip(), key
    assert "{council_short_name}" not in offer.dialogue["safety_front_door"]  # filled at load


@pytest.mark.parametrize("young", [True, False])
@pytest.mark.parametrize("when", [TUESDAY_11AM, TUESDAY_11PM])
@pytest.mark.parametrize("real_numbers", [True, False])
def test_every_text_comes_from_dialogue_yml(offer, council, when, young, real_numbers):
    council = _with_numbers(council) if real_numbers else council
    numbers = [_number(council, k) for k in council.emergency]
    allowed = set()
    for key, phrase in offer.dialogue.items():
        if key.startswith("safety_"):
            allowed.add(phrase)
            allowed.update(phrase.replace("{number}", n) for n in numbers)
    for m in safety_messages(council, young_person=young, now=when):
        assert m["text"] in allowed, m["text"]
        for b in m["buttons"]:
            assert b["title"] in allowed


def test_shape_and_order_adult_office_hours(council):
    council = _with_numbers(council)
    msgs = safety_messages(council, young_person=False, now=TUESDAY_11AM)
    for m in msgs:
        assert set(m) == {"text", "buttons", "sections", "kind"}
        assert m["kind"] == "safeguarding" and m["sections"] == []
        assert isinstance(m["text"], str) and m["text"]
        for b in m["buttons"]:
            assert set(b) == {"title", "payload"}
    texts = _texts(msgs)
    assert texts[0] == "If anyone is in immediate danger, call 999 now."
    assert FRONT_DOOR in texts[1] and "open now" in texts[1]
    assert DUTY_TEAM not in " ".join(texts)
    assert "0808 800 5000" in texts[2]  # NSPCC first for adults
    assert "0800 1111" in texts[3]  # Childline too
    payloads = [b["payload"] for b in msgs[-1]["buttons"]]
    assert payloads == [HANDOFF_PAYLOAD, RESUME_PAYLOAD]


@BOTH_BRANCHES
def test_front_door_by_day_out_of_hours_team_by_night(council, when, out_of_hours):
    with clock.fixed(when):
        texts = _everything(safety_messages(_with_numbers(council), young_person=False))
    assert (DUTY_TEAM in texts, FRONT_DOOR in texts) == (out_of_hours, not out_of_hours)
    assert ("open now" in texts) == (not out_of_hours)


@BOTH_BRANCHES
def test_placeholder_numbers_are_never_shown(offer, council, when, out_of_hours):
    """As in the demo council.yml: front door and out-of-hours numbers are placeholders, so the
    reply gives the no-number wording, in office hours and out of them."""
    council = _with_placeholders(council)
    assert council.emergency["front_door"].phone.placeholder
    assert council.emergency["emergency_duty_team"].phone.placeholder
    with clock.fixed(when):
        msgs = safety_messages(council, young_person=False)
    texts = _everything(msgs)
    assert "placeholder" not in texts
    for key in ("front_door", "emergency_duty_team"):
        assert council.emergency[key].phone.value not in texts
    assert offer.dialogue["safety_no_number"] in _texts(msgs)
    assert "open now" not in texts
    assert "0808 800 5000" in texts and "0800 1111" in texts and "999" in texts


@BOTH_BRANCHES
def test_one_placeholder_number_gives_the_real_one_or_no_number(offer, council, when, out_of_hours):
    # Real front door, placeholder out-of-hours number: by night the front door (closed wording).
    council = _with_placeholders(council)
    with clock.fixed(when):
        texts = _texts(safety_messages(_with_numbers(council, duty_team=None), False, False))
    placeholder = council.emergency["emergency_duty_team"].phone.value
    assert placeholder not in " ".join(texts)
    assert FRONT_DOOR in texts[1]
    assert ("open now" in texts[1]) == (not out_of_hours)
    # Placeholder front door, real out-of-hours number: by day no number (the out-of-hours team
    # is not the one to ring in office hours); by night the out-of-hours team.
    with clock.fixed(when):
        texts = _texts(safety_messages(_with_numbers(council, front_door=None), False, False))
    assert council.emergency["front_door"].phone.value not in " ".join(texts)
    if out_of_hours:
        assert DUTY_TEAM in texts[1]
    else:
        assert texts[1] == offer.dialogue["safety_no_number"]


def test_open_now_follows_the_front_doors_hours_not_the_navigators(council):
    # The front door answers on Saturdays here; the navigators do not (council.yml).
    saturdays = OfficeHours(
        text="Tuesday and Saturday 9am to 5pm.",
        days={day: "09:00-17:00" for day in ("tuesday", "saturday")},
    )
    assert "saturday" not in council.navigators.hours.days
    council = _with_numbers(council, hours=saturdays)
    texts = _texts(
        safety_messages(council, in_office_hours=False, young_person=False, now=SATURDAY_11AM)
    )
    assert FRONT_DOOR in texts[1] and "open now" in texts[1] and DUTY_TEAM not in texts[1]
    # ... and is closed when the navigators are open (Tuesday 5.30pm is not in these hours,
    # Thursday 10am is not a front-door day), whatever the caller's flag says.
    for when in (
        dt.datetime(2026, 11, 24, 17, 30, tzinfo=TUESDAY_11AM.tzinfo),
        dt.datetime(2026, 11, 26, 10, 0, tzinfo=TUESDAY_11AM.tzinfo),
    ):
        closed = council.model_copy(
            update={
                "emergency": {
                    **council.emergency,
                    "front_door": council.emergency["front_door"].model_copy(
                        update={"hours": OfficeHours(text="x", days={"tuesday": "09:00-17:00"})}
                    ),
                }
            }
        )
        texts = _texts(safety_messages(closed, in_office_hours=True, young_person=False, now=when))
        assert DUTY_TEAM in texts[1] and "open now" not in " ".join(texts)


def test_front_door_closed_on_a_bank_holiday(council):
    texts = _texts(safety_messages(_with_numbers(council), False, False, now=BANK_HOLIDAY_11AM))
    assert DUTY_TEAM in texts[1] and FRONT_DOOR not in " ".join(texts)


def test_without_front_door_hours_the_reply_never_says_open_now(council):
    council = _with_numbers(council, hours=None)
    texts = _everything(safety_messages(council, in_office_hours=True, young_person=False))
    assert FRONT_DOOR in texts and "open now" not in texts
    texts = _everything(safety_messages(council, in_office_hours=False, young_person=False))
    assert DUTY_TEAM in texts


@pytest.mark.parametrize("hours,young", COMBOS)
def test_both_helplines_always_shown_childline_first_for_young_people(council, hours, young):
    when = TUESDAY_11AM if hours else TUESDAY_11PM
    texts = _texts(safety_messages(council, young_person=young, now=when))
    childline = [i for i, t in enumerate(texts) if "0800 1111" in t]
    nspcc = [i for i, t in enumerate(texts) if "0808 800 5000" in t]
    assert len(childline) == 1 and len(nspcc) == 1
    assert (childline[0] < nspcc[0]) == young
    line = texts[childline[0]].lower()
    assert "free" in line and "private" in line
    for word in ("am", "pm", "24 hours", "open", "hours", "day"):
        assert f" {word} " not in f" {line} "


def test_young_person_gets_young_person_question(council):
    msgs = safety_messages(council, young_person=True, now=TUESDAY_11AM)
    assert "Kinship Navigator" not in msgs[-1]["text"]
    assert [b["payload"] for b in msgs[-1]["buttons"]] == [HANDOFF_PAYLOAD, RESUME_PAYLOAD]


def test_real_number_has_no_placeholder_note_and_other_shapes_work():
    council = SimpleNamespace(
        name="Testshire",
        emergency=SimpleNamespace(
            front_door=SimpleNamespace(
                phone=SimpleNamespace(value="0100 222333", placeholder=False)
            ),
            emergency_duty_team="0100 444555",
            nspcc={"value": "0808 800 5000", "placeholder": False},
        ),
    )
    texts = " ".join(_texts(safety_messages(council, True, False)))
    assert "0100 222333" in texts and "placeholder" not in texts
    texts = " ".join(_texts(safety_messages(council, False, False)))
    assert "0100 444555" in texts
    assert "0800 1111" in texts  # national number used when the council gives none


def test_missing_settings_never_raise_or_invent_numbers():
    for council in (
        None,
        {},
        {"name": None},
        {"emergency": None},
        {"emergency": {"front_door": {}}},
        object(),
        {"emergency": {"front_door": {"value": "  "}}},
        {"emergency": {"front_door": {"phone": None}}},
    ):
        for hours, young in COMBOS:
            msgs = safety_messages(council, hours, young)
            texts = " ".join(_texts(msgs))
            assert msgs[0]["text"] == "If anyone is in immediate danger, call 999 now."
            digits = [w for w in texts.split() if sum(c.isdigit() for c in w) >= 4]
            assert all(d.strip(".:,") in {"0808", "800", "5000", "0800", "1111"} for d in digits)


def test_missing_phrases_still_give_999():
    msgs = safety_messages(None, True, False, phrases={})
    assert _texts(msgs) == ["If anyone is in immediate danger, call 999 now."]


@pytest.mark.parametrize("real_numbers", [True, False])
def test_texts_are_short_and_plain(council, real_numbers):
    # textstat needs NLTK data that cannot be downloaded here, so: a simple offline measure.
    council = _with_numbers(council) if real_numbers else council
    for hours, young in COMBOS:
        msgs = safety_messages(
            council, young_person=young, now=TUESDAY_11AM if hours else TUESDAY_11PM
        )
        for m in msgs:
            text = m["text"].replace(PLACEHOLDER_MARK, "")
            assert len(text) <= 200
            for sentence in re.split(r"[.?!:]\s", text):
                assert len(sentence.split()) <= 18, sentence
        words = re.findall(r"[a-z]+", " ".join(_texts(msgs)).replace(PLACEHOLDER_MARK, "").lower())
        long_words = [w for w in words if len(re.findall(r"[aeiouy]+", w)) >= 4]
        assert len(long_words) / len(words) < 0.06, long_words
