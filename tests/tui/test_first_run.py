"""The first run: the queue is on screen at once and the search index is built behind it (chunks and the word
index first, drafts from them, then the vectors), on a real store and a real Chroma. The embedder is the
deterministic hashing one (the flow is under test here, not the embeddings)."""

import asyncio

import pytest
from textual.widgets import OptionList, Static

from assistant.config import Settings
from assistant.services.session import QueueService
from assistant.tui.app import make_app
from assistant.tui.screens.queue import QueueScreen
from tests.drafting.world import TODAY
from tests.tui.conftest import SIZE, settle


@pytest.fixture
def hashed(monkeypatch):
    from assistant.retrieval.embeddings import HashEmbedder

    monkeypatch.setattr("assistant.retrieval.embeddings.make_embedder", lambda settings: HashEmbedder())


def _plain(static: Static) -> str:
    import io

    from rich.console import Console

    console = Console(width=200, record=True, color_system=None, file=io.StringIO())
    console.print(static.content)
    return console.export_text()


def test_queue_opens_at_once_and_the_index_is_built_behind_it(store, world, hashed):
    import threading

    service = QueueService(Settings(), store, today=TODAY, offline=True)
    assert service.index_needs_work()
    go_on = threading.Event()
    lexical = service.run_lexical_index

    def held_lexical(**kw):  # the index build waits until the test has seen the queue on screen
        assert go_on.wait(60)
        return lexical(**kw)

    service.run_lexical_index = held_lexical
    app = make_app(service=service, build_index=True, drafts=3)

    async def go():
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, QueueScreen) and "first-run" in screen.busy  # on screen, work running
            assert "Drafts are on their way" in _plain(screen.query_one("#d-head", Static))
            go_on.set()
            await settle(pilot, lambda: "first-run" not in screen.busy)
            assert screen.query_one("#queue", OptionList).option_count == 3  # drafted from the word index
            assert "Search index ready" in _plain(screen.query_one("#status", Static))
            assert not screen.query_one("#stages").bars  # the progress bars are gone when done

    asyncio.run(go())
    assert not service.index_needs_work()
    pending = store.db.execute("SELECT count(*) FROM retrieval_chunks WHERE dense = 1 AND vec_text_hash IS NOT text_hash")
    assert pending.fetchone()[0] == 0
    assert store.db.execute("SELECT count(*) FROM retrieval_chunks").fetchone()[0] > 0


def test_a_started_app_without_build_index_leaves_the_index_alone(store, world, hashed):
    service = QueueService(Settings(), store, today=TODAY, offline=True)
    app = make_app(service=service)

    async def go():
        async with app.run_test(size=SIZE) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "first-run" not in app.screen.busy

    asyncio.run(go())
    assert service.index_needs_work()


def test_search_is_lexical_until_the_vectors_are_there(store, world, hashed):
    from assistant import services
    from assistant.retrieval import RetrievalIndex, Retriever

    settings = Settings()
    index = RetrievalIndex.from_settings(settings, store)
    index.update(embed=False)
    r = services.retriever(settings, store)
    assert isinstance(r, services.LexicalUntilEmbedded)
    assert r.search("HSBC")  # the word index answers before any vector exists
    index.update()
    assert type(services.retriever(settings, store)) is Retriever


def test_piped_demo_says_it_does_not_open_the_queue(cli):
    code, out, _ = cli("demo", "--no-index", "--drafts", "0")
    assert code == 0
    assert "Not opening the review queue: this is not a terminal" in out
    assert "half a minute" not in out
