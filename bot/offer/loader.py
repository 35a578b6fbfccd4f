"""Read the offer from `offer_content/` into typed models.

    offer = get_offer()            # the offer in use; reload_offer() reads it again
    offer = load_offer(some_dir)   # uncached, e.g. in tests

Content that cannot be used raises `ContentError`, whose `problems` say in plain words what is
wrong, in which file and which field. `scripts/content_check.py` runs the same checks plus the
quality checks (reading level, review dates, placeholders) in `checks.py`.
"""

from __future__ import annotations

import os
import re
import string
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .models import (
    ANSWER_KEYS,
    ARRANGEMENT_IDS,
    ARRANGEMENT_NOTE_KEYS,
    REQUIRED_ANSWER_KEYS,
    SECTION_IDS,
    Arrangement,
    Council,
    Offer,
    Section,
    Term,
    YoungPersonAnswer,
)

DEFAULT_CONTENT_DIR = Path(__file__).resolve().parents[2] / "offer_content"

# The dialogue keys the chat code relies on.
REQUIRED_DIALOGUE_KEYS: tuple[str, ...] = (
    "greet",
    "ask_arrangement",
    "fallback",
    "out_of_scope",
    "handoff_intro",
    "goodbye",
    "bot_challenge",
    "thanks",
    "unavailable",
    # The questions of a section's `answers:` (actions/follow_ups.py, the section pages).
    *(f"follow_up_question_{key}" for key in ANSWER_KEYS),
    "follow_up_not_in_offer",
    "follow_up_contacts",
    # The warm word for someone struggling (bot/chat/service.py `distress_messages`).
    "distress_support",
    "distress_more",
    "distress_support_young_person",
    "distress_more_young_person",
    # A worry that is not danger now (bot/safety/response.py `concern_messages`).
    "concern_carer",
    "concern_young_person",
    "concern_999",
    "young_person_childline",
    # The reference of a message left for a Kinship Navigator, asked for again
    # (bot/chat/reference.py).
    "reference_again",
    "reference_none",
    "reference_person_button",
    # An arrangement described in words, before what it means (actions/replies.py, fallback.py).
    "arrangement_from_words",
)

