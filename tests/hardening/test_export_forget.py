"""`outreach export` is re-importable; `outreach forget` removes a contact from SQLite, FTS and Chroma."""

import json

import pytest

from assistant.cli import main
from assistant.store import Store
from evals.retrieval import fixture_corpus
from tests.retrieval.fake_openai import FakeOpenAI


@pytest.fixture
def home(isolated_home, monkeypatch):
    with FakeOpenAI() as server:
        monkeypatch.setenv("OUTREACH_EMBEDDINGS", "openai")
        monkeypatch.setenv("OUTREACH_EMBEDDING_MODEL", "embed-small")
        monkeypatch.setenv("OUTREACH_EMBEDDINGS_BASE_URL", server.base_url)
        monkeypatch.setenv("OUTREACH_INTERESTS", "offline")
        store = Store(isolated_home / "outreach.sqlite3")
        refs = fixture_corpus.load(store, filler_sessions=1)
        store.close()
        yield refs


def _snapshot(path):
    s = Store(path)
    try:
        db = s.db
        return {
            "contacts": sorted(r[0] for r in db.execute("SELECT name FROM contacts")),
            "identities": sorted(tuple(r) for r in db.execute(
                "SELECT c.name, i.kind, i.value FROM identities i JOIN contacts c ON c.id = i.contact_id "
                "WHERE i.kind != 'name'")),  # name identities are derived from the name by every import
            "messages": sorted(tuple(r) for r in db.execute(
                "SELECT m.channel, m.conversation, m.source_id, m.direction, m.kind, m.ts, m.text, "
                "ifnull(c.name, ''), ifnull(g.name, ''), ifnull(s.name, '') FROM messages m "
                "LEFT JOIN contacts c ON c.id = m.contact_id LEFT JOIN groups g ON g.id = m.group_id "
                "LEFT JOIN contacts s ON s.id = m.sender_id")),
            "groups": sorted(tuple(r) for r in db.execute("SELECT channel, key, name FROM groups")),
        }
    finally:
        s.close()


def test_export_then_import_into_an_empty_store_gives_the_same_data(home, isolated_home, tmp_path, monkeypatch, capsys):
    before = _snapshot(isolated_home / "outreach.sqlite3")
    out = tmp_path / "export.json"
    assert main(["export", "--out", str(out)]) == 0
    assert (out.stat().st_mode & 0o777) == 0o600
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "outreach-export" and len(data["messages"]) == len(before["messages"])

    fresh = tmp_path / "fresh"
    monkeypatch.setenv("OUTREACH_HOME", str(fresh))
    assert main(["import", str(out), "--no-index"]) == 0
    after = _snapshot(fresh / "outreach.sqlite3")
    assert after == before
    capsys.readouterr()
    assert main(["import", str(out), "--no-index"]) == 0  # idempotent
    assert "0 messages added" in capsys.readouterr().out
    assert _snapshot(fresh / "outreach.sqlite3") == after


def test_export_to_stdout_is_json(home, capsys):
    assert main(["export"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["version"] == 1 and "exported" in captured.err


def test_forget_removes_the_contact_from_sqlite_fts_and_chroma(home, isolated_home, capsys):
    assert main(["index", "--no-interests"]) == 0
    capsys.readouterr()
    jonas = home["jonas_kafka"]
    assert main(["search", "Kafka exactly-once", "-k", "5", "--json"]) == 0
    assert any(jonas in h["message_ids"] for h in json.loads(capsys.readouterr().out))

    s = Store(isolated_home / "outreach.sqlite3")
    cid = s.find_contact("Jonas Weber").id
    their_ids = {r[0] for r in s.db.execute("SELECT id FROM messages WHERE contact_id = ? OR sender_id = ?", (cid, cid))}
    s.close()
    assert jonas in their_ids

    assert main(["forget", "Jonas Weber"]) == 2  # no terminal: asks for --yes
    assert "--yes" in capsys.readouterr().err
    assert main(["forget", "Jonas Weber", "--yes"]) == 0
    assert "forgot Jonas Weber" in capsys.readouterr().out

    for mode in ("lexical", "dense", "hybrid"):
        assert main(["search", "Kafka exactly-once", "-k", "50", "--mode", mode, "--json"]) == 0
        hits = json.loads(capsys.readouterr().out)
        assert not any(set(h["message_ids"]) & their_ids for h in hits), mode
        assert not any(h.get("contact") == "Jonas Weber" for h in hits), mode

    s = Store(isolated_home / "outreach.sqlite3")
    try:
        assert not s.list_contacts("Jonas Weber")
        assert not s.db.execute("SELECT count(*) FROM messages WHERE id IN (%s)" % ",".join(map(str, their_ids))).fetchone()[0]
        # FTS: no chunk holds their messages; Chroma: exactly the chunks SQLite knows, no more
        # sessions (level 0) in retrieval_fts, single messages (level 1) in retrieval_turn_fts
        levels = dict(s.db.execute("SELECT level, count(*) FROM retrieval_chunks GROUP BY level").fetchall())
        assert s.db.execute("SELECT count(*) FROM retrieval_fts").fetchone()[0] == levels.get(0, 0)
        assert s.db.execute("SELECT count(*) FROM retrieval_turn_fts").fetchone()[0] == levels.get(1, 0)
        from assistant.config import Settings
        from assistant.retrieval import RetrievalIndex

        vectors = RetrievalIndex.from_settings(Settings(), s).vectors
        embedded = {r[0] for r in s.db.execute("SELECT key FROM retrieval_chunks WHERE dense = 1")}
        assert vectors.keys() == embedded
    finally:
        s.close()
