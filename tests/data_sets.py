"""The project's data sets read as plain messages, for the guards that keep test sentences and
frozen sets apart from what the models learn from (tests/test_data_sets.py,
tests/safety/test_unseen_sentences.py).

Messages are compared after `normalise`: case, Unicode forms, curly quotes, apostrophes, other
punctuation, Rasa entity annotations and runs of whitespace do not count ("What's an SGO?" and
"whats an sgo" are the same message).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"

# What the models learn from or the rules are tuned on: the safety sets (the safety classifier
# trains on all of them, dev.yaml also feeds the NLU's safety intent), the Rasa training data
# (data/nlu; data/rules and data/stories, which could hold `user:` texts), the audience
# classifier's sets (bot/understanding/data/audience, copies of tests/nlu/audience_dev*.yml and of
# the spent acceptance sets among others), and the NLU examples generated from the glossary at
# training time (`generated_examples`).
TRAINING_GLOBS = (
    "bot/safety/data/*.yaml",
    "data/nlu/*.yml",
    "data/rules/*.yml",
    "data/stories/*.yml",
    "bot/understanding/data/audience/*.yaml",
    "bot/understanding/data/*.yaml",
)
GENERATED_PREFIX = "generated_"  # data/nlu/generated_*.yml: written by scripts/train.sh

# The header word that says what a data set is (tests/test_data_sets.py checks that each data
# set has exactly one of them): DEVELOPMENT data is used to build, tune or train, and figures on
# it prove nothing about unseen wording; a FROZEN blind set is never used for training or tuning.
DEVELOPMENT = "DEVELOPMENT"
FROZEN = "FROZEN"
# Rasa conversation tests: every step is an assertion on the trained model, not a data set
# scored for figures; content packs (a second council's offer) are content, not messages.
NOT_DATA_SETS = ("tests/conversations/", "tests/content/")

# Keys whose values are labels or metadata, never messages.
_NOT_MESSAGES = frozenset(
    {"id", "category", "intent", "sections", "needs", "arrangement", "entities", "slot_was_set"}
)
# Rasa NLU blocks that list entity names (a lookup table, synonyms, a regex), not messages.
_ENTITY_LISTS = frozenset({"lookup", "synonym", "regex"})
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    text = _ANNOTATION.sub(r"\1", text)
    text = re.sub(r"['\u2018\u2019`´]", "", text)  # "what's" = "whats"
    text = re.sub(r"[^\w\s]|_", " ", text)
    return " ".join(text.split())


def _walk(node, out: list[str], key: str | None = None) -> None:
    if key in _NOT_MESSAGES:
        return
    if isinstance(node, str):
        if key == "examples":  # Rasa NLU: one "- example" a line
            out.extend(line.strip()[2:] for line in node.splitlines() if line.strip()[:2] == "- ")
        elif key in (None, "text", "user"):  # an item of a list of messages, or a message
            out.append(node)
    elif isinstance(node, list):
        for item in node:
            _walk(item, out)
    elif isinstance(node, dict) and not _ENTITY_LISTS & set(node):
        for name, value in node.items():
            _walk(value, out, str(name))


def messages(path: Path) -> list[str]:
    """Every message text of a data file: safety sets, audience sets, acceptance sets, Rasa NLU
    examples, `user:` steps of Rasa stories and rules."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    out: list[str] = []
    _walk(data, out)
    return [m for m in out if m.strip()]


def generated_examples() -> list[str]:
    """The NLU examples scripts/train.sh generates from the glossary (what the model also learns
    from; the safety intent's generated examples are copies of bot/safety/data/dev.yaml)."""
    from scripts.generate_nlu import build

    out: list[str] = []
    _walk(yaml.safe_load(build()), out)
    return out


def training_files() -> list[Path]:
    files: list[Path] = []
    for pattern in TRAINING_GLOBS:
        files += [p for p in sorted(ROOT.glob(pattern)) if not p.name.startswith(GENERATED_PREFIX)]
    return files


def files_under_tests() -> list[Path]:
    """Every data set under tests/ (YAML), except the Rasa conversation tests."""
    found = sorted({*TESTS.rglob("*.yml"), *TESTS.rglob("*.yaml")})
    return [p for p in found if not str(relative(p)).startswith(NOT_DATA_SETS)]


