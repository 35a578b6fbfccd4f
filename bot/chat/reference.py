"""The reference of a message left for a Kinship Navigator, asked for again ("what was my
reference number again"): answered by the chat itself, from the enquiry made in this
conversation; when none was made, where a reference left before can be found, and the way to a
person. Which words ask for it: bot/understanding/rules/asks_reference.yaml. The wording:
offer_content/dialogue.yml (`reference_again`, `reference_none`)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.chat.schemas import Button, ChatMessage
from bot.db.models import Conversation
from bot.enquiries.models import Enquiry
from bot.offer.loader import get_offer
from bot.understanding.danger import max_words, word_alternatives

RULES_FILE = Path(__file__).resolve().parents[1] / "understanding" / "rules" / "asks_reference.yaml"
REQUEST_HUMAN = "/request_human"


@lru_cache(maxsize=1)
def _rules(path: Path = RULES_FILE) -> tuple[int, re.Pattern[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return max_words(data, path), re.compile(r"\b" + word_alternatives(data, "asks", path) + r"\b")


def asks_for_reference(text: str) -> bool:
    """The words ask for the reference of a message left for a Kinship Navigator."""
    plain = " ".join(re.findall(r"[a-z0-9]+", re.sub(r"['\u2019]", "", (text or "").lower())))
    most, asks = _rules()
    return 0 < len(plain.split()) <= most and bool(asks.search(plain))


def reference_reply(db: Session, conversation: Conversation) -> list[ChatMessage]:
    """The reference of the latest message left in this conversation; or, when none was left,
    where one left before can be found, with the way to a person."""
    dialogue = get_offer().dialogue
    reference = db.scalar(
        select(Enquiry.reference)
        .where(Enquiry.conversation_id == conversation.id)
        .order_by(Enquiry.created_at.desc(), Enquiry.id.desc())
        .limit(1)
    )
    if reference:
        return [ChatMessage(text=dialogue["reference_again"].format(reference=reference))]
    return [
        ChatMessage(
            text=dialogue["reference_none"],
            buttons=[Button(title=dialogue["reference_person_button"], payload=REQUEST_HUMAN)],
        )
    ]
