"""The one place that builds real clients from settings: the store, the retriever, the chat model.

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
    try:
        has_index = store.db.execute("SELECT 1 FROM retrieval_meta WHERE key = 'model_id'").fetchone()
    except Exception:  # noqa: BLE001 - the retrieval tables do not exist (yet)
        return None
    if not has_index:
        return None
    try:
        from assistant.retrieval import Retriever

        return Retriever.from_settings(settings, store)
    except Exception as e:  # noqa: BLE001 - a broken index degrades to the store-only paths, never a crash
        import logging

        logging.getLogger(__name__).warning("retrieval store unavailable (%s); using the store alone", e)
        return None


def chat_model(settings, **kwargs):
    """A LangChain chat model for the configured endpoint; raises `assistant.llm.LLMNotConfigured`."""
    from assistant.llm import chat_model as build

    return build(settings, **kwargs)
