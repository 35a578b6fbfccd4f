import re
from types import SimpleNamespace

import pytest

from bot.core.contacts import PLACEHOLDER_MARK, shown
from bot.offer.loader import get_offer
from bot.safety.response import HANDOFF_PAYLOAD, RESUME_PAYLOAD, safety_messages

COMBOS = [(hours, young) for hours in (True, False) for young in (True, False)]


@pytest.fixture(scope="module")
def offer():
    return get_offer()


@pytest.fixture(scope="module")
def council(offer):
    return offer.council


def _texts(msgs):
    return [m["text"] for m in msgs]


def _number(council, key):
    return shown(council.emergency[key].phone)


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


@pytest.mark.parametrize("hours,young", COMBOS)
def test_every_text_comes_from_dialogue_yml(offer, council, hours, young):
    numbers = [_number(council, k) for k in council.emergency]
    allowed = set()
    for key, phrase in offer.dialogue.items():
        if key.startswith("safety_"):
            allowed.add(phrase)
            allowed.update(phrase.replace("{number}", n) for n in numbers)
    for m in safety_messages(council, in_office_hours=hours, young_person=young):
        assert m["text"] in allowed, m["text"]
        for b in m["buttons"]:
            assert b["title"] in allowed


def test_shape_and_order_adult_office_hours(council):
    msgs = safety_messages(council, in_office_hours=True, young_person=False)
    for m in msgs:
        assert set(m) == {"text", "buttons", "sections", "kind"}
        assert m["kind"] == "safeguarding" and m["sections"] == []
        assert isinstance(m["text"], str) and m["text"]
        for b in m["buttons"]:
            assert set(b) == {"title", "payload"}
    texts = _texts(msgs)
    assert texts[0] == "If anyone is in immediate danger, call 999 now."
    front_door = _number(council, "front_door")
    assert front_door in texts[1]
    if council.emergency["front_door"].phone.placeholder:
        assert PLACEHOLDER_MARK.strip() in texts[1]
    assert council.emergency["emergency_duty_team"].phone.value not in " ".join(texts)
    assert "0808 800 5000" in texts[2]  # NSPCC first for adults
    assert "0800 1111" in texts[3]  # Childline too
    payloads = [b["payload"] for b in msgs[-1]["buttons"]]
    assert payloads == [HANDOFF_PAYLOAD, RESUME_PAYLOAD]


def test_out_of_hours_uses_emergency_duty_team(council):
    texts = " ".join(_texts(safety_messages(council, in_office_hours=False, young_person=False)))
    assert _number(council, "emergency_duty_team") in texts
    assert council.emergency["front_door"].phone.value not in texts


@pytest.mark.parametrize("hours,young", COMBOS)
def test_both_helplines_always_shown_childline_first_for_young_people(council, hours, young):
    texts = _texts(safety_messages(council, in_office_hours=hours, young_person=young))
    childline = [i for i, t in enumerate(texts) if "0800 1111" in t]
    nspcc = [i for i, t in enumerate(texts) if "0808 800 5000" in t]
    assert len(childline) == 1 and len(nspcc) == 1
    assert (childline[0] < nspcc[0]) == young
    line = texts[childline[0]].lower()
    assert "free" in line and "private" in line
    for word in ("am", "pm", "24 hours", "open", "hours", "day"):
        assert f" {word} " not in f" {line} "


def test_young_person_gets_young_person_question(council):
    msgs = safety_messages(council, in_office_hours=True, young_person=True)
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


def test_texts_are_short_and_plain(council):
    # textstat needs NLTK data that cannot be downloaded here, so: a simple offline measure.
    for hours, young in COMBOS:
        msgs = safety_messages(council, hours, young)
        for m in msgs:
            text = m["text"].replace(PLACEHOLDER_MARK, "")
            assert len(text) <= 200
            for sentence in re.split(r"[.?!:]\s", text):
                assert len(sentence.split()) <= 18, sentence
        words = re.findall(r"[a-z]+", " ".join(_texts(msgs)).replace(PLACEHOLDER_MARK, "").lower())
        long_words = [w for w in words if len(re.findall(r"[aeiouy]+", w)) >= 4]
        assert len(long_words) / len(words) < 0.06, long_words
