import pytest

from tests.drafting.world import build


@pytest.fixture
def world(store):
    return build(store)
