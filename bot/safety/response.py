"""The safety response: emergency contacts shown at once when ``assess(text).danger`` is True.

The words live in ``offer_content/dialogue.yml`` (phrases ``safety_*``, with ``{number}`` filled in
here); the numbers come from ``council.emergency`` in ``offer_content/council.yml``
(``emergency_services``, ``front_door``, ``emergency_duty_team``, ``nspcc``, ``childline``).

``council`` is the real ``Council`` model, but anything shaped like it works (a mapping or an
object): each emergency entry may be a ``Contact`` (with ``.phone``), a ``Value``/mapping with
``value`` and ``placeholder``, or a plain string. Missing fields never raise and a council number
we do not have is never made up; only the fixed national numbers (999, NSPCC, Childline) have a
built-in fallback. Placeholders are always marked (``bot.core.contacts.shown``).

Both NSPCC (for adults) and Childline (for young people) are always shown; Childline first when
the person said they are a young person.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from bot.core.contacts import PLACEHOLDER_MARK

log = logging.getLogger(__name__)

# Fixed national numbers: used only if council.yml does not give them.
NATIONAL = {"emergency_services": "999", "nspcc": "0808 800 5000", "childline": "0800 1111"}
HANDOFF_PAYLOAD = '/request_human{"urgent": true}'
RESUME_PAYLOAD = "/resume"
# The one sentence that must appear even if the content cannot be read at all.
LAST_RESORT = "If anyone is in immediate danger, call 999 now."


def _get(obj: Any, key: str) -> Any:
    if obj is None:
        return None
    if isinstance(obj, Mapping):
        return obj.get(key)
    return getattr(obj, key, None)


def _number(council: Any, key: str) -> str | None:
    """The phone number for emergency contact ``key`` as shown to people (placeholder marked)."""
    entry = _get(_get(council, "emergency"), key)
    phone = _get(entry, "phone") if entry is not None and not isinstance(entry, str) else None
    value_obj = phone if phone is not None else entry
    if value_obj is None:
        value, placeholder = None, False
    elif isinstance(value_obj, str):
        value, placeholder = value_obj, False
    else:
        value, placeholder = _get(value_obj, "value"), bool(_get(value_obj, "placeholder"))
    if not isinstance(value, str) or not value.strip():
        return NATIONAL.get(key)
    return f"{value.strip()}{PLACEHOLDER_MARK if placeholder else ''}"


def _phrases() -> Mapping[str, str]:
    try:
        from bot.offer.loader import get_offer

        return get_offer().dialogue
    except Exception:  # pragma: no cover - broken content must not stop the safety response
        log.exception("safety response: dialogue phrases could not be loaded")
        return {}


def _message(text: str, buttons: list[dict] | None = None) -> dict:
    return {"text": text, "buttons": buttons or [], "sections": [], "kind": "safeguarding"}


def safety_messages(
    council: Any,
    in_office_hours: bool,
    young_person: bool,
    phrases: Mapping[str, str] | None = None,
) -> list[dict]:
    """Chat messages for a message that suggests someone is in danger now.

    ``phrases`` defaults to ``get_offer().dialogue``; tests may pass their own."""
    phrases = _phrases() if phrases is None else phrases

    def say(key: str, number: str | None = None) -> str | None:
        text = phrases.get(key) if isinstance(phrases, Mapping) else None
        if not isinstance(text, str) or not text.strip():
            log.warning("safety response: phrase %s is missing from dialogue.yml", key)
            return None
        if "{number}" in text:
            if not number:
                return None
            text = text.replace("{number}", number)
        return text

    messages: list[dict] = []

    def add(text: str | None, buttons: list[dict] | None = None) -> None:
        if text:
            messages.append(_message(text, buttons))

    add(say("safety_999", _number(council, "emergency_services")) or LAST_RESORT)

    front_door = _number(council, "front_door")
    duty_team = _number(council, "emergency_duty_team")
    if in_office_hours and front_door:
        add(say("safety_front_door", front_door))
    elif not in_office_hours and duty_team:
        add(say("safety_duty_team", duty_team))
    elif front_door:  # out of hours with no out-of-hours number: still give the one we have
        add(say("safety_front_door_closed", front_door))
    else:
        add(say("safety_no_number"))

    childline = say("safety_childline", _number(council, "childline"))
    nspcc = say("safety_nspcc", _number(council, "nspcc"))
    for text in (childline, nspcc) if young_person else (nspcc, childline):
        add(text)

    who = "young_person" if young_person else "carer"
    ask, yes, no = say(f"safety_ask_{who}"), say(f"safety_yes_{who}"), say("safety_no")
    if ask and yes and no:
        add(
            ask,
            [{"title": yes, "payload": HANDOFF_PAYLOAD}, {"title": no, "payload": RESUME_PAYLOAD}],
        )
    return messages
