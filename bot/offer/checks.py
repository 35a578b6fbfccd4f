"""Quality checks on the offer content, on top of what the loader already refuses.

`check_content()` returns every problem found, each an error or a warning in plain words with
the file and the field. `scripts/content_check.py` prints them; tests call this directly.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from pathlib import Path
from typing import Any

import yaml

from .loader import Problem, content_dir_from_env, read_content, read_council
from .models import RETENTION_PERIODS, SECTION_IDS, WEEKDAYS, Council, Offer, OfficeHours
from .readability import LIMITS, grade

SUMMARY_MAX_CHARS = 120
# A young people's answer for older young people (`from_age`): the youngest age it may name.
# Childline is for under-19s and the assistant takes a writer of 21 or over for an adult.
FROM_AGE_MIN, FROM_AGE_MAX = 5, 20
REQUIRED_EMERGENCY = ("emergency_services", "nspcc", "childline")
# The council's own safety numbers: the safety reply shows them to anyone worried about a child.
# Without them it says the number is on the council website; a live offer must have them.
SAFETY_NUMBERS = {
    "front_door": "children's social care (the front door, in office hours)",
    "emergency_duty_team": "the out-of-hours team (emergency duty team)",
}
# A UK phone number (0..., +44 ...) or a 116 helpline, with spaces or hyphens between groups.
_PHONE = re.compile(
    r"(?<![\w£$.,/:-])(?:(?:\+44\s?\(?0?\)?\s?|0)\d{2,5}(?:[ -]?\d{2,6}){0,3}|116[ -]?\d{3})"
    r"(?![\w/:-])"
)
# Ofcom's numbers kept for drama and examples (they never reach anyone): allowed anywhere.
_DRAMA_NUMBERS = re.compile(
    r"^(?:01632960|02079460|011[3-8]4960|01[2-6]14960|02890180|02920180|07700900|08081570"
    r"|09098790|03069990)\d{3}$"
)
# Files whose texts people read, checked for phone numbers (council.yml is where they belong).
TEXT_FILES = ("dialogue.yml", "glossary.yml", "arrangements.yml", "young_people.yml")
_HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
_SAFE_URL = re.compile(r"^(https?://|mailto:|tel:|/)", re.IGNORECASE)
_MD_LINK = re.compile(r"\[[^\]]*\]\(\s*((?:[^()\s]|\([^()]*\))*)")


def check_content(
    content_dir: Path | None = None,
    *,
    production: bool = False,
    today: dt.date | None = None,
) -> list[Problem]:
    """All problems with the content. Errors must be fixed; warnings should be looked at."""
    offer, problems = read_content(content_dir)
    if offer is None:
        # Still say which emergency contacts are missing (a text naming one, such as
        # {childline_phone}, fails to load without it and would hide why).
        council = read_council(content_dir)
        if council is not None:
            problems += [p for p in _check_emergency(council) if p not in problems]
        return problems
    today = today or dt.date.today()
    problems += _check_sections(offer, today)
    problems += _check_reading_levels(offer)
    problems += _check_council(offer)
    problems += _check_safety_numbers(offer, production)
    problems += _check_placeholders(offer, production)
    problems += _check_phone_numbers_outside_council(
        Path(content_dir) if content_dir is not None else content_dir_from_env(), offer
    )
    problems += _check_no_html(offer)
    problems += _check_young_people(offer)
    problems += _check_hours(offer.council)
    problems += _check_arrangement_sources(offer)
    problems += _check_glossary_sources(offer)
    return problems


# What to write when a 'sources:' list is missing or has an empty line (sections, arrangements,
# glossary terms: one wording everywhere).
_SOURCES_HOW = (
    "with one line for each council paper or national source (a law, the statutory guidance, a "
    "GOV.UK page) that the facts rest on, for example '- Improving Lives Select Commission, 9 "
    "June 2026'."
)
_EMPTY_SOURCE = (
    "one line of the 'sources:' list is empty. Name the council paper or national source, or "
    "remove the line."
)


def _check_arrangement_sources(offer: Offer) -> list[Problem]:
    """Every arrangement says where its facts come from: who holds parental responsibility and
    what the council must do are rules people rely on."""
    problems = []
    for key, item in offer.arrangements.items():
        field = f"arrangements.{key}.sources"
        sources = [s for s in item.sources if s.strip()]
        if not sources:
            problems.append(
                Problem(
                    "error",
                    "arrangements.yml",
                    field,
                    f"the arrangement '{item.title}' does not say where its facts come from. Add "
                    f"a 'sources:' list under it, {_SOURCES_HOW}",
                )
            )
        elif len(sources) != len(item.sources):
            problems.append(Problem("error", "arrangements.yml", field, _EMPTY_SOURCE))
    return problems


# 999, 111 and 101 may be written as they are; they are not facts that need a source.
_SHORT_NUMBERS = re.compile(r"\b(?:999|111|101)\b")


def _states_a_number(meaning: str) -> bool:
    """Whether a glossary meaning gives a number (an amount, an age, a time limit, a date),
    leaving out phone numbers (filled in from council.yml, or 999, 111 and 101)."""
    for number in _numbers_in(meaning):
        meaning = meaning.replace(number, " ")
    return bool(re.search(r"\d", _SHORT_NUMBERS.sub(" ", meaning)))


def _check_glossary_sources(offer: Offer) -> list[Problem]:
    """Glossary terms may list `sources`. A plain meaning ("a short break from caring") needs
    none, so a missing list is never an error; a meaning that gives a number (an amount, an
    age, a time limit, a date) without one is a warning. An empty line is an error."""
    problems = []
    for term in offer.glossary:
        field = f"term '{term.term}'.sources"
        sources = [s for s in term.sources if s.strip()]
        if len(sources) != len(term.sources):
            problems.append(Problem("error", "glossary.yml", field, _EMPTY_SOURCE))
        elif not sources and _states_a_number(term.meaning):
            problems.append(
                Problem(
                    "warning",
                    "glossary.yml",
                    field,
                    "this meaning gives a number (an amount, an age, a time limit or a date) but "
                    f"does not say where it comes from. Add a 'sources:' list, {_SOURCES_HOW} "
                    "Plain meanings without a fact in them need no source.",
                )
            )
    return problems


def _check_young_people(offer: Offer) -> list[Problem]:
    """Answers to young people's questions: easy to read (grade 6 each, median 5), and every
    section or glossary term they point to exists."""
    rel = "young_people.yml"
    problems = []
    per_text, median_limit = LIMITS["young_person"]
    grades = []
    for key, item in offer.young_people.items():
        for field in ("title", "answer", "who_to_talk_to"):
            if _HTML_TAG.search(getattr(item, field)):
                problems.append(
                    Problem("error", rel, f"questions.{key}.{field}", "HTML tags are not allowed.")
                )
        value = grade(f"{item.answer}\n\n{item.who_to_talk_to}")
        grades.append(value)
        if value > per_text:
            problems.append(
                Problem(
                    "error",
                    rel,
                    f"questions.{key}",
                    f"this answer is too hard for young people to read (reading grade "
                    f"{value:.1f}; the limit is {per_text:g}). Use shorter sentences and "
                    "everyday words.",
                )
            )
        if item.section is not None and item.section not in offer.sections:
            problems.append(
                Problem(
                    "error",
                    rel,
                    f"questions.{key}.section",
                    f"'{item.section}' is not a section id",
                )
            )
        if item.term is not None and offer.term_for(item.term) is None:
            problems.append(
                Problem(
                    "error",
                    rel,
                    f"questions.{key}.term",
                    f"'{item.term}' is not a term in glossary.yml",
                )
            )
        problems += _check_answer_for_older(offer, key)
        if any(not source.strip() for source in item.sources):
            problems.append(
                Problem(
                    "error",
                    rel,
                    f"questions.{key}.sources",
                    "one line of the 'sources:' list is empty. Name the council paper or "
                    "national source, or remove the line.",
                )
            )
    if grades and statistics.median(grades) > median_limit:
        problems.append(
            Problem(
                "error",
                rel,
                "questions (all answers)",
                f"the answers are too hard to read overall (middle reading grade "
                f"{statistics.median(grades):.1f}; the limit is {median_limit:g}).",
            )
        )
    return problems


def _check_answer_for_older(offer: Offer, key: str) -> list[Problem]:
    """An answer given to older young people instead of another (`instead_of`, `from_age`):
    both are written, the other answer exists, and the age is a young person's."""
    rel = "young_people.yml"
    item = offer.young_people[key]
    if item.instead_of is None and item.from_age is None:
        return []
    if item.instead_of is None or item.from_age is None:
        return [
            Problem(
                "error",
                rel,
                f"questions.{key}." + ("instead_of" if item.instead_of is None else "from_age"),
                "'instead_of' and 'from_age' go together: write both (for example "
                "'instead_of: money' and 'from_age: 16' for an answer for young people of 16 "
                "or over), or neither.",
            )
        ]
    problems = []
    if item.instead_of == key or item.instead_of not in offer.young_people:
        problems.append(
            Problem(
                "error",
                rel,
                f"questions.{key}.instead_of",
                f"'{item.instead_of}' is not another question in this file",
            )
        )
    if not FROM_AGE_MIN <= item.from_age <= FROM_AGE_MAX:
        problems.append(
            Problem(
                "error",
                rel,
                f"questions.{key}.from_age",
                f"write an age from {FROM_AGE_MIN} to {FROM_AGE_MAX} (the youngest age this "
                f"answer is for), not {item.from_age}",
            )
        )
    return problems


