"""`outreach rewrite` end to end: files and stdin, the loopback model, the offline path, errors, and personal
follow-ups queued through the drafting agent."""

import io
import json
import re
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
    assert v["text"].count("30 人") == 1 and "👥 名额：30 人" in v["text"]
    assert [f["slot"] for f in out["structure"]["facts"]] == ["when", "where", "agenda", "cost", "capacity", "signup"]


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


def test_side_by_side_output(llm_env, capsys, monkeypatch):
    llm_env.push(Reply.text(S.MIXED_GOOD))
    monkeypatch.setenv("FORCE_COLOR", "1")  # a terminal: the side-by-side view
    assert main(["rewrite", str(ANN / "mixed.txt"), "--channel", "telegram"]) == 0
    out = re.sub(r"\x1b\[[0-9;]*m", "", capsys.readouterr().out)
    assert "original" in out and "rewrite" in out and "✓ facts: all" in out


def test_piped_output_is_the_text_only(llm_env, capsys):
    llm_env.push(Reply.text(S.MIXED_GOOD), Reply.text(S.ZH_IN_ENGLISH), Reply.text(S.ZH_IN_ENGLISH))
    assert main(["rewrite", str(ANN / "mixed.txt"), "--channel", "telegram"]) == 0
    out, err = capsys.readouterr()
    assert out == S.MIXED_GOOD + "\n"  # a pipe: no table, no [-…-]{+…+} marks
    assert main(["rewrite", str(ANN / "zh.txt"), "--lang", "zh,en"]) == 3
    out, err = capsys.readouterr()
    assert "{+" not in out and "[-" not in out and "│" not in out and "[/" not in out
    assert out.startswith("@所有人\n【第一次线下交流会来啦！！】") and "🕐 When: " in out
    assert "# zh · offline restructuring" in err and "the model's Chinese" in err


def test_stdin_and_plain(isolated_home, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("Hike  on Saturday!\n\n\n\nBring water."))
    assert main(["rewrite", "-", "--plain"]) == 0
    assert capsys.readouterr().out == "【Hike on Saturday!】\n\nBring water.\n"


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
    assert [(f["name"], f["status"]) for f in out["followups"]] == [("Ben Okafor", "queued"), ("Maria Lopez", "queued")]
    rows = hiking.db.execute("SELECT contact_id, status, about, instruction, text FROM drafts ORDER BY id").fetchall()
    assert [r["contact_id"] for r in rows] == [f["contact_id"] for f in out["followups"]]
    # the news carries the key facts: what, when, and the link, labelled in the language the user writes to them
    for r in rows:
        assert r["about"] == ("Quick update about the Hiking Club!! · When: The next hike is going to be on Saturday "
                              "12 April 2025; 8:30 am · Sign up: https://forms.example.org/hike-april")
        assert r["instruction"] == INSTRUCTION and r["status"] in ("queued", "held")
        assert "12 April 2025" in r["text"] and "https://forms.example.org/hike-april" in r["text"]
    # asked for 3, two have a 1:1 history: the summary says who was skipped and why
    skipped = {s["name"]: s["why"] for s in out["followups_skipped"]}
    assert skipped["Chloe Martin"] == "circle 'never'"
    assert any("no 1:1 history" in why for why in skipped.values())


def test_cli_followups_for_picked_people_and_the_summary(hiking, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    rc = main(["rewrite", str(ANN / "zh.txt"), "--group", "Hiking Club", "--followups-for", "Maria Lopez,Chloe Martin",
               "--offline", "--plain"])
    out, err = capsys.readouterr()
    assert rc == 0 and out.startswith("@所有人\n【第一次线下交流会来啦！！】")
    assert "follow-ups: 2 of 2 asked for queued" in err and "follow-up for Maria Lopez" in err
    (about,) = {r[0] for r in hiking.db.execute("SELECT about FROM drafts WHERE contact_id = ?",
                                                (hiking.find_contact("Maria Lopez").id,))}
    assert "时间" not in about and "When: 4 月 16 日（周六）下午 2 点" in about and "jinshuju.net/f/AbC123" in about


def test_cli_followups_for_an_unknown_person_is_a_clear_error(hiking, capsys):
    assert main(["rewrite", str(ANN / "en.txt"), "--followups-for", "Nobody Atall"]) == 2
    assert "no contact matches 'Nobody Atall'" in capsys.readouterr().err
