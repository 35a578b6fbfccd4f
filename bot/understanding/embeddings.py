"""Sentence embeddings from WordLlama's pretrained weights, read offline.

The `wordllama` wheel ships its 256-dimension token embeddings (`weights/l2_supercat_256.
safetensors`) and its tokenizer (`tokenizers/l2_supercat_tokenizer_config.json`). They are read
here by path, with `safetensors` and `tokenizers`: nothing is ever downloaded, and there is no
cache folder or network call to go wrong at run time. A sentence is the average of its token
embeddings, scaled to length 1 (what WordLlama's own `embed(..., norm=True)` computes).
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

import numpy as np

WEIGHTS = "weights/l2_supercat_256.safetensors"
TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"


class MissingWeights(RuntimeError):
    """The wordllama package, or one of its files, is not installed."""


def package_dir() -> Path:
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise MissingWeights("the wordllama package is not installed (make install)")
    return Path(next(iter(spec.submodule_search_locations)))


class SentenceEmbedder:
    def __init__(self, directory: Path | None = None):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        directory = directory or package_dir()
        weights, tokenizer = directory / WEIGHTS, directory / TOKENIZER
        for path in (weights, tokenizer):
            if not path.is_file():
                raise MissingWeights(f"{path.name} is missing from the wordllama package")
        self.table = load_file(str(weights))["embedding.weight"].astype(np.float32)
        self.tokenizer = Tokenizer.from_file(str(tokenizer))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        self.dim = int(self.table.shape[1])

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        encoded = self.tokenizer.encode_batch(
            [t.lower() or " " for t in texts], add_special_tokens=False
        )
        last = self.table.shape[0] - 1
        for i, encoding in enumerate(encoded):
            ids = np.clip(np.asarray(encoding.ids, dtype=np.int64), 0, last)
            if ids.size:
                vector = self.table[ids].mean(axis=0)
                norm = float(np.linalg.norm(vector))
                out[i] = vector / norm if norm else vector
        return out


@lru_cache(maxsize=1)
def get_embedder() -> SentenceEmbedder:
    return SentenceEmbedder()