def _section_file(offer: Offer, section_id: str) -> str:
    return offer.sections[section_id].source_file or f"sections/{section_id}.md"


def _check_sections(offer: Offer, today: dt.date) -> list[Problem]:
    problems = []
    for section in offer.sections.values():
        rel = _section_file(offer, section.id)
        if section.id not in SECTION_IDS:
            problems.append(
                Problem(
                    "warning",
                    rel,
                    "id",
                    f"'{section.id}' is not one of the standard section ids. New sections are "
                    "allowed, but check the file name is spelt as you meant.",
                )
            )
        if section.review_due < today:
            problems.append(
                Problem(
                    "warning",
                    rel,
                    "review_due",
                    f"this section was due for review on {section.review_due:%d %B %Y}. Check it "
                    "is still right, then update last_reviewed and review_due.",
                )
            )
        if section.last_reviewed > today:
            problems.append(Problem("warning", rel, "last_reviewed", "this date is in the future"))
        if len(section.summary) > SUMMARY_MAX_CHARS:
            problems.append(
                Problem(
                    "warning",
                    rel,
                    "summary",
                    f"the summary is {len(section.summary)} characters; keep it under "
                    f"{SUMMARY_MAX_CHARS} so it fits on a card",
                )
            )
        sources = [s for s in section.sources if s.strip()]
        if not sources or len(sources) != len(section.sources):
            problems.append(
                Problem(
                    "error",
                    rel,
                    "sources",
                    "this section does not say where its facts come from. Add a 'sources:' list "
                    "with one line for each council paper or national source (a law, the "
                    "statutory guidance, a GOV.UK page) that the facts in this section rest on, "
                    "for example '- Improving Lives Select Commission, 9 June 2026'."
                    if not sources
                    else "one line of the 'sources:' list is empty. Name the council paper or "
                    "national source, or remove the line.",
                )
            )
        if not section.keywords:
            problems.append(
                Problem(
                    "warning",
                    rel,
                    "keywords",
                    "add some plain words people use for this need, so search can find it",
                )
            )
        for index, link in enumerate(section.links):
            if not link.url.lower().startswith(("https://", "http://")):
                problems.append(
                    Problem(
                        "error",
                        rel,
                        f"links[{index + 1}] '{link.title}'",
                        "the address must start with https://",
                    )
                )
        texts = {
            **{
                f: getattr(section, f)
                for f in ("carer_text", "young_person_text", "professional_text")
            },
            **{f"answers.{key}": text for key, text in section.answers.items()},
        }
        for field, text in texts.items():
            for url in _MD_LINK.findall(text):
                if not _SAFE_URL.match(url):
                    problems.append(
                        Problem(
                            "error",
                            rel,
                            field,
                            f"the link '{url}' must start with https://, mailto:, tel: or /",
                        )
                    )
    return problems


