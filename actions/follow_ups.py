"""Questions about a part of the offer just shown: "how do I apply?", "who do I ring?", "how much
is it?", "can I get it?", "what happens next?".

After the assistant has shown a section, people ask about it in words the NLU was never trained
on, and Rasa sends them anywhere: to the fallback, out of scope, a need intent, "show the offer",
the arrangement questions, "are you a bot", thanks or goodbye. Each of those actions first asks
`answer_follow_up` (through the `answers_follow_ups` decorator): when the message is such a
question about a section shown in this conversation, it is answered from that section's
`answers:` block (offer_content/sections/*.md) with the section's contacts, and the action's own
reply is not given. When the section has no answer to that question, the reply says so honestly
and gives the contacts. Nothing changes for young people, for a first message (no section shown
yet), inside the hand-off form or in the middle of the arrangement questions.

Which kind of question a message asks is data: the phrases in actions/rules/follow_ups.yaml,
which this module loads once (a missing or broken file stops the action server at start-up with
the problem named) and runs.

Which section it is about: the one the message names among those already shown ("how do I apply
for housing"); else the section(s) of the latest reply that showed any ("how do I apply?"). A
message that names a section not shown yet is a new need, answered as before, and so is one
whose other words are not about any section shown ("who do I ring about my council tax").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    MAX_SECTIONS_PER_REPLY,
    arrangement,
    audience,
    latest_text,
    menu_buttons,
    offer,
    phrase,
    say,
    sections_shown,
)
from bot.core.contacts import contact_sentence
from bot.offer.models import ANSWER_KEYS, Section
from bot.search import get_search

RULES_FILE = Path(__file__).resolve().parent / "rules" / "follow_ups.yaml"
# Messages of these kinds show sections; the latest reply with one says what "it" is.
SHOWING_KINDS = frozenset({"section", "follow_up"})
FOLLOW_UP_KIND = "follow_up"
# A word this long may be read as a phrase word one keyboard slip away (two from 8 letters).
TYPO_MIN_LETTERS = 5
TYPO_TWO_SLIPS_LETTERS = 8
# Words this short (and numbers) never make a message about something else.
CONTENT_MIN_LETTERS = 3


class RulesFileError(RuntimeError):
    """The follow-ups file is missing or cannot be read; the message says which and why."""


# One position of a phrase: the words it accepts, and whether it may be left out.
Step = tuple[frozenset[str], bool]


@dataclass(frozen=True)
class Rules:
    """What actions/rules/follow_ups.yaml says, checked."""

    phrases: dict[str, tuple[tuple[Step, ...], ...]]  # kind -> phrases
    examples: dict[str, tuple[str, ...]]
    not_follow_ups: tuple[str, ...]
    spellings: dict[str, tuple[str, ...]]
    filler: frozenset[str]
    vocabulary: frozenset[str]  # the phrases' words long enough to have their typos read


def _words(text: str) -> list[str]:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("'", "")
    return re.sub(r"[^a-z0-9£]+", " ", text).split()


def _problem(path: Path, message: str) -> RulesFileError:
    root = Path(__file__).resolve().parents[1]
    name = path.resolve().relative_to(root) if path.resolve().is_relative_to(root) else path
    return RulesFileError(f"{name}: {message}")


def load_rules(path: Path = RULES_FILE) -> Rules:
    """Read and check the follow-ups file; a `RulesFileError` names the file and the problem."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise _problem(path, "the file is missing: follow-up questions cannot be read") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark else ""
        raise _problem(path, f"not valid YAML{at}: {getattr(error, 'problem', error)}") from None
    if not isinstance(data, dict) or not isinstance(data.get("kinds"), dict):
        raise _problem(path, "the file must have `kinds:`, one block per kind of question")
    unknown = [kind for kind in data["kinds"] if kind not in ANSWER_KEYS]
    if unknown:
        raise _problem(
            path,
            f"`kinds: {unknown[0]}` is not a kind of question a section answers; use "
            + ", ".join(ANSWER_KEYS),
        )
    spellings = data.get("spellings") or {}
    filler = data.get("filler") or []
    if not isinstance(spellings, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.split() for k, v in spellings.items()
    ):
        raise _problem(path, "`spellings:` must be lines like 'hw: how'")
    if not isinstance(filler, list) or not all(isinstance(w, str) for w in filler):
        raise _problem(path, "`filler:` must be a list of words")
    phrases: dict[str, tuple[tuple[Step, ...], ...]] = {}
    examples: dict[str, tuple[str, ...]] = {}
    for kind, block in data["kinds"].items():
        if not isinstance(block, dict) or not block.get("phrases"):
            raise _problem(path, f"`kinds: {kind}` needs `phrases:`, a list of phrases")
        read: list[tuple[Step, ...]] = []
        for text in block["phrases"]:
            if not isinstance(text, str) or not text.split():
                raise _problem(path, f"`kinds: {kind}`: a phrase is empty or not text")
            steps = []
            for part in text.lower().split():
                optional = part.endswith("?")
                words = frozenset(
                    w for alt in part.rstrip("?").split("|") for w in _words(alt) if w
                )
                if not words:
                    raise _problem(path, f"`kinds: {kind}`: '{text}' has an empty word")
                steps.append((words, optional))
            if all(optional for _, optional in steps):
                raise _problem(path, f"`kinds: {kind}`: '{text}' has only optional words")
            read.append(tuple(steps))
        phrases[kind] = tuple(read)
        examples[kind] = tuple(str(e) for e in block.get("examples") or [])
    vocabulary = frozenset(
        word
        for kind_phrases in phrases.values()
        for steps in kind_phrases
        for words, _ in steps
        for word in words
        if len(word) >= TYPO_MIN_LETTERS
    )
    return Rules(
        phrases=phrases,
        examples=examples,
        not_follow_ups=tuple(str(t) for t in data.get("not_follow_ups") or []),
        spellings={k.lower(): tuple(v.lower().split()) for k, v in spellings.items()},
        filler=frozenset(w.lower() for w in filler),
        vocabulary=vocabulary,
    )


