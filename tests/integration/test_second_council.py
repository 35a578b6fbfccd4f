"""A second council from content and settings alone (issue #22).

The app is restarted once for this module with CONTENT_DIR set to the fictional Fernleigh pack
(tests/content/fernleigh), with the same Rasa server and trained model. Its chat replies and its
pages must then be Fernleigh's own (its allowance, its Kinship Cafe, its numbers and hours),
and nothing may be left of the project's own council: no reply and no page names Rotherham or
gives an 01709 number.

The app's clock is stopped at a Wednesday, 6.30pm: Fernleigh's front door and Navigators are
open until 7pm on Wednesdays only (Rotherham's close at 5pm), so "open now" shows the hours come
from Fernleigh's council.yml too.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import httpx
import pytest

from bot.offer.loader import load_offer
from scripts.live_system import MODEL

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
FERNLEIGH = ROOT / "tests" / "content" / "fernleigh"
WEDNESDAY_EVENING = "2026-12-02T18:30:00+00:00"  # 6.30pm in London (GMT)
# The project's own council: none of it may reach a Fernleigh visitor.
LEFT_BEHIND = re.compile(r"rotherham|01709|example\.invalid", re.IGNORECASE)

# Fernleigh's details, as written in tests/content/fernleigh/council.yml.
NAVIGATORS_PHONE = "0113 496 0100"
NAVIGATORS_TEXTPHONE = "18001 0113 496 0100"
NAVIGATORS_EMAIL = "kinship.navigators@fernleigh.example"
NAVIGATORS_HOURS = "Monday, Tuesday, Thursday and Friday 9am to 5pm. Wednesday 9am to 7pm."
FRONT_DOOR_PHONE = "0113 496 0200"
OUT_OF_HOURS_PHONE = "0113 496 0300"


@pytest.fixture(scope="module")
def fernleigh(live_system):
    """The live system with the app switched to the Fernleigh pack, once for the module."""
    previous = dict(live_system.extra_env)
    try:
        live_system.stop_app()
        live_system.extra_env = {
            **live_system.extra_env,
            "CONTENT_DIR": str(FERNLEIGH),
            "FIXED_NOW": WEDNESDAY_EVENING,
        }
        live_system.start_app()
        yield live_system
    finally:
        live_system.stop_app()
        # Back to what it was (not merely without our keys: a run on another pack keeps it).
        live_system.extra_env = previous
        live_system.start_app()


def no_trace_of_rotherham(what: str, text: str) -> None:
    found = LEFT_BEHIND.findall(text)
    assert not found, f"{what} still shows the project's own council: {found}"


def say(system, session: str, text: str | None = None, payload: str | None = None) -> dict:
    """One turn through the chat API; every reply in this module is checked for Rotherham."""
    reply = system.say(session, text, payload=payload)
    no_trace_of_rotherham(
        f"the reply to {text or payload!r}", json.dumps(reply, ensure_ascii=False)
    )
    return reply


def texts(reply: dict) -> str:
    return "\n".join(m["text"] for m in reply["messages"])


def get(system, path: str) -> httpx.Response:
    response = httpx.get(f"{system.app_url}{path}", timeout=10)
    assert response.status_code == 200, (path, response.status_code)
    no_trace_of_rotherham(path, response.text)
    return response


def page_words(page: str) -> str:
    """A page's text as a visitor reads it (tags removed, entities decoded)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_same_rasa_and_model_no_retraining(fernleigh):
    # Fernleigh keeps the project's glossary, so the model trained from it fits.
    assert str(MODEL) in fernleigh.rasa.args and fernleigh.rasa.poll() is None


def test_greeting_names_fernleighs_offer(fernleigh):
    reply = say(fernleigh, fernleigh.new_session(), "hello")
    assert "Fernleigh's Kinship Local Offer" in reply["messages"][0]["text"]


def test_money_question_gives_fernleighs_allowance(fernleigh):
    session = fernleigh.new_session()
    reply = say(fernleigh, session, "can I get any money for looking after my grandson")
    assert reply["context"]["needs"] == ["financial-support"]
    card = next(m for m in reply["messages"] if m["sections"])
    assert card["sections"][0]["url"] == "/offer/financial-support"
    assert "Fernleigh pays a Kinship Allowance of up to £95 a week for each child" in card["text"]
    assert "starter grant" in card["text"]
    ours = load_offer(FERNLEIGH).sections["financial-support"].carer_text.split("\n")[0]
    theirs = load_offer(ROOT / "offer_content").sections["financial-support"].carer_text
    assert ours in card["text"]
    assert theirs.split("\n")[0] not in card["text"]

    follow_up = texts(say(fernleigh, session, "how do I apply"))
    assert "Fernleigh Kinship Allowance and the starter grant" in follow_up
    assert f"Kinship Navigators: phone {NAVIGATORS_PHONE}" in follow_up


