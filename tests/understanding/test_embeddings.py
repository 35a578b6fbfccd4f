"""The pretrained sentence embeddings are read from the installed wheel, offline."""

from __future__ import annotations

import socket

import numpy as np
import pytest

from bot.understanding.embeddings import MissingWeights, SentenceEmbedder


def test_loads_and_embeds_with_the_network_closed(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the embeddings tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    embedder = SentenceEmbedder()
    vectors = embedder.embed(["can I get money for my grandson", "", "hello"])
    assert vectors.shape == (3, 256)
    assert np.allclose(np.linalg.norm(vectors[[0, 2]], axis=1), 1.0, atol=1e-4)


def test_similar_meanings_are_closer_than_unrelated_ones():
    embedder = SentenceEmbedder()
    money, skint, bins = embedder.embed(
        ["money for looking after my grandchild", "financial help for a grandchild", "bin day"]
    )
    assert float(money @ skint) > float(money @ bins)


def test_the_same_as_wordllamas_own_embedding():
    from pathlib import Path

    import wordllama
    from wordllama import WordLlama

    texts = ["our house is far too small now", "is there free nursery for a 3 year old"]
    reference = WordLlama.load(
        config="l2_supercat",
        dim=256,
        cache_dir=Path(wordllama.__file__).parent,
        disable_download=True,
    ).embed(texts, norm=True)
    assert np.allclose(SentenceEmbedder().embed(texts), reference, atol=1e-5)


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(MissingWeights, match="missing"):
        SentenceEmbedder(tmp_path)
