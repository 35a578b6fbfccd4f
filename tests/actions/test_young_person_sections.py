"""A young person who asks about a part of the offer still hears about Childline and gets
their questions as next steps (never the carer's arrangement question)."""

from actions.offer_sections import ActionShowSections
from bot.offer.loader import get_offer
from tests.actions.helpers import run, tracker


def test_young_person_section_answer_ends_with_childline_and_questions():
    messages, _ = run(
        ActionShowSections(), tracker("need_education", slots={"audience": "young_person"})
    )
    assert get_offer().sections["education"].young_person_text in messages[0]["text"]
    assert "0800 1111" in messages[-1]["text"]
    assert messages[-1]["buttons"]
    assert all("/not_sure_arrangement" != b["payload"] for b in messages[-1]["buttons"])
