from assistant.retrieval.chunking import (
    MessageRow,
    chunk_conversation,
    count_tokens,
    sessions,
)

T0 = 1_600_000_000


def session_chunks(ms, **kw):
    return [c for c in chunk_conversation(ms, **kw) if c.level == 0]


def msg(i, ts, text, direction="in", kind="text", contact_id=5, group_id=None, sender_id=None):
    return MessageRow(i, "wechat", "c1", contact_id, group_id, sender_id, direction, kind, ts, text)


def test_sessions_split_at_long_gaps_only():
    ms = [msg(1, T0, "a"), msg(2, T0 + 3000, "b"), msg(3, T0 + 3000 + 7 * 3600, "c"), msg(4, T0 + 3000 + 7 * 3600 + 60, "d")]
    got = sessions(list(reversed(ms)), gap=6 * 3600)
    assert [[m.id for m in s] for s in got] == [[1, 2], [3, 4]]


def test_chunks_keep_budget_speakers_times_and_ids():
    ms = [msg(i, T0 + 60 * i, f"message number {i} about the weekend hike", "out" if i % 2 else "in") for i in range(1, 41)]
    chunks = session_chunks(ms, max_tokens=64)
    assert 1 < len(chunks) < len(ms) / 3
    assert [i for c in chunks for i in c.message_ids] == list(range(1, 41))  # every message, once, in order
    for c in chunks:
        assert count_tokens(c.text) <= 64
        assert c.start_ts == T0 + 60 * c.message_ids[0] and c.end_ts == T0 + 60 * c.message_ids[-1]
        assert c.key == f"m{c.message_ids[0]}"
        assert c.contact_id == 5 and c.people == [5]
        header, *lines = c.text.splitlines()
        assert header.startswith("2020-09-13: ")  # the session's date and people
        assert len(lines) == len(c.message_ids)
        assert all(line.startswith(("me: ", "them: ")) for line in lines)
    assert chunks[0].text.splitlines()[1] == "me: message number 1 about the weekend hike"


def test_chunks_never_span_a_session_gap():
    ms = [msg(1, T0, "hello"), msg(2, T0 + 60, "hi"), msg(3, T0 + 86400, "next day")]
    chunks = session_chunks(ms, gap=3600)
    assert [c.message_ids for c in chunks] == [[1, 2], [3]]


def test_long_message_is_split_and_every_piece_cites_it():
    long = "。".join(f"第{i}段：我们聊了很多关于分布式系统和一致性协议的话题" for i in range(60))
    chunks = session_chunks([msg(1, T0, "short"), msg(2, T0 + 10, long), msg(3, T0 + 20, "after")], max_tokens=100)
    pieces = [c for c in chunks if c.message_ids == [2]]
    assert len(pieces) > 3
    assert [c.key for c in pieces] == ["m2"] + [f"m2.{i}" for i in range(1, len(pieces))]
    assert all(count_tokens(c.text) <= 100 for c in chunks)
    assert [c.message_ids for c in chunks if 2 not in c.message_ids] == [[1], [3]]


def test_system_media_and_empty_messages_are_not_indexed():
    ms = [msg(1, T0, "joined the group", kind="system"), msg(2, T0 + 1, "<image>", kind="media"),
          msg(3, T0 + 2, "   "), msg(4, T0 + 3, "real words")]
    chunks = session_chunks(ms)
    assert [c.message_ids for c in chunks] == [[4]]


def test_group_chunk_lists_the_speakers():
    ms = [msg(1, T0, "hi all", contact_id=None, group_id=9, sender_id=11),
          msg(2, T0 + 5, "hey", contact_id=None, group_id=9, sender_id=12),
          msg(3, T0 + 9, "hello", "out", contact_id=None, group_id=9)]
    (c,) = session_chunks(ms)
    assert c.group_id == 9 and c.contact_id is None and c.people == [11, 12]
    assert c.text == "2020-09-13: them, me\nthem: hi all\nthem: hey\nme: hello"
    named = session_chunks(ms, names={11: "Anna", 12: "李伟"})[0]
    assert named.text == "2020-09-13: Anna, 李伟, me\nAnna: hi all\n李伟: hey\nme: hello"


def test_appending_messages_keeps_earlier_chunks_identical():
    ms = [msg(i, T0 + 60 * i, f"line {i} " + "word " * 10) for i in range(1, 30)]
    before = session_chunks(ms, max_tokens=80)
    more = ms + [msg(i, T0 + 60 * i, f"line {i} " + "word " * 10) for i in range(30, 40)]
    after = session_chunks(more, max_tokens=80)
    same = [(c.key, c.text_hash, c.meta_hash) for c in before[:-1]]
    assert [(c.key, c.text_hash, c.meta_hash) for c in after[: len(before) - 1]] == same
    assert after[len(before) - 1].key == before[-1].key  # the last chunk may grow, under the same id
    assert len(after) > len(before)


def test_metadata_change_does_not_change_text_hash():
    a = session_chunks([msg(1, T0, "same words", contact_id=5)])[0]
    b = session_chunks([msg(1, T0, "same words", contact_id=6)])[0]
    assert a.text_hash == b.text_hash and a.meta_hash != b.meta_hash


def test_corpus_becomes_far_fewer_chunks_than_messages(store, corpus):
    from assistant.retrieval.chunking import rows_to_messages

    rows = store.db.execute("SELECT * FROM messages ORDER BY channel, conversation, ts").fetchall()
    by_conv = {}
    for m in rows_to_messages(rows):
        by_conv.setdefault((m.channel, m.conversation), []).append(m)
    n_chunks = sum(len(session_chunks(ms)) for ms in by_conv.values())
    assert n_chunks < len(rows) / 2


def test_every_message_is_also_a_turn_chunk_of_its_session():
    ms = [msg(1, T0, "ok"), msg(2, T0 + 60, "I finally moved to Munich last weekend", sender_id=5),
          msg(3, T0 + 120, "哈哈"), msg(4, T0 + 180, "我们周末去香山骑车吧"), msg(5, T0 + 86400, "new day, new words here")]
    chunks = chunk_conversation(ms, gap=3600, names={5: "Anna"})
    turns = [c for c in chunks if c.level == 1]
    assert [c.key for c in turns] == ["t1", "t2", "t3", "t4", "t5"]
    assert [c.parent for c in turns] == ["m1", "m1", "m1", "m1", "m5"]
    assert turns[1].text == "I finally moved to Munich last weekend"  # embedded without the speaker's name
    assert [c.dense for c in turns] == [False, True, False, True, True]  # "ok" and "哈哈" carry nothing to embed
    assert not any(c.dense for c in chunks if c.level == 0)
    assert all(c.message_ids == [int(c.key[1:])] for c in turns)


def test_big_group_chatter_is_embedded_by_session():
    ms = [msg(i, T0 + i, f"message {i} from someone in the group", contact_id=None, group_id=3, sender_id=100 + i)
          for i in range(1, 30)]
    chunks = chunk_conversation(ms)
    assert not any(c.dense for c in chunks if c.level == 1)  # not one vector per message
    assert [c.dense for c in chunks if c.level == 0] == [True] * sum(c.level == 0 for c in chunks)  # one per session
    small = chunk_conversation(ms[:10])
    assert all(c.dense for c in small if c.level == 1) and not any(c.dense for c in small if c.level == 0)
