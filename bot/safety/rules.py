"""Safety rules: loads the hand rules from bot/safety/patterns/ and compiles their patterns.

The rules are data a reviewer can read, not code: rules/*.yaml (one file per family of
categories: each rule's name, category, patterns, flags and the name of its check), sets.yaml (the
word sets a pattern names, and the stand-ins OBJ and CHILDOBJ), check_words.yaml (the words the
checks look for), categories.yaml (the categories, most urgent first), idioms.yaml and context.yaml
(the words around a match that change its meaning: harm that is over, a general question). The pattern
notation is described at the top of each rules file and in bot/safety/README.md. The checks stay
in Python (bot/safety/checks.py). Everything is read and checked once, at import: a missing or
broken file stops start-up with a `RulesFileError` that names the file, the rule and the problem.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import checks
from . import lexicon as lx

PATTERNS_DIR = Path(__file__).resolve().parent / "patterns"
IDIOMS_FILE = PATTERNS_DIR / "idioms.yaml"
FLAGS = ("neg_inside", "nominal", "harm", "confirm", "record", "threat")
# Names engine.py uses in its code: the files must keep them.
_RULES_THE_CODE_NAMES = (
    "self_harm_reflexive",
    "self_harm_cut_body",
    "harm_passive",
    "abuse_person",
)
_CATEGORIES_THE_CODE_NAMES = ("sexual_abuse", "carer_breaking_point")
# The entries of context.yaml engine.py reads.
_CONTEXT_THE_CODE_NAMES = (
    "everyday",
    "past",
    "resolved",
    "now_resolved",
    "only_words",
    "just_told",
    "concern",
    "therapy",
    "telling_again",
    "seeing_again",
    "still_going",
    "asking_me",
    "just_happened",
    "school_sanction",
    "conditional_threat",
    "keep_in_mind",
    "suspected",
    "denied",
    "weapons",
    "general",
    "question_pair",
    "child_age",
    "adult",
    "relationship",
    "child_age_said",
    "sibling",
    "young_age",
    "adult_doer",
    "clause_words",
    "sentence_words",
    "aux",
    "question_start",
    "progressive",
    "current_words",
    "past_be",
    "wish_words",
    "time_of_telling",
    "telling_verbs",
    "common",
    "her_followers",
    "young_doers",
    "passive_aux",
    "siblings",
    "sibling_sizes",
)
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LOADER(_BASE_LOADER):
    """YAML that refuses a name given twice in one mapping: YAML would keep the last silently,
    and a second `pets:` list in check_words.yaml once hid the first (2026-12-07)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the name {key!r} is given twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_OP = re.compile(r"^(.*?)(\?|\{\d*,?\d*\})?$")
_NAME = re.compile(r"^[A-Z][A-Z_]*$")


class RulesFileError(RuntimeError):
    """A rules file is missing or cannot be read as rules; the message says which and why."""


class _Problem(ValueError):
    pass


@dataclass(frozen=True)
class Rule:
    name: str
    category: str
    patterns: tuple[str, ...]
    neg_inside: bool = False
    nominal: bool = False
    harm: bool = False
    confirm: bool = False
    record: bool = False  # the words name a time gone by and mean danger now: never past
    threat: bool = False  # a threat: set aside when a child of six or under makes it
    check: Callable | None = field(default=None, compare=False)
    check_name: str | None = None
    file: str = field(default="", compare=False)


@dataclass(frozen=True)
class RuleBook:
    """Everything under bot/safety/patterns/, read and checked."""

    rules: tuple[Rule, ...]
    sets: dict[str, frozenset[str]]
    macros: dict[str, list[str]]
    words: dict[str, frozenset[str]]
    categories: tuple[str, ...]
    idioms: tuple[str, ...]
    context: dict[str, re.Pattern[str]]
    context_words: dict[str, frozenset[str]]


def _read(path: Path):
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except FileNotFoundError:
        raise _Problem("is missing: the safety rules cannot run without it") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise _Problem(f"is not valid YAML{at}: {getattr(error, 'problem', error)}") from None


def _mapping(data, key: str) -> dict:
    if not isinstance(data, dict) or not isinstance(data.get(key), dict):
        raise _Problem(f"should hold a mapping `{key}:` (see the comment at its top)")
    return data[key]


def _words(value, where: str) -> frozenset[str]:
    """A list of single words (the checks and patterns compare one word at a time)."""
    if not isinstance(value, list) or not value:
        raise _Problem(f"{where} should be a non-empty list of words, not {value!r}")
    for word in value:
        if not isinstance(word, str) or not word or any(c.isspace() for c in word):
            raise _Problem(f"{where}: {word!r} is not one word (put words in quotes, one each)")
    return frozenset(value)


