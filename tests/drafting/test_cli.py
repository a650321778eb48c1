"""`outreach draft / drafts / style` end to end through the CLI entry point, on a real store."""

import json

import pytest

from assistant.store import Store
from tests.drafting.world import build
from tests.support.openai_server import Reply


@pytest.fixture
def home(isolated_home):
    s = Store(isolated_home / "outreach.sqlite3")
    ids = build(s)
    s.close()
    return ids


def count_drafts(isolated_home) -> int:
    s = Store(isolated_home / "outreach.sqlite3")
    try:
        return s.db.execute("SELECT count(*) FROM drafts").fetchone()[0]
    finally:
        s.close()


def test_offline_draft_review_and_approve(home, cli, isolated_home):
    code, out, _ = cli("draft", "李伟", "--today", "2025-03-10")
    assert code == 0
    assert "no model configured" in out and "offline draft" in out and "HSBC" in out
    code, out, _ = cli("drafts", "--json")
    drafts = json.loads(out)
    assert [d["contact_name"] for d in drafts] == ["李伟"] and drafts[0]["status"] == "queued"
    did = drafts[0]["id"]
    code, out, _ = cli("drafts", "approve", str(did), "--text", "好久不见！HSBC 老系统终于下线了，真是一个时代。")
    assert code == 0 and "logged as sent" in out
    code, out, _ = cli("drafts", "show", str(did), "--json")
    d = json.loads(out)
    assert d["status"] == "sent" and d["final_text"].startswith("好久不见") and d["original_text"] != d["final_text"]
    assert d["edit_labels"]


def test_suggested_json(home, cli):
    code, out, _ = cli("draft", "--suggested", "2", "--today", "2025-03-10", "--json")
    assert code == 0
    data = json.loads(out)
    assert len(data["drafts"]) == 2 and data["failed"] == []
    assert all(d["source"] == "offline" and d["cited_ids"] for d in data["drafts"])


def test_unknown_contact_is_an_error_and_queues_nothing(home, cli, isolated_home):
    code, _, err = cli("draft", "Nobody At All")
    assert code == 2 and "no contact matches" in err and "nothing was added" in err
    assert count_drafts(isolated_home) == 0
    code, _, err = cli("draft")
    assert code == 2 and "--suggested" in err


def test_a_model_failure_is_reported_and_queues_nothing(home, cli, isolated_home, llm_env):
    llm_env.push(Reply.error(500, "boom"))
    code, _, err = cli("draft", "Sarah Miller", "--today", "2025-03-10")
    assert code == 2 and "answered with an error (500)" in err and "nothing was added" in err
    assert count_drafts(isolated_home) == 0


def test_with_a_model_verbose_shows_prompt_and_tokens(home, cli, llm_env):
    text = "Hi Sarah! Still grateful for the raftkit pre-vote PR. How are things?"
    llm_env.push(Reply.text(json.dumps({"text": text, "language": "en", "hook": "raftkit", "cited_ids": [home["hook:Sarah Miller"]],
                                        "rationale": "the PR"})), Reply.text('{"ask": false}'))
    code, out, _ = cli("draft", "Sarah Miller", "-v", "--today", "2025-03-10")
    assert code == 0 and text in out
    assert "prompt draft_system" in out and "model scripted-model" in out and "budget 1800" in out


def test_snooze_dismiss_and_regenerate(home, cli):
    cli("draft", "Anna Schmidt", "--today", "2025-03-10")
    cli("draft", "Omar Haddad", "--today", "2025-03-10")
    ids = {d["contact_name"]: d["id"] for d in json.loads(cli("drafts", "--json")[1])}
    assert cli("drafts", "snooze", str(ids["Anna Schmidt"]), "--days", "3")[0] == 0
    code, out, _ = cli("drafts", "regenerate", str(ids["Omar Haddad"]), "--instruction", "in English")
    assert code == 0 and "en/" in out
    listed = json.loads(cli("drafts", "--json")[1])
    assert [d["contact_name"] for d in listed] == ["Omar Haddad"] and listed[0]["language"] == "en"
    assert cli("drafts", "dismiss", str(listed[0]["id"]))[0] == 0
    assert json.loads(cli("drafts", "--json")[1]) == []
    code, _, err = cli("drafts", "approve", str(listed[0]["id"]))
    assert code == 2 and "dismissed" in err


def test_style_shows_and_sets(home, cli):
    code, out, _ = cli("style", "Herr Weber", "--register", "informal")
    assert code == 0 and "register informal (override)" in out
    code, out, _ = cli("draft", "Herr Weber", "--today", "2025-03-10")
    assert "deine" in out or "dein" in out


def test_a_held_draft_needs_force_and_the_reason_is_shown(home, cli, isolated_home):
    from assistant.store import drafts as repo

    code, out, _ = cli("draft", "李伟", "--today", "2025-03-10")
    did = json.loads(cli("drafts", "--json")[1])[0]["id"]
    s = Store(isolated_home / "outreach.sqlite3")
    d = repo.get(s, did)
    d.status, d.hold_reason = "held", "asks for money (借点钱)"
    repo.save(s, d)
    s.close()
    code, out, err = cli("drafts", "approve", str(did))
    assert code != 0 and "is held: asks for money (借点钱)" in err and "--force" in err
    assert json.loads(cli("drafts", "show", str(did), "--json")[1])["status"] == "held"
    code, out, _ = cli("drafts", "approve", str(did), "--force")
    assert code == 0 and json.loads(cli("drafts", "show", str(did), "--json")[1])["status"] == "sent"