def _check_reading_levels(offer: Offer) -> list[Problem]:
    problems = []
    for audience, field, who in (
        ("carer", "carer_text", "carers"),
        ("young_person", "young_person_text", "young people"),
    ):
        per_text, median_limit = LIMITS[audience]
        grades = []
        for section in offer.sections.values():
            value = grade(getattr(section, field))
            grades.append(value)
            if value > per_text:
                problems.append(
                    Problem(
                        "error",
                        _section_file(offer, section.id),
                        field,
                        f"the text for {who} is too hard to read (reading grade {value:.1f}; the "
                        f"limit is {per_text:g}). Use shorter sentences and everyday words.",
                    )
                )
        if grades and statistics.median(grades) > median_limit:
            problems.append(
                Problem(
                    "error",
                    "sections/",
                    f"{field} (all sections)",
                    f"the texts for {who} are too hard to read overall (middle reading grade "
                    f"{statistics.median(grades):.1f}; the limit is {median_limit:g}).",
                )
            )
    problems += _check_answer_reading_levels(offer)
    per_text = LIMITS["carer"][0]
    for section in offer.sections.values():
        value = grade("\n\n".join(section.arrangements.values()))
        if value > per_text:
            problems.append(
                Problem(
                    "warning",
                    _section_file(offer, section.id),
                    "arrangements",
                    f"the arrangement notes are hard to read (reading grade {value:.1f}; aim for "
                    f"{per_text:g} or less).",
                )
            )
    for key, phrase in offer.dialogue.items():
        value = grade(phrase)
        if value > per_text:
            problems.append(
                Problem(
                    "warning",
                    "dialogue.yml",
                    f"phrases.{key}",
                    f"this phrase is hard to read (reading grade {value:.1f}; aim for "
                    f"{per_text:g} or less).",
                )
            )
    return problems


