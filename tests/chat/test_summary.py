"""A summary to keep (issue 20, build 2): `POST /api/chat/sessions/{id}/summary` makes an
unguessable link to a one-page summary of the offer sections the chat has shown, tailored to
the arrangement, with the contact routes and the enquiry reference, and nothing personal; the
link stops working when the chat ends ("Clear this chat", a quiet while, retention, erasure).

No Rasa runs here: each conversation is set up in the database as the chat would leave it
(tests/chat/summary_helpers.py). The page in Chromium (one A4 page, axe): test_summary_browser.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from html import unescape

import pytest
from sqlalchemy import func, select, update

from bot.core import clock
from bot.db.models import Conversation, SummaryLink
from bot.db.session import get_sessionmaker
from bot.enquiries.models import Enquiry
from bot.enquiries.retention import apply_retention
from bot.enquiries.service import erase
from bot.offer.loader import get_offer
from bot.settings import get_settings
from tests.chat.summary_helpers import (
    CARER_WORDS,
    PERSONAL,
    TYPED,
    chat_that_showed,
    last_activity,
)

URL = re.compile(r"^/chat/summary/([A-Za-z0-9_-]{43})$")


def make_link(client, session_id: str) -> str:
    response = client.post(f"/api/chat/sessions/{session_id}/summary")
    assert response.status_code == 201, response.text
    assert response.headers["cache-control"] == "no-store"
    url = response.json()["url"]
    assert URL.match(url), url
    return url


def page_text(html: str) -> str:
    """A page's text as one line, its entities unescaped (or any text, to compare with one)."""
    return re.sub(r"\s+", " ", unescape(html))


def conversation_exists(conversation_id: str) -> bool:
    with get_sessionmaker()() as db:
        return db.get(Conversation, conversation_id) is not None


def links_of(conversation_id: str) -> int:
    with get_sessionmaker()() as db:
        return db.scalar(
            select(func.count())
            .select_from(SummaryLink)
            .where(SummaryLink.conversation_id == conversation_id)
        )


# --------------------------------------------------------------------------- the link


def test_a_link_is_unguessable_and_only_its_hash_is_kept(client):
    chat = chat_that_showed(["housing"])
    first, second = make_link(client, chat.session_id), make_link(client, chat.session_id)
    assert first != second  # a new link each time; both work
    assert client.get(first).status_code == 200
    assert client.get(second).status_code == 200
    token = URL.match(first).group(1)
    with get_sessionmaker()() as db:
        stored = db.scalars(
            select(SummaryLink.token_hash).where(
                SummaryLink.conversation_id == chat.conversation_id
            )
        ).all()
    assert hashlib.sha256(token.encode()).hexdigest() in stored
    assert token not in stored and all(token not in value for value in stored)


def test_a_chat_keeps_its_newest_five_links(client):
    chat = chat_that_showed(["housing"])
    urls = [make_link(client, chat.session_id) for _ in range(7)]
    assert links_of(chat.conversation_id) == 5
    assert client.get(urls[-1]).status_code == 200


def test_no_link_for_an_unknown_or_ended_chat(client):
    assert client.post("/api/chat/sessions/not-a-session/summary").status_code == 404
    assert client.post(f"/api/chat/sessions/{'x' * 200}/summary").status_code == 404
    chat = chat_that_showed(["housing"])
    assert client.post(f"/api/chat/sessions/{chat.session_id}/end").status_code == 204
    ended = client.post(f"/api/chat/sessions/{chat.session_id}/summary")
    assert ended.status_code == 410
    assert "start a new one" in ended.json()["detail"]


def test_asking_for_or_reading_a_summary_does_not_keep_the_chat_open(client):
    chat = chat_that_showed(["housing"])
    before = last_activity(chat.conversation_id)
    url = make_link(client, chat.session_id)
    client.get(url)
    assert last_activity(chat.conversation_id) == before


# --------------------------------------------------------------------------- what it holds


def test_it_lists_the_sections_shown_in_order_tailored_to_the_arrangement(client):
    offer = get_offer()
    shown = ["financial-support", "housing", "education"]
    chat = chat_that_showed(shown, arrangement="sgo")
    response = client.get(make_link(client, chat.session_id))
    assert response.status_code == 200
    html = page_text(response.text)
    titles = [offer.sections[s].title for s in shown]
    at = [html.index(f">{title}</h3>") for title in titles]
    assert at == sorted(at), "in the order they were shown"
    assert offer.sections["legal-support"].title not in html  # never shown
    assert offer.arrangements["sgo"].title in html
    for section_id in shown:
        section = offer.sections[section_id]
        assert page_text(section.arrangement_note("everyone")) in html
        assert page_text(section.arrangement_note("sgo")) in html
        # Only this family's arrangement: not what another arrangement adds.
        other = section.arrangement_note("kinship_fostering")
        if other and other != section.arrangement_note("sgo"):
            assert page_text(other) not in html
        assert f'href="/offer/{section_id}?arrangement=sgo"' in html


def test_without_a_known_arrangement_it_shows_what_everyone_gets(client):
    offer = get_offer()
    chat = chat_that_showed(["financial-support"])
    html = page_text(client.get(make_link(client, chat.session_id)).text)
    assert "We did not know your arrangement" in html
    assert "With your arrangement" not in html
    section = offer.sections["financial-support"]
    assert page_text(section.arrangement_note("everyone")) in html
    assert page_text(section.arrangement_note("sgo")) not in html


def test_a_young_person_gets_the_young_peoples_words(client):
    offer = get_offer()
    chat = chat_that_showed(["education"], audience="young_person")
    html = page_text(client.get(make_link(client, chat.session_id)).text)
    first_words = offer.sections["education"].young_person_text.split("\n")[0][:40]
    assert page_text(first_words) in html


