"""The language a message is written in, and safety words in the languages the council supports.

The assistant works in English. Someone who writes in one of the languages of
offer_content/languages.yml (a list the council edits) is answered in that language and offered
a Kinship Navigator who calls back with an interpreter (bot/chat/service.py).

Detection is offline: Lingua (`lingua-language-detector`), whose models ship inside its wheel,
restricted to English and the supported languages and loaded once at start-up
(`preload_language_detector`, from bot/main.py): building it takes about 3 s, a message then
under a millisecond.

Short English dialect is easily taken for another language ("me mam sez i cant" reads as
Romanian, "tak" as Slovak), so a message counts as another language only when all of these hold:
  - Lingua is confident (`MIN_CONFIDENCE`) that it is one supported language;
  - it is not mostly English words (`MAX_ENGLISH_SHARE`; the words of spaCy's English lookup
    tables, its stop words and the dialect list in languages.yml);
  - it is long enough to tell: at least `MIN_WORDS` words, or fewer with letters English does
    not use (ą, ș, ú...), or written in a script English does not use (Arabic, Urdu).
On the English examples of data/nlu/ this reads 0 of about 3,500 as another language
(tests/understanding/test_language.py prints the figure).
"""

from __future__ import annotations

import gzip
import json
import logging
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.core.data_files import read_yaml
from bot.offer.loader import content_dir_from_env

log = logging.getLogger(__name__)

FILE = "languages.yml"
MIN_CONFIDENCE = 0.9
MAX_ENGLISH_SHARE = 0.5
MIN_WORDS = 3
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# A cry for help counts when the message is this short, or the cry has an exclamation mark.
CRY_MAX_WORDS = 3


@dataclass(frozen=True)
class SupportedLanguage:
    name: str  # in English, e.g. "Polish": recorded on the enquiry as "interpreter: Polish"
    code: str  # ISO 639-1, e.g. "pl"
    reply: str  # in the language: the assistant works in English; a Navigator can call
    button: str  # in the language: ask for an interpreter
    safety_words: tuple[tuple[str, ...], ...]
    help_cries: tuple[tuple[str, ...], ...]
    reviewed: bool = False

    @property
    def access_need(self) -> str:
        return f"interpreter: {self.name}"


@dataclass(frozen=True)
class LanguageContent:
    languages: tuple[SupportedLanguage, ...]
    english_reply: str
    interpreter_button: str
    carry_on_button: str
    asks_for_interpreter: str
    more_english_words: frozenset[str]

    def by_code(self, code: str) -> SupportedLanguage | None:
        return next((lang for lang in self.languages if lang.code == code), None)


def fold(text: str) -> str:
    """Lower case without accents or Arabic vowel marks: 'Pomôžte' -> 'pomozte'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words_of(text: str) -> list[str]:
    return WORD.findall(fold(text))


def _phrases(values: object, where: str) -> tuple[tuple[str, ...], ...]:
    if values is None:
        return ()
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise ValueError(f"{FILE}: {where} should be a list of words or short phrases")
    return tuple(tuple(words_of(v)) for v in values if words_of(v))


def _text(data: dict, key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{FILE}: {where}.{key} should be some text")
    return " ".join(value.split())


@lru_cache(maxsize=1)
def language_content() -> LanguageContent:
    """offer_content/languages.yml, checked (a mistake stops the app at start-up, in words)."""
    path = Path(content_dir_from_env()) / FILE
    data = read_yaml(path) or {}
    english = data.get("english") or {}
    languages = []
    for index, item in enumerate(data.get("languages") or []):
        where = f"languages[{index}]"
        code = _text(item, "code", where).lower()
        languages.append(
            SupportedLanguage(
                name=_text(item, "name", where),
                code=code,
                reply=_text(item, "reply", where),
                button=_text(item, "button", where),
                safety_words=_phrases(item.get("safety_words"), f"{where}.safety_words"),
                help_cries=_phrases(item.get("help_cries"), f"{where}.help_cries"),
                reviewed=bool(item.get("reviewed", False)),
            )
        )
    codes = [lang.code for lang in languages]
    if len(set(codes)) != len(codes) or "en" in codes:
        raise ValueError(f"{FILE}: each language once, and not English (en)")
    return LanguageContent(
        languages=tuple(languages),
        english_reply=_text(english, "reply", "english"),
        interpreter_button=_text(english, "interpreter_button", "english"),
        carry_on_button=_text(english, "carry_on_button", "english"),
        asks_for_interpreter=_text(english, "asks_for_interpreter", "english"),
        more_english_words=frozenset(
            w for v in english.get("more_english_words") or [] for w in words_of(str(v))
        ),
    )


# --------------------------------------------------------------------------- English words


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Words of English: spaCy's lookup lemmatizer table (forms and lemmas, from the
    spacy-lookups-data wheel, offline), its stop words, and the dialect list of languages.yml."""
    import spacy_lookups_data
    from spacy.lang.en.stop_words import STOP_WORDS

    table = Path(spacy_lookups_data.__file__).parent / "data" / "en_lemma_lookup.json.gz"
    with gzip.open(table, "rt", encoding="utf-8") as handle:
        lookup = json.load(handle)
    found = {fold(w) for pair in lookup.items() for w in pair if w.isalpha()}
    found |= {fold(w) for w in STOP_WORDS}
    return frozenset(found | language_content().more_english_words)


def english_share(words: list[str]) -> float:
    if not words:
        return 1.0
    known = english_words()
    return sum(w.replace("’", "'").split("'")[0] in known for w in words) / len(words)


# --------------------------------------------------------------------------- the detector

_lock = threading.Lock()
_detector = None


