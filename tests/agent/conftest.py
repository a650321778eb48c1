import pytest

from tests.agent.world import build


@pytest.fixture
def world(store):
    return build(store)