def header(path: Path) -> str:
    """The comment lines at the top of a file."""
    lines = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line[1:].strip())
    return " ".join(lines)


def kinds(path: Path) -> set[str]:
    """Which of DEVELOPMENT and FROZEN the header says (as whole words, in capitals)."""
    text = header(path)
    return {word for word in (DEVELOPMENT, FROZEN) if re.search(rf"\b{word}\b", text)}


def is_frozen(path: Path) -> bool:
    return kinds(path) == {FROZEN}


def frozen_sets() -> list[Path]:
    return [p for p in files_under_tests() if is_frozen(p)]


def development_sets_under_tests() -> list[Path]:
    return [p for p in files_under_tests() if kinds(p) == {DEVELOPMENT}]


def relative(path: Path) -> Path:
    return Path(path).resolve().relative_to(ROOT)


def index(files: Iterable[Path], extra: Iterable[tuple[str, str]] = ()) -> dict[str, set[str]]:
    """normalised message -> the files (relative paths) it is in."""
    found: dict[str, set[str]] = {}
    for path in files:
        for message in messages(path):
            found.setdefault(normalise(message), set()).add(str(relative(path)))
    for source, message in extra:
        found.setdefault(normalise(message), set()).add(source)
    return found


@lru_cache(maxsize=1)
def training_index() -> dict[str, set[str]]:
    """Every message the models learn from (see TRAINING_GLOBS)."""
    generated = [("generated by scripts/generate_nlu.py", m) for m in generated_examples()]
    return index(training_files(), generated)


@lru_cache(maxsize=1)
def tuning_index() -> dict[str, set[str]]:
    """What the models learn from and what the rules and thresholds are tuned on: the training
    data and the DEVELOPMENT sets under tests/."""
    combined = {k: set(v) for k, v in training_index().items()}
    for message, files in index(development_sets_under_tests()).items():
        combined.setdefault(message, set()).update(files)
    return combined


@lru_cache(maxsize=1)
def all_data_index() -> dict[str, set[str]]:
    """Every message of every data set: training data and every set under tests/."""
    combined = {k: set(v) for k, v in training_index().items()}
    for message, files in index(files_under_tests()).items():
        combined.setdefault(message, set()).update(files)
    return combined


def found_in(texts: Iterable[str], found: dict[str, set[str]]) -> dict[str, list[str]]:
    """The texts that are in `found` (normalised), with the files they are in."""
    return {t: sorted(found[normalise(t)]) for t in texts if normalise(t) in found}


# ---------------------------------------------------------------- source code


SOURCE_DIRS = ("actions", "bot")
SOURCE_SUFFIXES = (".py", ".md", ".html", ".js", ".txt", ".yml", ".yaml", ".json")
# The labelled sets inside the source trees: read as training data above, not as code (other
# data files there, such as word lists of the rules, are read as source).
SOURCE_DATA_DIRS = (
    "bot/understanding/data/audience/",
    "bot/safety/data/",
    "bot/understanding/data/",
)
# A shorter message ("money", "contact?", "what is kinship") is also an ordinary phrase of the
# code's own word lists and contents: it is not looked for in the source (only in the data).
MIN_QUOTED_WORDS = 4


def source_files() -> list[Path]:
    out = []
    for folder in SOURCE_DIRS:
        for path in sorted((ROOT / folder).rglob("*")):
            rel = str(relative(path))
            if (
                path.is_file()
                and path.suffix in SOURCE_SUFFIXES
                and not rel.startswith(SOURCE_DATA_DIRS)
                and "__pycache__" not in rel
            ):
                out.append(path)
    return out


@lru_cache(maxsize=1)
def _source_texts() -> tuple[tuple[str, str], ...]:
    return tuple(
        (str(relative(p)), f" {normalise(p.read_text(encoding='utf-8', errors='replace'))} ")
        for p in source_files()
    )


def quoted_in_source(text: str) -> list[str]:
    """The source files (actions/, bot/: code, comments, docstrings, templates) that quote a
    message of MIN_QUOTED_WORDS words or more (normalised, as whole words)."""
    message = normalise(text)
    if len(message.split()) < MIN_QUOTED_WORDS:
        return []
    return [name for name, whole in _source_texts() if f" {message} " in whole]
