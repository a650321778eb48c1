import json
from datetime import date, datetime, timezone

import pytest

from assistant.retrieval import HashEmbedder, RetrievalError, Retriever

from .conftest import CountingEmbedder, make_index


def chroma_keys(index):
    return index.vectors.keys()


def sqlite_keys(index):
    """The keys of the rows that should have a vector: single messages worth embedding."""
    return {r[0] for r in index.db.execute("SELECT key FROM retrieval_chunks WHERE dense = 1")}


def test_build_indexes_every_chunk_in_both_stores(index, store):
    n_chunks = store.db.execute("SELECT count(*) FROM retrieval_chunks WHERE level = 0").fetchone()[0]
    n_msgs = store.db.execute("SELECT count(*) FROM messages WHERE kind = 'text'").fetchone()[0]
    assert 0 < n_chunks < n_msgs / 2
    assert chroma_keys(index) == sqlite_keys(index)
    assert 0 < len(sqlite_keys(index)) < n_msgs  # trivial messages are not embedded
    assert index.lexical.count() == n_chunks and index.turn_lexical.count() == n_msgs
    assert index.vectors.recorded_model() == index.embedder.model_id == index.meta()["model_id"]
    for level in (0, 1):
        cited = [i for (ids,) in store.db.execute("SELECT message_ids FROM retrieval_chunks WHERE level = ?", (level,))
                 for i in json.loads(ids)]
        assert len(cited) == len(set(cited)) == n_msgs  # every text message cited exactly once at each level
    st = index.status()
    assert st["pending_embeddings"] == 0 and st["stale_conversations"] == 0 and st["messages"] == n_msgs


def test_second_update_embeds_nothing(index):
    index.embedder.embedded.clear()
    report = index.update()
    assert index.embedder.embedded == [] and report.embedded == 0 and report.conversations == 0


def test_new_messages_embed_only_new_or_changed_chunks(index, store, corpus):
    before = {r[0]: r[1] for r in store.db.execute("SELECT key, text_hash FROM retrieval_chunks")}
    liwei = store.find_contact("李伟").id
    last = store.db.execute("SELECT max(ts) FROM messages WHERE contact_id = ?", (liwei,)).fetchone()[0]
    rows = [("wechat", "liwei", liwei, None, None, "in", "text", last + 60 * i, f"新消息{i}：周末一起去骑行吧", "x", f"new{i}")
            for i in range(1, 4)]
    with store.transaction():
        store.insert_messages(rows)
    index.embedder.embedded.clear()
    report = index.update()
    assert report.conversations == 1  # only that chat was re-chunked
    assert report.embedded == 3 and len(index.embedder.embedded) == report.embedded  # the three new messages
    after = {r[0]: r[1] for r in store.db.execute("SELECT key, text_hash FROM retrieval_chunks WHERE dense = 1")}
    changed = {k for k in after if before.get(k) != after[k]}
    assert len(changed) == report.embedded
    assert all("新消息" in t for t in index.embedder.embedded)
    assert chroma_keys(index) == sqlite_keys(index)
    hits = Retriever(index).search("新消息 骑行", k=3, mode="lexical")
    new_ids = {r[0] for r in store.db.execute("SELECT id FROM messages WHERE source_id LIKE 'new%'")}
    assert new_ids <= {i for h in hits for i in h.message_ids}


def test_every_hit_cites_real_stored_messages(index, store):
    r = Retriever(index)
    for q in ("骑车", "Klettern", "marathon", "مباراة", "दिवाली", "vin"):
        for mode in ("lexical", "dense", "hybrid"):
            for h in r.search(q, k=5, mode=mode):
                rows = store.db.execute(
                    f"SELECT id, text FROM messages WHERE id IN ({','.join('?' * len(h.message_ids))}) ORDER BY id",
                    h.message_ids,
                ).fetchall()
                assert [row[0] for row in rows] == sorted(h.message_ids)
                assert [c.message_id for c in h.citations] == h.message_ids
                assert [c.text for c in h.citations] == [dict(rows)[i] for i in h.message_ids]
                assert all(f"{c.speaker}: {' '.join(c.text.split())}" in h.text.splitlines() for c in h.citations)


