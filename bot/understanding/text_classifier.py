"""A text classifier on pretrained knowledge of English, shared by the readings of a message
(the need asked about, the arrangement described): WordLlama sentence embeddings (offline,
bot/understanding/embeddings.py) for what the words mean, character n-grams for misspellings
and dialect, optionally word n-grams, and a scikit-learn logistic regression.

Deterministic (a fixed solver, no random state); the training examples are the model. Training
takes seconds, so a trained model is kept in var/cache/ under a name made from everything it
depends on (examples, settings, library versions, this code); a missing or damaged cache only
means training again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np

from bot.core.data_files import CACHE_DIR  # a module attribute here: tests point it elsewhere

log = logging.getLogger(__name__)

# The solver runs until the weights have settled. scikit-learn's default, 1e-4, stopped each
# reading long before (2026-12-05: the danger second opinion after 37 of 103 iterations, the
# needs 67 of 125, who is writing 52 of 116), so that one training example changed anywhere
# moved short messages' readings by up to 0.2; at 1e-6 a change moves them by 0.002 or less. It
# costs about 25 s of training over every reading (2 cores).
TOLERANCE = 1e-6
# This code, as imported (read once: a cache written by a process that imported older code must
# never be filed under the newer code's name).
_CODE = Path(__file__).read_bytes()


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower()).strip()


class TextClassifier:
    """`C`: inverse regularisation; `words`: add word 1-2 grams to the features; `weights`:
    how much each example counts (1 when not given)."""

    def __init__(
        self,
        texts: list[str],
        labels: list[str],
        *,
        C: float,
        words: bool = False,
        weights: list[float] | None = None,
    ):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        from bot.understanding.embeddings import get_embedder

        self.embedder = get_embedder()
        self.chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
        self.words = (
            TfidfVectorizer(
                analyzer="word",
                ngram_range=(1, 2),
                sublinear_tf=True,
                token_pattern=r"[a-z0-9']+",
            )
            if words
            else None
        )
        from threadpoolctl import threadpool_limits

        # One thread for the numerical libraries while training: the solver's sums then come
        # in the same order on every machine and in every process, so the same examples give
        # the same model to the last digit (with two threads and one, readings differed by up
        # to 3e-5: 2026-12-05, the audience classifier).
        with threadpool_limits(limits=1):
            cleaned = [clean(t) for t in texts]
            features = self._features(cleaned, fit=True)
            rows, labels, weights = _merged(cleaned, labels, weights)
            self.model = LogisticRegression(C=C, max_iter=3000, solver="lbfgs", tol=TOLERANCE)
            self.model.fit(features[rows], labels, sample_weight=weights)
        self.labels = list(self.model.classes_)

    def _features(self, cleaned: list[str], fit: bool = False):
        from scipy.sparse import csr_matrix, hstack

        parts = [self.chars.fit_transform(cleaned) if fit else self.chars.transform(cleaned)]
        if self.words is not None:
            parts.append(
                self.words.fit_transform(cleaned) if fit else self.words.transform(cleaned)
            )
        parts.append(csr_matrix(self.embedder.embed(cleaned) * (1.0 if self.words else 2.0)))
        return hstack(parts).tocsr()

    def probabilities(self, text: str) -> list[tuple[str, float]]:
        """Every label with its probability, best first: the model's `predict_proba`, computed
        directly from its weights for one message (the same figures, several times faster:
        no sparse matrices are built and stacked)."""
        probabilities = self._one(clean(text))
        order = np.argsort(-probabilities)
        return [(str(self.labels[i]), float(probabilities[i])) for i in order]

    def _parts(self) -> list[tuple]:
        """Per n-gram vectorizer: its analyzer, itself and its block of the weights (features are
        stacked in `_features`' order: characters, words, then the embedding)."""
        parts = getattr(self, "_fast", None)
        if parts is None:
            coef = self.model.coef_
            parts, start = [], 0
            for vectorizer in (self.chars, self.words):
                if vectorizer is None:
                    continue
                width = len(vectorizer.vocabulary_)
                parts.append(
                    (vectorizer.build_analyzer(), vectorizer, coef[:, start : start + width])
                )
                start += width
            parts.append((None, None, coef[:, start:]))
            self._fast = parts
        return parts

    def _one(self, cleaned: str) -> np.ndarray:
        scores = self.model.intercept_.astype(np.float64)
        for analyzer, vectorizer, weights in self._parts():
            if vectorizer is None:
                vector = self.embedder.embed([cleaned])[0] * (1.0 if self.words else 2.0)
                scores = scores + weights @ vector
                continue
            counts: dict[int, int] = {}
            vocabulary = vectorizer.vocabulary_
            for gram in analyzer(cleaned):
                index = vocabulary.get(gram)
                if index is not None:
                    counts[index] = counts.get(index, 0) + 1
            if not counts:
                continue
            columns = np.fromiter(counts, dtype=np.intp, count=len(counts))
            values = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64))  # sublinear
            values *= vectorizer.idf_[columns]
            values /= np.linalg.norm(values)
            scores = scores + weights[:, columns] @ values
        if scores.shape[0] == 1:  # two labels: one weight row, the second label's odds
            positive = 1.0 / (1.0 + np.exp(-scores[0]))
            return np.array([1.0 - positive, positive])
        scores = np.exp(scores - scores.max())
        return scores / scores.sum()

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_fast", None)  # views of the weights, made again after loading
        return state


