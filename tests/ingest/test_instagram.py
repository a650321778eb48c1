"""Messenger / Instagram JSON importer: BOM, mojibake, newest-first order, media kinds, channel by path, errors."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from assistant.domain import ParseError
from assistant.ingest import instagram, telegram
from tests.paths import SHARED_FIXTURES

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "instagram"
FB_INBOX = FIXTURES / "facebook-maralindqvist-2024-03-01" / "your_facebook_activity" / "messages" / "inbox"
IG_INBOX = FIXTURES / "instagram-maralind-2024-03-01" / "your_instagram_activity" / "messages" / "inbox"
JONAS = FB_INBOX / "jonasweber_10158432" / "message_1.json"
GROUP = FB_INBOX / "kletterkrew_5512" / "message_1.json"
PRIYA = IG_INBOX / "priyaclimbs_17845012345" / "message_1.json"
SHARED = SHARED_FIXTURES
UTC = timezone.utc


def head(path: Path) -> bytes:
    with path.open("rb") as f:
        return f.read(65536)


def only(batch):
    assert len(batch.conversations) == 1
    return batch.conversations[0]


def write(path: Path, obj) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2), encoding="utf-8")
    return path


def test_messenger_bom_mojibake_and_order():
    raw = JONAS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\\u00c3\\u00b6" in raw  # BOM + "ö" as two escaped bytes
    assert instagram.sniff(JONAS, head(JONAS))
    b = instagram.parse(JONAS)
    assert (b.format, b.channel, b.me, b.contacts, b.warnings) == ("instagram", "messenger", set(), [], [])
    c = only(b)
    assert (c.key, c.title, c.is_group, c.peer) == ("inbox/jonasweber_10158432", "Jonas Weber", False, "Jonas Weber")
    assert [(m.timestamp, m.sender, m.kind, m.text) for m in c.messages] == [
        (datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC), "Jonas Weber", "text", "Hallo Mara! Schön, dass wir uns getroffen haben 😊"),
        (datetime(2023, 11, 14, 22, 14, 50, tzinfo=UTC), "Mara Lindqvist", "text", "Hey Jonas! Ja, das war toll. Nächstes Mal Café?"),
        (datetime(2023, 11, 14, 22, 16, 40, 123000, tzinfo=UTC), "Jonas Weber", "media", "[photo]"),
        (datetime(2023, 11, 14, 22, 17, 40, tzinfo=UTC), "Jonas Weber", "media",
         "[link: https://example.org/cafe-am-see] Jonas Weber sent an attachment."),
        (datetime(2023, 11, 14, 22, 18, 20, tzinfo=UTC), "Mara Lindqvist", "media", "[sticker]"),
        (datetime(2023, 11, 15, 22, 13, 20, tzinfo=UTC), "Jonas Weber", "call", "Jonas called you. (754 s)"),
        (datetime(2023, 11, 15, 22, 15, tzinfo=UTC), "Mara Lindqvist", "deleted", "You unsent a message."),
        (datetime(2023, 11, 15, 22, 16, tzinfo=UTC), "Mara Lindqvist", "text", "Très bien — à bientôt! Grüße aus Köln"),
    ]
    assert all(m.is_me is None for m in c.messages)  # the format has no owner marker
    assert b.needs_me() is True


def test_messenger_group_equal_timestamps_keep_conversation_order():
    b = instagram.parse(GROUP)
    assert b.channel == "messenger"
    c = only(b)
    assert (c.key, c.title, c.is_group, c.peer) == ("inbox/kletterkrew_5512", "Kletter-Krew", True, None)
    assert [(m.sender, m.kind, m.text) for m in c.messages] == [
        (None, "system", "Mara Lindqvist added Lena Hoffmann to the group."),
        ("Lena Hoffmann", "text", "Danke! 🧗\u200d♀️"),  # ZWJ sequence survives the mojibake fix
        ("Priya Natarajan", "text", "Welcome Lena!"),
        ("Priya Natarajan", "text", "Saturday 9:00 at the crag?"),
        ("Jonas Weber", "media", "[video] Letzte Woche 💪"),
    ]
    assert c.messages[2].timestamp == c.messages[3].timestamp == datetime(2023, 7, 22, 4, 28, 40, tzinfo=UTC)


def test_instagram_channel_from_path():
    b = instagram.parse(PRIYA)
    assert b.channel == "instagram"
    c = only(b)
    assert (c.key, c.title, c.is_group, c.peer) == ("inbox/priyaclimbs_17845012345", "priya.climbs", False, "priya.climbs")
    assert [(m.sender, m.kind, m.text) for m in c.messages] == [
        ("priya.climbs", "text", "Saw your story from Arco 😍"),
        ("Mara Lindqvist", "text", "Yes! Next time come along 🙌"),
        ("priya.climbs", "media", "[link: https://www.instagram.com/p/C2abcdEFgh/] Arco sunset"),
    ]


def test_channel_for_nearest_folder_decides(tmp_path):
    assert instagram.channel_for(tmp_path / "instagram" / "facebook-x" / "inbox" / "a" / "message_1.json") == "messenger"
    assert instagram.channel_for(tmp_path / "facebook" / "instagram-x" / "inbox" / "a" / "message_1.json") == "instagram"
    assert instagram.channel_for(tmp_path / "exports" / "message_1.json") == "messenger"


def test_shared_sample():
    p = SHARED / "instagram" / "test_export.json"
    if not p.is_file():
        pytest.skip(f"shared fixture not found at {p}")
    assert instagram.sniff(p, head(p))
    b = instagram.parse(p)
    assert b.channel == "instagram"  # it lives in an "instagram" folder
    c = only(b)
    assert (c.key, c.title, c.is_group, c.peer) == ("test_export", "test_export", False, None)
    # the file is newest-first; we return oldest-first
    assert [(m.timestamp, m.sender, m.text, m.kind, m.is_me) for m in c.messages] == [
        (datetime(2019, 12, 24, 11, 23, tzinfo=UTC), "Jane Doe", "Hello John!", "text", None),
        (datetime(2020, 1, 17, 20, 49, tzinfo=UTC), "John Doe", "Hello Jane!", "text", None),
    ]
    ids = [m.source_id for m in c.messages]
    assert len(set(ids)) == 2 and ids == [m.source_id for m in only(instagram.parse(p)).messages]


def test_sniffers_do_not_cross():
    for p in (JONAS, GROUP, PRIYA):
        assert instagram.sniff(p, head(p)) and not telegram.sniff(p, head(p)), p
    tg = Path(__file__).resolve().parents[1] / "fixtures" / "telegram" / "DataExport_2023-03-20" / "result.json"
    assert not instagram.sniff(tg, head(tg))
    if SHARED.is_dir():
        for p in SHARED.rglob("*"):
            if p.is_file() and p.parent.name != "instagram":
                assert not instagram.sniff(p, head(p)), p


def test_fix_mojibake_keeps_clean_strings():
    assert instagram.fix_mojibake("stress\u00c3\u00a9 \u00f0\u009f\u0098\u0086") == "stressé 😆"
    assert instagram.fix_mojibake("Köln") == "Köln"  # already clean: latin-1 bytes are not valid UTF-8
    assert instagram.fix_mojibake("Привет 👋") == "Привет 👋"  # not encodable as latin-1
    assert instagram.fix_mojibake("plain") == "plain"


def test_key_from_folder_without_thread_path(tmp_path):
    p = write(tmp_path / "inbox" / "alice_123" / "message_2.json", {
        "participants": [{"name": "Alice"}, {"name": "Bob"}, {"name": "Carol"}],
        "messages": [{"sender_name": "Alice", "timestamp_ms": 1600000000000, "content": "hi", "is_unsent": False}],
    })
    c = only(instagram.parse(p))
    assert (c.key, c.title, c.is_group) == ("alice_123", "alice_123", True)
    assert c.messages[0].kind == "text"


def test_missing_sender_name(tmp_path):
    p = write(tmp_path / "instagram-x" / "message_1.json", {
        "messages": [{"timestamp_ms": 1600000000000, "content": "who am i"}],
    })
    b = instagram.parse(p)
    assert b.channel == "instagram" and only(b).messages[0].sender == "Instagram User"


def test_truncated_json_names_the_line(tmp_path):
    lines = JONAS.read_bytes().split(b"\n")
    p = tmp_path / "message_1.json"
    p.write_bytes(b"\n".join(lines[:12]))
    with pytest.raises(ParseError) as e:
        instagram.parse(p)
    assert e.value.line == 12 and "invalid JSON" in e.value.reason


def test_wrong_shape_names_the_field(tmp_path):
    p = write(tmp_path / "message_1.json", {"participants": [{"name": "A"}]})
    with pytest.raises(ParseError) as e:
        instagram.parse(p)
    assert e.value.field == "messages"


def test_bad_timestamp_names_the_message(tmp_path):
    p = write(tmp_path / "message_1.json", {"messages": [
        {"sender_name": "A", "timestamp_ms": 1600000000000, "content": "ok"},
        {"sender_name": "A", "content": "no time"},
    ]})
    with pytest.raises(ParseError) as e:
        instagram.parse(p)
    assert e.value.field == "messages[1].timestamp_ms"