def _sets(data) -> dict[str, frozenset[str]]:
    sets = {}
    for name, value in _mapping(data, "sets").items():
        where = f"set {name}"
        if not isinstance(name, str) or not _NAME.match(name):
            raise _Problem(f"{where}: a set's name is upper case letters and _ (CHILD, DRUG)")
        if isinstance(value, list):
            sets[name] = _words(value, where)
            continue
        if not isinstance(value, dict) or set(value) - {"lexicon", "plus", "except"}:
            raise _Problem(f"{where} should be a list of words or {{lexicon: NAME, plus/except}}")
        base = getattr(lx, str(value.get("lexicon")), None)
        if not isinstance(base, (set, frozenset)):
            raise _Problem(f"{where}: `lexicon: {value.get('lexicon')}` is no set in lexicon.py")
        plus = _words(value["plus"], f"{where}: plus") if "plus" in value else frozenset()
        minus = _words(value["except"], f"{where}: except") if "except" in value else frozenset()
        sets[name] = frozenset((base | plus) - minus)
    return sets


def _token(spec: str, sets: dict[str, frozenset[str]]) -> dict:
    """One token of the notation -> a spaCy Matcher token; `_Problem` if it is not notation."""
    body, op = _OP.match(spec).groups()
    if body == "*":
        tok: dict = {}
    elif body.startswith(("w:", "l:")):
        words = body[2:].split("|")
        if not all(words) or any(c in w for w in words for c in "{}$%"):
            raise _Problem(f"token `{spec}`: give words as {body[:2]}a|b, with nothing empty")
        tok = {"LOWER" if body[0] == "w" else "LEMMA": {"IN": words}}
    elif body.startswith("re:"):
        try:
            re.compile(body[3:])
        except re.error as error:
            raise _Problem(f"token `{spec}`: the regular expression is broken ({error})") from None
        tok = {"LOWER": {"REGEX": body[3:]}}
    elif body[:1] in ("$", "%"):  # "$SET" or "$SET|w:extra|words"; "%SET" or "%SET|l:extra"
        name, _, extra = body[1:].partition("|w:" if body[0] == "$" else "|l:")
        if not _NAME.match(name):
            raise _Problem(
                f"token `{spec}`: write {body[0]}SET or {body[0]}SET|{'wl'[body[0] == '%']}:a|b"
            )
        if name not in sets:
            raise _Problem(f"token `{spec}`: there is no set {name} in sets.yaml")
        more = extra.split("|") if extra else []
        if extra and not all(more):
            raise _Problem(f"token `{spec}`: an empty word after the set")
        tok = {"LOWER" if body[0] == "$" else "LEMMA": {"IN": sorted(sets[name] | set(more))}}
    else:
        raise _Problem(
            f"token `{spec}` is not in the notation (w:, l:, $SET, %SET, re:, *, OBJ, CHILDOBJ)"
        )
    if op:
        tok["OP"] = op
    return tok


def compile_pattern(text: str, sets=None, macros=None) -> list[list[dict]]:
    """Expand one pattern string into the Matcher patterns it stands for (`_Problem` when it is
    not written in the notation)."""
    sets = BOOK.sets if sets is None else sets
    macros = BOOK.macros if macros is None else macros
    parts = []
    if not text.split():
        raise _Problem("an empty pattern")
    for spec in text.split():
        if spec in macros:
            parts.append([[_token(s, sets) for s in alt.split()] for alt in macros[spec]])
        elif spec.endswith("?") and spec[:-1] in macros:  # optional macro
            parts.append(
                [[_token(s, sets) for s in alt.split()] for alt in macros[spec[:-1]]] + [[]]
            )
        else:
            parts.append([[_token(spec, sets)]])
    return [list(itertools.chain.from_iterable(combo)) for combo in itertools.product(*parts)]


def _rule(node, sets, macros, categories, where: str) -> Rule:
    if not isinstance(node, dict) or not isinstance(node.get("name"), str):
        raise _Problem(f"{where} should be a mapping with a `name:`")
    where = f"rule `{node['name']}`"
    if unknown := set(node) - {"name", "category", "flags", "check", "patterns"}:
        raise _Problem(
            f"{where}: unknown key {sorted(unknown)} (name, category, flags, check, patterns)"
        )
    if node.get("category") not in categories:
        raise _Problem(f"{where}: category {node.get('category')!r} is not in categories.yaml")
    flags = node.get("flags", [])
    if not isinstance(flags, list) or set(flags) - set(FLAGS):
        raise _Problem(f"{where}: flags {flags!r} should be a list of {', '.join(FLAGS)}")
    check = node.get("check")
    if check is not None and check not in checks.CHECKS:
        raise _Problem(f"{where}: check `{check}` is not a check in bot/safety/checks.py (CHECKS)")
    patterns = node.get("patterns")
    if not isinstance(patterns, list) or not patterns:
        raise _Problem(f"{where}: `patterns` should be a list of pattern lines")
    for pattern in patterns:
        if not isinstance(pattern, str):
            raise _Problem(f"{where}: pattern {pattern!r} should be a text")
        try:
            compile_pattern(pattern, sets, macros)
        except _Problem as problem:
            raise _Problem(f'{where}: pattern "{pattern}": {problem}') from None
    return Rule(
        node["name"],
        node["category"],
        tuple(patterns),
        **{flag: flag in flags for flag in FLAGS},
        check=checks.CHECKS.get(check),
        check_name=check,
    )


