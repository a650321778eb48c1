import pytest

from assistant.retrieval.filters import Filters
from assistant.retrieval.fusion import rrf
from assistant.retrieval.lexical import (
    LexicalIndex,
    index_text,
    match_expression,
    query_terms,
)


def test_cjk_runs_become_bigrams_and_other_scripts_stay_words():
    assert index_text("周末去香山") .split() == ["周末", "末去", "去香", "香山"]
    assert index_text("用Raft做一致性").split() == ["用", "Raft", "做一", "一致", "致性"]
    assert query_terms("मुंबई इंडियंस का मैच") == ["मुंबई", "इंडियंस", "मैच"]  # marks keep Hindi words whole
    assert query_terms("What did we say about the Raft paper?") == ["say", "raft", "paper"]


@pytest.mark.parametrize("nasty", ['"', 'a" OR "b', "NEAR(a b)", "foo*", "-x", "col:val", "AND OR NOT", "^start", "(("])
def test_query_syntax_never_reaches_fts(store, nasty):
    lex = LexicalIndex(store.db)
    store.db.execute(
        "INSERT INTO retrieval_chunks (rid, key, channel, conversation, start_ts, end_ts, message_ids, n_messages, text, "
        "text_hash, meta_hash) VALUES (1, 'm1', 'x', 'c', 0, 0, '[1]', 1, 'them: a b foo x val start', 'h', 'h')"
    )
    lex.add([(1, "them: a b foo x val start")])
    lex.search(nasty)  # must not raise sqlite3.OperationalError
    assert match_expression("   ") is None and lex.search("?!") == []


def _add_chunk(db, lex, rid, text, **cols):
    vals = {"channel": "wechat", "conversation": "c", "contact_id": None, "group_id": None, "start_ts": 0, "end_ts": 0}
    vals.update(cols)
    db.execute(
        "INSERT INTO retrieval_chunks (rid, key, channel, conversation, contact_id, group_id, start_ts, end_ts, "
        "message_ids, n_messages, text, text_hash, meta_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '[]', 0, ?, '', '')",
        (rid, f"m{rid}", vals["channel"], vals["conversation"], vals["contact_id"], vals["group_id"], vals["start_ts"],
         vals["end_ts"], text),
    )
    lex.add([(rid, text)])


def test_bm25_ranks_two_character_chinese_words_and_filters_apply(store):
    lex = LexicalIndex(store.db)
    a = store.create_contact("李伟")
    b = store.create_contact("王芳")
    _add_chunk(store.db, lex, 1, "them: 周末骑车去香山", contact_id=a, start_ts=100, end_ts=200)
    _add_chunk(store.db, lex, 2, "them: 今天天气不错", contact_id=a, start_ts=300, end_ts=400)
    _add_chunk(store.db, lex, 3, "them: 香山的红叶很好看", contact_id=b, channel="email", start_ts=500, end_ts=600)
    store.db.executemany("INSERT INTO retrieval_chunk_people (contact_id, rid) VALUES (?, ?)", [(a, 1), (a, 2), (b, 3)])
    assert {rid for rid, _ in lex.search("香山")} == {1, 3}
    assert [rid for rid, _ in lex.search("骑车 香山")][0] == 1  # more query words matched ranks first
    assert [rid for rid, _ in lex.search("香山", Filters(contact_id=b))] == [3]
    assert [rid for rid, _ in lex.search("香山", Filters(channel="wechat"))] == [1]
    assert [rid for rid, _ in lex.search("香山", Filters(since=450))] == [3]
    assert [rid for rid, _ in lex.search("香山", Filters(until=150))] == [1]
    store.delete_contact(b)  # the people rows cascade: a deleted contact's filter finds nothing
    assert lex.search("香山", Filters(contact_id=b)) == []


def test_porter_and_diacritics_fold_latin_words(store):
    lex = LexicalIndex(store.db)
    _add_chunk(store.db, lex, 1, "me: we were climbing at the café")
    assert [r for r, _ in lex.search("climbs")] == [1]
    assert [r for r, _ in lex.search("cafe")] == [1]


def test_rrf_rewards_agreement_and_is_stable():
    fused = rrf([["a", "b", "c"], ["c", "a", "d"]])
    assert [k for k, _ in fused][:2] == ["a", "c"]
    assert {k for k, _ in fused} == {"a", "b", "c", "d"}
    assert [k for k, _ in rrf([["x", "y"], []])] == ["x", "y"]
    assert [k for k, _ in rrf([["x"], ["y"]])] == ["x", "y"]  # a tie keeps first appearance
    with pytest.raises(ValueError):
        rrf([["a"]], weights=[1, 2])