def test_contact_filter_includes_group_chunks_they_wrote(index, store, corpus):
    r = Retriever(index)
    wang = store.find_contact("王芳").id
    hits = r.search("照片 相册", contact_id=wang, k=10, mode="lexical")
    assert corpus["group_photos"] in {i for h in hits for i in h.message_ids}
    assert all(h.contact_id == wang or wang in _people(store, h.chunk_id) for h in hits)
    for mode in ("dense", "hybrid"):
        hits = r.search("照片", contact_id=wang, k=20, mode=mode)
        assert hits and all(h.contact_id == wang or wang in _people(store, h.chunk_id) for h in hits)


def _people(store, key):
    return {r[0] for r in store.db.execute(
        "SELECT p.contact_id FROM retrieval_chunk_people p JOIN retrieval_chunks c ON c.rid = p.rid WHERE c.key = ?", (key,))}


def test_time_channel_and_group_filters(index, store, corpus):
    r = Retriever(index)
    since, until = date(2021, 1, 1), date(2021, 12, 31)
    for mode in ("lexical", "dense", "hybrid"):
        hits = r.search("travel news", since=since, until=until, k=20, mode=mode)
        lo = int(datetime(2021, 1, 1, tzinfo=timezone.utc).timestamp())
        hi = int(datetime(2022, 1, 1, tzinfo=timezone.utc).timestamp())
        assert hits or mode == "lexical"
        assert all(h.end_ts >= lo and h.start_ts < hi for h in hits)
        email = r.search("conference talk", channel="email", k=10, mode=mode)
        assert email and all(h.channel == "email" for h in email)
    gid = store.db.execute("SELECT id FROM groups WHERE name = 'Kletter-Crew'").fetchone()[0]
    hits = r.search("Klettern", group_id=gid, k=10, mode="hybrid")
    assert hits and all(h.group_id == gid for h in hits)
    assert corpus["kletter_arco"] in {i for h in hits for i in h.message_ids}


def test_deleting_a_contact_removes_its_chunks_from_both_indexes(index, store, corpus):
    r = Retriever(index)
    claire = store.find_contact("Claire Dubois").id
    keys = {row[0] for row in store.db.execute("SELECT key FROM retrieval_chunks WHERE contact_id = ? AND dense = 1",
                                                (claire,))}
    assert keys and keys <= chroma_keys(index)
    n_rows = store.db.execute("SELECT count(*) FROM retrieval_chunks WHERE contact_id = ?", (claire,)).fetchone()[0]
    assert any(corpus["claire_wine"] in h.message_ids for h in r.search("Bourgogne Pommard", k=3))

    store.delete_contact(claire)
    # before the sync step: search already never returns them (messages gone, filters in SQLite)
    for mode in ("lexical", "dense", "hybrid"):
        assert not any(h.chunk_id in keys for h in r.search("Bourgogne Pommard thèse marathon", k=50, mode=mode))
        assert r.search("Bourgogne", contact_id=claire, mode=mode) == []

    report = index.update()
    assert report.chunks_removed == n_rows
    assert not keys & sqlite_keys(index)
    assert not keys & chroma_keys(index)
    fts = index.lexical.rids()
    assert fts == {row[0] for row in store.db.execute("SELECT rid FROM retrieval_chunks WHERE level = 0")}
    assert index.turn_lexical.rids() == {row[0] for row in store.db.execute("SELECT rid FROM retrieval_chunks WHERE level = 1")}
    assert not store.db.execute("SELECT 1 FROM retrieval_chunks WHERE contact_id = ?", (claire,)).fetchall()
    assert chroma_keys(index) == sqlite_keys(index)
    assert not index.vectors.collection.get(where={"contact_id": claire})["ids"]