def _check_answer_reading_levels(offer: Offer) -> list[Problem]:
    """The short answers of every section's `answers:` are read by carers: the carers' limits
    (each answer, and the middle of all of them)."""
    per_text, median_limit = LIMITS["carer"]
    problems = []
    grades = []
    for section in offer.sections.values():
        for key, text in section.answers.items():
            value = grade(text)
            grades.append(value)
            if value > per_text:
                problems.append(
                    Problem(
                        "error",
                        _section_file(offer, section.id),
                        f"answers.{key}",
                        f"this answer is too hard to read (reading grade {value:.1f}; the limit "
                        f"is {per_text:g}). Use shorter sentences and everyday words.",
                    )
                )
    if grades and statistics.median(grades) > median_limit:
        problems.append(
            Problem(
                "error",
                "sections/",
                "answers (all sections)",
                f"the short answers are too hard to read overall (middle reading grade "
                f"{statistics.median(grades):.1f}; the limit is {median_limit:g}).",
            )
        )
    return problems


def _check_emergency(council: Council) -> list[Problem]:
    problems = []
    for key in REQUIRED_EMERGENCY:
        if key not in council.emergency:
            problems.append(
                Problem(
                    "error",
                    "council.yml",
                    f"emergency.{key}",
                    "this emergency contact is missing; the safety response needs it",
                )
            )
    for key, contact in council.emergency.items():
        if contact.phone is None:
            problems.append(
                Problem(
                    "error",
                    "council.yml",
                    f"emergency.{key}.phone",
                    "every emergency contact needs a phone number",
                )
            )
    return problems


def _check_council(offer: Offer) -> list[Problem]:
    problems = _check_emergency(offer.council)
    if offer.council.navigators.phone is None and offer.council.navigators.email is None:
        problems.append(
            Problem(
                "error",
                "council.yml",
                "navigators",
                "give at least a phone number or an e-mail address for the Kinship Navigators",
            )
        )
    for text_name in ("summary", "text"):
        text = getattr(offer.council.privacy_notice, text_name)
        left = re.findall(r"\{[a-z_]+\}", text)
        if left:
            problems.append(
                Problem(
                    "error",
                    "council.yml",
                    f"privacy_notice.{text_name}",
                    f"{left[0]} cannot be filled in; use "
                    + ", ".join(f"{{{name}_days}}" for name in RETENTION_PERIODS),
                )
            )
    return problems


