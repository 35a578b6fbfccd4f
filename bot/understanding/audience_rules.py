"""Who is writing: a young person, a professional or a carer, from the words of a message.

A rule layer beside the NLU intents (`young_person_opening`, `professional_opening`): it needs no
training and reads cues that the intent model, trained on few examples, misses or confuses. The
rules themselves are data, in bot/understanding/rules/audience.yaml (word lists, patterns with their
weights, and the word sets of the checks below), each with what it recognises and an example;
this module loads that file once at start-up (a missing or broken file stops it with the problem
named) and runs it.

The text is read with spaCy (a blank English pipeline with the lookup lemmatizer, so "lives",
"looking" and "pupils" match "live", "look" and "pupil"); text-speak is folded first ("im",
"wiv", "nanna", "cant", "me nan" for "my nan"). Each cue adds weight to one audience; the
audience is given only when the cues clearly point one way, otherwise `None` (then the NLU
intent decides). When in doubt the rules lean to the carer: a carer taken for a young person
gets the wrong answers and no contact form. A role is the writer's only when nobody else's ("the
child's social worker, ..." is not).

Measured on tests/nlu/audience_dev.yml, audience_dev2.yml and the spent acceptance set 3 (see
tests/understanding/test_audience_rules.py). Where the rules make no call, `decide` asks a
statistical second net (bot/understanding/audience_classifier.py) before the NLU intent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import spacy
import yaml
from spacy.matcher import Matcher
from spacy.tokens import Doc

YOUNG_PERSON = "young_person"
PROFESSIONAL = "professional"
CARER = "carer"
AUDIENCES = (YOUNG_PERSON, PROFESSIONAL, CARER)

RULES_FILE = Path(__file__).resolve().parent / "rules" / "audience.yaml"
# Rules the code below names (it sets some of their matches aside): the file must keep them.
_CUES_THE_CODE_NAMES = {"carer_i_look_after": CARER, "pro_role": PROFESSIONAL}
# The word sets of `stated_age` and `checks` the code reads.
_AGE_SETS = ("not_age", "greetings", "future", "hedges", "to_come", "siblings", "home_cues")
_CHECK_SETS = (
    "looks_after_elder", "someone_elses_role", "role_at_start_end", "team_words", "team_end",
    "not_before_role", "not_after_for", "greetings_before_role", "carer_own_cues",
)  # fmt: skip
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class RulesFileError(RuntimeError):
    """The rules file is missing or cannot be read as rules; the message says which and why."""


class _Problem(ValueError):
    pass


@dataclass(frozen=True)
class Rule:
    """One rule of the file: its matches add `weight` to `audience`, once per message."""

    audience: str
    cue: str
    weight: float
    patterns: tuple[str, ...]
    unless_after: frozenset[str] = frozenset()  # a match after one of these words is set aside

    @property
    def key(self) -> str:
        return f"{self.audience}|{self.cue}"


@dataclass(frozen=True)
class Rules:
    """What bot/understanding/rules/audience.yaml says, checked (`sets`: its other word sets, by
    name)."""

    fold: dict[str, str]
    joined: dict[tuple[str, ...], str]
    age_abbreviation: re.Pattern
    text_speak: dict[str, float]
    text_speak_most: float
    lists: dict[str, list[str]]
    plural_lists: frozenset[str]
    rules: tuple[Rule, ...]
    phrase_rules: tuple[tuple[Rule, str, tuple[str, ...]], ...]  # (rule, list, frames)
    age: dict[str, float]  # child_max_age, adult_min_age, weight
    numbers: dict[str, int]
    sets: dict[str, frozenset[str]]


def load_rules(path: Path = RULES_FILE) -> Rules:
    """Read and check the rules file; a `RulesFileError` names the file and the problem."""
    root = Path(__file__).resolve().parents[2]
    name = path.resolve().relative_to(root) if path.resolve().is_relative_to(root) else path
    try:
        return _read(yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER))
    except FileNotFoundError:
        raise RulesFileError(
            f"{name} is missing: who is writing cannot be read without it"
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise RulesFileError(
            f"{name} is not valid YAML{at}: {getattr(error, 'problem', error)}"
        ) from None
    except _Problem as problem:
        raise RulesFileError(f"{name}: {problem}") from None


def _at(node, path: str, kind: type = dict, where: str = "the file", of: type = str):
    """The value at the dotted `path` of `node` (called `where`), checked by `_check`."""
    done: list[str] = []
    for key in path.split("."):
        if not isinstance(node, dict) or key not in node:
            inside = f"{where}: `{'.'.join(done)}`" if done else where
            raise _Problem(f"{inside} has no `{key}`")
        node = node[key]
        done.append(key)
    return _check(node, kind, f"{where}: `{path}`", of)


def _check(value, kind: type, name: str, of: type = str):
    """`value` (called `name`) if it is a `kind` (float: any number; list: a list of `of`)."""
    fine = isinstance(value, (int, float) if kind is float else kind)
    fine = fine and (kind is bool or not isinstance(value, bool))
    if fine and kind is list:
        fine = all(isinstance(item, of) for item in value)
    if not fine:
        wanted = {dict: "a mapping", str: "a text", int: "a whole number", float: "a number"}
        wanted[list] = "a list of " + ("texts (words in quotes)" if of is str else "mappings")
        raise _Problem(f"{name} should be {wanted[kind]}, not {value!r}")
    return value


def _section(node, where: str, kind: type = list):
    """The `words` of a part of the file that says what it `means`, with an `example`."""
    for key in ("means", "example"):
        if not _at(node, key, str, where).strip():
            raise _Problem(f"{where}: `{key}` is empty")
    return _at(node, "words", kind, where) if kind else node


def _patterns(node, where: str, lists: dict, phrases: str = "") -> tuple[str, ...]:
    for pattern in _at(_section(node, where, None), "patterns", list, where):
        for names in re.findall(r"\{([^{}]*)\}", pattern):
            if unknown := set(names.split("|")) - set(lists):
                raise _Problem(f'{where}: pattern "{pattern}" names {unknown}: not in `lists`')
        if re.findall(r"\[([^\]]*)\]", pattern) != ([phrases] if phrases else []):
            slot = f"hold [{phrases}] once" if phrases else "hold no [...] (only phrase_rules do)"
            raise _Problem(f'{where}: pattern "{pattern}" should {slot}')
    return tuple(node["patterns"])


def _read(data) -> Rules:
    if not isinstance(data, dict):
        raise _Problem("should be a mapping of sections (fold, lists, rules ...), see its header")
    fold: dict[str, str] = {}
    for target, variants in _section(_at(data, "fold"), "`fold`", dict).items():
        for variant in _check(variants, list, f"`fold`: {target!r}"):
            if variant in fold:
                raise _Problem(
                    f'`fold`: "{variant}" is under both "{fold[variant]}" and "{target}"'
                )
            fold[variant] = str(target)
    speak = _at(data, "text_speak")
    text_speak: dict[str, float] = {}
    for weight, words in _section(speak, "`text_speak`", dict).items():
        _check(weight, float, "`text_speak.words`: a weight")
        text_speak |= dict.fromkeys(_check(words, list, f"`text_speak.words`: {weight!r}"), weight)
    nodes = _at(data, "lists")
    lists = {n: _section(node, f"list {n}") for n, node in nodes.items() if "from" not in node}
    for name, node in nodes.items():
        if "from" in node:  # the one-word entries of another list, `except` some
            where = f"list {name}"
            if (source := lists.get(_at(_section(node, where, None), "from", str, where))) is None:
                raise _Problem(f"{where} takes words `from` {node['from']}: not a list of words")
            dropped = _at(node, "except", list, where)
            lists[name] = [w for w in source if " " not in w and w not in dropped]
    me_as_my = _at(data, "me_as_my")
    for name in ("POINTING_BACK", *_at(me_as_my, "lists", list, "`me_as_my`")):
        if name not in lists:
            raise _Problem(f"`lists` has no {name}")
    rules: dict[str, Rule] = {}
    for i, node in enumerate(_at(data, "rules", list, of=dict)):
        where = f"rule `{_at(node, 'cue', str, f'rule {i + 1}')}`"
        if (audience := _at(node, "audience", str, where)) not in AUDIENCES:
            raise _Problem(f"{where}: `audience` should be one of {AUDIENCES}, not {audience!r}")
        if node["cue"] in rules:
            raise _Problem(f"{where} comes twice")
        unless = _at(node, "unless_after", list, where) if "unless_after" in node else []
        weight = _at(node, "weight", float, where)
        patterns = _patterns(node, where, lists)
        rules[node["cue"]] = Rule(audience, node["cue"], weight, patterns, frozenset(unless))
    for cue, audience in _CUES_THE_CODE_NAMES.items():
        if cue not in rules or rules[cue].audience != audience:
            raise _Problem(f"`rules` needs the rule `{cue}` ({audience}): the code names it")
    phrase_rules = []
    for i, node in enumerate(_at(data, "phrase_rules", list, of=dict)):
        where = f"phrase rule `{_at(node, 'cue', str, f'phrase rule {i + 1}')}`"
        if (rule := rules.get(node["cue"])) is None:
            raise _Problem(f"{where} adds to a rule that `rules` does not have")
        if (phrases := _at(node, "phrases", str, where)) not in lists:
            raise _Problem(f"{where} takes `phrases` from {phrases}: not in `lists`")
        phrase_rules.append((rule, phrases, _patterns(node, where, lists, phrases)))
    age = _section(_at(data, "stated_age"), "`stated_age`", None)
    checks = _at(data, "checks")
    sets = {
        k: frozenset(_section(_at(age, k, dict, "`stated_age`"), f"`stated_age.{k}`"))
        for k in _AGE_SETS
    }
    sets |= {
        k: frozenset(_section(_at(checks, k, dict, "`checks`"), f"`checks.{k}`"))
        for k in _CHECK_SETS
    }
    sets["keep_as_written"] = frozenset(_section(_at(data, "keep_as_written"), "`keep_as_written`"))
    sets["me_as_my_after"] = frozenset(_section(me_as_my, "`me_as_my`"))
    sets["me_as_my_family"] = frozenset(w for name in me_as_my["lists"] for w in lists[name])
    if unknown := sets["carer_own_cues"] - set(rules):
        raise _Problem(f"`checks.carer_own_cues` names rules `rules` does not have: {unknown}")
    if unknown := sets["home_cues"] - set(rules):
        raise _Problem(f"`stated_age.home_cues` names rules `rules` does not have: {unknown}")
    numbers = _section(_at(age, "numbers", dict, "`stated_age`"), "`stated_age.numbers`", dict)
    for word, number in numbers.items():
        _check(number, int, f"`stated_age.numbers`: {word!r}")
    abbreviations = _section(_at(data, "age_abbreviations"), "`age_abbreviations`")
    return Rules(
        fold=fold,
        joined={
            tuple(str(k).split()): str(v)
            for k, v in _section(_at(data, "joined"), "`joined`", dict).items()
        },
        age_abbreviation=re.compile(rf"(\d)\s*({'|'.join(map(re.escape, abbreviations))})\b", re.I),
        text_speak=text_speak,
        text_speak_most=_at(speak, "most", float, "`text_speak`"),
        lists=lists,
        plural_lists=frozenset(
            n for n, node in data["lists"].items() if node.get("plurals") is True
        ),
        rules=tuple(rules.values()),
        phrase_rules=tuple(phrase_rules),
        age={
            key: _at(age, key, float, "`stated_age`")
            for key in (
                "child_max_age",
                "adult_min_age",
                "grown_up_max_age",
                "grown_up_young_weight",
                "weight",
            )
        },
        numbers=numbers,
        sets=sets,
    )


RULES = load_rules()
# The oldest age a first-person "I'm N" is taken for a child; from ADULT_MIN_AGE on, an adult.
CHILD_MAX_AGE = RULES.age["child_max_age"]
ADULT_MIN_AGE = RULES.age["adult_min_age"]
GROWN_UP_MAX_AGE = RULES.age["grown_up_max_age"]
GROWN_UP_YOUNG_WEIGHT = RULES.age["grown_up_young_weight"]
TEXT_SPEAK_MAX = RULES.text_speak_most
_SETS = RULES.sets
_WEIGHTS = {rule.key: rule.weight for rule in RULES.rules}
_UNLESS_AFTER = {rule.key: rule.unless_after for rule in RULES.rules if rule.unless_after}


@dataclass(frozen=True)
class Guess:
    """The audience the words show (`None` when unclear), the weight of each, and the cues."""

    audience: str | None
    scores: dict[str, float] = field(default_factory=dict)
    cues: list[str] = field(default_factory=list)
    age: float | None = None


def _tokens(words: str, phrase: str = "") -> list[dict]:
    """A pattern of the rules file (see its header) -> Matcher token specs; `[NAME]` stands for
    `phrase`, word by word."""
    specs: list[dict] = []
    for word in words.split():
        optional = word.endswith("?") and len(word) > 1
        word = word.rstrip("?") if optional else word
        if word == "*":
            specs.append({"OP": "{,3}"})
            continue
        if word.startswith("["):
            specs += [{"LOWER": _pattern_word(w)} for w in phrase.split()]
            continue
        if word == "#":
            spec: dict = {"LIKE_NUM": True}
        elif word == "~":
            spec = {"LOWER": {"NOT_IN": RULES.lists["POINTING_BACK"]}}
        elif "{" in word or "|" in word:
            alternatives: list[str] = []
            for part in re.findall(r"\{[^}]*\}|[^|]+", word):
                if part.startswith("{"):
                    for name in part.strip("{}").split("|"):
                        one_word = [w for w in RULES.lists[name] if " " not in w]
                        alternatives += one_word
                        if name in RULES.plural_lists:  # "family hubs", "our pupils"
                            alternatives += [w + "s" for w in one_word]
                else:
                    alternatives.append(part)
            spec = {"LOWER": {"IN": [_pattern_word(w) for w in alternatives]}}
        else:
            spec = {"LOWER": _pattern_word(word)}
        if optional:
            spec["OP"] = "?"
        specs.append(spec)
    return specs


@lru_cache(maxsize=1)
def _nlp() -> spacy.Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


@lru_cache(maxsize=1)
def _pipeline() -> tuple[spacy.Language, Matcher]:
    nlp = _nlp()
    matcher = Matcher(nlp.vocab)
    for rule in RULES.rules:
        matcher.add(rule.key, [_tokens(p) for p in rule.patterns])
    # Phrases of more than one word, in their frames, after the rules (each phrase in every frame).
    for rule, list_name, frames in RULES.phrase_rules:
        phrases = [p for p in RULES.lists[list_name] if " " in p]
        specs = [_tokens(frame, phrase) for phrase in phrases for frame in frames]
        if specs:
            matcher.add(rule.key, specs)
    return nlp, matcher


def _fold(text: str) -> list[str]:
    """The message as lower-case lemmas with text-speak folded."""
    nlp = _nlp()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = RULES.age_abbreviation.sub(r"\1 year old", text)
    words: list[str] = []
    for token in nlp.tokenizer(text):
        words += _key(token.lower_)
    for i in range(len(words) - 1, 0, -1):  # "pupil premium" names a grant, not a pupil
        pair = tuple(words[i - 1 : i + 1])
        if pair in RULES.joined:
            words[i - 1 : i + 1] = [RULES.joined[pair]]
    for i, word in enumerate(words[:-1]):
        before = words[i - 1] if i else ""
        if (
            word == "me"
            and words[i + 1] in _SETS["me_as_my_family"]
            and before in _SETS["me_as_my_after"]
        ):
            words[i] = "my"
    return words


def _text_speak(text: str) -> float:
    """How much the spelling looks like a young writer's text-speak (see `text_speak`)."""
    found = {t.lower_ for t in _nlp().tokenizer(text)} & RULES.text_speak.keys()
    return min(TEXT_SPEAK_MAX, sum(RULES.text_speak[w] for w in found))


