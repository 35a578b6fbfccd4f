"""Grouping the unanswered questions by similar wording, for the delivery group's gap list.

Each (already redacted) question becomes the set of its content-word lemmas (spaCy `blank("en")`
with the lookup lemmatizer: the offer search's own `lemmas()`; redaction tokens like `[PHONE]`
are dropped first). A question joins the group holding its most similar question when the
Jaccard similarity of the two lemma sets is at least `threshold` (single linkage), else it starts
a new group. Groups come largest first. Simple, explainable, and fast for the few thousand
questions a council sees in a year.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.search import get_search

REDACTION_TOKEN = re.compile(r"\[[A-Z_]+\]")
DEFAULT_THRESHOLD = 0.5
MAX_EXAMPLES = 3


def lemma_set(text: str) -> frozenset[str]:
    return frozenset(get_search().lemmas(REDACTION_TOKEN.sub(" ", text)))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = a | b
    if not union:
        return 1.0  # two questions with no content words left: one group
    return len(a & b) / len(union)


@dataclass
class QuestionGroup:
    texts: list[str] = field(default_factory=list)
    lemma_sets: list[frozenset[str]] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.texts)

    @property
    def examples(self) -> list[str]:
        """Up to three different wordings, in the order they were asked."""
        seen: list[str] = []
        for text in self.texts:
            if text.casefold() not in {s.casefold() for s in seen}:
                seen.append(text)
            if len(seen) == MAX_EXAMPLES:
                break
        return seen


def group_questions(
    texts: Iterable[str], threshold: float = DEFAULT_THRESHOLD
) -> list[QuestionGroup]:
    groups: list[QuestionGroup] = []
    for text in texts:
        lemmas = lemma_set(text)
        best, best_score = None, -1.0
        for group in groups:
            score = max(jaccard(lemmas, other) for other in group.lemma_sets)
            if score > best_score:
                best, best_score = group, score
        if best is None or best_score < threshold:
            best = QuestionGroup()
            groups.append(best)
        best.texts.append(text)
        best.lemma_sets.append(lemmas)
    # Largest first; equal sizes keep the order in which they were first asked.
    return sorted(groups, key=lambda g: -g.size)
