"""Search and index: the one implementation both front ends call.

`build_index` updates the retrieval index (incremental, resumable) and then the interests per contact;
`search` runs a filtered query and returns hits with the names a front end shows. Errors the user can act on
come out as `SearchError` with a sentence that says what to do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

Progress = Callable[[str, int, int], None]


class SearchError(RuntimeError):
    """Searching or indexing failed; the message says why and what was kept."""


@dataclass
class IndexResult:
    report: object  # assistant.retrieval.index.UpdateReport
    model_id: str
    interests_updated: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass
class SearchResults:
    hits: list
    contact_names: dict[int, str]
    group_names: dict[int, str]


def index_exists(store) -> bool:
    from assistant.retrieval.index import has_index

    return has_index(store)


def index_status(settings, store) -> dict:
    from assistant.retrieval import RetrievalIndex

    return RetrievalIndex.from_settings(settings, store).status()


def index_needs_work(settings, store) -> bool:
    """True when there are messages but no index yet, or vectors are pending (a first build, an interrupted one)."""
    if not index_exists(store):
        return store.counts()["messages"] > 0
    from assistant.retrieval import RetrievalIndex

    return RetrievalIndex.from_settings(settings, store).vectors_pending()


def build_index(settings, store, *, rebuild: bool = False, interests: bool = True, embed: bool = True,
                progress: Progress | None = None) -> IndexResult:
    """Build or update the index, then the interests. `embed=False`: chunks and the lexical index only (search
    answers by words at once; the vectors follow). Raises `SearchError`; what was indexed before is kept."""
    from assistant.retrieval import RetrievalError, RetrievalIndex
    from assistant.retrieval.embeddings import EmbeddingError
    from assistant.retrieval.interests import extract_interests, resolve_method
    from assistant.retrieval.vector import VectorStoreError

    progress = progress or (lambda label, done, total: None)
    try:
        index = RetrievalIndex.from_settings(settings, store)
        report = index.update(progress, rebuild=rebuild, embed=embed)
        errors: list[str] = []
        n = 0
        if interests:
            n = extract_interests(store, settings, method=resolve_method(settings), force=rebuild,
                                  progress=progress, errors=errors)
    except (RetrievalError, EmbeddingError, VectorStoreError, ValueError, OSError) as e:
        raise SearchError(f"indexing failed: {e}\nwhat was indexed before is kept; run `outreach index` again") from e
    except Exception as e:  # chromadb's own errors (server gone, disk full...): same promise, say what it was
        if not type(e).__module__.startswith("chromadb"):
            raise
        raise SearchError(f"indexing failed (Chroma): {e}\nwhat was indexed before is kept; "
                          "run `outreach index` again") from e
    return IndexResult(report, index.embedder.model_id, n, errors)


def search(settings, store, query: str, *, contact_id: int | None = None, group_id: int | None = None,
           channel: str | None = None, since: int | None = None, until: int | None = None, k: int = 10,
           mode: str = "hybrid") -> SearchResults:
    """A filtered query over the index; every hit cites its messages. Raises `SearchError`."""
    from assistant.retrieval import RetrievalError, Retriever
    from assistant.retrieval.embeddings import EmbeddingError
    from assistant.retrieval.vector import VectorStoreError

    if not index_exists(store):
        raise SearchError("no retrieval index yet: run `outreach index` first")
    try:
        hits = Retriever.from_settings(settings, store).search(
            query, contact_id=contact_id, group_id=group_id, channel=channel, since=since, until=until, k=k,
            mode=mode)
    except (RetrievalError, EmbeddingError, VectorStoreError, ValueError) as e:
        raise SearchError(str(e)) from e
    return SearchResults(hits, store.contact_names(), store.group_names())


def interests_for(store, contact_id: int) -> list:
    from assistant.retrieval.interests import interests_for as found

    return found(store, contact_id)
