"""Touches and their outcomes, from real export files through the real import pipeline and review queue."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from assistant.domain import Draft
from assistant.ingest.pipeline import import_paths
from assistant.outcomes.report import build, wilson
from assistant.outcomes.touches import detect_touches, refresh
from assistant.services.review import ReviewQueue
from assistant.store import drafts as repo
from assistant.store import touches as sql

ME = "Alex Chen"


def ts(y, m, d, h=12, mi=0) -> int:
    return int(datetime(y, m, d, h, mi, tzinfo=UTC).timestamp())


def whatsapp(path: Path, lines: list[tuple[datetime, str, str]]) -> Path:
    """An Android WhatsApp export: `dd/mm/yyyy, HH:MM - Name: text`."""
    path.write_text("".join(f"{d:%d/%m/%Y, %H:%M} - {who}: {text}\n" for d, who, text in lines), encoding="utf-8")
    return path


def wechat_csv(path: Path, peer: str, wxid: str, rows: list[tuple[datetime, bool, str]]) -> Path:
    """A MemoTrace CSV of a 1:1 chat (IsSender=1: the user)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    out = ["localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender"]
    for i, (d, mine, text) in enumerate(rows, 1):
        who = (ME, ME, "wxid_owner_alex") if mine else (peer, peer, wxid)
        out.append(f"{i},7,1,0,{int(mine)},{int(d.timestamp())},0,{text},{d:%Y-%m-%d %H:%M:%S},{who[0]},{who[1]},"
                   f"{who[2]}")
    path.write_text("\ufeff" + "\n".join(out) + "\n", encoding="utf-8")
    return path


def imp(store, *paths):
    return import_paths(store, list(paths), tz=UTC, me=[ME])


def dt(y, m, d, h=12, mi=0):
    return datetime(y, m, d, h, mi, tzinfo=UTC)


@pytest.fixture
def anna_chat(tmp_path, store):
    """Anna: a chat that went quiet in January 2025."""
    imp(store, whatsapp(tmp_path / "WhatsApp Chat with Anna Schmidt.txt", [
        (dt(2025, 1, 10, 9), "Anna Schmidt", "Wir ziehen im Frühling nach München!"),
        (dt(2025, 1, 10, 10), ME, "Wie schön, erzähl mal wenn ihr angekommen seid"),
    ]))
    return store.find_contact("Anna Schmidt").id


def sent_draft(store, contact_id: int, at: int, text: str = "Hallo Anna! Seid ihr gut in München angekommen?",
               final: str | None = None, hook_kind: str = "open_loop") -> Draft:
    d = repo.save(store, Draft(contact_id, text, "de", register="informal", hook={"kind": hook_kind},
                               original_text=text))
    return ReviewQueue(store).approve(d.id, final, now=at)


def test_an_approved_draft_answered_three_days_later_in_a_later_import(tmp_path, store, anna_chat):
    sent_draft(store, anna_chat, ts(2025, 4, 1, 18))
    refresh(store, UTC)
    [t] = sql.load_touches(store.db)
    assert (t["source"], t["replied_at"], t["hook_kind"], t["edited"]) == ("draft", None, "open_loop", 0)

    # The user's next export holds the real message (an hour after approving) and Anna's answer 3 days on.
    imp(store, whatsapp(tmp_path / "WhatsApp Chat with Anna Schmidt.txt", [
        (dt(2025, 1, 10, 9), "Anna Schmidt", "Wir ziehen im Frühling nach München!"),
        (dt(2025, 1, 10, 10), ME, "Wie schön, erzähl mal wenn ihr angekommen seid"),
        (dt(2025, 4, 1, 19), ME, "Hallo Anna! Seid ihr gut in München angekommen?"),
        (dt(2025, 4, 4, 19), "Anna Schmidt", "Ja! Komm uns besuchen, dann gehen wir auf einen Kaffee"),
    ]))
    assert refresh(store, UTC) is True  # the import changed the store: recomputed
    [t] = sql.load_touches(store.db)  # the imported copy of the draft is the same touch, not a second one
    assert t["source"] == "draft" and t["channel"] == "whatsapp"
    assert t["replied_at"] - t["at"] == 3 * 86_400 + 3600
    assert t["reply_channel"] == "whatsapp" and t["thread"] == "meeting"
    assert refresh(store, UTC) is False  # nothing changed since


def test_a_reply_from_before_the_touch_does_not_count(tmp_path, store, anna_chat):
    imp(store, whatsapp(tmp_path / "WhatsApp Chat with Anna Schmidt.txt", [
        (dt(2025, 1, 10, 9), "Anna Schmidt", "Wir ziehen im Frühling nach München!"),
        (dt(2025, 1, 10, 10), ME, "Wie schön, erzähl mal wenn ihr angekommen seid"),
        (dt(2025, 3, 31, 8), "Anna Schmidt", "Wir sind da!"),  # before the draft went out
    ]))
    sent_draft(store, anna_chat, ts(2025, 5, 5))
    touches = [t for t in detect_touches(store, UTC) if t["source"] == "draft"]
    assert len(touches) == 1 and touches[0]["replied_at"] is None and touches[0]["thread"] == "none"