def _key(lower: str, lemma: str | None = None) -> list[str]:
    """One word as the rules see it (possibly two words: "cant" -> "can not")."""
    if lower in RULES.fold:
        return RULES.fold[lower].split()
    if lower in {"'s", "s"}:
        return ["'s"]
    if lower in _SETS["keep_as_written"] or lower[:1].isdigit():
        return [lower]
    if lemma is None:
        lemma = _lemma_table().get(lower, lower)
    return [RULES.fold.get(lemma, lemma)]


@lru_cache(maxsize=1)
def _lemma_table():
    return _nlp().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")


def _pattern_word(word: str) -> str:
    """A word of a pattern as the rules see it (patterns are written in plain words)."""
    folded = _key(word)
    return folded[0] if len(folded) == 1 else word


def _doc(text: str) -> Doc:
    return Doc(_nlp().vocab, words=_fold(text) or [""])


def _as_number(word: str) -> int | None:
    if word.isdigit() and len(word) <= 2:
        return int(word)
    return RULES.numbers.get(word)


_FIRST_PERSON = frozenset({"i", "me", "my", "myself", "mine", "im"})


def stated_age(words: list[str]) -> float | None:
    """The writer's own age: "I'm 13", "i am 10 years old", "I'm in year 8" (school year + 4,
    the younger age of that year), "year 10 here". Never someone else's age ("my grandson is
    12", "a year 4 girl"), nor an age to come ("when I'm 18")."""
    greetings = _SETS["greetings"]
    for i, word in enumerate(words):
        number = _as_number(word)
        if number is None or not 1 <= number <= 99:
            continue
        after = words[i + 1] if i + 1 < len(words) else ""
        if after in _SETS["not_age"] or after == "of":  # "year 2 of my degree"
            continue
        before = words[:i]
        if before and before[-1] in _SETS["hedges"]:
            before = before[:-1]
        # "we're 12 and 14", "were 9 and 11" at a sentence's start: the writer and a brother or
        # sister (development set 22, 2026-12-05)
        said_by_us = before[-2:] == ["we", "be"] or (
            before[-1:] == ["be"] and (len(before) == 1 or before[-2] in {".", ",", "!", "?"})
        )
        if said_by_us and after == "and" and number <= 17:
            other = _as_number(words[i + 2]) if i + 2 < len(words) else None
            if other is not None and other <= 17:
                return float(min(number, other))
        said_by_me = before[-2:] == ["i", "be"]
        if said_by_me and before[-3:-2] and before[-3] in _SETS["future"]:
            continue
        if said_by_me and 4 <= number:
            later = words[i + 1 : i + 3]
            if later[:1] and (
                later[0] in _SETS["to_come"]
                or (later[0] in {"in", "on", "this"} and later[1:] and later[1] in _SETS["to_come"])
            ):
                return float(number - 1)  # "I'm 18 next month": 17 now
            return float(number)
        # "i be in year 8", "year 10 here", "yr 7 and ..."
        if before[-1:] == ["year"] and number <= 13:
            start = before[:-1]
            if start[-1:] == ["in"]:
                start = start[:-1]
            if start[-2:] == ["i", "be"] or not [w for w in start if w not in greetings]:
                return float(number + 4)
        # "10 year old here" at the start; but "14 year old up all night on her phone", with
        # no word of the writer's own (i, me, my), is someone else's age
        if (
            words[i + 1 : i + 3] == ["year", "old"]
            and not [w for w in before if w not in greetings]
            and ("here" in words[i + 3 : i + 5] or _FIRST_PERSON & set(words))
        ):
            return float(number)
    return None


