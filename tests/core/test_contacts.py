"""How a contact is written in a reply."""

from __future__ import annotations

from bot.core.contacts import contact_sentence
from bot.offer.models import Contact


def test_hours_in_brackets_lose_their_own_full_stop():
    contact = Contact.model_validate(
        {
            "name": "Kinship Navigators",
            "phone": "0114 496 0000",
            "hours": {"text": "Monday to Friday 9am to 5pm.", "days": {"monday": "09:00-17:00"}},
        }
    )
    assert contact_sentence(contact) == (
        "Kinship Navigators: phone 0114 496 0000 (Monday to Friday 9am to 5pm)."
    )
