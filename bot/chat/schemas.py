"""The chat API's request and response shapes (the contract in DESIGN.md)."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field, model_validator

# A button payload: "/intent" optionally followed by a JSON object of entities.
PAYLOAD_PATTERN = re.compile(r"^/[a-z][a-z0-9_]{0,60}(\{.{0,400}\})?$", re.DOTALL)


class Button(BaseModel):
    title: str
    payload: str


class SectionRef(BaseModel):
    id: str
    title: str
    url: str


class ChatMessage(BaseModel):
    text: str = ""
    buttons: list[Button] = Field(default_factory=list)
    sections: list[SectionRef] = Field(default_factory=list)
    kind: str = "text"


class Context(BaseModel):
    arrangement: Literal[
        "kinship_fostering", "sgo", "cao", "informal", "private_fostering", "unknown"
    ] = "unknown"
    audience: Literal["carer", "young_person", "professional"] = "carer"
    needs: list[str] = Field(default_factory=list)


class SessionCreated(BaseModel):
    session_id: str


class SummaryLinkCreated(BaseModel):
    """Where the chat's printable summary is (a path on this app, like section URLs). It works
    until the chat ends."""

    url: str


class UserMessage(BaseModel):
    """Either what the person typed (`text`) or a button's `payload`."""

    text: str | None = None
    payload: str | None = None

    @model_validator(mode="after")
    def _one_of(self) -> UserMessage:
        if self.payload is not None:
            if not PAYLOAD_PATTERN.match(self.payload):
                raise ValueError("That button payload is not one this assistant understands.")
            return self
        if self.text is None or not self.text.strip():
            raise ValueError("Please type a message before sending.")
        return self


class ChatReply(BaseModel):
    messages: list[ChatMessage]
    context: Context
    safeguarding: bool = False
    enquiry_reference: str | None = None


class ContactRoute(BaseModel):
    name: str
    phone: str | None = None
    textphone: str | None = None  # Relay UK: "18001" and then the number
    email: str | None = None
    hours: str | None = None
    placeholder: bool = False


class WidgetConfig(BaseModel):
    council_name: str
    out_of_hours: bool
    out_of_hours_message: str
    privacy_notice: str
    navigators: ContactRoute
    # Lets the widget leave a message for the Navigators when the chat fails although the
    # assistant is up (bot/core/fallback_token.py); sent back as `token`.
    fallback_token: str | None = None