def test_a_touch_on_wechat_answered_on_whatsapp_counts(tmp_path, store):
    imp(store, wechat_csv(tmp_path / "wechat" / "李雷(wxid_lilei)" / "李雷.csv", "李雷", "wxid_lilei", [
        (dt(2024, 6, 1, 9), False, "下个月去阿姆斯特丹"),
        (dt(2024, 6, 1, 10), True, "好啊，到了告诉我"),
        (dt(2024, 9, 20, 10), True, "好久不见！阿姆斯特丹怎么样？"),  # after 3 months: a touch
    ]))
    imp(store, whatsapp(tmp_path / "WhatsApp Chat with Li Lei.txt", [
        (dt(2024, 5, 1, 9), "Li Lei", "Here is my WhatsApp"),
        (dt(2024, 9, 21, 8), "Li Lei", "Amsterdam was great! Let's have a call this weekend"),
    ]))
    by_name = {c.name: c.id for c in store.list_contacts()}
    wechat_id, whatsapp_id = by_name["李雷"], by_name["Li Lei"]  # "Li Lei" also finds 李雷 by its pinyin
    store.merge(wechat_id, whatsapp_id)  # the user tells the two apart-looking contacts are one person
    refresh(store, UTC)
    [t] = [t for t in sql.load_touches(store.db) if t["at"] == ts(2024, 9, 20, 10)]
    assert (t["channel"], t["reply_channel"], t["language"]) == ("wechat", "whatsapp", "zh")
    assert t["replied_at"] == ts(2024, 9, 21, 8) and t["thread"] == "call"
    assert t["silence_days"] == 111


def test_group_announcement_answers_count_per_member(tmp_path, store):
    from assistant.outcomes.report import announcement_rows

    lines = [(dt(2024, 3, 1, 9, i), f"Member {i}", f"hello from {i}") for i in range(1, 6)]
    lines += [
        (dt(2024, 4, 1, 9), ME, "📢 Reunion dinner on 20 April at 7pm, Golden Dragon, 280 per person. Sign up here!"),
        (dt(2024, 4, 1, 10), "Member 1", "I'm in"),
        (dt(2024, 4, 2, 10), "Member 2", "Count me in too"),
        (dt(2024, 4, 2, 11), "Member 1", "can I bring someone?"),
        (dt(2024, 4, 20, 10), "Member 3", "too late, sorry"),  # after the 7 days
    ]
    imp(store, whatsapp(tmp_path / "WhatsApp Chat with Class of 2014.txt", lines))
    # Member 4 answered 1:1 instead, within the week
    imp(store, whatsapp(tmp_path / "WhatsApp Chat with Member 4.txt", [
        (dt(2024, 1, 5, 9), "Member 4", "hi"), (dt(2024, 4, 3, 9), "Member 4", "Saw your note, I'll come!"),
    ]))
    [row] = announcement_rows(store, UTC, now=ts(2024, 6, 1))
    assert (row.members, row.answered, row.share, row.complete) == (5, 3, 0.6, True)


def test_report_groups_with_counts_and_honest_confidence():
    now = ts(2025, 6, 1)
    touches = []
    for i in range(8):
        touches.append({"contact_id": i, "source": "draft", "at": ts(2025, 3, 1) + i, "channel": "wechat",
                        "hook_kind": "open_loop", "language": "zh", "circle": "inner", "edited": i % 2,
                        "weekday": 0, "replied_at": ts(2025, 3, 2) if i < 6 else None,
                        "thread": "reply" if i < 6 else "none"})
    touches.append({"contact_id": 99, "source": "opener", "at": ts(2025, 3, 1), "channel": "email",
                    "hook_kind": "", "language": "en", "circle": "wider", "edited": None, "weekday": 2,
                    "replied_at": None, "thread": "none"})
    touches.append({"contact_id": 98, "source": "opener", "at": now - 86_400, "channel": "email",  # too recent
                    "hook_kind": "", "language": "en", "circle": "wider", "edited": None, "weekday": 2,
                    "replied_at": None, "thread": "none"})
    r = build(touches, now)
    assert (r.touches, r.pending, r.overall.n, r.overall.replied) == (10, 1, 9, 6)
    hook = {row.label: row for row in r.breakdowns["hook_kind"]}
    assert hook["open_loop"].rate == 0.75 and hook["open_loop"].enough
    assert not hook["your own message"].enough and "too few" in hook["your own message"].confidence
    assert hook["open_loop"].median_hours == 24.0
    assert {row.label for row in r.breakdowns["edited"]} == {"sent as drafted", "edited before sending"}
    low, high = wilson(6, 8)
    assert low < 0.75 < high and hook["open_loop"].low == low


def test_report_command_plain_and_json(tmp_path, store, anna_chat, cli):
    sent_draft(store, anna_chat, ts(2025, 4, 1, 18), final="Hallo Anna, seid ihr gut angekommen?")
    store.close()
    code, out, err = cli("report", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["touches"] == 1 and data["breakdowns"]["edited"][0]["label"] == "edited before sending"
    code, out, _ = cli("report")
    assert code == 0 and "1 touches" in out and "\x1b[" not in out  # piped: no colour codes
