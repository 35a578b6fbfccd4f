"""The safety response: emergency contacts shown at once when ``assess(text).danger`` is True.

``council`` is duck-typed: a mapping or an object with ``name`` and ``emergency`` holding
``front_door`` and ``emergency_duty_team``, each either a plain string or ``{"value": str,
"placeholder": bool}`` (mapping or object). Missing fields never raise; a number we do not have
is never made up.
"""

from __future__ import annotations

from typing import Any

NSPCC = "0808 800 5000"
CHILDLINE = "0800 1111"
PLACEHOLDER_NOTE = "(placeholder — not a real number)"
HANDOFF_PAYLOAD = '/request_human{"urgent": true}'
RESUME_PAYLOAD = "/resume"


def _get(obj: Any, key: str) -> Any:
    if obj is None:
        return None
    if isinstance(obj, dict):
        return obj.get(key)
    return getattr(obj, key, None)


def _contact(council: Any, key: str) -> str | None:
    """The number for ``key`` as shown to people, with the placeholder note if it is one."""
    entry = _get(_get(council, "emergency"), key)
    if entry is None:
        return None
    if isinstance(entry, str):
        value, placeholder = entry, False
    else:
        value, placeholder = _get(entry, "value"), bool(_get(entry, "placeholder"))
    if not isinstance(value, str) or not value.strip():
        return None
    return f"{value.strip()} {PLACEHOLDER_NOTE}" if placeholder else value.strip()


def _message(text: str, buttons: list[dict] | None = None) -> dict:
    return {"text": text, "buttons": buttons or [], "sections": [], "kind": "safeguarding"}


def safety_messages(council: Any, in_office_hours: bool, young_person: bool) -> list[dict]:
    """Chat messages for a message that suggests someone is in danger now."""
    name = _get(council, "name")
    name = name.strip() if isinstance(name, str) and name.strip() else "the council"
    messages = [_message("If anyone is in immediate danger, call 999 now.")]

    front_door = _contact(council, "front_door")
    edt = _contact(council, "emergency_duty_team")
    if in_office_hours and front_door:
        messages.append(_message(
            f"Worried about a child? Call {name} children's social care: {front_door}. "
            "They are open now."))
    elif not in_office_hours and edt:
        messages.append(_message(
            f"{name} children's social care is closed now. "
            f"Their out of hours team can help. Call {edt}."))
    elif front_door:  # out of hours with no out-of-hours number: still give the one we have
        messages.append(_message(
            f"Worried about a child? Call {name} children's social care: {front_door}."))
    else:
        messages.append(_message(
            f"You can also tell {name} children's social care. "
            "Their number is on the council website."))

    if young_person:
        messages.append(_message(
            f"You can talk to Childline about anything. Call {CHILDLINE}. "
            "It is free and private (confidential)."))
    else:
        messages.append(_message(
            f"The NSPCC helpline is for adults worried about a child: call {NSPCC}."))

    if young_person:
        ask = "Would you like someone from the council to get in touch with you soon?"
        yes = "Yes, please get in touch"
    else:
        ask = ("Would you like a Kinship Navigator to contact you? "
               "We will mark it as urgent.")
        yes = "Yes, contact me (urgent)"
    messages.append(_message(ask, [
        {"title": yes, "payload": HANDOFF_PAYLOAD},
        {"title": "No, carry on", "payload": RESUME_PAYLOAD},
    ]))
    return messages
