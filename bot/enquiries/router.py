"""`POST /api/chat/fallback-enquiry`: leave a message for the navigators when the chat is down.

These enquiries land in the same inbox as the ones left in the chat.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, status

from bot.core.deps import DbSession
from bot.core.errors import AppError
from bot.enquiries.contact import guess_contact
from bot.enquiries.schemas import EnquiryCreated, FallbackEnquiryIn
from bot.enquiries.service import MAX_CARER_WORDS, EnquiryDraft, create_enquiry
from bot.enquiries.timing import expected_contact_sentence

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


@router.post(
    "/fallback-enquiry",
    status_code=status.HTTP_201_CREATED,
    response_model=EnquiryCreated,
    responses={
        422: {"description": "Missing or unusable details, or no consent"},
        429: {"description": "Too many messages from this address in a short time"},
    },
)
def fallback_enquiry(request: Request, body: FallbackEnquiryIn, db: DbSession) -> EnquiryCreated:
    # Leaving a message starts a conversation's worth of work for staff: same per-address limit
    # as starting chat sessions.
    request.app.state.limits.sessions_per_address.check(
        request.client.host if request.client else "unknown"
    )
    enquiry = create_enquiry(db, _draft(body))
    db.commit()
    return EnquiryCreated(
        reference=enquiry.reference,
        expected_contact=expected_contact_sentence(enquiry.expected_contact_by),
        expected_contact_by=(
            enquiry.expected_contact_by.isoformat() if enquiry.expected_contact_by else None
        ),
    )
