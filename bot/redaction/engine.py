"""The redactor: finds personal data in free text and replaces it with tokens like ``[PHONE]``.

How it works (see README.md for the decisions behind it):

1. Character-level regular expressions for things with a fixed shape: e-mail addresses (``@``,
   ``at``/``dot`` spelled out, spaces around them), postcodes (real postcode areas only, with or
   without the space, any case), National Insurance numbers, dates written with digits.
2. spaCy ``blank("en")`` tokenises the text (no model download); a ``Matcher`` finds the cues:
   dates with month names, street addresses, and the places a name is introduced ("my name is",
   "call me", "I'm", "my grandson", "Mrs", "… is my sister", "Thanks, Jane").
3. One pass over the tokens joins runs of digits and spoken digits ("oh seven seven double oh…")
   split by spaces, dashes, brackets and dots, and decides whether a run is a phone number, an NHS
   number or a long number; helplines the assistant itself shows are kept.
4. Names given in the hand-off form (``names``) and names found in step 2 are redacted wherever
   they occur in the text.

Whether a word after a cue is a name uses the English word lists in ``spacy-lookups-data``
(WordNet lemmas and inflected forms): a capitalised word after "my grandson" is a name; a lower-case
one only when it is not an English word.

``Redactor`` is built once (about half a second: the word lists) and is safe to share between
threads: ``redact`` only reads shared state.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable

import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.lookups import load_lookups
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from . import patterns as p

Span = tuple[int, int, str]  # start char, end char, label

_DIGITS_TOKEN = re.compile(r"^\+?\(?\d[\d().\-\u2013]*\)?$")
_NAME_SHAPE = re.compile(r"^[^\W\d_]+(?:['\u2019-][^\W\d_]+)*$")
_STRETCHED = re.compile(r"(.)\1\1")
_DAY = r"^(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?$"
_YEAR = r"^(?:19|20)\d{2}$"
_HOUSE_NUMBER = r"^\d{1,4}[A-Za-z]?$"
_BIRTH_WORDS = {"born", "birthday", "birth", "dob", "d.o.b", "d.o.b.", "bday", "b'day"}
_END_OF_CLAUSE = {".", "!", "?", ";", "\n"}

# Strength of the evidence that the next word is a name.
STRONG, MEDIUM, WEAK = "strong", "medium", "weak"
MAX_NEW_WORDS = 50_000  # then the tokenizer's vocabulary is started afresh


def _title(word: str) -> bool:
    return word[:1].isupper() and not word.isupper() or (len(word) == 1 and word.isupper())


def nhs_number_valid(digits: str) -> bool:
    """The NHS number check digit (modulus 11)."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


