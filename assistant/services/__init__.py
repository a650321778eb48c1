"""The application layer: the use cases both front ends call (review, announce, search, session), and the one
place that builds real clients from settings: the store, the retriever, the chat model.

Front ends (CLI, TUI) call these and hand the results to the ranking and the agents, which never read
settings or import chromadb/openai themselves. Every import here is inside a function.
"""

from __future__ import annotations


def open_store(settings):
    from assistant.store import Store

    return Store(settings.db_path)


def retriever(settings, store):
    """The retrieval store's `Retriever` when an index has been built (`outreach index`), else None: the
    ranking and the questions then work from the store alone."""
    from assistant.retrieval.index import has_index

    if not has_index(store):
        return None
    try:
        from assistant.retrieval import Retriever

        r = Retriever.from_settings(settings, store)
        return LexicalUntilEmbedded(r) if r.index.vectors_pending() else r
    except Exception as e:  # noqa: BLE001 - a broken index degrades to the store-only paths, never a crash
        import logging

        logging.getLogger(__name__).warning("retrieval store unavailable (%s); using the store alone", e)
        return None


class LexicalUntilEmbedded:
    """A retriever whose vectors are still being built (the first run embeds in the background): it searches
    lexically (BM25) meanwhile, so nothing waits for the embedding model and no half-built vector index is
    mixed into the ranking."""

    def __init__(self, retriever):
        self.retriever = retriever
        self.index = retriever.index

    def search(self, query, **kwargs):
        if kwargs.get("mode", "hybrid") == "hybrid":
            kwargs["mode"] = "lexical"
        return self.retriever.search(query, **kwargs)

    def __getattr__(self, name):
        return getattr(self.retriever, name)


def chat_model(settings, **kwargs):
    """A LangChain chat model for the configured endpoint; raises `assistant.llm.LLMNotConfigured`."""
    from assistant.llm import chat_model as build

    return build(settings, **kwargs)


def model_configured(settings) -> bool:
    """True when an OpenAI-compatible endpoint is configured (otherwise everything runs offline)."""
    from assistant.llm import is_configured

    return is_configured(settings)


def describe_error(e: Exception) -> str:
    """One sentence for a failure anywhere below: model endpoint errors translated, others as they read."""
    name = type(e).__module__
    if name.startswith(("openai", "httpx", "langchain")):
        from assistant.llm import describe_error as describe_llm_error

        return describe_llm_error(e)
    return str(e) or type(e).__name__


def show_model_progress() -> None:
    """Model calls show a spinner with the elapsed time and the endpoint on stderr (the CLI turns this on)."""
    from assistant.llm.calls import show_progress

    show_progress()
