"""The typed loader: what the rest of the app relies on."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.offer import loader as loader_module
from bot.offer.loader import ContentError, get_offer, load_offer, reload_offer
from bot.offer.models import ARRANGEMENT_IDS, SECTION_IDS, Offer


def test_sections_load_in_design_order(offer: Offer) -> None:
    assert list(offer.sections) == list(SECTION_IDS)


def test_section_fields_the_chat_uses(offer: Offer) -> None:
    section = offer.sections["housing"]
    assert section.id == "housing"
    assert section.title and section.summary and section.carer_text and section.young_person_text
    assert isinstance(section.arrangements, dict)
    assert isinstance(section.referral_needed, bool)
    assert isinstance(section.last_reviewed, dt.date) and isinstance(section.review_due, dt.date)
    assert section.keywords and all(isinstance(k, str) for k in section.keywords)
    assert section.contacts == ["navigators", "housing_options"]
    assert offer.section_url("housing") == "/offer/housing"


def test_arrangements_glossary_council_dialogue(offer: Offer) -> None:
    assert list(offer.arrangements) == list(ARRANGEMENT_IDS)
    for arrangement in offer.arrangements.values():
        assert arrangement.parental_responsibility and arrangement.council_support
        assert arrangement.questions
    assert offer.term_for("special guardian ship").arrangement == "sgo"
    assert offer.term_for("Reg 24").arrangement == "kinship_fostering"
    assert offer.term_for("residence order").arrangement == "cao"
    assert offer.term_for("no court stuff").arrangement == "informal"
    assert offer.term_for("me nan").term == "grandparent"
    assert offer.term_for("the social").term == "MASH"
    for key in loader_module.REQUIRED_DIALOGUE_KEYS:
        assert offer.dialogue[key]
    assert "automated assistant" in offer.dialogue["greet"]
    assert "{" not in offer.dialogue["greet"]  # names were filled in
    assert "Rotherham" in offer.dialogue["greet"]


def test_council_settings_and_placeholders(offer: Offer) -> None:
    council = offer.council
    assert council.name == "Rotherham Metropolitan Borough Council"
    # The demo content's details are placeholders; a council's real ones are not (make test
    # runs on both).
    demo = council.navigators.phone.placeholder
    assert str(council.navigators.phone) == ("01709 000000" if demo else "0114 496 0000")
    assert council.emergency["emergency_services"].phone.value == "999"
    assert council.emergency["nspcc"].phone.value == "0808 800 5000"
    assert council.emergency["childline"].phone.value == "0800 1111"
    assert council.emergency["childline"].phone.placeholder is False
    assert council.emergency["front_door"].phone.placeholder is demo
    assert council.emergency["emergency_duty_team"].phone.placeholder is demo
    assert set(council.retention_days) >= {"enquiries", "transcripts", "analytics"}
    assert council.consent_version
    # The privacy notice states the real retention periods.
    assert f"{council.retention_days['enquiries']} days" in council.privacy_notice.text
    assert f"{council.retention_days['transcripts']} days" in council.privacy_notice.text
    placeholders = council.placeholders()
    assert ("navigators.phone" in placeholders and "navigators.hours" in placeholders) is demo
    assert "emergency.nspcc.phone" not in placeholders
    assert any("link" in p for p in offer.placeholders()) is demo


def test_office_hours(offer: Offer) -> None:
    hours = offer.council.navigators.hours
    assert hours.is_open_at(dt.datetime(2026, 11, 23, 9, 0))  # Monday morning
    assert not hours.is_open_at(dt.datetime(2026, 11, 23, 17, 30))  # Monday evening
    assert not hours.is_open_at(dt.datetime(2026, 11, 27, 16, 45))  # Friday after 4.30pm
    assert not hours.is_open_at(dt.datetime(2026, 11, 28, 10, 0))  # Saturday


def test_get_offer_is_cached_and_reloadable(monkeypatch, content_copy) -> None:
    monkeypatch.setenv("CONTENT_DIR", str(content_copy))
    reload_offer()
    try:
        first = get_offer()
        assert get_offer() is first
        path = content_copy / "sections" / "housing.md"
        path.write_text(path.read_text().replace("title: Housing", "title: Housing help"))
        assert get_offer().sections["housing"].title == "Housing"
        assert reload_offer().sections["housing"].title == "Housing help"
    finally:
        monkeypatch.undo()  # CONTENT_DIR as it was before: the content of the run
        reload_offer()


def test_bad_content_raises_content_error_with_plain_problems(edit) -> None:
    root = edit("sections/housing.md", "review_due: 2027-06-30", "review_due: next June")
    with pytest.raises(ContentError) as caught:
        load_offer(root)
    assert caught.value.problems == [
        "ERROR: sections/housing.md, review_due: should be a date written like 2026-05-31"
    ]


def test_missing_folder(tmp_path) -> None:
    with pytest.raises(ContentError) as caught:
        load_offer(tmp_path / "nowhere")
    assert "does not exist" in caught.value.problems[0]