def _context(data) -> tuple[dict[str, re.Pattern[str]], dict[str, frozenset[str]]]:
    """The entries of context.yaml: each list `patterns:` joined as the alternatives of one
    regular expression, each list `words:` as a set."""
    if not isinstance(data, dict):
        raise _Problem("should hold entries, each with `means:` and a list `patterns:` or `words:`")
    out = {}
    words = {}
    for name, node in data.items():
        if isinstance(node, dict) and "words" in node:
            words[name] = _words(node["words"], f"entry {name}")
            continue
        lines = node.get("patterns") if isinstance(node, dict) else None
        if not isinstance(lines, list) or not lines or not all(isinstance(x, str) for x in lines):
            raise _Problem(f"entry {name} should have a list `patterns:` of quoted lines")
        for line in lines:
            try:
                re.compile(line)
            except re.error as error:
                raise _Problem(
                    f"entry {name}: '{line}' is not a regular expression ({error})"
                ) from None
        out[name] = re.compile("|".join(lines))
    if missing := [name for name in _CONTEXT_THE_CODE_NAMES if name not in {**out, **words}]:
        raise _Problem(f"has no entry {', '.join(missing)}: engine.py reads it")
    return out, words


def load(patterns_dir: Path = PATTERNS_DIR) -> RuleBook:
    """Read and check every file of `patterns_dir`; a `RulesFileError` names the file and the
    problem."""
    path = patterns_dir / "categories.yaml"
    try:
        categories = tuple(_mapping(_read(path), "categories"))
        for name in _CATEGORIES_THE_CODE_NAMES:
            if name not in categories:
                raise _Problem(f"needs the category {name}: engine.py names it")
        path = patterns_dir / "sets.yaml"
        data = _read(path)
        sets = _sets(data)
        macros = {}
        for name, alternatives in _mapping(data, "macros").items():
            if not isinstance(alternatives, list) or not all(
                isinstance(a, str) for a in alternatives
            ):
                raise _Problem(f"macro {name} should be a list of pattern lines")
            for alternative in alternatives:
                try:
                    compile_pattern(alternative, sets, {})
                except _Problem as problem:
                    raise _Problem(f'macro {name}: "{alternative}": {problem}') from None
            macros[name] = alternatives
        path = patterns_dir / "check_words.yaml"
        words = {
            name: _words(value, f"list {name}")
            for name, value in _mapping(_read(path), "words").items()
        }
        if missing := [name for name in checks.WORD_LISTS if name not in words]:
            raise _Problem(f"has no list {', '.join(missing)}: bot/safety/checks.py reads it")
        rules: dict[str, Rule] = {}
        files = sorted((patterns_dir / "rules").glob("*.yaml"))
        if not files:
            path = patterns_dir / "rules"
            raise _Problem("holds no rules file (*.yaml)")
        for path in files:
            nodes = _read(path)
            if not isinstance(nodes, dict) or not isinstance(nodes.get("rules"), list):
                raise _Problem("should hold a list `rules:` (see the comment at its top)")
            for i, node in enumerate(nodes["rules"]):
                rule = _rule(node, sets, macros, categories, f"rule {i + 1}")
                if rule.name in rules:
                    raise _Problem(f"rule `{rule.name}` is also in {rules[rule.name].file}")
                rules[rule.name] = Rule(**{**rule.__dict__, "file": path.name})
        path = patterns_dir / "rules"
        for name in _RULES_THE_CODE_NAMES:
            if name not in rules:
                raise _Problem(f"has no rule `{name}`: engine.py names it")
        path = patterns_dir / "idioms.yaml"
        idioms = _read(path)
        if not isinstance(idioms, dict) or not isinstance(idioms.get("idioms"), list):
            raise _Problem("should hold a list `idioms:`")
        path = patterns_dir / "context.yaml"
        context, context_words = _context(_read(path))
    except _Problem as problem:
        root = Path(__file__).resolve().parents[2]
        name = path.relative_to(root) if path.is_relative_to(root) else path
        verb = str(problem).startswith(("is ", "has ", "holds ", "should ", "needs "))
        raise RulesFileError(f"{name}{' ' if verb else ': '}{problem}") from None
    return RuleBook(
        tuple(rules.values()),
        sets,
        macros,
        words,
        categories,
        tuple(idioms["idioms"]),
        context,
        context_words,
    )


BOOK = load()
RULES: tuple[Rule, ...] = BOOK.rules
CATEGORIES: tuple[str, ...] = BOOK.categories
# Figures of speech: a harm match overlapping one of these is dropped (normalised like the input
# by engine.py).
IDIOMS = BOOK.idioms
# The words around a match that change what it means (context.yaml), by name.
CONTEXT: dict[str, re.Pattern[str]] = BOOK.context
CONTEXT_WORDS: dict[str, frozenset[str]] = BOOK.context_words
checks.bind(BOOK.words, BOOK.sets)