# Headings that split a section file's body into its texts.
BODY_HEADINGS: dict[str, str] = {
    "for carers": "carer_text",
    "for young people": "young_person_text",
    "for professionals": "professional_text",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content. `level` is 'error' or 'warning'."""

    level: str
    file: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, {self.field}" if self.field else self.file
        return f"{self.level.upper()}: {where}: {self.message}"


class ContentError(Exception):
    """The offer content cannot be used. `problems` lists each reason in plain words."""

    def __init__(self, problems: list[Problem] | list[str]):
        self.details = [p for p in problems if isinstance(p, Problem)]
        self.problems = [str(p) for p in problems]
        super().__init__(
            f"The offer content has {len(self.problems)} problem(s):\n" + "\n".join(self.problems)
        )


def content_dir_from_env() -> Path:
    configured = os.environ.get("CONTENT_DIR")
    return Path(configured) if configured else DEFAULT_CONTENT_DIR


# --------------------------------------------------------------------------- reading files


def _read_yaml(path: Path, rel: str, problems: list[Problem]) -> Any:
    if not path.is_file():
        problems.append(Problem("error", rel, "", "this file is missing"))
        return None
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" near line {mark.line + 1}" if mark else ""
        problems.append(
            Problem(
                "error",
                rel,
                "",
                f"this file cannot be read{where}: check the indentation, colons and quotes "
                f"({getattr(exc, 'problem', None) or exc})",
            )
        )
        return None
    except UnicodeDecodeError:
        problems.append(Problem("error", rel, "", "save this file as UTF-8 text"))
        return None


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n?(.*)\Z", re.DOTALL)
_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t]*#*[ \t]*$")


def _read_section_file(path: Path, rel: str, problems: list[Problem]) -> dict[str, Any] | None:
    try:
        raw = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError:
        problems.append(Problem("error", rel, "", "save this file as UTF-8 text"))
        return None
    match = _FRONT_MATTER.match(raw)
    if not match:
        problems.append(
            Problem(
                "error",
                rel,
                "",
                "the file must start with a line '---', then the details (title, summary ...), "
                "then another '---' line, then the texts",
            )
        )
        return None
    front, body = match.groups()
    try:
        data = yaml.safe_load(front) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" near line {mark.line + 2}" if mark else ""
        problems.append(
            Problem(
                "error",
                rel,
                "",
                f"the details at the top cannot be read{where}: check the indentation, colons "
                f"and quotes ({getattr(exc, 'problem', None) or exc})",
            )
        )
        return None
    if not isinstance(data, dict):
        problems.append(
            Problem("error", rel, "", "the details at the top must be 'name: value' lines")
        )
        return None
    for field in BODY_HEADINGS.values():
        if field in data:
            problems.append(
                Problem(
                    "error",
                    rel,
                    field,
                    "write this text below the second '---' line under its heading, "
                    "not in the details at the top",
                )
            )
    texts: dict[str, list[str]] = {}
    current: str | None = None
    for number, line in enumerate(body.split("\n"), start=1):
        heading = _HEADING.match(line)
        if heading:
            name = heading.group(1).strip().lower()
            if name not in BODY_HEADINGS:
                known = ", ".join(f"'# {h.capitalize()}'" for h in BODY_HEADINGS)
                problems.append(
                    Problem(
                        "error",
                        rel,
                        f"heading '{line.strip()}'",
                        f"this heading is not one we know; use {known}",
                    )
                )
                current = None
                continue
            current = BODY_HEADINGS[name]
            if current in texts:
                problems.append(
                    Problem("error", rel, f"heading '{line.strip()}'", "this heading appears twice")
                )
            texts[current] = []
        elif current is not None:
            texts[current].append(line)
        elif line.strip():
            problems.append(
                Problem(
                    "error",
                    rel,
                    f"text line {number}",
                    "text must come under a heading such as '# For carers'",
                )
            )
    for field, lines in texts.items():
        data[field] = "\n".join(lines).strip()
    return data


# --------------------------------------------------------------------------- validation messages


_FRIENDLY = {
    "missing": "is missing",
    "extra_forbidden": "is not a field we know (check the spelling, or remove it)",
    "date_from_datetime_parsing": "should be a date written like 2026-05-31",
    "date_parsing": "should be a date written like 2026-05-31",
    "date_type": "should be a date written like 2026-05-31",
    "bool_parsing": "should be yes or no",
    "bool_type": "should be yes or no",
    "string_type": "should be text",
    "list_type": "should be a list (lines starting with '- ')",
    "dict_type": "should be a set of 'name: value' lines",
    "model_type": "should be a set of 'name: value' lines",
    "model_attributes_type": "should be a set of 'name: value' lines",
    "int_parsing": "should be a whole number",
    "int_type": "should be a whole number",
}


def _pydantic_problems(exc: ValidationError, rel: str, prefix: str = "") -> list[Problem]:
    problems = []
    for error in exc.errors():
        loc = [str(part) for part in error["loc"] if not str(part).startswith("function-")]
        # Drop pydantic's union branch names such as 'Value' or 'str'.
        loc = [
            part
            for part in loc
            if part[:1].islower() or part.isdigit() or "-" in part or "_" in part
        ]
        field = ".".join(filter(None, [prefix, *loc]))
        message = _FRIENDLY.get(error["type"])
        if message is None:
            message = error["msg"].removeprefix("Value error, ")
        problems.append(Problem("error", rel, field or "(whole file)", message))
    return problems


def _build(model: type[BaseModel], data: Any, rel: str, problems: list[Problem], prefix: str = ""):
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems.extend(_pydantic_problems(exc, rel, prefix))
        return None


# --------------------------------------------------------------------------- names in texts

_NAME = re.compile(r"\{([a-z][a-z0-9_]*)\}")


def _fill_names(
    value: Any, names: dict[str, str] | None, rel: str, field: str, problems: list[Problem]
) -> Any:
    """`value` (text, or a list or mapping of texts) with {names} from council.yml filled in,
    e.g. {childline_phone}. A name we do not know is a problem. Without the council's names
    (council.yml could not be read) the text is kept as it is."""
    if isinstance(value, dict):
        return {k: _fill_names(v, names, rel, f"{field}.{k}", problems) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill_names(v, names, rel, field, problems) for v in value]
    if not isinstance(value, str) or names is None:
        return value

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in names:
            return names[name]
        problems.append(Problem("error", rel, field, unknown_name_message(name, names)))
        return match.group(0)

    return _NAME.sub(one, value)


def unknown_name_message(name: str, names: dict[str, str]) -> str:
    """Why {name} cannot be filled in, in plain words, with the names that can."""
    why = ""
    if name.endswith("_phone"):
        why = (
            f" (council.yml has no contact called '{name.removesuffix('_phone')}' with a phone "
            "number)"
        )
    return f"{{{name}}} is not a name we can fill in{why}; use one of: " + ", ".join(
        "{" + n + "}" for n in names
    )


def _fill_fields(
    data: Any,
    fields: tuple[str, ...],
    names: dict[str, str] | None,
    rel: str,
    prefix: str,
    problems: list[Problem],
) -> Any:
    if not isinstance(data, dict):
        return data
    filled = dict(data)
    for key in fields:
        if key in filled:
            where = f"{prefix}.{key}" if prefix else key
            filled[key] = _fill_names(filled[key], names, rel, where, problems)
    return filled


# Fields whose text may use {names} (the dialogue's phrases may too).
SECTION_TEXT_FIELDS = (
    "summary",
    "carer_text",
    "young_person_text",
    "professional_text",
    "how_to_get_it",
    "arrangements",
    "answers",
)
ARRANGEMENT_TEXT_FIELDS = (
    "description",
    "parental_responsibility",
    "council_support",
    "questions",
    "young_person_description",
)
TERM_TEXT_FIELDS = ("meaning", "young_person_meaning")
YOUNG_PERSON_TEXT_FIELDS = ("answer", "who_to_talk_to")


def content_names(council: Council | None) -> dict[str, str] | None:
    """The names a section, arrangement, glossary or young people's text may use in braces:
    the dialogue's names without those filled in at turn time. None without a council."""
    return dialogue_names(council) if council is not None else None


# --------------------------------------------------------------------------- loading


def _load_sections(
    root: Path, council: Council | None, problems: list[Problem]
) -> dict[str, Section]:
    folder = root / "sections"
    if not folder.is_dir():
        problems.append(
            Problem("error", "sections/", "", "the folder of offer sections is missing")
        )
        return {}
    found: dict[str, Section] = {}
    for path in sorted(folder.glob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        rel = f"sections/{path.name}"
        data = _read_section_file(path, rel, problems)
        if data is None:
            continue
        section_id = path.stem
        if "id" in data and data["id"] != section_id:
            problems.append(
                Problem(
                    "error",
                    rel,
                    "id",
                    f"the id '{data['id']}' does not match the file name; the file should be "
                    f"called '{data['id']}.md' (or the id should be '{section_id}')",
                )
            )
        data["id"] = section_id
        data["source_file"] = rel
        before = len(problems)
        for field, label in (
            ("carer_text", "'# For carers'"),
            ("young_person_text", "'# For young people'"),
        ):
            if not str(data.get(field) or "").strip():
                who = "carers" if field == "carer_text" else "young people"
                problems.append(
                    Problem(
                        "error",
                        rel,
                        field,
                        f"the text for {who} is missing: add a heading {label} with the text below it",
                    )
                )
                data[field] = data.get(field) or ""
        notes = data.get("arrangements")
        if isinstance(notes, dict):
            for key in notes:
                if key not in ARRANGEMENT_NOTE_KEYS:
                    problems.append(
                        Problem(
                            "error",
                            rel,
                            f"arrangements.{key}",
                            f"'{key}' is not an arrangement we know; use "
                            + ", ".join(ARRANGEMENT_NOTE_KEYS),
                        )
                    )
            for key in ARRANGEMENT_NOTE_KEYS:
                if not str(notes.get(key) or "").strip():
                    what = (
                        "what everyone can get"
                        if key == "everyone"
                        else f"what is available for the '{key}' arrangement"
                    )
                    problems.append(
                        Problem(
                            "error",
                            rel,
                            f"arrangements.{key}",
                            f"the note saying {what} is missing (if nothing extra is available, "
                            "say so and who can explain)",
                        )
                    )
            data["arrangements"] = {k: str(v or "").strip() for k, v in notes.items()}
        data["answers"] = _checked_answers(data.get("answers"), rel, problems)
        data = _fill_fields(data, SECTION_TEXT_FIELDS, content_names(council), rel, "", problems)
        section = _build(Section, data, rel, problems)
        if section is None or len(problems) > before:
            continue
        if section.review_due <= section.last_reviewed:
            problems.append(
                Problem(
                    "error", rel, "review_due", "the review due date must be after last_reviewed"
                )
            )
        if council is not None:
            known = council.all_contacts()
            for key in section.contacts:
                if key not in known:
                    problems.append(
                        Problem(
                            "error",
                            rel,
                            "contacts",
                            f"'{key}' is not a contact in council.yml; use one of: "
                            + ", ".join(known),
                        )
                    )
        found[section_id] = section

    for section_id in SECTION_IDS:
        if section_id not in found and not (folder / f"{section_id}.md").exists():
            problems.append(
                Problem(
                    "error",
                    f"sections/{section_id}.md",
                    "",
                    "this section of the offer is missing (every standard section must exist)",
                )
            )
    # Standard sections first, in DESIGN.md order; any new sections after them, by id.
    ordered = {sid: found[sid] for sid in SECTION_IDS if sid in found}
    ordered.update({sid: found[sid] for sid in sorted(found) if sid not in ordered})
    return ordered


_ANSWER_KEYS_IN_WORDS = ", ".join(ANSWER_KEYS[:-1]) + " or " + ANSWER_KEYS[-1]
_REQUIRED_IN_WORDS = ", ".join(REQUIRED_ANSWER_KEYS[:-1]) + " and " + REQUIRED_ANSWER_KEYS[-1]


def _checked_answers(answers: Any, rel: str, problems: list[Problem]) -> dict[str, str]:
    """A section's `answers:` block, with a plain-words problem for an unknown question, an
    empty answer, or one of the three answers every section needs left out."""
    if answers is None:
        problems.append(
            Problem(
                "error",
                rel,
                "answers",
                "the short answers to the questions people ask are missing. Add an 'answers:' "
                f"block to the details at the top, with at least {_REQUIRED_IN_WORDS} "
                "(offer_content/README.md shows how)",
            )
        )
        return {}
    if not isinstance(answers, dict):
        problems.append(
            Problem(
                "error",
                rel,
                "answers",
                "should be a set of 'question: answer' lines under 'answers:', for example "
                "'how_to_apply: Ask a Kinship Navigator.'",
            )
        )
        return {}
    kept: dict[str, str] = {}
    for key, value in answers.items():
        field = f"answers.{key}"
        if key not in ANSWER_KEYS:
            problems.append(
                Problem(
                    "error",
                    rel,
                    field,
                    f"'{key}' is not a question we know (check the spelling); use "
                    f"{_ANSWER_KEYS_IN_WORDS}",
                )
            )
        elif value is None or (isinstance(value, str) and not value.strip()):
            problems.append(
                Problem(
                    "error",
                    rel,
                    field,
                    "this answer is empty. Every section needs this answer: write it in a few "
                    "short sentences"
                    if key in REQUIRED_ANSWER_KEYS
                    else "this answer is empty. Write a short answer, or delete the line if the "
                    "offer does not say (the assistant then says it does not know, and gives "
                    "the contacts)",
                )
            )
        elif not isinstance(value, str):
            problems.append(Problem("error", rel, field, "should be text: a short answer in words"))
        else:
            kept[key] = value.strip()
    for key in REQUIRED_ANSWER_KEYS:
        if key not in answers:
            problems.append(
                Problem(
                    "error",
                    rel,
                    f"answers.{key}",
                    f"the answer '{key}' is missing. Every section needs {_REQUIRED_IN_WORDS} "
                    "under 'answers:'",
                )
            )
    return kept


def _load_arrangements(
    root: Path, problems: list[Problem], council: Council | None = None
) -> dict[str, Arrangement]:
    rel = "arrangements.yml"
    data = _read_yaml(root / rel, rel, problems)
    if data is None:
        return {}
    if not isinstance(data, dict) or not isinstance(data.get("arrangements"), dict):
        problems.append(
            Problem("error", rel, "arrangements", "the file must start with 'arrangements:'")
        )
        return {}
    result: dict[str, Arrangement] = {}
    for key, value in data["arrangements"].items():
        if key not in ARRANGEMENT_IDS:
            problems.append(
                Problem(
                    "error",
                    rel,
                    f"arrangements.{key}",
                    f"'{key}' is not an arrangement id we know; use " + ", ".join(ARRANGEMENT_IDS),
                )
            )
            continue
        if not isinstance(value, dict):
            problems.append(
                Problem(
                    "error", rel, f"arrangements.{key}", "should be a set of 'name: value' lines"
                )
            )
            continue
        value = _fill_fields(
            value,
            ARRANGEMENT_TEXT_FIELDS,
            content_names(council),
            rel,
            f"arrangements.{key}",
            problems,
        )
        built = _build(Arrangement, {"id": key, **value}, rel, problems, f"arrangements.{key}")
        if built is not None:
            result[key] = built
    for key in ARRANGEMENT_IDS:
        if key not in data["arrangements"]:
            problems.append(
                Problem("error", rel, f"arrangements.{key}", "this arrangement is missing")
            )
    return {key: result[key] for key in ARRANGEMENT_IDS if key in result}


def _load_glossary(
    root: Path,
    arrangement_ids: set[str],
    problems: list[Problem],
    council: Council | None = None,
) -> list[Term]:
    rel = "glossary.yml"
    data = _read_yaml(root / rel, rel, problems)
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        problems.append(
            Problem("error", rel, "terms", "the file must start with 'terms:' and a list of terms")
        )
        return []
    terms: list[Term] = []
    seen: dict[str, str] = {}
    for index, item in enumerate(data["terms"]):
        name = item.get("term", f"term number {index + 1}") if isinstance(item, dict) else index
        field = f"term '{name}'"
        item = _fill_fields(item, TERM_TEXT_FIELDS, content_names(council), rel, field, problems)
        term = _build(Term, item, rel, problems, field)
        if term is None:
            continue
        if term.arrangement is not None and term.arrangement not in arrangement_ids:
            problems.append(
                Problem(
                    "error",
                    rel,
                    f"{field}.arrangement",
                    f"'{term.arrangement}' is not an arrangement id; use "
                    + ", ".join(ARRANGEMENT_IDS),
                )
            )
        for word in (term.term, *term.synonyms):
            key = " ".join(word.lower().split())
            if key in seen and seen[key] != term.term:
                problems.append(
                    Problem(
                        "error",
                        rel,
                        f"{field}.synonyms",
                        f"'{word}' is also listed under '{seen[key]}'; a word can only mean one term",
                    )
                )
            seen.setdefault(key, term.term)
        terms.append(term)
    return terms


def _load_young_people(
    root: Path, problems: list[Problem], council: Council | None = None
) -> dict[str, YoungPersonAnswer]:
    """Answers to young people's common questions: optional, so an offer without the file loads."""
    rel = "young_people.yml"
    if not (root / rel).exists():
        return {}
    data = _read_yaml(root / rel, rel, problems)
    if data is None:
        return {}
    if not isinstance(data, dict) or not isinstance(data.get("questions"), dict):
        problems.append(Problem("error", rel, "questions", "the file must start with 'questions:'"))
        return {}
    answers: dict[str, YoungPersonAnswer] = {}
    for key, value in data["questions"].items():
        value = _fill_fields(
            value,
            YOUNG_PERSON_TEXT_FIELDS,
            content_names(council),
            rel,
            f"questions.{key}",
            problems,
        )
        built = _build(YoungPersonAnswer, value, rel, problems, f"questions.{key}")
        if built is not None:
            answers[str(key)] = built
    return answers


def _load_council(root: Path, problems: list[Problem]) -> Council | None:
    rel = "council.yml"
    data = _read_yaml(root / rel, rel, problems)
    if data is None:
        return None
    return _build(Council, data, rel, problems)


# Names filled in when the assistant speaks (not from council.yml): kept as they are at load.
TURN_NAMES: tuple[str, ...] = (
    "arrangement",
    "reference",
    "expected_contact",
    "section",
    "contact_method",
    "days",
    "number",
)


class _Names(dict):
    def __missing__(self, key: str) -> str:
        raise KeyError(key)


def _load_dialogue(root: Path, council: Council | None, problems: list[Problem]) -> dict[str, str]:
    rel = "dialogue.yml"
    data = _read_yaml(root / rel, rel, problems)
    if data is None:
        return {}
    if not isinstance(data, dict) or not isinstance(data.get("phrases"), dict):
        problems.append(Problem("error", rel, "phrases", "the file must start with 'phrases:'"))
        return {}
    names = {**dialogue_names(council), **{n: "{" + n + "}" for n in TURN_NAMES}}
    phrases: dict[str, str] = {}
    for key, value in data["phrases"].items():
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem("error", rel, f"phrases.{key}", "should be some text"))
            continue
        try:
            fields = [f for _, f, _, _ in string.Formatter().parse(value) if f is not None]
        except ValueError:
            problems.append(
                Problem(
                    "error",
                    rel,
                    f"phrases.{key}",
                    "a '{' or '}' is not closed; names in braces look like {council_name}",
                )
            )
            continue
        # Without council.yml the contacts' numbers are not known: {..._phone} waits for it.
        unknown = [
            f for f in fields if f not in names and not (council is None and f.endswith("_phone"))
        ]
        if unknown:
            problems.append(
                Problem("error", rel, f"phrases.{key}", unknown_name_message(unknown[0], names))
            )
            continue
        phrases[key] = value.strip().format_map(_Names(names)) if council else value.strip()
    for key in REQUIRED_DIALOGUE_KEYS:
        if key not in data["phrases"]:
            problems.append(
                Problem(
                    "error", rel, f"phrases.{key}", "this phrase is missing (the chat needs it)"
                )
            )
    return phrases


def dialogue_names(council: Council | None) -> dict[str, str]:
    """The names a dialogue phrase may use in braces, e.g. {council_name}."""
    if council is None:
        return dict.fromkeys(
            ("council_name", "council_short_name", "offer_name", "area", "navigators_name"), ""
        )
    names = {
        "council_name": council.name,
        "council_short_name": council.short_name,
        "offer_name": council.offer_name,
        "area": council.area,
        "navigators_name": council.navigators.name,
    }
    # Every phone number lives in council.yml; texts name it, e.g. {childline_phone}.
    from bot.core.contacts import shown  # here: bot.core.contacts imports bot.offer.models

    for key, contact in council.all_contacts().items():
        if contact.phone is not None:
            names[f"{key}_phone"] = shown(contact.phone)
    return names


def read_content(content_dir: Path | None = None) -> tuple[Offer | None, list[Problem]]:
    """Read everything, collecting problems instead of stopping at the first."""
    root = Path(content_dir) if content_dir is not None else content_dir_from_env()
    problems: list[Problem] = []
    if not root.is_dir():
        return None, [Problem("error", str(root), "", "the offer content folder does not exist")]
    council = _load_council(root, problems)
    arrangements = _load_arrangements(root, problems, council)
    glossary = _load_glossary(root, set(ARRANGEMENT_IDS), problems, council)
    sections = _load_sections(root, council, problems)
    dialogue = _load_dialogue(root, council, problems)
    young_people = _load_young_people(root, problems, council)
    if any(p.level == "error" for p in problems) or council is None:
        return None, problems
    offer = Offer(
        sections=sections,
        arrangements=arrangements,
        glossary=glossary,
        council=council,
        dialogue=dialogue,
        young_people=young_people,
    )
    return offer, problems


def read_council(content_dir: Path | None = None) -> Council | None:
    """council.yml alone (None when it cannot be used): for the checks that must still run when
    another file has a problem (a missing emergency contact is reported either way)."""
    root = Path(content_dir) if content_dir is not None else content_dir_from_env()
    return _load_council(root, []) if root.is_dir() else None


def load_offer(content_dir: Path | None = None) -> Offer:
    """Load and validate the offer. Raises ContentError listing every problem found."""
    offer, problems = read_content(content_dir)
    errors = [p for p in problems if p.level == "error"]
    if offer is None or errors:
        raise ContentError(errors or [Problem("error", "offer_content", "", "could not be loaded")])
    return offer


_current: Offer | None = None
_current_lock = threading.Lock()


def get_offer() -> Offer:
    """The offer in use: from CONTENT_DIR (or the project's offer_content/), loaded once, and
    replaced only by a valid new one (``reload_offer``, ``use_offer``; bot/offer/live.py)."""
    global _current
    offer = _current
    if offer is None:
        with _current_lock:
            if _current is None:
                _current = load_offer()
            offer = _current
    return offer


def use_offer(offer: Offer) -> None:
    """Put an offer already loaded and checked in use (bot/offer/live.py)."""
    global _current
    with _current_lock:
        _current = offer


def reload_offer() -> Offer:
    """Load the content again and put it in use; ContentError (and the old offer kept in use)
    when it cannot be used."""
    offer = load_offer()
    use_offer(offer)
    return offer
