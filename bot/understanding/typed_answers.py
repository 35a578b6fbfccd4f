"""A typed answer read as the button it stands for. The assistant's last message offered buttons;
the person typed one of their titles ("Housing", "Yes, contact me (urgent)"), or, to the app's own
yes-or-no question after the safety lines, "yes please" or "no thanks"
(bot/understanding/rules/answers.yaml). The message is then handled as that button's payload,
with the typed words kept as typed. Someone who types what to do right after the safety lines is
told that again (`asks_what_to_do`)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from bot.core.data_files import read_yaml
from bot.safety.response import HANDOFF_PAYLOAD, RESUME_PAYLOAD

ANSWERS_FILE = Path(__file__).resolve().parent / "rules" / "answers.yaml"
SAFETY_KIND = "safeguarding"


def plain(text: str) -> str:
    """Lower case, apostrophes dropped, other punctuation as spaces, spaces squeezed."""
    text = re.sub(r"['’`]", "", (text or "").lower())
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


@lru_cache(maxsize=1)
def answers() -> dict[str, frozenset[str]]:
    """The phrases of answers.yaml by list (`yes_words`, `no_words`, `help_now`,
    `privacy_cues`), read the same way as the messages (`plain`)."""
    data = read_yaml(ANSWERS_FILE) or {}
    out = {}
    for name in ("yes_words", "no_words", "help_now", "privacy_cues"):
        phrases = data.get(name)
        if not isinstance(phrases, list) or not phrases:
            raise ValueError(f"{ANSWERS_FILE.name}: `{name}` needs a list of phrases")
        out[name] = frozenset(plain(str(p)) for p in phrases if plain(str(p)))
    return out


def is_safety_question(kind: str | None, buttons: list[dict] | None) -> bool:
    """The last message is the question after the safety lines (an urgent contact or carry on)."""
    payloads = [b.get("payload") for b in buttons or []]
    return kind == SAFETY_KIND and payloads == [HANDOFF_PAYLOAD, RESUME_PAYLOAD]


def button_for(text: str | None, kind: str | None, buttons: list[dict] | None) -> str | None:
    """The payload of the button the typed `text` stands for, given the assistant's last message
    (its `kind` and `buttons`); None when it stands for none."""
    if not text or not buttons:
        return None
    said = plain(text)
    if not said:
        return None
    for button in buttons:
        if plain(str(button.get("title", ""))) == said and button.get("payload"):
            return str(button["payload"])
    if is_safety_question(kind, buttons):
        if said in answers()["yes_words"]:
            return HANDOFF_PAYLOAD
        if said in answers()["no_words"]:
            return RESUME_PAYLOAD
    return None


def asks_what_to_do(text: str | None, kind: str | None, buttons: list[dict] | None) -> bool:
    """Right after the safety lines, the person asks what to do ("what do I do?", "help")."""
    if not text or not is_safety_question(kind, buttons):
        return False
    return plain(text) in answers()["help_now"]


@lru_cache(maxsize=1)
def when_words() -> frozenset[str]:
    """The words of answers.yaml `when_words`, read as the messages are (`plain`)."""
    words = (read_yaml(ANSWERS_FILE) or {}).get("when_words")
    if not isinstance(words, list) or not words:
        raise ValueError(f"{ANSWERS_FILE.name}: `when_words` needs a list of words")
    return frozenset(plain(str(w)) for w in words if plain(str(w)))


# Words a name written first may not be: they ask for help, not say who is writing.
_NOT_A_NAME = frozenset({"help", "police", "ambulance", "hurry", "quick", "urgent", "please"})


def only_says_when(text: str | None) -> bool:
    """The answer only says when to make contact ("after 8 tonight, when they're asleep",
    "Sandra. tonight, once the little ones are in bed"): every word is one of answers.yaml
    `when_words` or a number ("8", "7.30", "10am", a phone number), except one name written
    first with a capital letter (and "here" after it: "Sheila here, ...")."""
    if not text or not text.strip():
        return False
    typed = re.sub(r"['’`]", "", text).split()
    words = plain(text).split()
    if not words:
        return False
    first = typed[0].strip(".,!:;-") if typed else ""
    if (
        words[0] not in when_words()
        and first[:1].isupper()
        and words[0] not in _NOT_A_NAME
        and words[0].isalpha()
    ):
        words = words[1:]
        if words[:1] == ["here"]:
            # "Sheila here, after 10 tonight": the name said as on the phone (the classifiers
            # alone read it as danger, surely: 2026-12-07, once they learnt development sets 83
            # and 84). Never "here" without a name first: "now. he's here" keeps the alarm.
            words = words[1:]
    allowed = when_words()
    return bool(words) and all(w in allowed or re.fullmatch(r"\d+(am|pm|ish)?", w) for w in words)


QUESTION_START = re.compile(
    r"^(will|would|can|could|does|do|is|are|who|what|how|where|when|should|if)\b"
)


def asks_who_sees(text: str | None) -> bool:
    """A question about who will see what the person writes ("will my daughter be able to see
    this?", "who reads these", "is this confidential"): answers.yaml `privacy_cues`."""
    if not text:
        return False
    said = plain(text)
    if "?" not in text and not QUESTION_START.match(said):
        return False
    padded = f" {said} "
    return any(f" {cue} " in padded for cue in answers()["privacy_cues"])
