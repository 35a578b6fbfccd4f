"""Typed models of the Kinship Local Offer, as read from `offer_content/`.

Everything else in the app reads the offer through these models (see `loader.py`), never the
files directly. Field names are a contract with the chat, staff and analytics code.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

# The stable section ids from DESIGN.md, in the order the offer presents them.
SECTION_IDS: tuple[str, ...] = (
    "support-groups-and-training",
    "financial-support",
    "staying-in-work",
    "housing",
    "education",
    "early-years",
    "family-time",
    "family-group-conference",
    "legal-support",
    "therapeutic-support",
    "health-and-wellbeing",
    "kinship-navigators",
    "family-hubs-and-activities",
)

# The five arrangement ids (DESIGN.md); `unknown` is a dialogue state, not an arrangement.
ARRANGEMENT_IDS: tuple[str, ...] = (
    "kinship_fostering",
    "sgo",
    "cao",
    "informal",
    "private_fostering",
)

# Keys of a section's `arrangements:` notes: what everyone gets, then what each arrangement adds.
ARRANGEMENT_NOTE_KEYS: tuple[str, ...] = ("everyone", *ARRANGEMENT_IDS)

# Keys of a section's `answers:`: short answers to the questions people ask next about it ("How
# do I apply?"), in the order they are shown. Every section answers the first three; the others
# only where the offer says (the assistant says honestly when it has no answer). The questions'
# wording is in dialogue.yml (`follow_up_question_<key>`); actions/follow_ups.py answers them.
ANSWER_KEYS: tuple[str, ...] = (
    "how_to_apply",
    "who_to_contact",
    "who_can_get_it",
    "how_much",
    "what_happens_next",
)
REQUIRED_ANSWER_KEYS: tuple[str, ...] = ANSWER_KEYS[:3]

# The keys of council.yml's `retention_days`, each with what it covers, in plain words (the
# content check names them when one is missing or unknown). docs/data-map.md lists the same keys
# (tests/test_data_map.py keeps the two in step); bot/enquiries/retention.py applies them.
RETENTION_PERIODS: dict[str, str] = {
    "transcripts": "what is typed in the chat",
    "enquiries": "a carer's name, contact details and words left for a Kinship Navigator",
    "analytics": "the anonymous counts of what people ask about",
    "audit": "the staff audit log, and the accounts of staff who have left",
}

WEEKDAYS: tuple[str, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)


class _Model(BaseModel):
    # Unknown fields are mistakes (usually a typo in a field name), so they are errors.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Value(_Model):
    """A contact detail. `placeholder: true` marks a demo value that is not the real one."""

    value: str
    placeholder: bool = False

    @model_validator(mode="before")
    @classmethod
    def _from_plain(cls, data: Any) -> Any:
        # Staff may write a real value as a plain string: `phone: "999"`.
        if isinstance(data, str | int | float):
            return {"value": str(data)}
        return data

    def __str__(self) -> str:
        return self.value


class OfficeHours(_Model):
    """When a team answers. `days` maps a weekday to "HH:MM-HH:MM" (missing day = closed)."""

    text: str
    placeholder: bool = False
    days: dict[str, str] = Field(default_factory=dict)

    @field_validator("days")
    @classmethod
    def _check_days(cls, days: dict[str, str]) -> dict[str, str]:
        for day, span in days.items():
            if day not in WEEKDAYS:
                raise ValueError(f"'{day}' is not a day of the week (use monday ... sunday)")
            _parse_span(span)
        return days

    def is_open_at(self, when: dt.datetime) -> bool:
        """Whether `when` (local time) falls in the office hours. Bank holidays are not known
        here: callers that care should check them separately."""
        span = self.days.get(WEEKDAYS[when.weekday()])
        if not span:
            return False
        start, end = _parse_span(span)
        return start <= when.time() < end

    def __str__(self) -> str:
        return self.text


def _parse_span(span: str) -> tuple[dt.time, dt.time]:
    try:
        start_text, end_text = (part.strip() for part in span.split("-"))
        start, end = dt.time.fromisoformat(start_text), dt.time.fromisoformat(end_text)
    except ValueError as exc:
        raise ValueError(f"'{span}' should look like 08:30-17:00") from exc
    if end <= start:
        raise ValueError(f"'{span}' ends before it starts")
    return start, end


class Contact(_Model):
    """A way to reach a team or service. `id` is its key in council.yml."""

    id: str = ""
    name: str
    description: str = ""
    when: str = ""  # when to use it, in plain words (used for emergency contacts)
    phone: Value | None = None
    # Textphone through Relay UK ("18001" and then the number), where the team has one.
    textphone: Value | None = None
    email: Value | None = None
    web: Value | None = None
    address: Value | None = None
    hours: OfficeHours | None = None

    @property
    def placeholder(self) -> bool:
        """True when any of its details is a placeholder."""
        return any(
            item is not None and item.placeholder
            for item in (self.phone, self.textphone, self.email, self.web, self.address, self.hours)
        )


class ContactPromise(_Model):
    """How soon a Kinship Navigator promises to contact someone who leaves a message, in
    working days (days with the navigators' office hours that are not bank holidays): 1 means
    "by the end of the next working day". No promise is made while `working_days` is not set
    or `placeholder` is true: people are told a Navigator will contact them as soon as they can."""

    working_days: int | None = None
    placeholder: bool = False

    @field_validator("working_days")
    @classmethod
    def _at_least_one(cls, days: int | None) -> int | None:
        if days is not None and not 1 <= days <= 20:
            raise ValueError("should be a number of working days from 1 to 20")
        return days

    @property
    def promised_days(self) -> int | None:
        """The working days promised, or None while no promise may be made."""
        return None if self.placeholder else self.working_days


class PrivacyNotice(_Model):
    summary: str  # a few sentences shown before asking for consent
    text: str  # the full notice (Markdown)

    def __str__(self) -> str:
        return self.text


class Council(_Model):
    """The council's own settings: everything that differs from one council to the next."""

    name: str
    short_name: str
    offer_name: str = "Kinship Local Offer"
    area: str  # the place the offer covers, e.g. "Rotherham"
    website: Value
    offer_page: Value
    navigators: Contact
    # How soon a Navigator promises to make contact (no promise while unset or a placeholder).
    navigator_contact_promise: ContactPromise = Field(default_factory=ContactPromise)
    emergency: dict[str, Contact]
    # A young person under 16 who asks for help after a danger message may be offered a call
    # back from children's social care (actions/referral.py). Off unless the council says so.
    young_person_callback: bool = False
    contacts: dict[str, Contact] = Field(default_factory=dict)
    data_protection: Contact
    privacy_notice: PrivacyNotice
    retention_days: dict[str, int]
    consent_version: str

    @model_validator(mode="before")
    @classmethod
    def _fill_contact_ids(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = dict(data)
            for group in ("emergency", "contacts"):
                if isinstance(data.get(group), dict):
                    data[group] = {
                        key: ({"id": key, **value} if isinstance(value, dict) else value)
                        for key, value in data[group].items()
                    }
            for key in ("navigators", "data_protection"):
                if isinstance(data.get(key), dict):
                    data[key] = {"id": key, **data[key]}
            # Fill {enquiries_days} etc. in the privacy notice from retention_days.
            notice, days = data.get("privacy_notice"), data.get("retention_days")
            if isinstance(notice, dict) and isinstance(days, dict):
                filled = {}
                for part, text in notice.items():
                    if isinstance(text, str):
                        for name, number in days.items():
                            text = text.replace("{" + f"{name}_days" + "}", str(number))
                    filled[part] = text
                data["privacy_notice"] = filled
        return data

    @field_validator("retention_days")
    @classmethod
    def _positive_days(cls, days: dict[str, int]) -> dict[str, int]:
        for name in days:
            if name not in RETENTION_PERIODS:
                raise ValueError(
                    f"'{name}' is not a retention period we know, so nothing would be deleted "
                    "after it; use " + ", ".join(RETENTION_PERIODS)
                )
        for name, covers in RETENTION_PERIODS.items():
            if name not in days:
                raise ValueError(f"a retention period for '{name}' ({covers}) is missing")
        for name, number in days.items():
            if number < 1:
                raise ValueError(f"the retention period for '{name}' must be at least 1 day")
        return days

    def all_contacts(self) -> dict[str, Contact]:
        """Every contact by key: the navigators, the emergency contacts, then the others."""
        return {
            "navigators": self.navigators,
            "data_protection": self.data_protection,
            **self.emergency,
            **self.contacts,
        }

    def contact(self, key: str) -> Contact | None:
        return self.all_contacts().get(key)

    def placeholders(self) -> list[str]:
        """Dotted names of every field still holding a placeholder, e.g. 'navigators.phone'."""
        return _placeholder_paths(self, "")


def _placeholder_paths(obj: Any, prefix: str) -> list[str]:
    found: list[str] = []
    if isinstance(obj, Value | OfficeHours | ContactPromise):
        if obj.placeholder:
            found.append(prefix)
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            found += _placeholder_paths(getattr(obj, name), f"{prefix}.{name}" if prefix else name)
    elif isinstance(obj, dict):
        for key, value in obj.items():
            found += _placeholder_paths(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(obj, list | tuple):
        for index, value in enumerate(obj):
            found += _placeholder_paths(value, f"{prefix}[{index}]")
    return found


class Link(_Model):
    title: str
    url: str
    placeholder: bool = False


class Section(_Model):
    """One part of the offer, e.g. housing. `contacts` are keys of contacts in council.yml."""

    id: str
    title: str
    summary: str
    carer_text: str
    young_person_text: str
    professional_text: str = ""
    arrangements: dict[str, str]
    how_to_get_it: str
    referral_needed: bool
    contacts: list[str] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    owner: str
    last_reviewed: dt.date
    review_due: dt.date
    keywords: list[str] = Field(default_factory=list)
    # Where the section's facts come from: the council paper (shared/seeds/) or the national
    # source (law, statutory guidance, GOV.UK) each one rests on. The content check requires it.
    sources: list[str] = Field(default_factory=list)
    # Short answers to the questions people ask next, by ANSWER_KEYS key (e.g. "how_to_apply").
    # The loader requires REQUIRED_ANSWER_KEYS and explains a wrong key in plain words.
    answers: dict[str, str] = Field(default_factory=dict)
    source_file: str = Field(default="", exclude=True)

    @field_validator("answers")
    @classmethod
    def _known_answers(cls, answers: dict[str, str]) -> dict[str, str]:
        for key, text in answers.items():
            if key not in ANSWER_KEYS:
                raise ValueError(
                    f"'{key}' is not a question we know; use " + ", ".join(ANSWER_KEYS)
                )
            if not text.strip():
                raise ValueError(f"the answer '{key}' is empty")
        return {key: answers[key] for key in ANSWER_KEYS if key in answers}

    def arrangement_note(self, arrangement: str) -> str:
        """What this section says for one arrangement ('' when it adds nothing)."""
        return self.arrangements.get(arrangement, "")

    def answer(self, key: str) -> str:
        """The section's short answer to one question ('' when the offer does not say)."""
        return self.answers.get(key, "")


class Arrangement(_Model):
    id: str
    title: str
    short_title: str = ""
    description: str
    parental_responsibility: str
    council_support: str
    questions: list[str]
    young_person_description: str = ""
    # Where the arrangement's facts come from (the law, the statutory guidance, a council paper),
    # like a section's. Optional here so the offer still loads; the content check requires it.
    sources: list[str] = Field(default_factory=list)


class Term(_Model):
    term: str
    meaning: str
    young_person_meaning: str
    synonyms: list[str] = Field(default_factory=list)
    arrangement: str | None = None
    # Where a meaning's facts come from, for a meaning that states one (a rule, an amount, an
    # age, a time limit). Plain meanings ("a short break from caring") need none; the content
    # check warns about a meaning that gives a number without a source.
    sources: list[str] = Field(default_factory=list)


class YoungPersonAnswer(_Model):
    """An answer to a question young people often ask (offer_content/young_people.yml).
    `keywords` are words that show a message asks this question; `term` adds the glossary's
    young_person_meaning of that term; `section` links the offer section the answer is about.
    `instead_of` and `from_age` (optional, together) make it the answer a young person of
    `from_age` or over gets instead of the answer `instead_of`, when their age is known (money
    for college at 16, not the gentle money answer). `sources` (optional, like a section's) says
    where the answer's facts come from."""

    title: str
    answer: str
    who_to_talk_to: str
    keywords: list[str] = Field(default_factory=list)
    term: str | None = None
    section: str | None = None
    instead_of: str | None = None
    from_age: int | None = None
    sources: list[str] = Field(default_factory=list)


class Offer(_Model):
    sections: dict[str, Section]
    arrangements: dict[str, Arrangement]
    glossary: list[Term]
    council: Council
    dialogue: dict[str, str]
    # Question id -> answer for young people; optional (an offer may have none).
    young_people: dict[str, YoungPersonAnswer] = Field(default_factory=dict)

    @staticmethod
    def section_url(section_id: str) -> str:
        return f"/offer/{section_id}"

    @staticmethod
    def arrangement_url(arrangement_id: str) -> str:
        return f"/offer/arrangements/{arrangement_id}"

    def section_contacts(self, section_id: str) -> list[Contact]:
        """The council contacts a section names, in its order."""
        contacts = self.council.all_contacts()
        return [contacts[key] for key in self.sections[section_id].contacts if key in contacts]

    def term_for(self, words: str) -> Term | None:
        """The glossary term whose name or synonym matches `words` (case-insensitive)."""
        wanted = " ".join(words.lower().split())
        for term in self.glossary:
            if wanted == term.term.lower() or wanted in (s.lower() for s in term.synonyms):
                return term
        return None

    def placeholders(self) -> list[str]:
        """Everything still marked placeholder: council fields and section links."""
        found = [f"council.yml: {path}" for path in self.council.placeholders()]
        for section in self.sections.values():
            for link in section.links:
                if link.placeholder:
                    found.append(f"sections/{section.id}.md: link '{link.title}'")
        return found