@lru_cache(maxsize=512)
def detect(text: str) -> Guess:
    """The audience the words of one message show clearly, or `None` (cached: one reply asks
    several times)."""
    if not text or not text.strip() or text.strip().startswith("/"):
        return Guess(None)
    _, matcher = _pipeline()
    doc = _doc(text)
    words = [t.text for t in doc]
    scores = {YOUNG_PERSON: 0.0, PROFESSIONAL: 0.0, CARER: 0.0}
    cues: list[str] = []
    seen: set[str] = set()
    for match_id, start, end in matcher(doc):
        key = doc.vocab.strings[match_id]
        if key in _UNLESS_AFTER and start and doc[start - 1].text in _UNLESS_AFTER[key]:
            continue  # "young carers like me", "my nan here says hi"
        if key.startswith(YOUNG_PERSON) and end < len(doc) and doc[end].text == "'s":
            continue  # "a child's social worker"
        if key == f"{CARER}|carer_i_look_after" and _looks_after_an_elder(words, end):
            continue  # "i look after my nan too": a young carer, not a kinship carer
        if key == f"{CARER}|carer_i_look_after" and _LOOKED_AFTER_MYSELF.search(text):
            continue  # "I'm looked after by my nan": the lemmas cannot tell it from "looking"
        if key == f"{PROFESSIONAL}|pro_role" and _someone_elses_role(words, start):
            continue  # "the child's social worker, ...": someone else's role, not the writer's
        if key in seen:  # each cue counts once
            continue
        seen.add(key)
        label, cue = key.split("|")
        scores[label] += _WEIGHTS[key]
        cues.append(cue)
    if _introduces_a_role(words):
        key = f"{PROFESSIONAL}|pro_role"
        if key not in seen:
            scores[PROFESSIONAL] += _WEIGHTS[key]
            cues.append("pro_role")
    speak = _text_speak(text)
    if speak:
        scores[YOUNG_PERSON] += speak
        cues.append("yp_text_speak")
    age = stated_age(words)
    if age is not None:
        if age <= CHILD_MAX_AGE:
            scores[YOUNG_PERSON] += RULES.age["weight"]
            cues.append("yp_age")
        elif age <= GROWN_UP_MAX_AGE and (
            "yp_grew_up_in_kinship" in cues
            or (
                scores[YOUNG_PERSON] >= GROWN_UP_YOUNG_WEIGHT
                and not scores[CARER]
                and not _brings_up_a_sibling(words, cues)
            )
        ):
            cues.append("young_adult")  # "im 19 and was on an SGO with my aunt till 18"
        elif age >= ADULT_MIN_AGE:
            scores[CARER] += RULES.age["weight"]
            scores[YOUNG_PERSON] = 0.0
            cues.append("adult_age")
    return Guess(_decide(scores, cues), scores, cues, age)


