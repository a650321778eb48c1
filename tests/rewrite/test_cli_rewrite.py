"""`outreach rewrite` end to end: files and stdin, the loopback model, the offline path, errors, and personal
follow-ups queued through the drafting agent."""

import io
import json
from datetime import datetime, timezone

import pytest

from assistant.announce.facts import check_facts
from assistant.announce.followups import (
    INSTRUCTION,
    headline,
    queue_followups,
    select_followups,
)
from assistant.cli import main
from assistant.ingest.pipeline import import_paths
from tests.paths import FIXTURES
from tests.rewrite import scripts as S
from tests.support.openai_server import Reply

ANN = FIXTURES / "announcements"
GROUP_FILES = [FIXTURES / "groups" / "WhatsApp Chat with Hiking Club.txt",
               FIXTURES / "groups" / "WhatsApp Chat with Maria Lopez.txt"]


def run_json(capsys, *argv):
    rc = main(list(argv))
    out = capsys.readouterr().out
    return rc, json.loads(out)


def test_offline_rewrite_json(isolated_home, capsys):
    rc, out = run_json(capsys, "rewrite", str(ANN / "zh.txt"), "--offline", "--json")
    assert rc == 0 and out["channel"] == "wechat" and out["source_lang"] == "zh"
    (v,) = out["versions"]
    assert v["via"] == "offline" and v["facts_ok"] and "no language model" in v["label"]
    assert v["text"].count("名额 30 人") == 1


def test_model_rewrite_in_two_languages(llm_env, capsys):
    llm_env.push(Reply.text(S.ZH_GOOD), Reply.text(S.ZH_IN_ENGLISH))
    rc, out = run_json(capsys, "rewrite", str(ANN / "zh.txt"), "--lang", "zh,en", "--json")
    assert rc == 0 and out["model"] == "scripted-model"
    assert [(v["lang"], v["via"], v["facts_ok"]) for v in out["versions"]] == [("zh", "llm", True), ("en", "llm", True)]
    original = (ANN / "zh.txt").read_text()
    assert check_facts(original, out["versions"][0]["text"]).ok
    assert check_facts(original, out["versions"][1]["text"], same_language=False).ok


def test_rejected_twice_exits_3_with_the_reason(llm_env, capsys):
    llm_env.push(Reply.text(S.EN_NO_DEADLINE), Reply.text(S.EN_NO_DEADLINE))
    rc, out = run_json(capsys, "rewrite", str(ANN / "en.txt"), "--channel", "whatsapp", "--json")
    assert rc == 3
    (v,) = out["versions"]
    assert v["via"] == "offline" and "9 April (date)" in v["note"] and len(v["attempts"]) == 2


def test_side_by_side_output(llm_env, capsys):
    llm_env.push(Reply.text(S.MIXED_GOOD))
    assert main(["rewrite", str(ANN / "mixed.txt"), "--channel", "telegram"]) == 0
    out = capsys.readouterr().out
    assert "original" in out and "rewrite" in out and "✓ facts: all" in out
    assert "{+" in out  # no colours in a pipe: changes marked inline


def test_stdin_and_plain(isolated_home, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("Hike  on Saturday!\n\n\n\nBring water."))
    assert main(["rewrite", "-", "--plain"]) == 0
    assert capsys.readouterr().out == "Hike on Saturday!\n\nBring water.\n\n"


@pytest.mark.parametrize("argv, message", [
    (["rewrite", "nope.txt"], "nope.txt: no such file"),
    (["rewrite", "empty.txt"], "empty.txt: empty"),
    (["rewrite", "latin1.txt"], "latin1.txt: not UTF-8 text"),
    (["rewrite", "ok.txt", "--lang", "zh,??"], "--lang: '??' is not a language code"),
    (["rewrite", "ok.txt", "--group", "chess"], "no groups in the store yet"),
    (["rewrite", "ok.txt", "--followups", "-1"], "--followups must be 0 or more"),
])
def test_bad_input_is_a_clear_error(isolated_home, tmp_path, capsys, argv, message):
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "latin1.txt").write_bytes("Café à 14 h".encode("latin-1"))
    (tmp_path / "ok.txt").write_text("Hike on Saturday")
    assert main(argv) == 2
    assert message in capsys.readouterr().err


# --- follow-ups --------------------------------------------------------------------------------------------


@pytest.fixture
def hiking(store):
    import_paths(store, GROUP_FILES, tz=timezone.utc, me=["Alex Chen"])
    ben, chloe, maria = (store.find_contact(n).id for n in ("Ben Okafor", "Chloe Martin", "Maria Lopez"))
    store.update_contact(ben, circle="close")
    store.update_contact(chloe, circle="never")
    ts = int(datetime(2025, 5, 1, 12, tzinfo=timezone.utc).timestamp())
    with store.transaction():
        store.insert_messages([
            ("whatsapp", "Ben Okafor", ben, None, ben, "in", "text", ts, "Loved the Ridge hike, same again in spring?",
             "t", "b1"),
            ("whatsapp", "Chloe Martin", chloe, None, chloe, "in", "text", ts, "hi", "t", "c1"),
        ])
    return store


def test_followup_selection_by_circle_then_exchange(hiking):
    picked = select_followups(hiking, 5, group_id=1)
    # Ben is 'close' (1 message), Maria 'wider' (4); Chloe is 'never'; the others have no 1:1 history
    assert [(c.name, c.circle, c.one_to_one) for c in picked] == [("Ben Okafor", "close", 1), ("Maria Lopez", "wider", 4)]
    assert [c.name for c in select_followups(hiking, 1, group_id=1)] == ["Ben Okafor"]
    assert select_followups(hiking, 0) == []


def test_queue_followups_hands_each_to_the_drafter(hiking):
    calls = []

    def draft_fn(contact_id, *, about, instruction):
        calls.append((contact_id, about, instruction))
        if len(calls) == 2:
            raise RuntimeError("model down")
        return type("D", (), {"id": 7, "status": "queued", "text": "hi", "hold_reason": ""})()

    picked = select_followups(hiking, 2, group_id=1)
    out = queue_followups(hiking, picked, "📢 Next hike: Saturday 12 April. Details below.\nmore", draft_fn=draft_fn,
                          offline=True)
    assert [(q.status, q.draft_id) for q in out] == [("queued", 7), ("failed", None)]
    assert out[1].reason == "model down"
    assert calls[0][1] == "Next hike: Saturday 12 April. Details below." and calls[0][2] == INSTRUCTION


def test_headline():
    assert headline("@所有人 第一次线下交流会来啦！\n时间：4 月 16 日") == "第一次线下交流会来啦！"
    assert headline("【通知】" + "很长的一句话，" * 20 + "结束。") .endswith("…")


def test_cli_queues_followups_through_the_drafting_agent(hiking, capsys):
    rc = main(["rewrite", str(ANN / "en.txt"), "--group", "Hiking Club", "--followups", "3", "--offline", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert rc == 0
    assert [(f["name"], f["status"]) for f in out["followups"]][:2] == [("Ben Okafor", "queued"), ("Maria Lopez", "queued")]
    rows = hiking.db.execute("SELECT contact_id, status, about, instruction FROM drafts ORDER BY id").fetchall()
    assert [r["contact_id"] for r in rows] == [f["contact_id"] for f in out["followups"]]
    assert all(r["about"] == "Hi all, quick update about the Hiking Club!!" and r["instruction"] == INSTRUCTION
               for r in rows)
    assert all(r["status"] in ("queued", "held") for r in rows)