def _merged(
    cleaned: list[str], labels: list[str], weights: list[float] | None
) -> tuple[list[int], list[str], list[float]]:
    """One row for each (text, label) taught more than once, weighing what its copies weighed
    together: the same sum of weighted losses, so the same model, on fewer rows (the reading after
    the safety lines learns the development sets' need questions twice: 15,146 rows, 12,774 once
    merged, 2026-12-06). The vectorizers are fitted before, on every copy, so that the words'
    weights (idf) are unchanged."""
    first: dict[tuple[str, str], int] = {}
    rows: list[int] = []
    merged: list[float] = []
    for i, key in enumerate(zip(cleaned, labels, strict=True)):
        weight = 1.0 if weights is None else float(weights[i])
        if key in first:
            merged[first[key]] += weight
            continue
        first[key] = len(rows)
        rows.append(i)
        merged.append(weight)
    return rows, [labels[i] for i in rows], merged


def build_or_none(
    name: str,
    examples: Callable[[], tuple[list[str], list[str], list[float] | None]],
    *,
    C: float,
    words: bool = False,
) -> TextClassifier | None:
    """The shape every reading's loader shares: read its examples (texts, labels, weights or
    None), then `load_or_train`; None, logged, when there is too little to learn from or
    anything fails (each reading then says nothing, and the assistant works without it)."""
    try:
        texts, labels, weights = examples()
        if len(set(labels)) < 2:
            log.warning("%s: no training examples found; not used", name)
            return None
        return load_or_train(name, texts, labels, C=C, words=words, weights=weights)
    except Exception:
        log.exception("%s could not be built; not used", name)
        return None


def load_or_train(
    name: str,
    texts: list[str],
    labels: list[str],
    *,
    C: float,
    words: bool = False,
    weights: list[float] | None = None,
) -> TextClassifier:
    """The classifier for these examples: from the cache when it was trained on exactly them,
    else trained now (and cached)."""
    import sklearn

    digest = hashlib.sha256()
    parts = (*texts, "|", *labels, "|", *map(str, weights or []), str(C), str(words))
    for part in (*parts, sklearn.__version__, np.__version__):
        digest.update(part.encode("utf-8") + b"\0")
    digest.update(_CODE)
    path = CACHE_DIR / f"{name}-{digest.hexdigest()[:16]}.pickle"
    from bot.understanding.embeddings import get_embedder

    try:
        with path.open("rb") as file:  # written by this code, below; never from elsewhere
            model = pickle.load(file)
        model.embedder = get_embedder()
        return model
    except FileNotFoundError:
        pass
    except Exception:
        log.warning("%s: cache unreadable, training again", name)
    model = TextClassifier(texts, labels, C=C, words=words, weights=weights)
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        embedder, model.embedder = model.embedder, None  # the weights ship with the package
        try:
            with tmp.open("wb") as file:
                pickle.dump(model, file)
        finally:
            model.embedder = embedder
        os.replace(tmp, path)
        for old in CACHE_DIR.glob(f"{name}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        log.warning("%s: could not write the cache (it works without it)", name)
    return model
