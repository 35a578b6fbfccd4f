"""Contact routes in words, for replies and error messages. Placeholders are always marked."""

from __future__ import annotations

from bot.offer.models import Contact, Value

PLACEHOLDER_MARK = " (placeholder — not a real contact yet)"


def shown(value: Value | None) -> str:
    if value is None:
        return ""
    return f"{value.value}{PLACEHOLDER_MARK if value.placeholder else ''}"


def contact_sentence(contact: Contact) -> str:
    """e.g. 'Kinship Navigators: phone 01709 000000, e-mail ... (Monday to Friday 9am to 5pm)'."""
    routes = []
    if contact.phone:
        routes.append(f"phone {shown(contact.phone)}")
    if contact.textphone:
        routes.append(f"textphone (Relay UK) {shown(contact.textphone)}")
    if contact.email:
        routes.append(f"e-mail {shown(contact.email)}")
    if contact.web and not routes:
        routes.append(f"website {shown(contact.web)}")
    sentence = f"{contact.name}: {', '.join(routes)}" if routes else contact.name
    if contact.hours:
        # "(Monday to Friday 9am to 5pm)." rather than "(... 5pm.).": the hours' own full stop
        # goes when they sit inside brackets.
        sentence += f" ({contact.hours.text.strip().removesuffix('.')})"
    return sentence + "."


def contact_json(contact: Contact) -> dict:
    """A contact for API clients (the widget's fallback panel)."""
    return {
        "name": contact.name,
        "phone": contact.phone.value if contact.phone else None,
        "textphone": contact.textphone.value if contact.textphone else None,
        "email": contact.email.value if contact.email else None,
        "hours": contact.hours.text if contact.hours else None,
        "placeholder": contact.placeholder,
    }
