"""Storage for enquiries (the hand-off to a Kinship Navigator) and the navigators' notes.

Personal data (name, contact, the carer's words, the transcript, notes) lives only in the
columns marked PERSONAL; retention and erasure clear exactly those and keep the rest as
anonymous counts.
"""

from __future__ import annotations

import datetime as dt
from datetime import datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.db.base import Base, utcnow
from bot.db.models import new_uuid

STATUSES = ("new", "in_progress", "closed")
OUTCOMES = {
    "advice_given": "Advice given",
    "referred_family_help": "Referred to Family Help",
    "fgc_requested": "Family group conference requested",
    "joined_support_group": "Joined a support group",
    "no_contact": "Could not make contact",
    "other": "Other",
}
CONTACT_METHODS = ("phone", "email", "text")


class Enquiry(Base):
    __tablename__ = "enquiry"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_uuid)
    reference: Mapped[str] = mapped_column(String(16), unique=True, index=True)
    conversation_id: Mapped[str | None] = mapped_column(
        ForeignKey("conversation.id", ondelete="SET NULL"), nullable=True, index=True
    )
    source: Mapped[str] = mapped_column(String(16), default="chat")  # "chat" or "fallback"
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )

    # What the conversation was about (anonymous).
    arrangement: Mapped[str] = mapped_column(String(32), default="unknown")
    audience: Mapped[str] = mapped_column(String(32), default="carer")
    needs: Mapped[list[str]] = mapped_column(JSON, default=list)
    sections_shown: Mapped[list[str]] = mapped_column(JSON, default=list)
    out_of_hours: Mapped[bool] = mapped_column(Boolean, default=False)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    contact_method: Mapped[str | None] = mapped_column(String(16), nullable=True)
    # A message left through "leave a message" that is not urgent gets no mail of its own: it
    # waits (True) until the next digest mail names it (bot/notifications/service.py).
    awaiting_digest: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    expected_contact_by: Mapped[dt.date | None] = mapped_column(Date, nullable=True)

    # PERSONAL: cleared by retention and erasure.
    name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    contact_value: Mapped[str | None] = mapped_column(String(320), nullable=True)
    best_time: Mapped[str | None] = mapped_column(String(500), nullable=True)
    carer_words: Mapped[str | None] = mapped_column(Text, nullable=True)
    # An interpreter ("interpreter: Polish"), "British Sign Language" or "textphone".
    access_needs: Mapped[str | None] = mapped_column(String(200), nullable=True)
    transcript: Mapped[list[dict] | None] = mapped_column(JSON, nullable=True)

    # Consent: which version of the privacy notice was agreed, and when.
    consent_version: Mapped[str] = mapped_column(String(64))
    consent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    # The navigators' work.
    status: Mapped[str] = mapped_column(String(16), default="new", index=True)
    assigned_to_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL"), nullable=True
    )
    outcome: Mapped[str | None] = mapped_column(String(32), nullable=True)
    first_contact_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    # Retention and erasure.
    transcript_deleted_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )
    personal_data_deleted_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )
    erased_on_request: Mapped[bool] = mapped_column(Boolean, default=False)

    @property
    def safeguarding_referral(self) -> bool:
        """A young person asked for contact after this conversation's own safety check fired:
        an urgent safeguarding referral for children's social care (actions/referral.py), not
        an enquiry for the Kinship Navigators' usual work."""
        return bool(self.urgent) and self.audience == "young_person"

    notes: Mapped[list[EnquiryNote]] = relationship(
        back_populates="enquiry", order_by="EnquiryNote.id", cascade="all, delete-orphan"
    )
    assigned_to = relationship("StaffUser", lazy="joined")


class EnquiryNote(Base):
    __tablename__ = "enquiry_note"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    enquiry_id: Mapped[str] = mapped_column(
        ForeignKey("enquiry.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL"), nullable=True
    )
    text: Mapped[str] = mapped_column(Text)  # PERSONAL
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    enquiry: Mapped[Enquiry] = relationship(back_populates="notes")
    author = relationship("StaffUser", lazy="joined")