def test_deleting_a_group_member_refiles_group_chunks(index, store):
    jonas = store.find_contact("Jonas Weber").id
    group_keys = {row[0] for row in store.db.execute(
        "SELECT c.key FROM retrieval_chunks c JOIN retrieval_chunk_people p ON p.rid = c.rid "
        "WHERE p.contact_id = ? AND c.group_id IS NOT NULL", (jonas,))}
    assert group_keys
    store.delete_contact(jonas)
    index.update()
    meta = index.vectors.metadata(sorted(group_keys & sqlite_keys(index)))
    assert meta and all(jonas not in m.get("people", []) for m in meta.values())


def test_rebuild_returns_the_same_results(index):
    r = Retriever(index)
    queries = ["骑车", "HSBC 项目", "Klettern am Walberla", "marathon", "طبخ المنسف", "योग"]
    before = {(q, m): [(h.chunk_id, h.message_ids) for h in r.search(q, k=10, mode=m)]
              for q in queries for m in ("lexical", "dense", "hybrid")}
    report = index.rebuild()
    assert report.rebuilt_reason == "asked"
    after = {(q, m): [(h.chunk_id, h.message_ids) for h in r.search(q, k=10, mode=m)]
             for q in queries for m in ("lexical", "dense", "hybrid")}
    # lexical: identical; with vectors, the rebuilt HNSW graph may order near-equal neighbours differently
    assert {k: v for k, v in after.items() if k[1] == "lexical"} == {k: v for k, v in before.items() if k[1] == "lexical"}
    for key, hits in before.items():
        assert len({h[0] for h in hits} & {h[0] for h in after[key]}) >= 0.7 * len(hits)


def test_changing_the_model_rebuilds_instead_of_mixing(index, store, tmp_path):
    old_model = index.embedder.model_id
    other = CountingEmbedder(salt="v2")
    idx2 = make_index(store, tmp_path / "chroma", other)
    with pytest.raises(RetrievalError, match="run `outreach index`"):
        Retriever(idx2).search("骑车", mode="dense")
    assert Retriever(idx2).search("骑车", mode="lexical")  # lexical needs no vectors
    report = idx2.update()
    assert old_model in report.rebuilt_reason
    n, distinct = store.db.execute("SELECT count(*), count(DISTINCT text) FROM retrieval_chunks WHERE dense = 1").fetchone()
    assert report.embedded == n and report.texts_embedded == distinct == len(other.embedded) == len(set(other.embedded))
    assert idx2.vectors.recorded_model() == other.model_id == idx2.meta()["model_id"]
    assert idx2.vectors.count() == n
    assert Retriever(idx2).search("骑车", mode="dense")


def test_interrupted_embedding_resumes_where_it_stopped(store, corpus, tmp_path):
    flaky = CountingEmbedder(fail_after_batches=1)
    idx = make_index(store, tmp_path / "chroma", flaky)
    with pytest.raises(RuntimeError):
        idx.update()
    done = len(flaky.embedded)
    assert idx.status()["pending_embeddings"] > 0
    flaky.fail_after_batches = None
    idx.update()
    n, distinct = store.db.execute("SELECT count(*), count(DISTINCT text) FROM retrieval_chunks WHERE dense = 1").fetchone()
    assert len(flaky.embedded) == distinct < n  # nothing embedded twice, identical texts once
    assert done > 0 and idx.status()["pending_embeddings"] == 0 and idx.vectors.count() == n


