"""Grouping the unanswered questions by similar wording, for the delivery group's gap list.

Each (already redacted) question becomes the set of its content-word lemmas (spaCy `blank("en")`
with the lookup lemmatizer: the offer search's own `lemmas()`; redaction tokens like `[PHONE]`
are dropped first). Two questions are in the same group when the Jaccard similarity of their
lemma sets is at least `threshold`, directly or through other questions (single linkage).
Groups come largest first. Simple, explainable, and fast for the few thousand
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
    """Single-linkage groups: two questions whose lemma sets have a Jaccard similarity of at
    least `threshold` are in the same group (order-independent; union-find over the pairs that
    share a lemma). Groups come largest first, then by their first question; inside a group the
    questions keep the order given."""
    texts = list(texts)
    sets = [lemma_set(t) for t in texts]
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index: dict[str, list[int]] = {}
    empty: list[int] = []
    for i, lemmas in enumerate(sets):
        if not lemmas:
            empty.append(i)
        candidates = {j for lemma in lemmas for j in index.get(lemma, ())}
        for j in candidates:
            if root(i) != root(j) and jaccard(lemmas, sets[j]) >= threshold:
                parent[root(i)] = root(j)
        for lemma in lemmas:
            index.setdefault(lemma, []).append(i)
    for i in empty[1:]:  # questions with no content words left: one group
        parent[root(i)] = root(empty[0])

    groups: dict[int, QuestionGroup] = {}
    for i, text in enumerate(texts):
        group = groups.setdefault(root(i), QuestionGroup())
        group.texts.append(text)
        group.lemma_sets.append(sets[i])
    return sorted(groups.values(), key=lambda g: -g.size)  # stable: first asked first