class Redactor:
    def __init__(self, public_numbers: Iterable[str] = p.PUBLIC_NUMBERS) -> None:
        self.public_numbers = frozenset(public_numbers)
        lookups = load_lookups("en", ["lemma_index", "lemma_lookup"])
        index = lookups.get_table("lemma_index")
        self._adj = frozenset(index["adj"])
        self._adv = frozenset(index["adv"])
        self._verb = frozenset(index["verb"])
        self._noun = frozenset(index["noun"])
        self._inflected = lookups.get_table("lemma_lookup")  # membership by string works
        self._pipeline_lock = threading.Lock()
        self.nlp, self.matcher = self._build_pipeline()
        self._names_cache: dict[tuple[str, ...], re.Pattern | None] = {}
        self._names_lock = threading.Lock()

    # -- word knowledge ----------------------------------------------------------------------
    def is_word(self, lower: str) -> bool:
        """An English word (any part of speech), a stop word or common text-speak."""
        return (
            lower in STOP_WORDS
            or lower in p.SLANG
            or lower in self._noun
            or lower in self._adj
            or lower in self._verb
            or lower in self._adv
            or lower in self._inflected
        )

    def is_descriptive(self, lower: str) -> bool:
        """An adjective, adverb or verb form ("worried", "struggling", "English")."""
        return (
            lower in self._adj
            or lower in self._adv
            or lower in self._verb
            or lower in self._inflected
            or lower in p.SLANG
        )

    def _name_like(self, token: Token, strength: str, title_only: bool = False) -> bool:
        word = token.text
        lower = token.lower_
        if not _NAME_SHAPE.match(word) or len(word) < 2 and not word.isupper():
            return False
        if lower in STOP_WORDS or lower in p.NOT_NAMES or lower in p.SLANG:
            return False
        if _STRETCHED.search(lower):
            return False
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        if nxt is not None and not token.whitespace_ and nxt.lower_ in {"n't", "nt", "'ll", "'d"}:
            return False  # "wo|n't", "ca|nt"
        title = _title(word)
        if title_only and not title:
            return False
        if strength == STRONG:
            # lower case: any word but an adjective or adverb ("my name is wrong")
            return title or not (lower in self._adj or lower in self._adv)
        if strength == MEDIUM:
            return True if title else not self.is_word(lower)
        if title:  # "I'm Sue" but not "I'm English", "I'm Struggling"
            return not (
                lower in self._adj
                or lower in self._adv
                or lower in p.SLANG
                or lower in self._inflected
                and lower.endswith(("ing", "ed"))
            )
        return not self.is_word(lower)

    def _surname_like(self, token: Token, strength: str) -> bool:
        if not self._name_like(token, STRONG):
            return False
        if _title(token.text):
            return True
        return strength == STRONG and not self.is_descriptive(token.lower_)

    # -- patterns ----------------------------------------------------------------------------
    def _build_pipeline(self) -> tuple[spacy.Language, Matcher]:
        nlp = spacy.blank("en")
        matcher = Matcher(nlp.vocab, validate=True)
        self._add_patterns(matcher)
        self._base_vocab = len(nlp.vocab)
        return nlp, matcher

    def _refresh_if_grown(self, nlp: spacy.Language) -> None:
        """spaCy's vocabulary keeps every new word it has seen (phone numbers, e-mails…): start a
        fresh one now and then, so memory stays flat and personal data does not linger."""
        if len(nlp.vocab) - self._base_vocab < MAX_NEW_WORDS:
            return
        with self._pipeline_lock:
            if self.nlp is nlp:
                self.nlp, self.matcher = self._build_pipeline()

    def _add_patterns(self, m: Matcher) -> None:
        day = {"TEXT": {"REGEX": _DAY}}
        year = {"TEXT": {"REGEX": _YEAR}}
        month = {"LOWER": {"IN": sorted(p.MONTHS)}}
        dot = {"TEXT": {"IN": [".", ","]}, "OP": "?"}
        of = {"LOWER": "of", "OP": "?"}
        m.add(
            "DATE",
            [
                [day, of, month, dot, year],
                [month, day, dot, year],
                [{"LOWER": "the"}, day, of, month, dot, year],
            ],
        )
        m.add("DATE_PARTIAL", [[day, of, month], [month, day], [month, year]])

        house = {"TEXT": {"REGEX": _HOUSE_NUMBER}}
        word = {"TEXT": {"REGEX": r"^(?:[A-Za-z][A-Za-z'\u2019-]*|'s)$"}}
        suffix = {"LOWER": {"IN": sorted(p.STREET_SUFFIXES)}}
        m.add(
            "ADDRESS",
            [
                [house, {"TEXT": ",", "OP": "?"}, word, suffix],
                [house, {"TEXT": ",", "OP": "?"}, word, word, suffix],
                [house, {"TEXT": ",", "OP": "?"}, word, word, word, suffix],
            ],
        )
        m.add("ADDRESS_IS", [[{"LOWER": "address"}, {"LOWER": {"IN": ["is", ":", "'s", "-"]}}]])

        m.add(
            "NAME_IS",
            [
                [
                    {"LOWER": {"IN": ["name", "names"]}},
                    {"LOWER": {"IN": ["is", "'s", "are", "was", ":", "-"]}},
                ],
                [{"LOWER": "names"}],
                [{"LOWER": "name"}, {"LOWER": "'s"}, {"LOWER": "is", "OP": "?"}],
            ],
        )
        m.add(
            "CALLED",
            [
                [{"LOWER": {"IN": ["called", "calls", "named"]}}],
                [{"LOWER": "known"}, {"LOWER": "as"}],
                [{"LOWER": "goes"}, {"LOWER": "by"}],
                [{"LOWER": "call"}, {"LOWER": {"IN": ["me", "him", "her", "them"]}}],
            ],
        )
        m.add(
            "I_AM",
            [
                [{"LOWER": "i"}, {"LOWER": {"IN": ["'m", "am", "m", "\u2019m"]}}],
                [{"LOWER": "im"}],
                [{"LOWER": "this"}, {"LOWER": "is"}],
                [{"LOWER": "it"}, {"LOWER": {"IN": ["'s", "is"]}}],
            ],
        )
        filler = {
            "TEXT": {"REGEX": r"^[\w-]+$"},
            "LOWER": {"NOT_IN": ["and", "or", "but"]},
            "OP": "{0,3}",
        }
        m.add(
            "REL",
            [
                [
                    {"LOWER": {"IN": sorted(p.POSSESSIVES)}},
                    filler,
                    {"LOWER": {"IN": sorted(p.RELATIONSHIPS)}},
                    {"TEXT": {"IN": [",", "-", "("]}, "OP": "?"},
                ]
            ],
        )
        m.add(
            "IS_REL",
            [
                [
                    {"IS_TITLE": True},
                    {"LOWER": {"IN": ["is", "was", ",", "-", "("]}},
                    {"LOWER": {"IN": sorted(p.POSSESSIVES)}},
                    filler,
                    {"LOWER": {"IN": sorted(p.RELATIONSHIPS)}},
                ]
            ],
        )
        m.add("TITLE", [[{"LOWER": {"IN": sorted(p.TITLES)}}, {"TEXT": ".", "OP": "?"}]])
        m.add(
            "SIGN_OFF",
            [
                [
                    {
                        "LOWER": {
                            "IN": [
                                "thanks",
                                "regards",
                                "cheers",
                                "wishes",
                                "love",
                                "from",
                                "sincerely",
                                "faithfully",
                            ]
                        }
                    },
                    {"TEXT": ",", "OP": "?"},
                ],
                [{"LOWER": "thank"}, {"LOWER": "you"}, {"TEXT": ",", "OP": "?"}],
            ],
        )

    # -- public ------------------------------------------------------------------------------
    def redact(self, text: str, names: Iterable[str] = ()) -> str:
        if not isinstance(text, str):
            text = "" if text is None else str(text)
        if not text:
            return text
        spans = self.find(text, names)
        if not spans:
            return text
        out: list[str] = []
        pos = 0
        for start, end, label in spans:
            out.append(text[pos:start])
            out.append(f"[{label}]")
            pos = end
        out.append(text[pos:])
        return "".join(out)

    def find(self, text: str, names: Iterable[str] = ()) -> list[Span]:
        """Non-overlapping findings in text order."""
        spans: list[Span] = []
        spans += self._email_spans(text)
        spans += self._regex_spans(text)
        covered = bytearray(len(text))
        for start, end, _ in spans:
            covered[start:end] = b"\x01" * (end - start)

        nlp, matcher = self.nlp, self.matcher
        doc = nlp.make_doc(text)
        found_names: list[str] = []
        spans += self._token_spans(doc, matcher, covered, found_names)
        spans += self._number_spans(doc, covered)
        spans += self._given_name_spans(text, tuple(names or ()) + tuple(found_names))
        self._refresh_if_grown(nlp)
        return self._resolve(text, spans)

    # -- character-level ---------------------------------------------------------------------
    def _email_spans(self, text: str) -> list[Span]:
        spans = [(m.start(), m.end(), p.EMAIL) for m in p.EMAIL_AT_SIGN.finditer(text)]
        if " at " in text.lower() or "at)" in text.lower() or "at]" in text.lower():
            for m in p.EMAIL_AT_WORD.finditer(text):
                if self._looks_like_spelled_email(text, m):
                    spans.append((m.start(), m.end(), p.EMAIL))
        return spans

    @staticmethod
    def _looks_like_spelled_email(text: str, m: re.Match) -> bool:
        local, domain = m.group("local"), m.group("domain")
        labels = [lab.lower() for lab in re.split(p._DOT, domain, flags=re.IGNORECASE) if lab]
        if not labels or labels[-1] not in p.TLDS or labels[0] == "www":
            return False
        return bool(
            p.SPELLED_DOT.search(domain)
            or p.SPELLED_DOT.search(local)
            or re.search(r"[._+\d]", local)
            or labels[0] in p.MAIL_PROVIDERS
            or p.EMAIL_CUE.search(text[max(0, m.start() - 40) : m.start()])
        )

    @staticmethod
    def _regex_spans(text: str) -> list[Span]:
        spans: list[Span] = [
            (m.start(), m.end(), p.POSTCODE) for m in p.POSTCODE_FULL.finditer(text)
        ]
        spans += [
            (m.start("code"), m.end("code"), p.POSTCODE) for m in p.POSTCODE_PARTIAL.finditer(text)
        ]
        spans += [(m.start(), m.end(), p.NI_NUMBER) for m in p.NI.finditer(text)]
        for m in p.DATE_NUMERIC.finditer(text):
            a, b = int(m.group("a")), int(m.group("b"))
            if 1 <= a <= 31 and 1 <= b <= 31 and (a <= 12 or b <= 12):
                spans.append((m.start(), m.end(), p.DATE))
        spans += [(m.start(), m.end(), p.DATE) for m in p.DATE_ISO.finditer(text)]
        for m in p.DATE_DAY_MONTH.finditer(text):
            a, b = int(m.group("a")), int(m.group("b"))
            if (
                1 <= a <= 31
                and 1 <= b <= 12
                and p.BIRTH_CUE.search(text[max(0, m.start() - 40) : m.start()])
            ):
                spans.append((m.start(), m.end(), p.DATE))
        return spans

    # -- token-level -------------------------------------------------------------------------
    def _token_spans(
        self, doc: Doc, matcher: Matcher, covered: bytearray, found_names: list[str]
    ) -> list[Span]:
        spans: list[Span] = []
        vocab = doc.vocab.strings

        def add(start: int, end: int, label: str) -> None:
            if start < end:
                a, b = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
                if not any(covered[a:b]):
                    spans.append((a, b, label))

        def add_names(runs: list[tuple[int, int]]) -> None:
            for start, end in runs:
                add(start, end, p.NAME)
                found_names.append(doc[start:end].text)

        for match_id, start, end in matcher(doc):
            rule = vocab[match_id]
            if rule == "DATE":
                add(start, end, p.DATE)
            elif rule == "DATE_PARTIAL":
                before = {t.lower_ for t in doc[max(0, start - 4) : start]}
                if before & _BIRTH_WORDS:
                    add(start, end, p.DATE)
            elif rule == "ADDRESS":
                if self._street_ok(doc, start, end):
                    add(self._address_start(doc, start), end, p.ADDRESS)
            elif rule == "ADDRESS_IS":
                add(end, self._until_clause_end(doc, end, 12), p.ADDRESS)
            elif rule == "NAME_IS":
                add_names(self._name_runs(doc, end, STRONG))
            elif rule == "TITLE":
                add_names(self._name_runs(doc, end, STRONG, allow_list=False))
            elif rule == "CALLED":
                add_names(self._name_runs(doc, end, MEDIUM))
            elif rule == "I_AM":
                add_names(self._name_runs(doc, end, WEAK, allow_list=False))
            elif rule == "REL":
                add_names(self._name_runs(doc, end, MEDIUM))
            elif rule == "IS_REL":
                first = start
                if start > 0 and self._name_like(doc[start - 1], MEDIUM, title_only=True):
                    first = start - 1
                if self._name_like(doc[start], MEDIUM, title_only=True):
                    add_names([(first, start + 1)])
            elif rule == "SIGN_OFF":
                runs = self._name_runs(doc, end, MEDIUM, allow_list=False, title_only=True)
                if runs and self._only_ending(doc, runs[-1][1]):
                    add_names(runs)
        signature = self._signature(doc)
        if signature:
            add_names([signature])
        return spans

    @staticmethod
    def _only_ending(doc: Doc, k: int) -> bool:
        return all(t.is_punct or t.is_space or t.lower_ in {"x", "xx", "xxx"} for t in doc[k:])

    def _signature(self, doc: Doc) -> tuple[int, int] | None:
        """A name signed at the end after thanks: "Thanks for your help, Jane (Smith)"."""
        if not any(t.lower_ in {"thanks", "thank", "regards", "cheers", "thx", "ta"} for t in doc):
            return None
        end = len(doc)
        while end > 0 and (
            doc[end - 1].is_punct
            or doc[end - 1].is_space
            or doc[end - 1].lower_ in {"x", "xx", "xxx"}
        ):
            if doc[end - 1].text in {",", "-"}:
                return None
            end -= 1
        start = end
        while (
            start > 0
            and end - start < 3
            and self._name_like(doc[start - 1], MEDIUM, title_only=True)
        ):
            start -= 1
        if start == end or start == 0:
            return None
        before = doc[start - 1]
        if before.text in {",", "-", "\u2013"} or "\n" in before.text:
            return start, end
        return None

    def _name_runs(
        self, doc: Doc, k: int, strength: str, allow_list: bool = True, title_only: bool = False
    ) -> list[tuple[int, int]]:
        runs: list[tuple[int, int]] = []
        n = len(doc)
        while k < n and self._name_like(doc[k], strength, title_only=title_only):
            start = k
            k += 1
            while k < n and k - start < 4:
                t = doc[k]
                if (
                    t.text in {"-", "'"}
                    and not doc[k - 1].whitespace_
                    and not t.whitespace_
                    and k + 1 < n
                    and _NAME_SHAPE.match(doc[k + 1].text)
                ):
                    k += 2  # Smith-Jones
                elif self._surname_like(t, strength):
                    k += 1
                else:
                    break
            runs.append((start, k))
            if not allow_list or k + 1 >= n:
                break
            nxt = k + 1
            if doc[k].text == "," and nxt < n and doc[nxt].lower_ in {"and", "&"}:
                nxt += 1
            if (
                doc[k].lower_ in {",", "and", "&"}
                and nxt < n
                and self._name_like(doc[nxt], MEDIUM, title_only=True)
            ):
                k = nxt
                continue
            break
        return runs

    def _street_ok(self, doc: Doc, start: int, end: int) -> bool:
        words = [t for t in doc[start + 1 : end - 1] if t.text != ","]
        if any(t.lower_ in STOP_WORDS or t.lower_ in p.UNIT_WORDS for t in words):
            return False
        suffix = doc[end - 1]
        if suffix.lower_ in p.AMBIGUOUS_SUFFIXES and not _title(suffix.text):
            return False
        # Lower-case streets ("12 acacia avenue") only with an unambiguous suffix and no word
        # that reads as ordinary English between.
        if not all(_title(t.text) for t in words if t.text != "'s"):
            return not any(
                self.is_descriptive(t.lower_) and t.lower_ not in self._noun for t in words
            )
        return True

    @staticmethod
    def _address_start(doc: Doc, start: int) -> int:
        # "Flat 3, 12 Acacia Avenue"
        k = start
        if k >= 1 and doc[k - 1].text == ",":
            k -= 1
        if (
            k >= 2
            and re.match(_HOUSE_NUMBER, doc[k - 1].text)
            and doc[k - 2].lower_ in p.ADDRESS_PREFIXES
        ):
            return k - 2
        return start

    @staticmethod
    def _until_clause_end(doc: Doc, k: int, limit: int) -> int:
        end = k
        while end < len(doc) and end - k < limit:
            t = doc[end]
            if t.text in _END_OF_CLAUSE or "\n" in t.text or (t.lower_ in STOP_WORDS and end > k):
                break
            end += 1
        return end

    # -- numbers -----------------------------------------------------------------------------
    @staticmethod
    def _num_kind(token: Token) -> str:
        text = token.text
        lower = token.lower_
        if _DIGITS_TOKEN.match(text):
            return "digits"
        if lower in p.DIGIT_WORDS:
            return "word"
        if lower in p.REPEAT_WORDS:
            return "repeat"
        if lower == "plus" or text == "+":
            return "plus"
        if text in p.NUMBER_SEPARATORS:
            return "sep"
        if token.is_space and text.count("\n") <= 1:
            return "sep"
        return ""

    def _number_spans(self, doc: Doc, covered: bytearray) -> list[Span]:
        spans: list[Span] = []
        n = len(doc)
        kinds = [self._num_kind(t) for t in doc]
        is_covered = [any(covered[t.idx : t.idx + len(t.text)]) for t in doc]
        i = 0
        while i < n:
            opening = doc[i].text == "(" and i + 1 < n and kinds[i + 1] == "digits"
            if (kinds[i] not in {"digits", "word", "plus", "repeat"} and not opening) or is_covered[
                i
            ]:
                i += 1
                continue
            digits: list[str] = []
            international = kinds[i] == "plus" or doc[i].text.startswith("+")
            used_words = False
            repeat = 0
            last = -1
            longest_block = 0
            j = i
            while j < n and kinds[j] and not is_covered[j]:
                kind, token = kinds[j], doc[j]
                if kind == "plus" and j != i:
                    break
                if (
                    kind == "sep"
                    and token.text == "."
                    and (doc[j - 1].whitespace_ or token.whitespace_)
                ):
                    break
                if kind == "repeat":
                    if j + 1 < n and kinds[j + 1] in {"word", "digits"}:
                        repeat = p.REPEAT_WORDS[token.lower_]
                    else:
                        break
                elif kind in {"digits", "word"}:
                    chunk = (
                        p.DIGIT_WORDS[token.lower_]
                        if kind == "word"
                        else "".join(c for c in token.text if c.isdigit())
                    )
                    if kind == "word":
                        used_words = True
                    else:
                        longest_block = max(
                            longest_block,
                            max((len(b) for b in re.findall(r"\d+", token.text)), default=0),
                        )
                    if repeat:
                        chunk = chunk[0] * repeat + chunk[1:]
                        repeat = 0
                    digits.append(chunk)
                    last = j
                j += 1
            if last < 0:
                i = j + 1
                continue
            label = self._classify_number(
                doc, i, "".join(digits), international, used_words, longest_block
            )
            if label:
                spans.append((doc[i].idx, doc[last].idx + len(doc[last].text), label))
            i = last + 1
        return spans

    def _classify_number(
        self,
        doc: Doc,
        start: int,
        digits: str,
        international: bool,
        used_words: bool,
        longest_block: int,
    ) -> str | None:
        national = digits
        phone = False
        if international or digits.startswith("00"):
            rest = digits[2:] if digits.startswith("00") else digits
            if rest.startswith("44"):
                rest = rest[2:]
                national = rest if rest.startswith("0") else "0" + rest
            phone = len(rest) >= 9
        elif digits.startswith("0"):
            phone = len(digits) >= 9
        elif digits.startswith("44") and len(digits) in (12, 13) and not used_words:
            national = "0" + digits[2:]
            phone = True
        if national in self.public_numbers or digits in self.public_numbers:
            return None
        before = {t.lower_ for t in doc[max(0, start - 4) : start] if not t.is_punct}
        if (
            not phone
            and not used_words
            and len(digits) == 10
            and (nhs_number_valid(digits) or "nhs" in before)
        ):
            return p.NHS_NUMBER
        if not phone and len(digits) >= 6 and before & p.PHONE_STRONG_CUES:
            phone = True
        if phone:
            return p.PHONE
        if used_words:
            return None
        if longest_block >= 8:
            return p.NUMBER
        return None

    # -- names given in the hand-off form, and names found in the text -----------------------
    def _names_pattern(self, names: tuple[str, ...]) -> re.Pattern | None:
        with self._names_lock:
            if names in self._names_cache:
                return self._names_cache[names]
        alternatives: set[str] = set()
        for full in names:
            if not isinstance(full, str):
                continue
            full = " ".join(full.split())
            if len(full) < 2:
                continue
            if len(full.split()) > 1:
                alternatives.add("(?i:" + r"\s+".join(re.escape(w) for w in full.split()) + ")")
            for part in re.split(r"[\s,]+|(?<=\w)-(?=\w)", full):
                part = part.strip(".-'\u2019")
                lower = part.lower()
                if len(part) < 2 or lower in p.TITLES:
                    continue
                if self.is_word(lower):
                    # "Will", "Rose", "Smith": only when written with a capital
                    alternatives.add(re.escape(part[0].upper() + part[1:].lower()))
                    if part[0].isupper():
                        alternatives.add(re.escape(part))
                else:
                    alternatives.add("(?i:" + re.escape(part) + ")")
        pattern = None
        if alternatives:
            ordered = sorted(alternatives, key=len, reverse=True)
            pattern = re.compile(r"(?<![\w])(?:" + "|".join(ordered) + r")(?![\w])")
        with self._names_lock:
            if len(self._names_cache) > 1000:
                self._names_cache.clear()
            self._names_cache[names] = pattern
        return pattern

    def _given_name_spans(self, text: str, names: tuple[str, ...]) -> list[Span]:
        if not names:
            return []
        pattern = self._names_pattern(names)
        if pattern is None:
            return []
        return [(m.start(), m.end(), p.NAME) for m in pattern.finditer(text)]

    # -- overlaps ----------------------------------------------------------------------------
    @staticmethod
    def _resolve(text: str, spans: list[Span]) -> list[Span]:
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0]), p.PRIORITY[s[2]]))
        # Longest first among overlapping findings, then by priority.
        chosen: list[Span] = []
        for span in sorted(spans, key=lambda s: (-(s[1] - s[0]), p.PRIORITY[s[2]], s[0])):
            if all(span[1] <= c[0] or span[0] >= c[1] for c in chosen):
                chosen.append(span)
        chosen.sort()
        merged: list[Span] = []
        for span in chosen:
            if merged and merged[-1][2] == span[2] and not text[merged[-1][1] : span[0]].strip():
                merged[-1] = (merged[-1][0], span[1], span[2])
            else:
                merged.append(span)
        return merged


_redactor: Redactor | None = None
_lock = threading.Lock()


def get_redactor() -> Redactor:
    """The shared redactor, built on first use (thread-safe)."""
    global _redactor
    if _redactor is None:
        with _lock:
            if _redactor is None:
                _redactor = Redactor()
    return _redactor


def redact(text: str, names: Iterable[str] = ()) -> str:
    """``text`` with personal data replaced by tokens: ``[PHONE]``, ``[EMAIL]``, ``[POSTCODE]``,
    ``[DATE]``, ``[NI_NUMBER]``, ``[NHS_NUMBER]``, ``[NAME]``, ``[ADDRESS]``, ``[NUMBER]``.

    ``names``: names the person gave (e.g. in the hand-off form); they are redacted wherever they
    appear, as well as names introduced in the text ("my name is…", "my grandson Tyler").
    """
    return get_redactor().redact(text, names)