def _brings_up_a_sibling(words: list[str], cues: list[str]) -> bool:
    """A young adult names a brother or sister, and no cue says they live or grew up with a
    relative (audience.yaml `stated_age.siblings`, `home_cues`): the sibling's carer."""
    return bool(_SETS["siblings"].intersection(words)) and not _SETS["home_cues"].intersection(cues)


def _someone_elses_role(words: list[str], start: int) -> bool:
    """A role cue starting at `start` names someone else's role: before it (and before the other
    words of the role, "social" of "social worker") comes "'s", "my", "the" ..., or "not a"."""
    role_words, _ = _role_words()
    inside = {w for role in role_words for w in role}
    i = start - 1
    while i >= 0 and words[i] in inside:
        i -= 1
    if i >= 1 and words[i] in {"a", "an"} and words[i - 1] in {"not", "no"}:
        return True  # "not a social worker, just someone to talk to"
    return i >= 0 and words[i] in _SETS["someone_elses_role"]


# "I'm looked after (by my nan)", "I am being looked after": the writer is the child. Not "I'm
# looked after him since he was born" (a carer's "I've", typed as "I'm").
_LOOKED_AFTER_MYSELF = re.compile(
    r"\b(?:i(?:'|\u2019)?m|i\s+am)\s+(?:being\s+)?looked\s+after\b"
    r"(?!\s+(?:my|him|her|them|his|their|our|the|a|an|both|all)\b)",
    re.IGNORECASE,
)


