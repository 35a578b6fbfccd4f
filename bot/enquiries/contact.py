"""Checking and tidying the contact details a carer gives: UK phone numbers and e-mail addresses."""

from __future__ import annotations

import re

_PHONE_JUNK = re.compile(r"[\s\-().]")
# UK numbers in national form: 01/02 geographic, 03 non-geographic, 07 mobile (not 070 personal).
_UK_PHONE = re.compile(r"^0(?:[123]\d{8,9}|7[1-9]\d{8})$")
_UK_MOBILE = re.compile(r"^07[1-9]\d{8}$")
_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)


def normalise_phone(text: str) -> str | None:
    """A UK phone number in national form ("07700900123"), or None if it is not one."""
    digits = _PHONE_JUNK.sub("", text.strip())
    if digits.startswith("+44"):
        digits = "0" + digits[3:].removeprefix("0")
    elif digits.startswith("0044"):
        digits = "0" + digits[4:].removeprefix("0")
    return digits if _UK_PHONE.match(digits) else None


def normalise_mobile(text: str) -> str | None:
    number = normalise_phone(text)
    return number if number and _UK_MOBILE.match(number) else None


def normalise_email(text: str) -> str | None:
    value = text.strip().strip("<>").strip()
    if len(value) > 254 or ".." in value or not _EMAIL.match(value):
        return None
    local, domain = value.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


def display_phone(number: str) -> str:
    """07700900123 -> 07700 900123; 02079460000 -> 020 7946 0000."""
    if number.startswith("02") and len(number) == 11:
        return f"{number[:3]} {number[3:7]} {number[7:]}"
    if len(number) == 11:
        return f"{number[:5]} {number[5:]}"
    return number


def normalise_contact(method: str, text: str) -> str | None:
    """The tidy contact value for a method ("phone", "text", "email"), or None if not valid."""
    if method == "email":
        return normalise_email(text)
    if method == "text":
        return normalise_mobile(text)
    return normalise_phone(text)


def guess_contact(text: str) -> tuple[str, str] | None:
    """(method, value) when free text is clearly an e-mail address or a UK phone number."""
    if "@" in text:
        email = normalise_email(text)
        return ("email", email) if email else None
    phone = normalise_phone(text)
    return ("phone", phone) if phone else None


def shown_contact(method: str | None, value: str | None) -> str:
    if not value:
        return ""
    return value if method == "email" else display_phone(value)
