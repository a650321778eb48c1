"""Hooks, "who would care about this?" and the question tools through the real retrieval store (SQLite FTS5 +
a persistent Chroma in the test's directory, deterministic hashing embedder) built over the contact book."""

import pytest

from assistant.ask.tools import Toolbox
from assistant.ranking import rank
from assistant.retrieval import HashEmbedder, RetrievalIndex, Retriever
from assistant.retrieval.interests import extract_interests
from assistant.retrieval.vector import VectorStore, make_client
from tests.support.book import TODAY, build_book


@pytest.fixture
def world(store, tmp_path):
    ids = build_book(store)
    index = RetrievalIndex(store, VectorStore(make_client(tmp_path / "chroma"), HashEmbedder()))
    index.update()
    extract_interests(store, method="offline")
    return ids, Retriever(index)


def test_hooks_come_from_the_retrieval_store_and_cite_real_messages(store, world):
    ids, retriever = world
    r = rank(store, TODAY, limit=20, retriever=retriever)
    by = {s.name: s for s in r.suggestions}
    jonas = by["Jonas Weber"].hook
    assert jonas.kind == "interest" and "climbing" in jonas.topic
    assert jonas.message_ids == [ids["msg:jonas_climbing"]]
    for s in r.suggestions:
        for mid in (s.hook.message_ids if s.hook else []):
            owner = store.db.execute("SELECT contact_id, sender_id FROM messages WHERE id = ?", (mid,)).fetchone()
            assert s.contact_id in tuple(owner)
    # the ranking itself does not depend on the retriever
    assert [s.name for s in r.suggestions] == [s.name for s in rank(store, TODAY, limit=20).suggestions]


def test_who_would_care_through_hybrid_search(store, world):
    ids, retriever = world
    r = rank(store, TODAY, about="Trip report: climbing in Frankenjura", limit=5, retriever=retriever)
    top = r.suggestions[0]
    assert top.name == "Jonas Weber" and top.reasons[0].code == "about"
    assert top.hook.kind == "about" and top.hook.message_ids == [ids["msg:jonas_climbing"]]


def test_question_tools_use_retrieval(store, world):
    ids, retriever = world
    tools = Toolbox(store, retriever=retriever, today=TODAY)
    into = tools.who_is_into("climbing")
    assert into["people"][0]["name"] == "Jonas Weber"
    assert ids["msg:jonas_climbing"] in [m["id"] for m in into["people"][0]["evidence"]]
    found = tools.search_history("Berlin 出差 吃饭", contact="Li Wei")
    assert found["method"] == "retrieval"
    assert ids["msg:li_wechat"] in [m["id"] for h in found["hits"] for m in h["messages"]]
    assert ids["msg:li_wechat"] in tools.seen


def test_in_a_group_chunk_each_person_is_cited_with_their_own_message(store, world):
    ids, retriever = world
    r = rank(store, TODAY, about="photos from our alumni reunion party", limit=5, retriever=retriever)
    zoe = next(s for s in r.suggestions if s.name == "Zoe Martin")
    assert zoe.hook.kind == "about" and zoe.hook.message_ids == [ids["msg:zoe_reunion"]]