def _check_safety_numbers(offer: Offer, production: bool) -> list[Problem]:
    """The front door and out-of-hours numbers, and the front door's hours: warnings while
    testing, errors in production (the safety reply would have no council number to give)."""
    level = "error" if production else "warning"
    later = " It is needed before going live." if production else " Add it before going live."
    problems = []
    emergency = offer.council.emergency
    for key, who in SAFETY_NUMBERS.items():
        contact = emergency.get(key)
        if contact is None:
            problems.append(
                Problem(
                    level,
                    "council.yml",
                    f"emergency.{key}",
                    f"the phone number of {who} is missing. The safety reply gives it to anyone "
                    "worried about a child; without it, the reply can only say the number is on "
                    "the council website." + later,
                )
            )
        elif contact.phone is not None and contact.phone.placeholder:
            # (A contact without a phone is an error in every mode: _check_emergency.)
            problems.append(
                Problem(
                    level,
                    "council.yml",
                    f"emergency.{key}.phone",
                    f"the phone number of {who} is still a placeholder, not the real number. The "
                    "safety reply does not show a placeholder: it says the number is on the "
                    "council website instead." + later,
                )
            )
    front_door = emergency.get("front_door")
    if front_door is not None and (front_door.hours is None or not front_door.hours.days):
        problems.append(
            Problem(
                level,
                "council.yml",
                "emergency.front_door.hours",
                "the opening hours of children's social care are missing (hours: with text: and "
                "days:). The safety reply uses them to say whether they are open now." + later,
            )
        )
    return problems


# Placeholders with their own message (above, or here).
_OWN_MESSAGE = {f"emergency.{key}.phone" for key in SAFETY_NUMBERS}


def _check_placeholders(offer: Offer, production: bool) -> list[Problem]:
    level = "error" if production else "warning"
    problems = []
    for path in offer.council.placeholders():
        if path in _OWN_MESSAGE:
            continue
        if path == "navigator_contact_promise":
            problems.append(
                Problem(
                    level,
                    "council.yml",
                    path,
                    "how soon a Kinship Navigator will make contact is still a placeholder, so "
                    "the assistant promises no day: it says a Navigator will contact people as "
                    "soon as they can. When the service has agreed the number of working days, "
                    "write it and delete 'placeholder: true'"
                    + (". This is needed before going live." if production else "."),
                )
            )
            continue
        problems.append(
            Problem(
                level,
                "council.yml",
                path,
                "this is still a placeholder, not the real detail"
                + (". Real details are needed before going live." if production else "."),
            )
        )
    for section in offer.sections.values():
        for index, link in enumerate(section.links):
            if link.placeholder:
                problems.append(
                    Problem(
                        level,
                        _section_file(offer, section.id),
                        f"links[{index + 1}] '{link.title}'",
                        "this link is still a placeholder, not the real address.",
                    )
                )
    return problems


def _check_no_html(offer: Offer) -> list[Problem]:
    problems = []
    for section in offer.sections.values():
        texts = {
            "title": section.title,
            "summary": section.summary,
            "carer_text": section.carer_text,
            "young_person_text": section.young_person_text,
            "professional_text": section.professional_text,
            "how_to_get_it": section.how_to_get_it,
            **{f"arrangements.{k}": v for k, v in section.arrangements.items()},
            **{f"answers.{k}": v for k, v in section.answers.items()},
        }
        for field, text in texts.items():
            if _HTML_TAG.search(text):
                problems.append(
                    Problem(
                        "error",
                        _section_file(offer, section.id),
                        field,
                        "HTML tags are not allowed. Use Markdown: **bold**, - lists, "
                        "[words](https://address).",
                    )
                )
    for key, phrase in offer.dialogue.items():
        if _HTML_TAG.search(phrase):
            problems.append(
                Problem("error", "dialogue.yml", f"phrases.{key}", "HTML tags are not allowed.")
            )
    return problems


def _digits(number: str) -> str:
    """A UK number's digits as dialled in the UK: '+44 (0)808 800 5000' -> '08088005000'."""
    digits = re.sub(r"\D", "", number)
    if number.lstrip().startswith("+44"):
        digits = "0" + digits[2:].lstrip("0")
    return digits


