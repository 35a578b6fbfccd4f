"""Someone struggling, not someone in danger: "I can't do this any more, I'm 73 and I cry every
night" is a carer at the end of their tether, and needs a warm word, the Kinship Navigators,
other carers and their own GP, not 999 and the out-of-hours team.

Read only where the safety check's classifier alone (no rule) saw danger (bot/safety/engine.py):
the rules, which must never miss, are never overridden. A classifier on pretrained sentence
embeddings and character and word n-grams (bot/understanding/text_classifier.py), trained on
messages of both kinds written to be hard to tell apart by a separate author
(bot/understanding/data/distress.yaml).

Chosen on development set 9 and the safety check's development sets, never on a blind set: at
DISTRESS_PROBABILITY 6 of the 8 carers in distress that the classifier alone took for danger
were read as distress, and none of its 3 emergencies or 4 concerns; of the 220 danger messages
in the safety development sets caught by the classifier alone, 3 were read as distress (one a
carer afraid of what they might do). So the distress reply still ends with one calm line: if
anyone might be hurt, call 999.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

import yaml

from bot.understanding.text_classifier import TextClassifier, build_or_none

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parent / "data" / "distress.yaml"
DISTRESS = "distress"
C = 16.0
DISTRESS_PROBABILITY = 0.9


@lru_cache(maxsize=1)
def get_distress_classifier() -> TextClassifier | None:
    """Trained once (or loaded from the cache); None when it cannot be built (then every alarm
    of the safety check stands)."""
    return build_or_none("distress-classifier", training_examples, C=C, words=True)


def training_examples() -> tuple[list[str], list[str], None]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8")) or {}
    examples = [e for e in data.get("examples") or [] if e.get("text") and e.get("label")]
    return [e["text"] for e in examples], [e["label"] for e in examples], None


@lru_cache(maxsize=256)
def is_distress(text: object) -> bool:
    """True when the words are surely those of someone struggling rather than in danger."""
    if not isinstance(text, str) or not text.strip():
        return False
    classifier = get_distress_classifier()
    if classifier is None:
        return False
    try:
        return dict(classifier.probabilities(text)).get(DISTRESS, 0.0) >= DISTRESS_PROBABILITY
    except Exception:  # a broken reading never takes away a safety response
        log.exception("distress classifier failed on a message")
        return False