def test_count_reads_fts5_row_total_and_matches_count_star(store):
    """count() reads FTS5's stored row total instead of scanning; it must agree with count(*) after inserts,
    replacements, deletes and clears, inside a transaction (where the stored total lags) and out of it."""
    db = store.db
    for table in ("retrieval_fts", "retrieval_turn_fts"):
        lex = LexicalIndex(db, table)

        def star():
            return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

        assert lex.count() == star() == 0
        with store.transaction():
            lex.add([(rid, f"them: word{rid} common") for rid in range(1, 301)])
            assert lex.count() == star() == 300  # pending rows, before FTS5 saves its total
        assert lex.count() == star() == 300
        lex.add([(rid, f"them: again {rid}") for rid in range(250, 351)])  # 51 replaced, 50 new
        assert lex.count() == star() == 350
        with store.transaction():
            lex.delete(range(1, 101))
        assert lex.count() == star() == 250
        big = 20_000  # a row total of 3 varint bytes
        lex.add([(rid, "x") for rid in range(1000, 1000 + big)])
        assert lex.count() == star() == 250 + big
        lex.clear()
        assert lex.count() == star() == 0


@pytest.mark.parametrize("value", [0, 1, 127, 128, 16383, 16384, 2**21, 2**35 + 5, 2**56 - 1, 2**56, 2**63 + 12345])
def test_varint_decodes_sqlite_varints(value):
    from assistant.retrieval.lexical import _varint

    def encode(v):  # SQLite's putVarint
        if v > 0x00FFFFFFFFFFFFFF:
            out = [v & 0xFF]
            v >>= 8
            for _ in range(8):
                out.append((v & 0x7F) | 0x80)
                v >>= 7
            return bytes(reversed(out))
        groups = [v & 0x7F]
        v >>= 7
        while v:
            groups.append((v & 0x7F) | 0x80)
            v >>= 7
        return bytes(reversed(groups))

    assert _varint(encode(value) + b"\x05\x81") == value


def test_filtered_search_checks_the_contact_on_the_fts_rowid_with_the_same_results(index, store):
    """The contact condition is tested on the FTS rowid (before the chunk row is read); the hits and their order
    are those of the same condition on the chunk's rid, for every filter combination."""
    from datetime import date

    from assistant.retrieval.filters import to_ts

    people = [r[0] for r in store.db.execute("SELECT DISTINCT contact_id FROM retrieval_chunk_people")]
    assert len(people) >= 3
    filters = [Filters(contact_id=c) for c in people] + [
        Filters(contact_id=people[0], since=to_ts(date(2020, 1, 1))),
        Filters(contact_id=people[1], until=to_ts(date(2021, 12, 31), end=True), channel="wechat"),
        Filters(since=to_ts(date(2019, 1, 1))),
        Filters(),
    ]
    for lex in (index.lexical, index.turn_lexical):
        t = lex.table
        for query in ("香山 骑车", "Kubernetes", "the coffee climbing", "照片 相机", "marathon Paris"):
            expr = match_expression(query)
            for f in filters:
                where, args = f.sql("c")
                reference = [tuple(r) for r in store.db.execute(
                    f"SELECT c.rid, -bm25({t}) FROM {t} f JOIN retrieval_chunks c ON c.rid = f.rowid "
                    f"WHERE {t} MATCH ?{' AND ' + where if where else ''} ORDER BY bm25({t}) LIMIT 50", (expr, *args))]
                assert lex.search(query, f, 50) == reference
        executed: list[str] = []  # the statement search runs, with its values (sqlite's expanded SQL)
        store.db.set_trace_callback(executed.append)
        try:
            lex.search("Kubernetes", Filters(contact_id=people[0]), 50)
        finally:
            store.db.set_trace_callback(None)
        select = next(sql for sql in executed if sql.startswith("SELECT c.rid"))
        plan = " | ".join(r[3] for r in store.db.execute("EXPLAIN QUERY PLAN " + select))
        assert plan.index("retrieval_chunk_people") < plan.index("SEARCH c ")  # the contact first, then the chunk


def test_coverage_is_the_same_whether_match_lists_are_read_or_looked_up(index, store, monkeypatch):
    import assistant.retrieval.lexical as lexical_mod

    executed: list[str] = []
    store.db.set_trace_callback(executed.append)
    results = {}
    for label, per_rid in (("lookup", 0), ("read", 10**9), ("default", lexical_mod.SCAN_PER_RID)):
        monkeypatch.setattr(lexical_mod, "SCAN_PER_RID", per_rid)
        results[label] = []
        for lex in (index.lexical, index.turn_lexical):
            for query in ("香山 骑车", "Kubernetes meetup", "the coffee climbing", "照片 相机 王芳", "nothing-matches-this"):
                rids = [rid for rid, _ in lex.search(query, None, 100)] + [10**6]  # and one rid that is no chunk
                results[label].append(lex.coverage(query, rids))
    store.db.set_trace_callback(None)
    assert results["lookup"] == results["read"] == results["default"]
    assert any(v > 0 for cov in results["read"] for v in cov.values())
    assert any("AND +rowid IN" in sql for sql in executed) and any("AND rowid IN" in sql for sql in executed)