def _phone_problem(rel: str, field: str, number: str, offer: Offer) -> Problem:
    digits = _digits(number)
    known = [
        key
        for key, contact in offer.council.all_contacts().items()
        if contact.phone is not None and _digits(contact.phone.value) == digits
    ]
    if known:
        how = f"write {{{known[0]}_phone}} instead (it is filled in from council.yml)"
    else:
        how = (
            "add it to council.yml as a contact (under contacts:, with its name and phone), "
            "then write {<that contact>_phone} here instead"
        )
    return Problem(
        "error",
        rel,
        field,
        f"the phone number '{number}' is written here. Every phone number lives in council.yml "
        f"only, so there is one place to check and change it: {how}. (999, 111 and 101, and "
        "Ofcom's drama numbers such as 07700 900123 as examples, may be written as they are.)",
    )


def _numbers_in(text: str) -> list[str]:
    found = []
    for match in _PHONE.finditer(text):
        number = match.group(0).strip(" -")
        digits = _digits(number)
        if len(digits) < 6 or _DRAMA_NUMBERS.match(digits):
            continue
        found.append(number)
    return found


def _yaml_texts(data: Any, field: str) -> list[tuple[str, str]]:
    """Every text in a YAML file's data, with where it is (e.g. 'phrases.greet')."""
    if isinstance(data, dict):
        return [
            pair
            for key, value in data.items()
            for pair in _yaml_texts(value, f"{field}.{key}" if field else str(key))
        ]
    if isinstance(data, list):
        named = []
        for index, value in enumerate(data):
            name = value.get("term") if isinstance(value, dict) else None
            where = f"term '{name}'" if name else f"{field}[{index + 1}]"
            named += _yaml_texts(value, where)
        return named
    return [(field, data)] if isinstance(data, str) else []


def _check_phone_numbers_outside_council(root: Path, offer: Offer) -> list[Problem]:
    """Phone numbers (national helplines included) belong in council.yml only: a number written
    in a section, the glossary, the dialogue, the arrangements or young people's answers is an
    error. Comments are not checked; the files as written are (before names are filled in)."""
    problems = []
    for rel in TEXT_FILES:
        path = root / rel
        if not path.is_file():
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError):
            continue  # the loader has already said why
        for field, text in _yaml_texts(data, ""):
            for number in _numbers_in(text):
                problems.append(_phone_problem(rel, field, number, offer))
    folder = root / "sections"
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        if path.name.lower() == "readme.md":
            continue
        rel = f"sections/{path.name}"
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError:
            continue
        for number_of_line, line in enumerate(lines, start=1):
            for number in _numbers_in(line):
                problems.append(_phone_problem(rel, f"line {number_of_line}", number, offer))
    return problems


# --- opening hours: the words people read (`text`) against the times the assistant uses (`days`)
_DAY_WORDS = {
    **{day: [day] for day in WEEKDAYS},
    **{day[:3]: [day] for day in WEEKDAYS},
    "tues": ["tuesday"],
    "weds": ["wednesday"],
    "thur": ["thursday"],
    "thurs": ["thursday"],
    "weekdays": list(WEEKDAYS[:5]),
    "weekends": list(WEEKDAYS[5:]),
    "weekend": list(WEEKDAYS[5:]),
    "daily": list(WEEKDAYS),
    "every day": list(WEEKDAYS),
}
_HOURS_TOKEN = re.compile(
    r"(?P<time>\b\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm)\b|\b\d{1,2}:\d{2}\b|\bnoon\b|\bmidday\b)"
    r"|(?P<day>\b(?:every day|" + "|".join(sorted(_DAY_WORDS, key=len, reverse=True)) + r")\b)"
    r"|(?P<closed>\bclosed\b)"
    r"|(?P<to>\bto\b|\buntil\b|\btill\b|\bthrough\b|[-\u2013\u2014])",
    re.IGNORECASE,
)


def _clock(word: str) -> str:
    """'8.30am' -> '08:30', '5pm' -> '17:00', '17:00' -> '17:00', 'noon' -> '12:00'."""
    word = word.lower().replace(" ", "")
    if word in ("noon", "midday"):
        return "12:00"
    suffix = word[-2:] if word[-2:] in ("am", "pm") else ""
    digits = word[: -2 or None] if suffix else word
    hour_text, _, minute_text = digits.replace(".", ":").partition(":")
    hour, minute = int(hour_text), int(minute_text or 0)
    if suffix == "pm" and hour != 12:
        hour += 12
    if suffix == "am" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}"


