"""An arrangement named only as wished for is not the family's (bot/understanding/arrangements.py
`named_arrangements`, its cues in bot/understanding/rules/arrangement_wished.yaml): kinship foster
carers "thinking about going for an SGO" are kinship foster carers."""

from __future__ import annotations

import pytest
import yaml

from bot.understanding import arrangements
from bot.understanding.arrangements import arrangement_shown, named_arrangements


@pytest.mark.parametrize(
    "text, held, wished",
    [
        (
            "we're kinship foster carers for our grandson. if I go for an SGO do I lose the "
            "fostering allowance?",
            ["kinship_fostering"],
            ["sgo"],
        ),
        (
            "connected carers have applied for a special guardianship order, what happens to "
            "the fostering allowance once it's granted",
            ["kinship_fostering"],  # "connected carers"
            ["sgo"],
        ),
        ("we have an sgo for our grandson, can he get free school meals", ["sgo"], []),
        ("we got an SGO in 2020 and now want another SGO for his sister", ["sgo"], []),
    ],
)
def test_held_and_wished_for(text, held, wished):
    found_held, found_wished = named_arrangements(text)
    assert found_held == held
    assert found_wished == wished


def test_the_arrangement_shown_is_the_one_held():
    text = (
        "my sister's boy lives with me as a kinship foster placement, the social worker visits "
        "every 6 weeks. should i apply for an sgo?"
    )
    assert arrangement_shown(text) == "kinship_fostering"


def test_the_cues_file_reads_and_never_holds_words_that_say_it_is_held():
    data = yaml.safe_load(arrangements.WISHED_FILE.read_text(encoding="utf-8"))
    cues = {str(c) for c in data["cues"]}
    assert cues and data["between"]
    assert not cues & {"have", "got", "went for", "after the", "want", "get"}


def test_the_nlu_slot_of_an_arrangement_wished_for_is_not_kept():
    """Rasa's NLU fills the slot from the name it finds ("SGO"); the action sets it right."""
    from rasa_sdk import Tracker

    from actions.common import resolve_arrangement

    text = (
        "we're kinship foster carers for our grandson. if I go for an SGO do I lose the "
        "fostering allowance?"
    )

    def tracker(slot, entities):
        return Tracker.from_dict(
            {
                "sender_id": "test",
                "slots": {"arrangement": slot},
                "latest_message": {"text": text, "intent": {"name": "x"}, "entities": entities},
                "events": [],
                "active_loop": {},
            }
        )

    this_turn = [{"entity": "arrangement", "value": "sgo"}]
    assert resolve_arrangement(tracker("sgo", this_turn))[0] == "kinship_fostering"
    # kept from an earlier turn, not named now: it stands, and nothing is set again
    assert resolve_arrangement(tracker("sgo", [])) == ("sgo", [])


@pytest.mark.parametrize(
    "text, held",
    [
        # an arrangement named as ended is not held (arrangement_wished.yaml `ended`)
        ("for our granddaughter the special guardianship order replaced the care order", ["sgo"]),
        ("the judge made us special guardians, it ended the care order for our grandson", ["sgo"]),
    ],
)
def test_an_arrangement_named_as_ended_is_not_held(text, held):
    assert named_arrangements(text)[0] == held


def test_an_arrangement_to_go_over_to_or_explore_is_wished_for():
    # development set 31 (2026-12-05), in new words
    held, wished = named_arrangements("we foster her now but are going over to an SGO next year")
    assert "sgo" in wished and "sgo" not in held
    held, wished = named_arrangements("the aunt wants to explore special guardianship for him")
    assert "sgo" in wished and "sgo" not in held


@pytest.mark.parametrize(
    "text",
    [
        "we have no sgo, the council placed her with us and pays us a fostering allowance",
        "its not an sgo, we just have her while mum is in rehab",
    ],
)
def test_an_arrangement_named_as_not_held_is_not_the_familys(text):
    held, _ = named_arrangements(text)
    assert "sgo" not in held
