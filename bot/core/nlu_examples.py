"""What the statistical second nets (bot/safety/classifier.py,
bot/understanding/audience_classifier.py) share: reading the Rasa NLU training examples
(data/nlu/*.yml) as plain text, and word-class features."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

import yaml

from bot.core.data_files import read_yaml

log = logging.getLogger(__name__)
T = TypeVar("T")

NLU_DIR = Path(__file__).resolve().parents[2] / "data" / "nlu"


def plain(example: str) -> str:
    """A Rasa example without its entity annotations: "[sgo](arrangement)" -> "sgo"."""
    return re.sub(r"\[([^\]]+)\](\([^)]*\)|\{[^}]*\})", r"\1", example).strip()


def examples(nlu_dir: Path = NLU_DIR, reader: str = "classifier") -> Iterator[tuple[str, str, str]]:
    """(file name, intent, example text) for every example, in a fixed order. A missing
    directory or an unreadable file is skipped (with a warning naming `reader`)."""
    if not nlu_dir.is_dir():
        return
    for path in sorted(nlu_dir.glob("*.yml")):
        try:
            data = read_yaml(path) or {}
        except (OSError, yaml.YAMLError):
            log.warning("%s: could not read %s; skipped", reader, path.name)
            continue
        items = data.get("nlu") if isinstance(data, dict) else None
        for item in items or []:
            if not isinstance(item, dict) or "intent" not in item:
                continue
            for line in str(item.get("examples", "")).splitlines():
                line = line.strip()
                if line.startswith("- "):
                    text = plain(line[2:])
                    if text:
                        yield path.name, str(item["intent"]), text


def class_bigram_features(
    tokens: Sequence[T], key: Callable[[T], str], word_class: Callable[[T], str | None]
) -> set[str]:
    """Word-class features shared by the statistical second nets: "x:CLASS" for each class
    present, and "y:a b" for each neighbouring pair (with sentence edges) in which at least one
    side is a class ("XCLASS") — so a word the training sets never used still shares its class's
    features. `key` gives a token's own form where it has no class."""
    out: set[str] = set()
    classed = []
    for token in tokens:
        name = word_class(token)
        if name:
            out.add("x:" + name)
            classed.append("X" + name)
        else:
            classed.append(key(token))
    for a, b in zip(["<s>", *classed], [*classed, "</s>"], strict=False):
        if a.startswith("X") or b.startswith("X"):
            out.add(f"y:{a} {b}")
    return out