def test_identical_texts_are_embedded_once_and_reused_from_chroma(index, store, corpus):
    import numpy as np

    liwei = store.find_contact("李伟").id
    text = store.db.execute(
        "SELECT text FROM retrieval_chunks WHERE dense = 1 AND contact_id = ? ORDER BY rid LIMIT 1", (liwei,)
    ).fetchone()[0]
    last = store.db.execute("SELECT max(ts) FROM messages").fetchone()[0]
    rows = [("wechat", "liwei", liwei, None, None, "in", "text", last + 60 * i, text, "x", f"dup{i}") for i in (1, 2)]
    rows.append(("wechat", "liwei", liwei, None, None, "in", "text", last + 180, "完全没见过的一句新话，关于潜水", "x", "dup3"))
    with store.transaction():
        store.insert_messages(rows)
    index.embedder.embedded.clear()
    report = index.update()
    assert report.embedded == 3 and report.texts_embedded == 1  # the repeated text's vector comes from Chroma
    assert index.embedder.embedded == ["完全没见过的一句新话，关于潜水"]
    keys = [r[0] for r in store.db.execute("SELECT key FROM retrieval_chunks WHERE dense = 1 AND text = ?", (text,))]
    vecs = index.vectors.embeddings(keys)
    assert len(vecs) == len(keys) >= 3 and all(np.allclose(v, vecs[keys[0]]) for v in vecs.values())
    retriever = Retriever(index)
    retriever.repeat_weight = 1.0  # the copies' own vectors are checked here, not the ranking of repeats
    hits = retriever.search(text, contact_id=liwei, k=5, mode="dense")
    assert {m for h in hits for m in h.message_ids} & {r[0] for r in store.db.execute(
        "SELECT id FROM messages WHERE source_id LIKE 'dup%'")}
    assert chroma_keys(index) == sqlite_keys(index)


def test_vectors_lost_from_chroma_are_repaired(index, store):
    some = sorted(chroma_keys(index))[:5]
    index.vectors.delete(some)
    index.embedder.embedded.clear()
    report = index.update()
    assert report.embedded == 5 and chroma_keys(index) == sqlite_keys(index)


def test_chunking_settings_change_rechunks(index, store, tmp_path):
    n_before = store.db.execute("SELECT count(*) FROM retrieval_chunks").fetchone()[0]
    idx = make_index(store, tmp_path / "chroma", index.embedder, max_tokens=32)
    report = idx.update()
    assert report.rebuilt_reason == "chunking settings changed"
    assert store.db.execute("SELECT count(*) FROM retrieval_chunks").fetchone()[0] > n_before
    assert chroma_keys(idx) == sqlite_keys(idx)


def test_merge_refiles_chunks_without_reembedding(index, store):
    a = store.find_contact("李伟").id
    b = store.find_contact("赵磊").id
    store.merge(a, b)
    index.embedder.embedded.clear()
    report = index.update()
    assert report.chunks_refiled > 0 and report.embedded == 0
    hits = Retriever(index).search("Paxos 配置中心", contact_id=a, k=3, mode="hybrid")
    assert hits and hits[0].contact_id == a
    assert all(m.get("contact_id") != b for m in index.vectors.metadata(sorted(chroma_keys(index))).values())


def test_search_validates_its_arguments(index):
    r = Retriever(index)
    with pytest.raises(ValueError):
        r.search("  ")
    with pytest.raises(ValueError):
        r.search("x", mode="fuzzy")


def test_no_index_yet_is_a_clear_error(store, corpus, tmp_path):
    idx = make_index(store, tmp_path / "chroma", HashEmbedder())
    with pytest.raises(RetrievalError, match="no retrieval index yet"):
        Retriever(idx).search("骑车")


def test_hit_snippet_shows_current_names_and_matching_lines(index, store, corpus):
    hits = Retriever(index).search("海底捞 排队", k=1, mode="lexical")
    assert "陈杰: 望京新开了一家海底捞" in hits[0].snippet
    store.update_contact(store.find_contact("陈杰").id, name="陈杰 (Jack)")
    hits = Retriever(index).search("海底捞 排队", k=1, mode="lexical")
    assert "陈杰 (Jack): 望京新开了一家海底捞" in hits[0].snippet


