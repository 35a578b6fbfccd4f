from types import SimpleNamespace

from bot.safety.response import PLACEHOLDER_NOTE, safety_messages

COUNCIL = {
    "name": "Rotherham Council",
    "emergency": {
        "front_door": {"value": "01709 000000", "placeholder": True},
        "emergency_duty_team": {"value": "01709 111111", "placeholder": True},
    },
}


def _texts(msgs):
    return [m["text"] for m in msgs]


def test_shape_and_order_adult_office_hours():
    msgs = safety_messages(COUNCIL, in_office_hours=True, young_person=False)
    for m in msgs:
        assert set(m) == {"text", "buttons", "sections", "kind"}
        assert m["kind"] == "safeguarding" and m["sections"] == []
        assert isinstance(m["text"], str) and m["text"]
        for b in m["buttons"]:
            assert set(b) == {"title", "payload"}
    texts = _texts(msgs)
    assert texts[0] == "If anyone is in immediate danger, call 999 now."
    assert "01709 000000 " + PLACEHOLDER_NOTE in texts[1]
    assert "01709 111111" not in " ".join(texts)
    assert "0808 800 5000" in texts[2]
    assert "0800 1111" not in " ".join(texts)
    payloads = [b["payload"] for b in msgs[-1]["buttons"]]
    assert payloads == ['/request_human{"urgent": true}', "/resume"]


def test_out_of_hours_uses_emergency_duty_team():
    texts = " ".join(_texts(safety_messages(COUNCIL, in_office_hours=False, young_person=False)))
    assert "01709 111111 " + PLACEHOLDER_NOTE in texts
    assert "01709 000000" not in texts


def test_young_person_gets_childline_without_hours():
    texts = " ".join(_texts(safety_messages(COUNCIL, in_office_hours=True, young_person=True)))
    assert "0808 800 5000" not in texts
    childline = [m["text"] for m in safety_messages(COUNCIL, True, True) if "0800 1111" in m["text"]]
    assert len(childline) == 1 and "free" in childline[0] and "confidential" in childline[0]
    for word in ("am", "pm", "24 hours", "open", "hours", "day"):
        assert f" {word} " not in f" {childline[0].lower()} "


def test_real_number_has_no_placeholder_note_and_objects_work():
    council = SimpleNamespace(name="Testshire", emergency=SimpleNamespace(
        front_door=SimpleNamespace(value="0100 222333", placeholder=False),
        emergency_duty_team="0100 444555"))
    texts = " ".join(_texts(safety_messages(council, True, False)))
    assert "0100 222333" in texts and "placeholder" not in texts
    texts = " ".join(_texts(safety_messages(council, False, False)))
    assert "0100 444555" in texts


def test_missing_settings_never_raise_or_invent_numbers():
    for council in (None, {}, {"name": None}, {"emergency": None}, {"emergency": {"front_door": {}}},
                    object(), {"emergency": {"front_door": {"value": "  "}}}):
        for hours in (True, False):
            for young in (True, False):
                msgs = safety_messages(council, hours, young)
                texts = " ".join(_texts(msgs))
                assert msgs[0]["text"] == "If anyone is in immediate danger, call 999 now."
                digits = [w for w in texts.split() if sum(c.isdigit() for c in w) >= 4]
                assert all(d.strip(".:,") in {"0808", "800", "5000", "0800", "1111"} for d in digits)


def test_texts_are_short_and_plain():
    # textstat needs NLTK data that cannot be downloaded here, so: a simple offline measure.
    import re

    for young in (True, False):
        for hours in (True, False):
            for m in safety_messages(COUNCIL, hours, young):
                assert len(m["text"]) <= 200
                for sentence in re.split(r"[.?!:]\s", m["text"]):
                    assert len(sentence.split()) <= 18, sentence
            words = re.findall(r"[a-z]+", " ".join(_texts(safety_messages(COUNCIL, hours, young))).lower())
            long_words = [w for w in words if len(re.findall(r"[aeiouy]+", w)) >= 4]
            assert len(long_words) / len(words) < 0.06, long_words
