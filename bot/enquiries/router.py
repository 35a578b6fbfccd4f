"""`POST /api/chat/fallback-enquiry`: leave a message for the navigators when the chat is down.

These enquiries land in the same inbox as the ones left in the chat; the Navigators hear of them
in one digest mail per FALLBACK_DIGEST_MINUTES, not a mail each, so the form cannot flood their
mailbox (bot/notifications/service.py). One is accepted only while the assistant (Rasa) cannot
be reached, or with the short-lived token the widget's config gives (bot/core/fallback_token.py);
otherwise 409 (no token) or 403 (a token that is not valid, e.g. expired), each with the
Navigators' contact routes. Limits per hour: per address (an IPv6
address by its /64) and for everyone together (bot/core/ratelimit.py).
"""

from __future__ import annotations

from fastapi import APIRouter, Request, status
from starlette.concurrency import run_in_threadpool

from bot.core import fallback_token
from bot.core.contacts import contact_json, contact_sentence
from bot.core.deps import FastSettings, Rasa
from bot.core.errors import AppError
from bot.core.ratelimit import address_key
from bot.db.session import get_sessionmaker
from bot.enquiries.contact import guess_contact
from bot.enquiries.schemas import EnquiryCreated, FallbackEnquiryIn
from bot.enquiries.service import MAX_CARER_WORDS, EnquiryDraft, create_enquiry
from bot.enquiries.timing import expected_contact_sentence
from bot.offer.loader import get_offer

router = APIRouter(prefix="/api/chat", tags=["chat"])


def _draft(body: FallbackEnquiryIn) -> EnquiryDraft:
    if body.consent is not True:
        raise AppError(422, "Please say yes to us keeping your details, so we can contact you.")
    if body.name is not None and (not isinstance(body.name, str) or len(body.name) > 200):
        raise AppError(422, "Please give a name of up to 200 characters, or leave it out.")
    if not isinstance(body.contact, str) or not body.contact.strip():
        raise AppError(422, "Please give a UK phone number or an e-mail address.")
    found = guess_contact(body.contact)
    if found is None:
        raise AppError(
            422, "That does not look like a UK phone number or an e-mail address. Please check it."
        )
    if not isinstance(body.message, str) or not body.message.strip():
        raise AppError(422, "Please write a short message about what you need.")
    if len(body.message) > MAX_CARER_WORDS:
        raise AppError(422, f"Please keep your message under {MAX_CARER_WORDS} characters.")
    method, value = found
    return EnquiryDraft(
        contact_method=method,
        contact_value=value,
        name=body.name,
        carer_words=body.message,
        source="fallback",
    )


def _navigators() -> list[dict]:
    return [contact_json(get_offer().council.navigators)]


def _refused(status_code: int, why: str) -> AppError:
    navigators = contact_sentence(get_offer().council.navigators)
    return AppError(status_code, f"{why} {navigators}", contacts=_navigators())


ASSISTANT_IS_UP = (
    "The assistant is working, so please ask it in the chat: it can pass your message to a "
    "Kinship Navigator."
)
TOKEN_NOT_VALID = (
    "This message form has expired. Please close the chat and open it again, then leave "
    "your message."
)


async def _allowed(request: Request, body: FallbackEnquiryIn, rasa: Rasa, settings) -> None:
    """A valid token from the widget's config, or the assistant cannot be reached."""
    address = address_key(request.client.host if request.client else "unknown")
    if fallback_token.is_valid(settings.action_token, body.token, address):
        return
    if not await rasa.is_up():
        return
    if body.token is None:
        raise _refused(409, ASSISTANT_IS_UP)
    raise _refused(403, TOKEN_NOT_VALID)


def _store(draft: EnquiryDraft) -> EnquiryCreated:
    with get_sessionmaker()() as db:
        enquiry = create_enquiry(db, draft)
        db.commit()
        return EnquiryCreated(
            reference=enquiry.reference,
            expected_contact=expected_contact_sentence(enquiry.expected_contact_by),
            expected_contact_by=(
                enquiry.expected_contact_by.isoformat() if enquiry.expected_contact_by else None
            ),
        )


@router.post(
    "/fallback-enquiry",
    status_code=status.HTTP_201_CREATED,
    response_model=EnquiryCreated,
    responses={
        403: {"description": "The token from the widget's config is not valid (e.g. expired)"},
        409: {"description": "The assistant is up: ask it in the chat"},
        422: {"description": "Missing or unusable details, or no consent"},
        429: {"description": "Too many messages from this address, or from everyone, this hour"},
    },
)
async def fallback_enquiry(
    request: Request, body: FallbackEnquiryIn, rasa: Rasa, settings: FastSettings
) -> EnquiryCreated:
    limits = request.app.state.limits
    try:
        # Every attempt from an address counts; only messages about to be stored count
        # towards the total, so refused attempts cannot use up everyone's share.
        limits.fallback_per_address.check(
            address_key(request.client.host if request.client else "unknown")
        )
        await _allowed(request, body, rasa, settings)
        draft = _draft(body)
        limits.fallback_total.check("all")
    except AppError as exc:
        if exc.status_code == 429:
            exc.extra.setdefault("contacts", _navigators())
        raise
    return await run_in_threadpool(_store, draft)
