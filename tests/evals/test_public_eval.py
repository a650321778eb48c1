"""The LoCoMo-format eval: the generated hard chats are valid LoCoMo, the runner imports them as the product would
(the user known or not), splits questions deterministically, and scores a real search."""

from __future__ import annotations

import re

from assistant.retrieval import HashEmbedder, RetrievalIndex, Retriever
from assistant.retrieval.vector import VectorStore, make_client
from evals.retrieval import hard_conversations, run_public_eval as pub


def test_hard_conversations_are_locomo_format():
    samples = hard_conversations.build()
    assert samples == hard_conversations.build()  # deterministic
    turns = questions = 0
    for s in samples:
        conv = s["conversation"]
        ids = set()
        for n, when, session in pub.sessions_of(conv):
            pub.session_time(when)
            assert {t["speaker"] for t in session} <= {conv["speaker_a"], conv["speaker_b"]}
            ids.update(t["dia_id"] for t in session)
            assert all(re.fullmatch(rf"D{n}:\d+", t["dia_id"]) for t in session)
            turns += len(session)
        for qa in s["qa"]:
            assert qa["evidence"] and set(qa["evidence"]) <= ids and qa["category"] in (1, 2, 3, 4)
            questions += 1
    assert turns > 900 and questions >= 70
    assert {q["lang"] for s in samples for q in s["qa"]} >= {"en", "de", "fr", "es", "zh"}


def test_session_time_and_split():
    assert pub.session_time("1:56 pm on 8 May, 2023").isoformat() == "2023-05-08T13:56:00+00:00"
    assert pub.session_time("12:05 am on 1 January, 2024").isoformat() == "2024-01-01T00:05:00+00:00"
    splits = [pub.split_of("s", f"question {i}") for i in range(200)]
    assert splits == [pub.split_of("s", f"question {i}") for i in range(200)]
    assert 60 < splits.count("tune") < 140


def test_import_and_score(store, tmp_path):
    sample = hard_conversations.build()[0]
    questions, skipped = pub.load(store, [sample])
    assert skipped == 0 and len(questions) == len(sample["qa"])
    conv = sample["conversation"]
    rows = store.db.execute("SELECT direction, sender_id, contact_id FROM messages").fetchall()
    assert len(rows) == sum(len(t) for _, _, t in pub.sessions_of(conv))
    assert store.me_names() == [conv["speaker_a"]]
    assert {r[0] for r in rows} == {"in", "out"} and {r[2] for r in rows} == {questions[0]["contact"]}
    index = RetrievalIndex(store, VectorStore(make_client(tmp_path / "chroma"), HashEmbedder(64)))
    index.update()
    results = pub.evaluate(index, None, questions[:6], Retriever(index))
    assert len(results) == 6 and all(0.0 <= r[f"{m}@{k}"] <= 1.0 for r in results for m in pub.PRODUCT for k in pub.KS)
    # a question quoting its evidence verbatim is found at once
    mid = questions[0]["answers"][0]
    text = store.db.execute("SELECT text FROM messages WHERE id = ?", (mid,)).fetchone()[0]
    exact = dict(questions[0], query=text)
    assert pub.evaluate(index, None, [exact], Retriever(index))[0]["lexical@5"] == 1.0


def test_import_with_the_owner_unknown(store):
    sample = hard_conversations.build()[1]
    questions, _ = pub.load(store, [sample], me_unknown=True)
    rows = store.db.execute("SELECT DISTINCT direction, sender_id FROM messages").fetchall()
    assert {r[0] for r in rows} == {"in"} and len({r[1] for r in rows}) == 2  # both speakers are contacts
    assert store.me_names() == [] and store.owner_pending()
