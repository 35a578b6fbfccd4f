"""Reading the Rasa NLU training examples (data/nlu/*.yml) as plain text, for the statistical
second nets that learn from them (bot/safety/classifier.py, actions/audience_classifier.py)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

import yaml

log = logging.getLogger(__name__)

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
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
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
