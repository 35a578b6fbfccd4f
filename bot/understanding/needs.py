"""Which part of the offer a message asks about: a classifier over pretrained sentence
embeddings (WordLlama, offline) and character n-grams, trained with scikit-learn on the Rasa
training examples of the need intents (data/nlu/, every `need_*` intent) and of the other
intents as "no need".

Why beside Rasa's own classifier: DIET learns English only from our ~1,500 examples, so a way
of saying a need that the examples never used comes out as "did not understand". The embeddings
carry what the words mean from far more English than ours, and the character n-grams catch
misspellings and dialect. It is consulted where Rasa was unsure (actions/fallback.py), and only
its confident answers are used.

Deterministic: a fixed solver and no random state; the training examples are the model (nothing
is stored in the project). Training takes several seconds, so the trained model is kept in
var/cache/ under a name made from everything it depends on (examples, settings, library
versions); a missing or damaged cache only means training again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from bot.core import nlu_examples

log = logging.getLogger(__name__)

NO_NEED = "none"
# need intent -> offer section id (the same mapping the actions use)
NEED_INTENTS = {
    "need_support_groups": "support-groups-and-training",
    "need_financial_support": "financial-support",
    "need_staying_in_work": "staying-in-work",
    "need_housing": "housing",
    "need_education": "education",
    "need_early_years": "early-years",
    "need_family_time": "family-time",
    "need_family_group_conference": "family-group-conference",
    "need_legal_support": "legal-support",
    "need_therapeutic_support": "therapeutic-support",
    "need_health_and_wellbeing": "health-and-wellbeing",
    "need_kinship_navigators": "kinship-navigators",
    "need_family_hubs": "family-hubs-and-activities",
}
# Intents whose examples teach "this is not a need question" (hand-off form answers and
# chit-chat); arrangement statements and glossary questions are left out: they often carry a
# need in the same breath.
NO_NEED_INTENTS = {
    "affirm",
    "deny",
    "goodbye",
    "greet",
    "thank",
    "bot_challenge",
    "start_again",
    "out_of_scope",
    "cancel_handoff",
    "skip_question",
    "inform_contact_method",
    "handoff_change",
}
C = 4.0  # inverse regularisation, from cross-validation on the training examples


@dataclass(frozen=True)
class NeedGuess:
    section_id: str
    probability: float


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower()).strip()


class NeedClassifier:
    def __init__(self, texts: list[str], labels: list[str]):
        from scipy.sparse import csr_matrix, hstack
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        from bot.understanding.embeddings import get_embedder

        self._hstack, self._csr = hstack, csr_matrix
        self.embedder = get_embedder()
        self.chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
        cleaned = [_clean(t) for t in texts]
        features = self._features(cleaned, fit=True)
        self.model = LogisticRegression(C=C, max_iter=2000, solver="lbfgs")
        self.model.fit(features, labels)
        self.labels = list(self.model.classes_)

    def _features(self, cleaned: list[str], fit: bool = False):
        chars = self.chars.fit_transform(cleaned) if fit else self.chars.transform(cleaned)
        dense = self._csr(self.embedder.embed(cleaned) * 2.0)
        return self._hstack([chars, dense]).tocsr()

    def rank(self, text: str) -> list[NeedGuess]:
        """Every label with its probability, best first (NO_NEED included, as "none")."""
        probabilities = self.model.predict_proba(self._features([_clean(text)]))[0]
        order = np.argsort(-probabilities)
        return [
            NeedGuess(NEED_INTENTS.get(self.labels[i], NO_NEED), float(probabilities[i]))
            for i in order
        ]


# Need questions written in many voices by separate authors who saw neither the rules nor the
# other data (Rasa NLU format). Read by this classifier only: in Rasa's training data they made
# training take about three times as long, unmeasured on the dialogue.
VOICES_DIR = Path(__file__).resolve().parent / "data"


def training_examples() -> tuple[list[str], list[str]]:
    texts, labels = [], []
    examples = [
        *nlu_examples.examples(reader="need classifier"),
        *nlu_examples.examples(VOICES_DIR, reader="need classifier"),
    ]
    for _, intent, text in examples:
        if intent in NEED_INTENTS:
            texts.append(text)
            labels.append(intent)
        elif intent in NO_NEED_INTENTS:
            texts.append(text)
            labels.append(NO_NEED)
    return texts, labels


CACHE_DIR = Path(
    os.environ.get("NEED_CACHE_DIR") or Path(__file__).resolve().parents[2] / "var" / "cache"
)


def _cache_key(texts: list[str], labels: list[str]) -> str:
    import sklearn

    digest = hashlib.sha256()
    for part in (*texts, "|", *labels, str(C), sklearn.__version__, np.__version__):
        digest.update(part.encode("utf-8") + b"\0")
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:16]


def _load_or_train(texts: list[str], labels: list[str]) -> NeedClassifier:
    path = CACHE_DIR / f"need-classifier-{_cache_key(texts, labels)}.pickle"
    try:
        with path.open("rb") as file:  # written by this code, below; never from elsewhere
            model = pickle.load(file)
        from bot.understanding.embeddings import get_embedder

        model.embedder = get_embedder()
        return model
    except FileNotFoundError:
        pass
    except Exception:
        log.warning("need classifier: cache unreadable, training again")
    model = NeedClassifier(texts, labels)
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        embedder, model.embedder = model.embedder, None  # the weights ship with the package
        try:
            with tmp.open("wb") as file:
                pickle.dump(model, file)
        finally:
            model.embedder = embedder
        os.replace(tmp, path)
        for old in CACHE_DIR.glob("need-classifier-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        log.warning("need classifier: could not write the cache (it works without it)")
    return model


@lru_cache(maxsize=1)
def get_need_classifier() -> NeedClassifier | None:
    """The classifier, trained once (or loaded from the cache); None when its weights or
    examples are missing (the rest of the assistant works without it)."""
    try:
        texts, labels = training_examples()
        if len(set(labels)) < 2:
            log.warning("need classifier: no training examples found; not used")
            return None
        return _load_or_train(texts, labels)
    except Exception:
        log.exception("need classifier could not be built; not used")
        return None
