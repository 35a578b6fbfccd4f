"""The reference of a message left for a Kinship Navigator, asked for again later in the chat
("what was my reference number again"): answered by the chat itself (bot/chat/reference.py),
never the offer's menu. The in-process app has no Rasa: these turns never need it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.chat.reference import asks_for_reference
from bot.db.models import Conversation
from bot.db.session import get_sessionmaker
from bot.enquiries.service import EnquiryDraft, create_enquiry
from bot.offer.loader import get_offer


@pytest.mark.parametrize(
    "text",
    [
        "sorry what was my ref again",
        "I have forgotten the reference, can you tell me",
        "whats our reference for the message i left",
    ],
)
def test_asking_for_the_reference(text):
    assert asks_for_reference(text)


@pytest.mark.parametrize(
    "text",
    [
        "do you need a reference from my employer for the assessment",
        "the ref gave our lad a red card today",
        "what is the court case reference on an SGO for",
        "",
    ],
)
def test_other_references_are_not_asked_for(text):
    assert not asks_for_reference(text)


def say(client, session_id, text):
    response = client.post(f"/api/chat/sessions/{session_id}/messages", json={"text": text})
    assert response.status_code == 200, response.text
    return response.json()["messages"]


def test_the_reference_of_the_message_left_in_this_chat_is_given_again(client):
    session_id = client.post("/api/chat/sessions").json()["session_id"]
    with get_sessionmaker()() as db:
        conversation_id = db.scalar(
            select(Conversation.id).where(Conversation.session_key == session_id)
        )
        enquiry = create_enquiry(
            db,
            EnquiryDraft(
                contact_method="phone",
                contact_value="07700 900123",
                conversation_id=conversation_id,
            ),
        )
        reference = enquiry.reference
        db.commit()
    messages = say(client, session_id, "sorry what was my ref again")
    assert len(messages) == 1
    assert reference in messages[0]["text"]


def test_without_a_message_left_the_person_is_told_where_to_find_it(client):
    session_id = client.post("/api/chat/sessions").json()["session_id"]
    messages = say(client, session_id, "I have forgotten the reference, can you tell me")
    dialogue = get_offer().dialogue
    assert [m["text"] for m in messages] == [dialogue["reference_none"]]
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/request_human"]


def test_inside_the_hand_off_form_the_words_are_the_forms(client):
    """A reference typed as an answer to the hand-off form ("anything else the Navigator should
    know?") is the form's answer: the chat does not answer it itself."""
    from bot.chat.schemas import UserMessage
    from bot.chat.service import FORM_QUESTION_KIND, LastBotMessage, begin_turn
    from bot.settings import get_settings

    session_id = client.post("/api/chat/sessions").json()["session_id"]
    with get_sessionmaker()() as db:
        conversation = db.scalar(select(Conversation).where(Conversation.session_key == session_id))
        asked = LastBotMessage(FORM_QUESTION_KIND, [], "Is there anything else?")
        incoming = UserMessage(text="my ref from last time was KIN-ABC12")
        reply, _, _ = begin_turn(db, get_settings(), conversation, incoming, asked)
    assert reply is None  # on to Rasa's form


def test_a_broken_rules_file_is_named(tmp_path):
    from bot.chat import reference

    path = tmp_path / "asks_reference.yaml"
    path.write_text("max_words: 14\nasks: []\n", encoding="utf-8")
    with pytest.raises(ValueError, match="asks_reference.yaml: `asks` needs at least one"):
        reference._rules.__wrapped__(path)