def test_sections_shown_only_by_the_app_itself_are_listed_too(client):
    """The answer after a safety reply is the app's own (not recorded by the chat turn's
    sections_shown); its message's sections count."""
    chat = chat_that_showed(["housing"])
    with get_sessionmaker()() as db:
        db.execute(
            update(Conversation)
            .where(Conversation.id == chat.conversation_id)
            .values(sections_shown=[])
        )
        db.commit()
    html = client.get(make_link(client, chat.session_id)).text
    assert get_offer().sections["housing"].title in html


def test_it_holds_the_reference_and_the_contact_routes_and_nothing_personal(client):
    chat = chat_that_showed(["housing", "education"], arrangement="informal", enquiry=True)
    html = client.get(make_link(client, chat.session_id)).text
    assert chat.reference and chat.reference in html
    for personal in [*PERSONAL, CARER_WORDS, TYPED, "after 6pm"]:
        assert personal not in html, personal
    council = get_offer().council
    # The Kinship Navigators' routes, placeholders marked as such and not made into links.
    assert council.navigators.name in html
    phone = council.navigators.phone
    assert phone.value in html
    if phone.placeholder:
        assert "(placeholder: not the real phone number)" in html
        assert f'href="tel:{phone.value.replace(" ", "")}"' not in html
    # Real numbers are tap-to-call links, as on the offer pages.
    assert 'href="tel:999"' in html
    # The section's own contacts (other than the Navigators).
    assert council.contacts["virtual_school"].name in html


def test_without_an_enquiry_there_is_no_reference(client):
    chat = chat_that_showed(["housing"])
    html = client.get(make_link(client, chat.session_id)).text
    assert "enquiry reference" not in html


def test_an_empty_chat_gets_a_summary_that_says_so(client):
    session_id = client.post("/api/chat/sessions").json()["session_id"]
    response = client.get(make_link(client, session_id))
    assert response.status_code == 200
    assert "had not shown you any part of the offer yet" in response.text


def test_the_page_is_not_indexed_kept_or_referred(client):
    chat = chat_that_showed(["housing"])
    response = client.get(make_link(client, chat.session_id))
    assert "noindex" in response.headers["x-robots-tag"]
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert '<meta name="robots" content="noindex, nofollow, noarchive">' in response.text
    assert '<meta name="referrer" content="no-referrer">' in response.text
    assert "<script>" not in response.text and "style=" not in response.text
    assert "widget.js" not in response.text  # no chat on the summary page


# --------------------------------------------------------------------------- refused after


def refused(client, url: str) -> None:
    response = client.get(url)
    assert response.status_code in (404, 410), response.status_code
    assert "This summary is no longer available" in response.text
    assert "noindex" in response.headers["x-robots-tag"]
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["content-type"].startswith("text/html")


def test_clear_this_chat_ends_its_summary(client):
    chat = chat_that_showed(["housing"], enquiry=True)
    url = make_link(client, chat.session_id)
    assert client.post(f"/api/chat/sessions/{chat.session_id}/end").status_code == 204
    refused(client, url)
    assert chat.reference not in client.get(url).text
    assert links_of(chat.conversation_id) == 0  # deleted, not only refused


def quiet_since(conversation_id: str, when: dt.datetime) -> None:
    with get_sessionmaker()() as db:
        db.execute(
            update(Conversation)
            .where(Conversation.id == conversation_id)
            .values(last_activity_at=when, created_at=when)
        )
        db.commit()


def test_a_quiet_while_ends_its_summary(client):
    chat = chat_that_showed(["housing"])
    url = make_link(client, chat.session_id)
    hours = get_settings().chat_session_idle_hours
    now = clock.now()
    quiet_since(chat.conversation_id, now - dt.timedelta(hours=hours, minutes=1))
    assert client.get(url).status_code == 410
    refused(client, url)
    # The retention job deletes the rows of ended chats' links. (The app's own scheduled run
    # may get there first while this test runs, so the end state is checked, not the count.)
    with get_sessionmaker()() as db:
        apply_retention(db, now)
        db.commit()
    assert links_of(chat.conversation_id) == 0


def test_retention_ends_its_summary(client):
    chat = chat_that_showed(["housing"])
    url = make_link(client, chat.session_id)
    now = clock.now()
    days = get_offer().council.retention_days["analytics"]
    quiet_since(chat.conversation_id, now - dt.timedelta(days=days + 1))
    with get_sessionmaker()() as db:
        apply_retention(db, now)
        db.commit()
    assert conversation_exists(chat.conversation_id) is False
    refused(client, url)
    assert links_of(chat.conversation_id) == 0


def test_erasure_ends_its_summary(client):
    chat = chat_that_showed(["housing"], enquiry=True)
    url = make_link(client, chat.session_id)
    with get_sessionmaker()() as db:
        enquiry = db.scalar(select(Enquiry).where(Enquiry.reference == chat.reference))
        erase(db, enquiry)
        db.commit()
    refused(client, url)
    assert links_of(chat.conversation_id) == 0


def test_exit_this_page_forgets_the_link(client):
    chat = chat_that_showed(["housing"])
    url = make_link(client, chat.session_id)
    other = make_link(client, chat.session_id)
    response = client.post(f"{url}/forget")
    assert response.status_code == 204
    refused(client, url)
    assert client.get(other).status_code == 200  # only that one
    assert client.post(f"{url}/forget").status_code == 204  # again: not an error


@pytest.mark.parametrize("token", ["x" * 43, "short", "a" * 500, "static", "%00" * 20])
def test_a_made_up_link_is_a_plain_404(client, token):
    response = client.get(f"/chat/summary/{token}")
    assert response.status_code == 404
    assert "This summary is no longer available" in response.text