@lru_cache(maxsize=1)
def rules() -> Rules:
    return load_rules()


rules()  # at import: a broken file stops the action server at start-up, with its problem named


# --------------------------------------------------------------------------- reading a message


def _slips(a: str, b: str, most: int) -> int:
    """Keyboard slips between two words (optimal string alignment distance), or most + 1."""
    if abs(len(a) - len(b)) > most:
        return most + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _typo_fixed(word: str, known: Rules) -> str:
    if len(word) < TYPO_MIN_LETTERS or word in known.vocabulary or word in known.filler:
        return word
    most = 2 if len(word) >= TYPO_TWO_SLIPS_LETTERS else 1
    near = sorted(
        (_slips(word, candidate, most), candidate)
        for candidate in known.vocabulary
        if candidate[0] == word[0]
    )
    if near and near[0][0] <= most and (len(near) == 1 or near[1][0] > near[0][0]):
        return near[0][1]
    return word


def read_words(text: str, known: Rules | None = None) -> list[tuple[str, int]]:
    """The message's words as the phrases are matched against them, each with the position of
    the word it comes from ("whats" gives "what", "is", both from the same word)."""
    known = known or rules()
    out: list[tuple[str, int]] = []
    for index, word in enumerate(_words(text)):
        for part in known.spellings.get(word, (word,)):
            out.append((_typo_fixed(part, known), index))
    return out


def _match(steps: tuple[Step, ...], words: list[str], start: int) -> int | None:
    """The end of a match of `steps` at `start` in `words` (longest), or None."""
    if not steps:
        return start
    accepted, optional = steps[0]
    found = None
    if start < len(words) and words[start] in accepted:
        found = _match(steps[1:], words, start + 1)
    if found is None and optional:
        found = _match(steps[1:], words, start)
    return found


@dataclass(frozen=True)
class FollowUp:
    """A follow-up question: its kinds, in the order asked, and the words outside its phrases
    (`rest`: as written, for the offer search; `content`: those that are not filler)."""

    kinds: tuple[str, ...]
    rest: str
    content: tuple[str, ...]


def read_follow_up(text: str) -> FollowUp | None:
    """The kinds of follow-up question a message asks (actions/rules/follow_ups.yaml), or None."""
    known = rules()
    read = read_words(text, known)
    words = [w for w, _ in read]
    found: list[tuple[int, int, str]] = []  # (start, end, kind)
    for kind, kind_phrases in known.phrases.items():
        for steps in kind_phrases:
            for start in range(len(words)):
                end = _match(steps, words, start)
                if end is not None and end > start:
                    found.append((start, end, kind))
    if not found:
        return None
    # The longest phrase first where phrases overlap ("how can I get it" asks how to apply,
    # though "can I get it" asks who can get it).
    taken: list[tuple[int, int, str]] = []
    for start, end, kind in sorted(found, key=lambda f: (-(f[1] - f[0]), f[0])):
        if all(end <= s or start >= e for s, e, _ in taken):
            taken.append((start, end, kind))
    taken.sort()
    kinds = tuple(dict.fromkeys(kind for _, _, kind in taken))
    used = {i for start, end, _ in taken for i in range(start, end)}
    outside = [i for i in range(len(read)) if i not in used]
    source_words = _words(text)
    rest_positions = sorted({read[i][1] for i in outside} - {read[i][1] for i in used})
    content = tuple(
        words[i]
        for i in outside
        if words[i] not in known.filler
        and len(words[i]) >= CONTENT_MIN_LETTERS
        and not words[i].isdigit()
    )
    return FollowUp(kinds, " ".join(source_words[i] for i in rest_positions), content)


# --------------------------------------------------------------------------- what it is about


