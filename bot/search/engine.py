"""A small search engine over the offer, built once from offer_content/ and cached.

- spaCy `blank("en")` + the lookup lemmatizer (tables from spacy-lookups-data, installed as a
  package, so nothing is downloaded): "bedrooms" and "bedroom", "excluded" and "exclude" match.
- A PhraseMatcher over lemmas of the glossary terms and synonyms, and of each section's
  `keywords`: finds named terms, arrangements and needs, misspellings included where the
  glossary lists them.
- BM25 over the lemmas of each section's title, summary, keywords and texts: ranks sections for
  "did you mean" choices when the words are not in any keyword list.

    search = get_search()
    search.search("the kids are sharing a bed")   # -> [SectionHit("housing", ...), ...]
    search.named_needs("money and a bigger house")  # -> ["financial-support", "housing"]
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import PhraseMatcher

from bot.offer.loader import get_offer
from bot.offer.models import Offer, Term

# Section keywords too general to show, on their own, that a message asks about that section
# ("help", "visit", "order" ...). They still count towards ranking, never towards "named".
GENERIC_KEYWORDS = frozenset(
    {
        "help",
        "advice",
        "contact",
        "visit",
        "visits",
        "order",
        "court",
        "court order",
        "plan",
        "meeting",
        "struggling",
        "home",
        "play",
        "send",
        "leave",
        "hours",
        "phone",
        "pay",
        "paid",
        "group",
        "learn",
        "course",
        "space",
        "room",
        "parents",
        "parenting",
        "assessment",
        "check in",
        "check-in",
        "arguments",
        "upset",
        "human",
        "real person",
        "call me",
        "ring me",
        "talk to someone",
        "talk to a person",
        "speak to someone",
        "worried",
        "tired",
        "feelings",
        "behaviour",
        "behavior",
        "crisis",
        "rights",
        "my rights",
        "law",
        "work",
        "working",
        "development",
        "cost",
        "costs",
        "income",
        "relatives",
        "brother",
        "sister",
        "special guardianship",
        "child arrangements order",
        "residence order",
        "parental responsibility",
        "form k",
        "training",
        "activities",
        "health",
        "new carer",
        "just started",
        "home visit",
        "baby",
    }
)

BM25_K1 = 1.5
BM25_B = 0.75


@dataclass(frozen=True)
class SectionHit:
    section_id: str
    score: float
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class TermHit:
    term: Term
    text: str  # the words as written in the message
    start: int  # character offsets in the message
    end: int


def _clean(text: str) -> str:
    """Lower case, apostrophes dropped ("can't" -> "cant"), other punctuation spaced out."""
    text = text.lower().replace("'", "").replace("\u2019", "")
    return re.sub(r"[^\w\s+&£.-]", " ", text)


# A word this long or longer in an arrangement's name is also found one letter out (shorter words
# one letter out are too often other words).
SPELLING_MIN_LENGTH = 7


def _one_deleted(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _one_apart(a: str, b: str) -> bool:
    """One letter left out, added or changed, or two letters next to each other swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        i, j = diff if len(diff) == 2 else (0, 0)
        return j == i + 1 and a[i] == b[j] and a[j] == b[i]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return short in _one_deleted(long)


def cleaned(text: str) -> str:
    """The message as the glossary terms are found in it (`find_terms` gives offsets into it)."""
    return _clean(text)


