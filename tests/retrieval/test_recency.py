"""'What did I last talk about with X': the person's latest substantive session comes first, in several languages."""

import pytest

from assistant.retrieval import Retriever
from assistant.retrieval.chunking import DEFAULT_SESSION_GAP
from assistant.retrieval.recency import asks_latest, named_contact


@pytest.mark.parametrize("query", [
    "what did I last talk about with Anna", "what did we talk about last time", "latest conversation with Li Wei",
    "上次和李伟聊了什么", "我们最后一次聊的是什么", "Worüber haben wir zuletzt gesprochen",
    "de quoi avons-nous parlé la dernière fois", "¿de qué hablamos la última vez?",
])
def test_latest_questions_are_recognised(query):
    assert asks_latest(query)


@pytest.mark.parametrize("query", [
    "when did we last talk about the marathon", "when did Anna move to Munich", "Kafka outage", "李伟什么时候换的工作",
    "Wo wollte Jonas klettern gehen", "the last marathon",
])
def test_other_questions_are_not(query):
    assert not asks_latest(query)


def latest_substantive_session(store, index, contact_id):
    rows = store.db.execute(
        "SELECT c.rid, c.start_ts, c.dense, c.message_ids FROM retrieval_chunks c WHERE c.level = 1 AND c.rid IN "
        "(SELECT rid FROM retrieval_chunk_people WHERE contact_id = ?) ORDER BY c.start_ts DESC, c.rid DESC",
        (contact_id,),
    ).fetchall()
    sessions, cur = [], []
    for r in rows:
        if cur and cur[-1][1] - r[1] > DEFAULT_SESSION_GAP:
            sessions.append(cur)
            cur = []
        cur.append(r)
    sessions.append(cur)
    best = next(s for s in sessions if sum(r[2] for r in s) >= 2)
    return {int(r[3].strip("[]")) for r in best}, {int(r[3].strip("[]")) for r in best if r[2]}


@pytest.mark.parametrize("query", ["what did I last talk about with 李伟", "上次和李伟聊了什么"])
def test_latest_session_comes_first(index, store, query):
    liwei = store.find_contact("李伟").id
    # a closing exchange of small talk after the last real session does not count as the latest conversation
    last = store.db.execute("SELECT max(ts) FROM messages WHERE contact_id = ?", (liwei,)).fetchone()[0]
    with store.transaction():
        store.insert_messages([("wechat", "liwei", liwei, None, liwei, "in", "text", last + 3 * 86400, "哈哈", "x", "r1"),
                               ("wechat", "liwei", liwei, None, None, "out", "text", last + 3 * 86400 + 60, "ok", "x", "r2")])
    index.update()
    session, substantive = latest_substantive_session(store, index, liwei)
    for kwargs in ({"contact_id": liwei}, {}):  # with a contact filter, and with the name resolved from the query
        hits = Retriever(index).search(query, k=5, **kwargs)
        cited = [m for h in hits for m in h.message_ids]
        assert set(cited[: len(session)]) == session
        assert set(cited[: len(substantive)]) == substantive  # substantive messages first
        ts = [c.ts for h in hits for c in h.citations][: len(substantive)]
        assert ts == sorted(ts, reverse=True)  # newest first


def test_named_contact(store, corpus):
    liwei = store.find_contact("李伟").id
    assert named_contact(store.db, "上次和李伟聊了什么") == liwei
    assert named_contact(store.db, "what did I last talk about with nobody") is None
