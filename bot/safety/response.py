"""The safety response: emergency contacts shown at once when ``assess(text).danger`` is True.

The words live in ``offer_content/dialogue.yml`` (phrases ``safety_*``, with ``{number}`` filled in
here); the numbers come from ``council.emergency`` in ``offer_content/council.yml``
(``emergency_services``, ``front_door``, ``emergency_duty_team``, ``nspcc``, ``childline``).

``council`` is the real ``Council`` model, but anything shaped like it works (a mapping or an
object): each emergency entry may be a ``Contact`` (with ``.phone``), a ``Value``/mapping with
``value`` and ``placeholder``, or a plain string. Missing fields never raise and a council number
we do not have is never made up; only the fixed national numbers (999, NSPCC, Childline) have a
built-in fallback.

A placeholder number is never shown here: someone worried about a child must not be given a
demo number to ring. While the front door's or the out-of-hours team's number is a placeholder
(or missing) the reply uses the no-number wording (``safety_no_number``: the number is on the
council website); ``make content-check`` says so, and a production start refuses placeholders.

Whether children's social care is "open now" comes from the front door's own hours
(``council.emergency.front_door.hours``, bank holidays closed, the app's clock), not from the
Kinship Navigators' hours. ``in_office_hours`` is only a fallback for a council that gives no
front-door hours, and then the reply never claims they are open now.

Both NSPCC (for adults) and Childline (for young people) are always shown; Childline first when
the person said they are a young person.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from typing import Any

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
    """The phone number for emergency contact ``key`` as shown to people: None when the council
    has no real number (missing or a placeholder), unless it is a fixed national number."""
    entry = _get(_get(council, "emergency"), key)
    phone = _get(entry, "phone") if entry is not None and not isinstance(entry, str) else None
    value_obj = phone if phone is not None else entry
    if value_obj is None:
        value, placeholder = None, False
    elif isinstance(value_obj, str):
        value, placeholder = value_obj, False
    else:
        value, placeholder = _get(value_obj, "value"), bool(_get(value_obj, "placeholder"))
    if not isinstance(value, str) or not value.strip() or placeholder:
        return NATIONAL.get(key)
    return value.strip()


def _front_door_open(council: Any, now: dt.datetime | None) -> bool | None:
    """Whether children's social care (the front door) is open at ``now`` (default: the app's
    clock) by its own hours in council.yml; None when its hours are not known."""
    hours = _get(_get(_get(council, "emergency"), "front_door"), "hours")
    if hours is None:
        return None
    try:
        from bot.core.hours import is_open
        from bot.offer.models import OfficeHours

        if not isinstance(hours, OfficeHours):
            if isinstance(hours, str) or not (isinstance(hours, Mapping) or hasattr(hours, "days")):
                return None
            if not isinstance(hours, Mapping):
                hours = {"text": _get(hours, "text") or "", "days": _get(hours, "days") or {}}
            hours = OfficeHours.model_validate({"text": "", **dict(hours)})
        return is_open(hours, now)
    except Exception:  # broken hours must not stop the safety response
        log.exception("safety response: the front door's hours could not be read")
        return None


def _phrases() -> Mapping[str, str]:
    try:
        from bot.offer.loader import get_offer

        return get_offer().dialogue
    except Exception:  # pragma: no cover - broken content must not stop the safety response
        log.exception("safety response: dialogue phrases could not be loaded")
        return {}


def _message(text: str, buttons: list[dict] | None = None) -> dict:
    return {"text": text, "buttons": buttons or [], "sections": [], "kind": "safeguarding"}


def _who_answers_now(
    council: Any,
    say: Callable[..., str | None],
    in_office_hours: bool | None,
    now: dt.datetime | None,
) -> str | None:
    """The line that says who to call about a child's safety now: children's social care when
    its own hours say it is open, else its out-of-hours team (``in_office_hours`` only when the
    council gives no front-door hours)."""
    front_door = _number(council, "front_door")
    duty_team = _number(council, "emergency_duty_team")
    open_now = _front_door_open(council, now)
    hours_known = open_now is not None
    if not hours_known:
        open_now = bool(in_office_hours)
    if open_now and front_door:
        # "They are open now" only when their own hours say so.
        return say("safety_front_door" if hours_known else "safety_front_door_closed", front_door)
    if not open_now and duty_team:
        return say("safety_duty_team", duty_team)
    if front_door and not open_now:
        # Closed, with no out-of-hours number: still give the one we have.
        return say("safety_front_door_closed", front_door)
    return say("safety_no_number")  # no real number for the team that answers now


def _say(phrases: Mapping[str, str] | None) -> Callable[..., str | None]:
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

    return say


def who_to_call_now(
    council: Any,
    phrases: Mapping[str, str] | None = None,
    *,
    now: dt.datetime | None = None,
) -> str | None:
    """The one line saying who to call about a child's safety now (children's social care or
    its out-of-hours team), as in the safety response; for the young person's request for
    contact after it (actions/referral.py)."""
    return _who_answers_now(council, _say(phrases), None, now)


def concern_messages(
    council: Any,
    young_person: bool = False,
    phrases: Mapping[str, str] | None = None,
    *,
    now: dt.datetime | None = None,
) -> str:
    """The words for a worry about a child's safety that the writer says is not danger now
    ("she's safe with me now, but who do I tell?"), said before the answer to what they asked:
    an acknowledgement, who to tell about a child's safety now (as in the safety response), the
    NSPCC for an adult or Childline for a young person, and one calm line about 999."""
    say = _say(phrases)
    if young_person:
        helpline = say("safety_childline", _number(council, "childline"))
    else:
        helpline = say("safety_nspcc", _number(council, "nspcc"))
    lines = [
        say("concern_young_person" if young_person else "concern_carer"),
        _who_answers_now(council, say, None, now),
        helpline,
        say("concern_999", _number(council, "emergency_services")) or LAST_RESORT,
    ]
    return "\n\n".join(line for line in lines if line)


def safety_messages(
    council: Any,
    in_office_hours: bool | None = None,
    young_person: bool = False,
    phrases: Mapping[str, str] | None = None,
    *,
    now: dt.datetime | None = None,
) -> list[dict]:
    """Chat messages for a message that suggests someone is in danger now.

    Children's social care is open or closed by its own hours at ``now`` (default: the app's
    clock); ``in_office_hours`` is used only when the council gives no front-door hours.
    ``phrases`` defaults to ``get_offer().dialogue``; tests may pass their own."""
    say = _say(phrases)

    messages: list[dict] = []

    def add(text: str | None, buttons: list[dict] | None = None) -> None:
        if text:
            messages.append(_message(text, buttons))

    add(say("safety_999", _number(council, "emergency_services")) or LAST_RESORT)

    add(_who_answers_now(council, say, in_office_hours, now))

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