def get_language_detector():
    """Lingua, restricted to English and the supported languages, all models in memory."""
    global _detector
    if _detector is None:
        with _lock:
            if _detector is None:
                from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

                wanted = [Language.ENGLISH]
                for lang in language_content().languages:
                    try:
                        wanted.append(
                            Language.from_iso_code_639_1(IsoCode639_1.from_str(lang.code))
                        )
                    except (ValueError, AttributeError) as exc:
                        raise ValueError(
                            f"{FILE}: '{lang.code}' ({lang.name}) is not a language code the "
                            "detector knows"
                        ) from exc
                _detector = (
                    LanguageDetectorBuilder.from_languages(*wanted)
                    .with_preloaded_language_models()
                    .build()
                )
    return _detector


def preload_language_detector() -> None:
    """At start-up: the content, the word list and the models, so no message waits for them."""
    language_content()
    english_words()
    get_language_detector().compute_language_confidence_values("warm up")


def _non_latin_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(not unicodedata.name(c, "LATIN").startswith("LATIN") for c in letters) / len(letters)


@dataclass(frozen=True)
class LanguageReading:
    language: SupportedLanguage | None  # None: English (or too little to tell)
    confidence: float = 0.0
    english_share: float = 1.0


def read_language(text: object) -> LanguageReading:
    """Which supported language other than English `text` is written in, if any (see the
    module's docstring for when a reading is acted on). Never raises: on any failure, English."""
    if not isinstance(text, str) or not text.strip():
        return LanguageReading(None)
    try:
        return _read(text[:2000])
    except Exception:
        log.exception("language detection failed; read as English")
        return LanguageReading(None)


def _read(text: str) -> LanguageReading:
    words = words_of(text)
    if not words:
        return LanguageReading(None)
    other_script = _non_latin_share(text) >= 0.5
    share = 0.0 if other_script else english_share(words)
    if share >= MAX_ENGLISH_SHARE:
        return LanguageReading(None, english_share=share)
    accents = any(ord(c) > 127 and c.isalpha() for c in text)
    if not other_script and len(words) < (2 if accents else MIN_WORDS):
        return LanguageReading(None, english_share=share)
    values = get_language_detector().compute_language_confidence_values(text)
    if not values:
        return LanguageReading(None, english_share=share)
    best = values[0]
    code = best.language.iso_code_639_1.name.lower()
    language = language_content().by_code(code)
    if language is None or best.value < MIN_CONFIDENCE:
        return LanguageReading(None, confidence=best.value, english_share=share)
    return LanguageReading(language, confidence=best.value, english_share=share)


# --------------------------------------------------------------------------- safety words


def _holds(words: list[str], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(tuple(words[i : i + size]) == phrase for i in range(len(words) - size + 1))


def safety_word_language(text: object) -> SupportedLanguage | None:
    """The supported language whose danger words the message holds ("pomocy!", "on ją bije"),
    or None. Read on every typed message, whatever language it was detected as: the English
    safety check does not know these words."""
    if not isinstance(text, str) or not text.strip():
        return None
    words = words_of(text[:2000])
    if not words:
        return None
    folded = fold(text[:2000])
    for language in language_content().languages:
        if any(_holds(words, phrase) for phrase in language.safety_words):
            return language
        for cry in language.help_cries:
            if _holds(words, cry) and (
                len(words) <= CRY_MAX_WORDS or re.search(re.escape(" ".join(cry)) + r"\s*!", folded)
            ):
                return language
    return None


# --------------------------------------------------------------------------- asked in English

INTERPRETER_WORDS = {"interpreter", "interpretor", "translator", "translate", "translation"}


def interpreter_asked_for(text: object) -> SupportedLanguage | None:
    """An English message asking for an interpreter in a supported language ("I need
    interpreter polish please"), or None."""
    if not isinstance(text, str):
        return None
    words = set(words_of(text[:500]))
    if not words & INTERPRETER_WORDS:
        return None
    for language in language_content().languages:
        if fold(language.name) in words:
            return language
    return None


# --------------------------------------------------------------------------- access needs

SIGN_LANGUAGE = re.compile(r"\b(bsl|sign language|signing|signer)\b")
TEXTPHONE = re.compile(r"\b(textphone|text phone|minicom|relay uk|text relay|typetalk|18001)\b")


def access_need_in(text: object) -> str | None:
    """An interpreter, British Sign Language or a textphone named in a typed answer, as the
    enquiry records it ("interpreter: Polish", "British Sign Language", "textphone"), or None."""
    if not isinstance(text, str):
        return None
    folded = fold(text[:500])
    words = set(words_of(folded))
    for language in language_content().languages:
        if fold(language.name) in words:
            return language.access_need
    if SIGN_LANGUAGE.search(folded):
        return "British Sign Language"
    if TEXTPHONE.search(folded):
        return "textphone"
    if words & INTERPRETER_WORDS:
        return "interpreter"
    return None


def access_need_words(value: object) -> str:
    """An enquiry's access need in words: "interpreter: Polish" -> "an interpreter (Polish)"."""
    if not isinstance(value, str) or not value.strip():
        return ""
    kind, _, language = value.partition(":")
    if kind.strip().lower() == "interpreter":
        return f"an interpreter ({language.strip()})" if language.strip() else "an interpreter"
    return value.strip()


def access_need_for_mail(value: object) -> str | None:
    """The access need as the Navigators' mail may carry it: only the fixed forms the buttons
    give ("interpreter: Polish" for a supported language, "British Sign Language", "textphone");
    anything typed is "yes (see the enquiry)", since a mail never holds the carer's words."""
    if not isinstance(value, str) or not value.strip():
        return None
    fixed = {"interpreter", "British Sign Language", "textphone"}
    fixed |= {lang.access_need for lang in language_content().languages}
    return value.strip() if value.strip() in fixed else "yes (see the enquiry)"