def latest_shown(tracker: Tracker) -> list[str]:
    """The sections of the latest reply that showed any (section answers and follow-up answers),
    among those shown in the conversation; the last one the `sections_shown` slot names when
    the events do not say (a trimmed tracker)."""
    shown = [s for s in sections_shown(tracker) if s in offer().sections]
    group: list[str] = []
    for event in reversed(tracker.events or []):
        kind = event.get("event")
        if kind == "user" and group:
            break
        if kind != "bot":
            continue
        custom = (event.get("data") or {}).get("custom") or {}
        if custom.get("kind") in SHOWING_KINDS:
            ids = [ref.get("id") for ref in custom.get("sections") or [] if isinstance(ref, dict)]
            group = [*ids, *group]
    found = [s for s in dict.fromkeys(group) if s in shown]
    return found[:MAX_SECTIONS_PER_REPLY] or shown[-1:]


def _section_words(section: Section) -> str:
    return " ".join(
        [
            section.title,
            " ".join(section.keywords),
            section.summary,
            section.carer_text,
            section.how_to_get_it,
            *section.arrangements.values(),
            *section.answers.values(),
        ]
    )


@lru_cache(maxsize=64)
def _vocabulary(section_id: str, offer_id: int) -> frozenset[str]:
    return frozenset(_words(_section_words(offer().sections[section_id])))


def _found_in(word: str, vocabulary: frozenset[str]) -> bool:
    if word in vocabulary or (word.endswith("s") and word[:-1] in vocabulary):
        return True
    if len(word) < TYPO_MIN_LETTERS:
        return False
    return any(
        candidate[0] == word[0] and _slips(word, candidate, 1) <= 1
        for candidate in vocabulary
        if abs(len(candidate) - len(word)) <= 1
    )


def about(tracker: Tracker, follow_up: FollowUp) -> list[str]:
    """The shown sections the follow-up asks about ([] when it is not about one of them)."""
    shown = [s for s in sections_shown(tracker) if s in offer().sections]
    if not shown:
        return []
    if not follow_up.content:
        return latest_shown(tracker)
    named = get_search().named_needs(follow_up.rest)
    if named:
        # Names a section: one already shown is asked about; a new one is a new need.
        return [named[0]] if named[0] in shown else []
    latest = latest_shown(tracker)
    for section_id in [*latest, *reversed(shown)]:
        vocabulary = _vocabulary(section_id, id(offer()))
        if all(_found_in(word, vocabulary) for word in follow_up.content):
            return [section_id]
    return []


# --------------------------------------------------------------------------- answering


# The question whose answer is followed by what the section says for the carer's arrangement.
TAILORED_KIND = "who_can_get_it"


def answer_text(section: Section, kinds: tuple[str, ...], arrangement_id: str | None = None) -> str:
    """The section's answers to the questions asked (or the honest "the offer does not say"),
    then who to contact: the section's contacts, with the Kinship Navigators always among them.
    With the carer's arrangement known, "can I get it?" also gets the section's note for it."""
    parts = []
    for kind in kinds:
        heading = f"**{section.title}: {phrase(f'follow_up_question_{kind}')}**"
        body = section.answer(kind) or phrase("follow_up_not_in_offer", section=section.title)
        note = section.arrangement_note(arrangement_id) if arrangement_id else ""
        if kind == TAILORED_KIND and note:
            title = offer().arrangements[arrangement_id].title
            body += f"\n\n{phrase('tailored_extra', arrangement=title)}\n{note}"
        parts.append(f"{heading}\n{body}")
    council = offer().council
    contacts = offer().section_contacts(section.id)
    if "navigators" not in section.contacts:
        contacts = [council.navigators, *contacts]
    lines = "\n".join(f"- {contact_sentence(contact)}" for contact in contacts)
    parts.append(f"{phrase('follow_up_contacts')}\n{lines}")
    return "\n\n".join(parts)


def answer_follow_up(
    dispatcher: CollectingDispatcher, tracker: Tracker
) -> list[dict[str, Any]] | None:
    """Answer the latest message when it is a follow-up question about a section shown in this
    conversation (see the module's docstring); None, saying nothing, when it is not."""
    text = latest_text(tracker)
    if not text or not sections_shown(tracker):
        return None
    if tracker.active_loop.get("name") or tracker.get_slot("quiz_step"):
        return None
    if audience(tracker) == "young_person":
        return None
    follow_up = read_follow_up(text)
    if follow_up is None:
        return None
    section_ids = about(tracker, follow_up)
    if not section_ids:
        return None
    known = arrangement(tracker) if audience(tracker) == "carer" else None
    for section_id in section_ids:
        section = offer().sections[section_id]
        say(
            dispatcher,
            answer_text(section, follow_up.kinds, known),
            sections=[section],
            kind=FOLLOW_UP_KIND,
        )
    say(dispatcher, phrase("more_help"), buttons=menu_buttons(exclude=section_ids))
    return []


def answers_follow_ups(run: Callable) -> Callable:
    """For an action's `run`: a follow-up question about a section shown (`answer_follow_up`)
    is answered instead of the action's own reply."""

    @functools.wraps(run)
    def wrapper(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict):
        answered = answer_follow_up(dispatcher, tracker)
        if answered is not None:
            return answered
        return run(self, dispatcher, tracker, domain)

    return wrapper