def hours_in_words(text: str) -> dict[str, str | None] | None:
    """The days and times an hours text states, as {day: "HH:MM-HH:MM"} (None for a day it
    says is closed); None when no day with a time can be read from it. Understands e.g.
    "Monday to Thursday 8.30am to 5pm. Friday 8.30am to 4.30pm.", "Mon-Fri 09:00-17:00",
    "9am to 5pm, Monday to Friday", "Saturday and Sunday closed"."""
    items: list[tuple[str, Any]] = []  # ("days", [..]) | ("span", "HH:MM-HH:MM") | ("closed",)
    tokens = [(m.lastgroup, m.group()) for m in _HOURS_TOKEN.finditer(text)]
    i = 0
    while i < len(tokens):
        kind, word = tokens[i]
        if kind == "time":
            if i + 2 < len(tokens) and tokens[i + 1][0] == "to" and tokens[i + 2][0] == "time":
                items.append(("span", f"{_clock(word)}-{_clock(tokens[i + 2][1])}"))
                i += 3
                continue
        elif kind == "day":
            days = list(_DAY_WORDS[word.lower()])
            if i + 2 < len(tokens) and tokens[i + 1][0] == "to" and tokens[i + 2][0] == "day":
                first = WEEKDAYS.index(days[0])
                last = WEEKDAYS.index(_DAY_WORDS[tokens[i + 2][1].lower()][-1])
                days = list(WEEKDAYS[first : last + 1]) if first <= last else []
                i += 2
            if items and items[-1][0] == "days":
                items[-1] = ("days", items[-1][1] + days)  # "Monday, Tuesday and Friday"
            else:
                items.append(("days", days))
        elif kind == "closed":
            items.append(("closed", None))
        i += 1
    stated: dict[str, str | None] = {}
    used: set[int] = set()
    for index, (kind, value) in enumerate(items):
        if kind != "days":
            continue
        # The times (or "closed") come after the days, or just before them.
        for other in (index + 1, index - 1):
            if 0 <= other < len(items) and other not in used and items[other][0] != "days":
                used.add(other)
                for day in value:
                    stated[day] = items[other][1]
                break
    return stated if any(span for span in stated.values()) else None


def _hours_fields(council: Council) -> list[tuple[str, OfficeHours]]:
    found = []
    for name in ("navigators", "data_protection"):
        contact = getattr(council, name)
        if contact.hours is not None:
            found.append((f"{name}.hours", contact.hours))
    for group in ("emergency", "contacts"):
        for key, contact in getattr(council, group).items():
            if contact.hours is not None:
                found.append((f"{group}.{key}.hours", contact.hours))
    return found


def _check_hours(council: Council) -> list[Problem]:
    """`hours.text` is what people read; `hours.days` decides "open now", out of hours and
    the Navigators' contact promise. They must say the same thing."""
    problems = []
    for field, hours in _hours_fields(council):
        stated = hours_in_words(hours.text)
        if stated is None:
            if hours.days:
                problems.append(
                    Problem(
                        "warning",
                        "council.yml",
                        f"{field}.text",
                        "the check could not read days and times in this text, so it could not "
                        "check that it matches days:. Write it like 'Monday to Friday 9am to "
                        "5pm'.",
                    )
                )
            continue
        differences = []
        days = {d: "-".join(p.strip() for p in span.split("-")) for d, span in hours.days.items()}
        for day in WEEKDAYS:
            said, used = stated.get(day), days.get(day)
            if said == used:
                continue
            words = f"{said.replace('-', ' to ')}" if said else "closed"
            if day not in stated:
                words = "nothing"
            differences.append(
                f"{day.title()}: the text says {words}, days: says "
                + (f"{used.replace('-', ' to ')}" if used else "closed")
            )
        if differences:
            problems.append(
                Problem(
                    "error",
                    "council.yml",
                    field,
                    "the opening hours people read (text:) and the hours the assistant uses to "
                    "say whether the team is open now (days:) do not agree. "
                    + "; ".join(differences)
                    + ". Change one so that both say the same.",
                )
            )
    return problems
