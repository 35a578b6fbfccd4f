"""Someone struggling, not someone in danger: "I can't do this any more, I'm 73 and I cry every
night" is a carer at the end of their tether, and needs a warm word, the Kinship Navigators,
other carers and their own GP, not 999 and the out-of-hours team.

Two readings. `is_distress` (below) tells struggling from danger where the safety check's
classifier alone saw danger. `is_struggling` (further down) tells struggling from an everyday
message where the safety check saw no danger at all, so that a carer at breaking point who
asks a plain question still gets the warm word first.

Read only where the safety check's classifier alone (no rule) saw danger (bot/safety/engine.py):
the rules, which must never miss, are never overridden. A classifier on pretrained sentence
embeddings and character and word n-grams (bot/understanding/text_classifier.py), trained on
messages of both kinds written to be hard to tell apart by a separate author
(bot/understanding/data/distress.yaml), and the distress messages and emergencies of the
development sets (distress_dev.yaml, `DEV_DATA`).

Chosen on development set 9 and the safety check's development sets, never on a blind set: at
DISTRESS_PROBABILITY 6 of the 8 carers in distress that the classifier alone took for danger
were read as distress, and none of its 3 emergencies or 4 concerns; of the 220 danger messages
in the safety development sets caught by the classifier alone, 3 were read as distress (one a
carer afraid of what they might do). So the distress reply still ends with one calm line: if
anyone might be hurt, call 999.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path

from bot.core.data_files import read_yaml
from bot.understanding.text_classifier import TextClassifier, build_or_none

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parent / "data" / "distress.yaml"
DISTRESS = "distress"
C = 16.0
DISTRESS_PROBABILITY = 0.9
# Tried and not taken (2026-12-05): 400 more distress/danger messages by a second separate author
# taught to this reading. Over the development sets of tests/data/dev/ distress given the 999
# reply 19 -> 16 of 206, but 9 more emergencies read as distress there (27 -> 36 missed of 1,524:
# a cracked flue with everyone dizzy, a man at the back door come "to collect her"); at 0.95,
# 17 of 206 and none lost there, but 6 more of the safety check's labelled sets (31 -> 37 of
# 3,439, `scripts/bench_safety_dev.py`); at 0.97 nothing changed.
# Taken (2026-12-05): the distress messages and emergencies of the development sets of
# tests/data/dev/ (24 sets by separate authors; copied into DEV_DATA). Held out one set at a time
# (each set's own messages never trained on), over the alarms the classifiers alone still raised
# there: at 0.9, 9 more of their 42 distress messages read as distress and no emergency lost
# (weight 0.5: 8; weight 2: 10, and 1 emergency lost there); over the safety check's labelled sets
# (bot/safety/data/, never trained on here) 2 emergencies lost, both a young person not eating
# ("i stopped eating and i keep fainting in pe", "making myself sick after, nobody knows"), now
# rules (self_harm.yaml `stopped_eating`).
# Taken (2026-12-06): development sets 42 to 50 too, with the reading asked only of a message
# that speaks of its writer (`speaks_of_the_writer`): learning them alone read a neglected child
# told of by someone else ("the wee one ... nobody has fed her") as distress.
DEV_DATA = Path(__file__).resolve().parent / "data" / "distress_dev.yaml"


@lru_cache(maxsize=1)
def get_distress_classifier() -> TextClassifier | None:
    """Trained once (or loaded from the cache); None when it cannot be built (then every alarm
    of the safety check stands)."""
    return build_or_none("distress-classifier", training_examples, C=C, words=True)


def training_examples() -> tuple[list[str], list[str], None]:
    """The distress/danger examples of distress.yaml and of the development sets' copy
    (distress_dev.yaml, `DEV_DATA`)."""
    examples = []
    for path in (DATA, DEV_DATA):
        data = read_yaml(path) or {}
        examples += [e for e in data.get("examples") or [] if e.get("text") and e.get("label")]
    return [e["text"] for e in examples], [e["label"] for e in examples], None


def _sure(
    text: str, classifier: TextClassifier | None, label: str, threshold: float, name: str
) -> bool:
    """True when `classifier` gives `label` at least `threshold` for these words; False without
    a model or when the reading fails (logged): a broken reading never takes away a safety
    response, and a warm word is never worth a failed turn."""
    if classifier is None:
        return False
    try:
        return dict(classifier.probabilities(text)).get(label, 0.0) >= threshold
    except Exception:
        log.exception("%s classifier failed on a message", name)
        return False


WRITER_WORDS_FILE = Path(__file__).resolve().parent / "rules" / "writer_words.yaml"


@lru_cache(maxsize=1)
def _writer_words() -> frozenset[str]:
    """The words of bot/understanding/rules/writer_words.yaml, lower case."""
    data = read_yaml(WRITER_WORDS_FILE) or {}
    return frozenset(str(word).lower() for word in data.get("words") or [])


def speaks_of_the_writer(text: str) -> bool:
    """True when the message names its writer or their household ("I", "me", "we", "our"...:
    bot/understanding/rules/writer_words.yaml)."""
    words = re.findall(r"[a-z]+(?:'[a-z]+)?", text.lower().replace("\u2019", "'"))
    return not _writer_words().isdisjoint(words)


@lru_cache(maxsize=256)
def is_distress(text: object) -> bool:
    """True when the words are surely those of someone struggling rather than in danger: they
    speak of the writer (`speaks_of_the_writer`), and the distress reading is sure."""
    if not isinstance(text, str) or not text.strip() or not speaks_of_the_writer(text):
        return False
    return _sure(text, get_distress_classifier(), DISTRESS, DISTRESS_PROBABILITY, "distress")


# ---------------------------------------------------------------- struggling, where no alarm rose

NOT_DANGER_DATA = Path(__file__).resolve().parent / "data" / "not_danger.yaml"
STRUGGLING = "struggling"
EVERYDAY = "everyday"
STRUGGLING_C = 4.0
# Chosen on development sets 9, 11 and 12 (tests/data/dev/; never trained on here), never on a
# blind set (2026-12-03): of their 60 messages from someone struggling, at 0.7 33 were read as
# struggling, and 1 of their 722 need, arrangement, out-of-scope and hard-negative messages; at
# 0.5, 39 and 10; at 0.8, 25 and none.
STRUGGLING_PROBABILITY = 0.7


def struggling_examples() -> tuple[list[str], list[str], None]:
    """Struggling: the `distress` messages of distress.yaml and not_danger.yaml. Everyday: the
    other messages of not_danger.yaml (alarming-sounding, not danger) and the Rasa NLU examples
    (need questions in many voices among them), except the generated safety intent's file
    (NLU_EXCLUDED_FILES, as the safety check's classifier)."""
    from bot.core import nlu_examples as nlu_data
    from bot.safety.classifier import NLU_DIR, NLU_EXCLUDED_FILES

    texts: list[str] = []
    labels: list[str] = []
    for path in (DATA, NOT_DANGER_DATA):
        data = read_yaml(path) or {}
        for e in data.get("examples") or []:
            if not (e.get("text") and e.get("label")):
                continue
            if e["label"] == DISTRESS:
                texts.append(e["text"])
                labels.append(STRUGGLING)
            elif path == NOT_DANGER_DATA:
                texts.append(e["text"])
                labels.append(EVERYDAY)
    seen = set(texts)
    for name, _intent, text in nlu_data.examples(NLU_DIR, "struggling classifier"):
        if name not in NLU_EXCLUDED_FILES and text not in seen:
            seen.add(text)
            texts.append(text)
            labels.append(EVERYDAY)
    return texts, labels, None


@lru_cache(maxsize=1)
def get_struggling_classifier() -> TextClassifier | None:
    """Trained once (or loaded from the cache); None when it cannot be built (then nobody is
    read as struggling where no alarm rose, as before)."""
    return build_or_none("struggling-classifier", struggling_examples, C=STRUGGLING_C, words=True)


@lru_cache(maxsize=256)
def is_struggling(text: object) -> bool:
    """True when everyday-looking words are surely those of someone struggling ("I'm on my knees
    with it all, the little one hasn't slept in weeks, is there any respite?")."""
    if not isinstance(text, str) or not text.strip():
        return False
    return _sure(
        text, get_struggling_classifier(), STRUGGLING, STRUGGLING_PROBABILITY, "struggling"
    )