class OfferSearch:
    def __init__(self, offer: Offer):
        self.offer = offer
        self.nlp = spacy.blank("en")
        self.nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        self.nlp.initialize()
        self._terms: list[Term] = list(offer.glossary)
        self._term_matcher = PhraseMatcher(self.nlp.vocab, attr="LEMMA")
        self._keyword_matcher = PhraseMatcher(self.nlp.vocab, attr="LEMMA")
        for index, term in enumerate(self._terms):
            names = {_clean(n) for n in [term.term, *term.synonyms] if n.strip()}
            self._term_matcher.add(str(index), [self.nlp(n) for n in sorted(names)])
        for section in offer.sections.values():
            names = {_clean(k) for k in [section.title, *section.keywords] if k.strip()}
            self._keyword_matcher.add(section.id, [self.nlp(n) for n in sorted(names)])
        self._build_bm25()
        self._build_spellings()

    # ------------------------------------------------------------------ text processing

    def _build_spellings(self) -> None:
        """The long words of the arrangements' names (`SPELLING_MIN_LENGTH` letters or more),
        so that a name typed one letter out ("special gardianship", "residance order", "child
        arrangments order", "conected person") is still found; never a word the offer itself
        uses (`_known`)."""
        known: set[str] = set()
        for section in self.offer.sections.values():
            for part in (section.title, section.summary, section.carer_text, section.how_to_get_it):
                known.update(re.findall(r"[a-z]+", _clean(part)))
        targets: set[str] = set()
        for term in self._terms:
            for name in [term.term, *term.synonyms, term.meaning]:
                words = re.findall(r"[a-z]+", _clean(name))
                known.update(words)
                if term.arrangement and name != term.meaning:
                    targets.update(w for w in words if len(w) >= SPELLING_MIN_LENGTH)
        self._known = frozenset(known)
        # Each target's lemma, worked out once here rather than for each message.
        self._target_lemma = {w: self.nlp(w)[0].lemma_ for w in targets}
        # Every target with one letter left out, to find a word one letter out in one look-up.
        self._deletions: dict[str, set[str]] = {}
        for word in targets:
            for variant in {word, *_one_deleted(word)}:
                self._deletions.setdefault(variant, set()).add(word)

    def _respelt(self, word: str) -> str | None:
        """The arrangement word `word` is a misspelling of, one letter out (left out, added,
        changed or two swapped); None when there is none. Where several are one letter out
        ("gardianship": "guardianship" and the listed misspelling "gaurdianship"), the first in
        alphabetical order (all name arrangements)."""
        if len(word) < SPELLING_MIN_LENGTH or word in self._known or not word.isalpha():
            return None
        found: set[str] = set()
        for variant in {word, *_one_deleted(word)}:
            found |= self._deletions.get(variant, set())
        found = {w for w in found if _one_apart(word, w)}
        return min(found) if found else None

    def _term_doc(self, text: str):
        """`_doc`, with each misspelt word of an arrangement's name given the name's word as its
        lemma (the term matcher reads lemmas; the words as written are kept for offsets)."""
        doc = self._doc(text)
        for token in doc:
            right = self._respelt(token.lower_)
            if right is not None:
                token.lemma_ = self._target_lemma[right]
        return doc

    def _doc(self, text: str):
        return self.nlp(_clean(text))

    def lemmas(self, text: str) -> list[str]:
        """Content-word lemmas of `text` (stop words and punctuation left out)."""
        return [
            t.lemma_
            for t in self._doc(text)
            if not t.is_punct and not t.is_space and t.lemma_ not in STOP_WORDS and t.text.strip()
        ]

    def _build_bm25(self) -> None:
        self._ids: list[str] = []
        self._docs: list[Counter[str]] = []
        for section in self.offer.sections.values():
            text = " ".join(
                [
                    section.title,
                    section.summary,
                    " ".join(section.keywords),
                    " ".join(section.keywords),  # keywords count double
                    section.carer_text,
                    section.how_to_get_it,
                ]
            )
            self._ids.append(section.id)
            self._docs.append(Counter(self.lemmas(text)))
        lengths = [sum(d.values()) for d in self._docs]
        self._avg_len = sum(lengths) / max(len(lengths), 1)
        self._lengths = lengths
        frequency: Counter[str] = Counter()
        for doc in self._docs:
            frequency.update(doc.keys())
        n = len(self._docs)
        self._idf = {
            word: math.log(1 + (n - df + 0.5) / (df + 0.5)) for word, df in frequency.items()
        }

    def _bm25(self, query: list[str]) -> dict[str, float]:
        scores: dict[str, float] = {}
        for section_id, doc, length in zip(self._ids, self._docs, self._lengths, strict=True):
            score = 0.0
            for word in set(query):
                tf = doc.get(word, 0)
                if not tf:
                    continue
                norm = (
                    tf
                    * (BM25_K1 + 1)
                    / (tf + BM25_K1 * (1 - BM25_B + BM25_B * length / self._avg_len))
                )
                score += self._idf[word] * norm
            if score:
                scores[section_id] = score
        return scores

    # ------------------------------------------------------------------ what a message names

    def find_terms(self, text: str) -> list[TermHit]:
        """Glossary terms named in `text`, longest match first where they overlap."""
        doc = self._term_doc(text)
        spans = [
            (self._terms[int(self.nlp.vocab.strings[m])], s, e)
            for m, s, e in self._term_matcher(doc)
        ]
        spans.sort(key=lambda item: (-(item[2] - item[1]), item[1]))
        taken: set[int] = set()
        hits: list[TermHit] = []
        for term, start, end in spans:
            if taken & set(range(start, end)):
                continue
            taken.update(range(start, end))
            span = doc[start:end]
            hits.append(TermHit(term, span.text, span.start_char, span.end_char))
        return sorted(hits, key=lambda h: h.start)

    def find_arrangements(self, text: str) -> list[str]:
        """Arrangement ids the message names ("me and him have an sgo" -> ["sgo"])."""
        found: list[str] = []
        for hit in self.find_terms(text):
            if hit.term.arrangement and hit.term.arrangement not in found:
                found.append(hit.term.arrangement)
        return found

    def _keyword_hits(self, text: str) -> dict[str, list[str]]:
        doc = self._term_doc(text)
        # Words that name an arrangement ("special guardianship") are not a need.
        arrangement_tokens: set[int] = set()
        for m, s, e in self._term_matcher(doc):
            if self._terms[int(self.nlp.vocab.strings[m])].arrangement:
                arrangement_tokens.update(range(s, e))
        hits: dict[str, list[str]] = {}
        for m, s, e in self._keyword_matcher(doc):
            if arrangement_tokens & set(range(s, e)):
                continue
            section_id = self.nlp.vocab.strings[m]
            words = doc[s:e].text
            if words not in hits.setdefault(section_id, []):
                hits[section_id].append(words)
        return hits

    def named_needs(self, text: str) -> list[str]:
        """Sections a message clearly names through a distinctive keyword, best first. Kept
        for the last messages read (one reply asks several times about the same words)."""
        cache = self.__dict__.setdefault("_named_cache", {})
        if text not in cache:
            if len(cache) >= 256:
                cache.pop(next(iter(cache)))
            cache[text] = tuple(self._named_needs(text))
        return list(cache[text])

    def _named_needs(self, text: str) -> list[str]:
        hits = self._keyword_hits(text)
        distinctive = {
            section_id: [
                w
                for w in words
                if w not in GENERIC_KEYWORDS and self._lemma_phrase(w) not in self._generic_lemmas
            ]
            for section_id, words in hits.items()
        }
        ranked = self.search(text, limit=len(self.offer.sections))
        order = {hit.section_id: i for i, hit in enumerate(ranked)}
        named = [s for s, words in distinctive.items() if words]
        return sorted(named, key=lambda s: (-len(distinctive[s]), order.get(s, 99)))

    def search(self, text: str, limit: int = 3) -> list[SectionHit]:
        """Sections ranked by BM25 over lemmas, plus a bonus for each keyword matched."""
        scores = self._bm25(self.lemmas(text))
        keywords = self._keyword_hits(text)
        for section_id, words in keywords.items():
            scores[section_id] = scores.get(section_id, 0.0) + 2.0 * len(words)
        ranked = sorted(scores.items(), key=lambda item: -item[1])
        return [
            SectionHit(section_id, round(score, 3), tuple(keywords.get(section_id, ())))
            for section_id, score in ranked[:limit]
        ]

    def _lemma_phrase(self, words: str) -> str:
        return " ".join(t.lemma_ for t in self._doc(words))

    @property
    def _generic_lemmas(self) -> frozenset[str]:
        cached = getattr(self, "_generic_cache", None)
        if cached is None:
            cached = frozenset(self._lemma_phrase(w) for w in GENERIC_KEYWORDS)
            self._generic_cache = cached
        return cached


@lru_cache(maxsize=4)
def _search_for(offer_id: int) -> OfferSearch:
    return OfferSearch(_OFFERS[offer_id])


_OFFERS: dict[int, Offer] = {}


def get_search(offer: Offer | None = None) -> OfferSearch:
    """The search for the current offer, built once and cached (rebuilt if the offer reloads)."""
    offer = offer or get_offer()
    _OFFERS[id(offer)] = offer
    return _search_for(id(offer))