def test_support_group_question_names_the_kinship_cafe(fernleigh):
    reply = say(
        fernleigh, fernleigh.new_session(), "are there any support groups for kinship carers"
    )
    assert reply["context"]["needs"] == ["support-groups-and-training"]
    card = next(m for m in reply["messages"] if m["sections"])
    assert (
        "The Kinship Cafe meets every Tuesday morning, from 10am to 12 noon, at the Fernleigh "
        "Family Centre." in card["text"]
    )


def test_danger_gives_fernleighs_childrens_social_care(fernleigh):
    reply = say(
        fernleigh,
        fernleigh.new_session(),
        "my daughter's ex is outside and trying to get in, the kids are here",
    )
    assert reply["safeguarding"] is True
    assert reply["messages"][0]["kind"] == "safeguarding"
    assert "999" in reply["messages"][0]["text"]
    said = texts(reply)
    # Wednesday 6.30pm: open by Fernleigh's hours (until 7pm on Wednesdays), so the front door.
    assert (
        f"Call Fernleigh Council children's social care: {FRONT_DOOR_PHONE}. They are open now."
        in said
    )
    assert "0808 800 5000" in said and "0800 1111" in said  # national helplines unchanged
    assert any(
        b["payload"] == '/request_human{"urgent": true}' for b in reply["messages"][-1]["buttons"]
    )


def test_talk_to_a_person_gives_fernleighs_navigators(fernleigh):
    reply = say(fernleigh, fernleigh.new_session(), "talk to a person")
    handoff = reply["messages"][0]
    assert handoff["kind"] == "handoff"
    assert (
        f"Kinship Navigators: phone {NAVIGATORS_PHONE}, textphone (Relay UK) "
        f"{NAVIGATORS_TEXTPHONE}, e-mail {NAVIGATORS_EMAIL} ({NAVIGATORS_HOURS.removesuffix('.')})"
    ) in handoff["text"]
    assert "The Kinship Navigators are at work now" in handoff["text"]  # Wednesday until 7pm
    assert "placeholder" not in handoff["text"]  # a live council's details, none marked
    assert [b["payload"] for b in handoff["buttons"]] == ["/affirm", "/deny"]


def test_widget_config_is_fernleighs(fernleigh):
    config = get(fernleigh, "/api/chat/config").json()
    assert config["council_name"] == "Fernleigh Borough Council"
    assert config["out_of_hours"] is False  # Wednesday 6.30pm is in Fernleigh's hours
    assert "Fernleigh Borough Council keeps your name" in config["privacy_notice"]
    assert "We keep it for 400 days." in config["privacy_notice"]  # its own retention
    assert config["navigators"]["phone"] == NAVIGATORS_PHONE
    assert config["navigators"]["hours"] == NAVIGATORS_HOURS
    assert config["navigators"]["placeholder"] is False


def test_pages_show_fernleigh_and_never_rotherham(fernleigh):
    # The chat pages are the same for every council (the council's name comes from the
    # config above): they must simply not name another one.
    for path in ("/", "/chat/embed"):
        get(fernleigh, path)
    sections = get(fernleigh, "/api/offer/sections").json()
    assert {s["id"] for s in sections} == set(load_offer(FERNLEIGH).sections)
    get(fernleigh, "/api/offer/openreferral.json")
    pages = ["/offer", "/offer/leaflet", "/accessibility"]
    pages += [f"/offer/{s['id']}" for s in sections]
    pages += [f"/offer/arrangements/{key}" for key in load_offer(FERNLEIGH).arrangements]
    for path in pages:
        words = page_words(get(fernleigh, path).text)
        # Every page's header: the offer's name and the council's.
        assert "Fernleigh Kinship Local Offer Fernleigh Borough Council" in words, path
        # Every page's footer: Fernleigh's front door and out-of-hours team.
        assert f"Fernleigh Children's Advice Hub : {FRONT_DOOR_PHONE}" in words, path
        assert f"Fernleigh Out of Hours Social Care Team : {OUT_OF_HOURS_PHONE}" in words, path
    groups = page_words(get(fernleigh, "/offer/support-groups-and-training").text)
    assert "The Kinship Cafe meets every Tuesday morning" in groups
    leaflet = page_words(get(fernleigh, "/offer/leaflet").text)
    assert (
        "Read the full offer online at https://www.fernleigh.example/kinship-local-offer" in leaflet
    )
    money = page_words(get(fernleigh, "/offer/financial-support").text)
    assert "Fernleigh pays a Kinship Allowance of up to £95 a week for each child" in money