def _looks_after_an_elder(words: list[str], end: int) -> bool:
    """The words a "look after" cue ends on go on to name a parent or grandparent, not a child
    ("i look after my nan", "i care for my mum"); not "my nan's kids"."""
    rest = words[end : end + 3]
    if rest[:1] == ["my"]:
        rest = rest[1:]
    elif words[end - 1 : end] != ["my"]:
        return False
    return bool(rest) and rest[0] in _SETS["looks_after_elder"] and rest[1:2] != ["'s"]


@lru_cache(maxsize=1)
def _role_words() -> tuple[frozenset[tuple[str, ...]], int]:
    roles = {tuple(_pattern_word(w) for w in r.split()) for r in RULES.lists["ROLE"]}
    return frozenset(roles), max(len(r) for r in roles)


def _introduces_a_role(words: list[str]) -> bool:
    """The message opens with the writer's role: up to five words ending on a role, then a full
    stop, "here", "at", "for" ... ("Paediatric secretary.", "Virtual school colleague from a
    neighbouring authority"). Not "my teacher said", "the school's SENCO wants"."""
    start = 0
    while start < len(words) and words[start] in _SETS["greetings_before_role"]:
        start += 1
    roles, longest = _role_words()
    head = words[start : start + 5]
    for end in range(1, len(head) + 1):
        if head[end - 1] in _SETS["not_before_role"]:
            return False
        if start + end + 1 >= len(words):  # "Solicitor." alone asks about solicitors
            return False
        if words[start + end] not in _SETS["role_at_start_end"]:
            continue
        if words[start + end] == "for" and words[start + end + 1] in _SETS["not_after_for"]:
            continue
        if any(tuple(head[end - size : end]) in roles for size in range(1, min(longest, end) + 1)):
            return True
        if (
            end > 1
            and head[end - 1] in _SETS["team_words"]
            and words[start + end] in _SETS["team_end"]
        ):
            return True
    return False


def _decide(scores: dict[str, float], cues: Iterable[str] = ()) -> str | None:
    young, pro, carer = scores[YOUNG_PERSON], scores[PROFESSIONAL], scores[CARER]
    # A role or "our pupils" outweighs family words: professionals talk about families; but on
    # a tie the carer's own grandchild ("my grandson") wins (`checks.carer_own_cues`).
    beats_carer = pro > carer or (pro == carer and not _SETS["carer_own_cues"] & set(cues))
    if pro >= 3 and beats_carer and pro >= young - 1:
        return PROFESSIONAL
    if young >= 2 and young > carer:
        return YOUNG_PERSON
    if carer >= 3 and carer >= young:
        return CARER
    return None