def test_filtered_dense_search_exact_and_hnsw_paths_agree(index, store, monkeypatch):
    """Narrow filters are scored exactly from Chroma's stored vectors; wide ones go through Chroma's filtered
    HNSW query. Both must return the same chunks (tiny corpus: HNSW is exact here)."""
    import assistant.retrieval.search as search_mod

    r = Retriever(index)
    wang = store.find_contact("王芳").id
    cases = [dict(contact_id=wang), dict(channel="telegram"), dict(since=date(2022, 1, 1), until=date(2022, 12, 31))]
    exact = {i: [(h.chunk_id, round(h.score, 4)) for h in r.search("照片和相机", k=8, mode="dense", **kw)]
             for i, kw in enumerate(cases)}
    monkeypatch.setattr(search_mod, "EXACT_SEARCH_LIMIT", 0)
    hnsw = {i: [(h.chunk_id, round(h.score, 4)) for h in r.search("照片和相机", k=8, mode="dense", **kw)]
            for i, kw in enumerate(cases)}
    assert all(exact.values()) and hnsw == exact


def test_query_vector_is_computed_beside_the_lexical_side_and_its_errors_reach_the_caller(index, store):
    """The query embedding runs on a worker thread while SQLite answers the lexical side; the stored vectors
    are scored the same whether the query vector is given or still being computed, and an embedding failure is
    raised by search() itself."""
    import threading

    from assistant.retrieval.embeddings import EmbeddingError

    embedder = index.embedder
    threads: list[str] = []
    real = embedder.embed_query

    def embed_query(text):
        threads.append(threading.current_thread().name)
        if text == "boom":
            raise EmbeddingError("embedding server went away")
        return real(text)

    embedder.embed_query = embed_query
    r = Retriever(index)
    wang = store.find_contact("王芳").id
    assert r.search("照片和相机", contact_id=wang, k=8) and r.search("照片和相机", k=8)
    assert len(threads) == 2 and threading.current_thread().name not in threads
    qvec = real("照片和相机")
    keys = [row[0] for row in store.db.execute("SELECT key FROM retrieval_chunks WHERE vec_text_hash IS NOT NULL")]
    assert index.vectors.score(keys, qvec, 20) == index.vectors.score(keys, lambda: qvec, 20) != []
    with pytest.raises(EmbeddingError, match="went away"):
        r.search("boom")
    with pytest.raises(EmbeddingError, match="went away"):
        r.search("boom", contact_id=wang, mode="dense")
    r.search("boom", mode="lexical")  # the lexical side never embeds
    assert len(threads) == 4


def test_chunk_count_from_the_fts_totals_is_the_chunk_table_count(index, store):
    """Hybrid search sizes 'a common word' on chunk_count(), read from the two FTS tables' stored totals; it
    must be the row count of retrieval_chunks through builds, new messages, deletions and rebuilds."""
    from assistant.retrieval.lexical import chunk_count

    def rows():
        return store.db.execute("SELECT count(*) FROM retrieval_chunks").fetchone()[0]

    assert chunk_count(store.db) == rows() > 0
    liwei = store.find_contact("李伟").id
    last = store.db.execute("SELECT max(ts) FROM messages WHERE contact_id = ?", (liwei,)).fetchone()[0]
    with store.transaction():
        store.insert_messages([("wechat", "liwei", liwei, None, None, "in", "text", last + 86400 * i, f"又一条消息{i}",
                                "x", f"more{i}") for i in range(1, 4)])
    index.update()
    assert chunk_count(store.db) == rows()
    store.delete_contact(store.find_contact("Claire Dubois").id)
    index.update()
    assert chunk_count(store.db) == rows()
    with store.transaction():  # inside a transaction too (the stored totals lag there; count(*) answers)
        store.db.execute("DELETE FROM retrieval_chunks WHERE rid = (SELECT max(rid) FROM retrieval_chunks WHERE level = 1)")
        index.turn_lexical.delete([store.db.execute("SELECT max(rowid) FROM retrieval_turn_fts").fetchone()[0]])
        assert chunk_count(store.db) == rows()
    index.rebuild()
    assert chunk_count(store.db) == rows() > 0
