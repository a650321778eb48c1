"""A small multilingual contact book (tests/drafting/world.py, today 2025-03-10) with offline drafts for the top of
the ranking, and the TUI built on it through the real `make_app` factory."""

import pytest

from assistant.services.review import ReviewQueue
from assistant.config import Settings
from assistant.tui.app import make_app
from assistant.services.session import QueueService
from tests.drafting.world import TODAY, build

SIZE = (140, 40)


@pytest.fixture
def world(store):
    return build(store)


@pytest.fixture
def drafted(store, world):
    """Offline drafts for the top 4 of the ranking (the others stay undrafted, for the ask tests)."""
    q = ReviewQueue(store, settings=Settings(), today=TODAY, offline=True)
    result = q.suggested(4)
    assert len(result.drafts) == 4, result
    return result.drafts


@pytest.fixture
def service(store, drafted):
    return QueueService(Settings(), store, today=TODAY, offline=True)


@pytest.fixture
def app(service):
    return make_app(service=service)


async def settle(pilot, until=lambda: True, timeout: float = 60.0) -> None:
    """Wait for the workers and for the messages they posted, until `until()` holds: a worker a screen starts
    on mount may not exist yet when the first wait begins (a busy machine), so wait again until the state
    the test needs is there (or fail after `timeout` seconds)."""
    import asyncio
    import time

    deadline = time.monotonic() + timeout
    while True:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if until():
            return
        assert time.monotonic() < deadline, "timed out waiting for the workers' results"
        await asyncio.sleep(0.05)
