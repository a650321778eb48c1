"""Telegram Desktop JSON importer: full-account and single-chat exports, shared real samples, errors."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from assistant.domain import ParseError
from assistant.ingest import telegram
from tests.paths import SHARED_FIXTURES

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "telegram"
FULL = FIXTURES / "DataExport_2023-03-20" / "result.json"
SINGLE = FIXTURES / "ChatExport_2022-11-22" / "result.json"
SHARED = SHARED_FIXTURES / "telegram"
UTC = timezone.utc


def head(path: Path) -> bytes:
    with path.open("rb") as f:
        return f.read(65536)


def write_json(tmp_path: Path, obj, name: str = "result.json") -> Path:
    p = tmp_path / name
    p.write_text(json.dumps(obj, ensure_ascii=False, indent=1), encoding="utf-8")
    return p


@pytest.fixture(scope="module")
def full():
    return telegram.parse(FULL)


def conv(batch, key):
    return next(c for c in batch.conversations if c.key == key)


# --- full account export -------------------------------------------------------------------------


def test_full_export_owner(full):
    assert full.format == "telegram" and full.channel == "telegram"
    assert full.me == {"Mara Lindqvist"}
    assert full.me_handles == (
        ("telegram", "user5012345678"),
        ("telegram", "@maralind"),
        ("phone", "+49 170 5550123"),
    )


def test_full_export_contacts(full):
    assert [(c.name, c.identities) for c in full.contacts] == [
        ("Jonas Weber", [("phone", "+49 151 5550188"), ("telegram", "user6123456789")]),
        ("Priya Natarajan", [("phone", "+44 7700 900123"), ("telegram", "user7234567890")]),
        ("Oma", [("phone", "+49 30 5550199")]),  # user_id 0: not on Telegram
    ]


def test_full_export_skips_saved_messages_and_channels_with_warnings(full):
    assert [c.key for c in full.conversations] == ["6123456789", "1455512345", "998877"]
    w = "\n".join(full.warnings)
    assert len(full.warnings) == 4
    assert "chats.list[0]" in w and "saved messages 'Saved Messages'" in w
    assert "chats.list[3]" in w and "channel 'Alpenverein News'" in w
    assert "skipped 1 unsupported message(s) in 'Jonas Weber'" in w
    assert "contacts.list[3]" in w
    assert all(x.startswith(str(FULL)) for x in full.warnings)


def test_personal_chat(full):
    c = conv(full, "6123456789")
    assert c.title == "Jonas Weber" and c.peer == "Jonas Weber"
    assert c.is_group is False
    assert c.peer_handles == (("telegram", "user6123456789"),)
    assert [m.source_id for m in c.messages] == ["101", "102", "103", "104", "105", "106", "107", "109"]
    by_id = {m.source_id: m for m in c.messages}

    joined = by_id["101"]
    assert (joined.kind, joined.sender, joined.is_me, joined.text) == ("system", None, None, "Jonas Weber joined Telegram")
    # old-style message: only "date" -> naive local time of the exporting PC
    assert joined.timestamp == datetime(2021, 3, 2, 19, 14, 5) and joined.timestamp.tzinfo is None
    old = by_id["102"]
    assert old.timestamp == datetime(2021, 3, 2, 19, 20, 41) and old.timestamp.tzinfo is None
    assert (old.sender, old.is_me, old.text) == ("Mara Lindqvist", True, "Willkommen! Endlich bist du hier 😄")

    # date_unixtime wins over date (Berlin 18:02:11 CET == 17:02:11 UTC); entity parts joined without separators
    link = by_id["103"]
    assert link.timestamp == datetime(2023, 3, 14, 17, 2, 11, tzinfo=UTC)
    assert link.text == "Schau mal: https://example.org/klettern – Samstag?"
    assert (link.sender, link.is_me, link.kind) == ("Jonas Weber", False, "text")
    assert link.sender_handles == (("telegram", "user6123456789"),)
    assert by_id["104"].text == "Ja! Ich bringe das Seil mit."
    assert by_id["104"].is_me is True

    photo = by_id["105"]
    assert (photo.kind, photo.text, photo.is_me) == ("media", "[photo] Gipfel 🏔", False)
    call = by_id["106"]
    assert (call.kind, call.sender, call.is_me, call.text) == ("call", "Mara Lindqvist", True, "Mara Lindqvist called (312 s)")
    voice = by_id["107"]
    assert (voice.kind, voice.text) == ("media", "[voice message]")
    assert by_id["109"].text == "Bis Samstag!\nIch bin um 9 da."


def test_group_chat(full):
    c = conv(full, "1455512345")
    assert c.title == "Kletter-Crew 🧗" and c.is_group is True and c.peer is None and c.peer_handles == ()
    by_id = {m.source_id: m for m in c.messages}
    assert len(c.messages) == 9
    created = by_id["1"]
    assert (created.kind, created.sender, created.text) == ("system", None, 'Mara Lindqvist created the group "Kletter-Crew"')
    assert by_id["6"].text == "Jonas Weber added Lena Hoffmann"
    assert by_id["8"].text == "Priya Natarajan pinned a message"

    deleted = by_id["3"]  # "from": null -> deleted account, still a person (not a system line)
    assert (deleted.sender, deleted.is_me, deleted.kind, deleted.text) == ("Deleted Account", False, "text", "see you there")
    assert deleted.sender_handles == (("telegram", "user7000000001"),)

    assert (by_id["4"].kind, by_id["4"].text) == ("media", "[sticker 👍]")
    assert (by_id["5"].kind, by_id["5"].text, by_id["5"].is_me) == ("media", "[file: route-topo.pdf] Topo für die Route", True)
    assert by_id["7"].text == "@priya_n bringst du die Exen?"
    assert by_id["7"].sender == "Lena Hoffmann"
    assert by_id["9"].timestamp == datetime(2023, 2, 2, 8, 3, 45, tzinfo=UTC)
    assert {m.sender for m in c.messages if m.is_me is False} == {"Priya Natarajan", "Deleted Account", "Jonas Weber", "Lena Hoffmann"}


def test_left_chats_are_imported(full):
    c = conv(full, "998877")
    assert c.title == "Umzug Helfer" and c.is_group is True
    assert [m.timestamp for m in c.messages] == [
        datetime(2020, 6, 1, 18, 0),
        datetime(2020, 6, 1, 18, 2),
        datetime(2020, 6, 7, 21, 0),
    ]
    assert c.messages[1].is_me is False and c.messages[1].text == "Danke fürs Helfen am Samstag!"


# --- single chat export --------------------------------------------------------------------------


def test_single_chat_export_without_owner():
    b = telegram.parse(SINGLE)
    assert b.me == set() and b.me_handles == () and b.contacts == [] and b.warnings == []
    assert len(b.conversations) == 1
    c = b.conversations[0]
    assert (c.key, c.title, c.is_group, c.peer) == ("7234567890", "Priya Natarajan", False, "Priya Natarajan")
    assert c.peer_handles == (("telegram", "user7234567890"),)
    assert all(m.is_me is None for m in c.messages)  # no personal_information: direction unknown
    assert b.needs_me() is True
    assert [(m.kind, m.text) for m in c.messages] == [
        ("text", "Hi Mara, it's Priya from the climbing gym!"),
        ("text", "Hey! Great to hear from you 🙂"),
        ("media", "[contact: Lena Hoffmann]"),
        ("media", "[location]"),
        ("media", "[photo]"),
    ]
    assert c.messages[0].timestamp == datetime(2022, 11, 20, 9, 1, tzinfo=UTC)


# --- shared real samples -------------------------------------------------------------------------


@pytest.fixture
def shared():
    if not SHARED.is_dir():
        pytest.skip(f"shared fixtures not found at {SHARED}")
    return SHARED


def test_shared_single_export(shared):
    p = shared / "test_single_export.json"
    assert telegram.sniff(p, head(p))
    b = telegram.parse(p)
    assert b.me == set() and b.warnings == []
    (c,) = b.conversations
    assert (c.key, c.title, c.is_group, c.peer) == ("test_single_export", "test_single_export", False, None)
    assert [(m.timestamp, m.sender, m.text, m.kind, m.is_me) for m in c.messages] == [
        (datetime(2018, 12, 5, 10, 39, 10, tzinfo=UTC), "Author 1", "Minimal Message", "text", None),
        (datetime(2018, 12, 5, 10, 49, 24, tzinfo=UTC), "Author 2", "Link:https://telegram.org/", "text", None),
    ]
    # no message ids in this sample: content-derived ids, stable across re-imports
    ids = [m.source_id for m in c.messages]
    assert len(set(ids)) == 2
    assert ids == [m.source_id for m in telegram.parse(p).conversations[0].messages]


def test_shared_batch_export(shared):
    p = shared / "test_batch_export.json"
    assert telegram.sniff(p, head(p))
    b = telegram.parse(p)
    assert b.me == set() and b.contacts == []
    (c,) = b.conversations
    assert (c.key, c.title, c.is_group) == ("Chatname", "Chatname", False)
    assert [m.text for m in c.messages] == ["Minimal Message", "Link:https://telegram.org/"]
    assert [m.sender for m in c.messages] == ["Author 1", "Author 2"]
    assert c.messages[1].timestamp == datetime(2018, 12, 5, 10, 49, 24, tzinfo=UTC)


def test_sniff_rejects_other_formats(shared):
    root = shared.parent
    for other in [root / "instagram" / "test_export.json", root / "signal" / "test_export.txt",
                  *sorted((root / "whatsapp").glob("*.txt")), *sorted((root / "vcard").glob("*.vcf"))]:
        assert not telegram.sniff(other, head(other)), other


def test_sniff_edge_cases(tmp_path):
    messenger = b'\xef\xbb\xbf{"participants": [{"name": "A"}], "messages": [{"sender_name": "A", "timestamp_ms": 1}]}'
    assert not telegram.sniff(tmp_path / "m.json", messenger)
    discord = b'{"guild": {"id": "0"}, "channel": {"type": "DirectTextChat"}, "messages": [{"id": "1", "type": "Default", "timestamp": "2019-01-04T17:52:39+00:00"}]}'
    assert not telegram.sniff(tmp_path / "d.json", discord)
    assert not telegram.sniff(tmp_path / "x.zip", b"PK\x03\x04" + b'"date_unixtime": "1", "messages": []')
    old = b'{\n "name": "Bob",\n "type": "personal_chat",\n "id": 7,\n "messages": [\n  {\n   "id": 1,\n   "type": "message",\n   "date": "2019-01-01T10:00:00",\n'
    assert telegram.sniff(tmp_path / "result.json", old)  # old exports: no date_unixtime yet
    assert telegram.sniff(tmp_path / "result.json", b'\xef\xbb\xbf{"about": "x", "personal_information": {"user_id": 1}}')


# --- variants ------------------------------------------------------------------------------------


def test_owner_by_name_numeric_ids_and_untyped_group(tmp_path):
    data = {
        "personal_information": {"user_id": 42, "first_name": "Mara", "last_name": "Lindqvist", "phone_number": "", "username": ""},
        "chats": {"list": [
            {"name": "Jonas", "type": "personal_chat", "id": 6, "messages": [
                {"id": 1, "type": "message", "date": "2018-01-01T10:00:00", "from": "Jonas", "from_id": 6, "text": "hi"},
                {"id": 2, "type": "message", "date": "2018-01-01T10:01:00", "from": "Mara Lindqvist", "text": "hey"},
            ]},
            {"name": "Trio", "messages": [
                {"id": 1, "type": "message", "date_unixtime": "1500000000", "from": "A", "from_id": "user1", "text": "a"},
                {"id": 2, "type": "message", "date_unixtime": "1500000001", "from": "B", "from_id": "user2", "text": "b"},
                {"id": 3, "type": "message", "date_unixtime": "1500000002", "from": "Mara Lindqvist", "from_id": "user42", "text": "c"},
            ]},
        ]},
    }
    b = telegram.parse(write_json(tmp_path, data))
    assert b.me_handles == (("telegram", "user42"),)  # empty phone/username are not identities
    jonas, trio = b.conversations
    assert [m.is_me for m in jonas.messages] == [False, True]  # second has no from_id: matched by name
    assert jonas.messages[0].sender_handles == (("telegram", "user6"),)  # old numeric from_id
    assert jonas.peer_handles == (("telegram", "user6"),)
    assert trio.is_group is True and [m.is_me for m in trio.messages] == [False, False, True]
    assert trio.messages[0].timestamp == datetime(2017, 7, 14, 2, 40, tzinfo=UTC)


def test_missing_from_key_and_missed_call(tmp_path):
    data = {"name": "Bob", "type": "personal_chat", "id": 9, "messages": [
        {"id": 1, "type": "service", "date": "2020-01-01T10:00:00", "actor": "Bob", "actor_id": "user9",
         "action": "phone_call", "discard_reason": "missed", "text": ""},
        {"id": 2, "type": "message", "date": "2020-01-01T10:00:05", "from": None, "text": ["x", {"type": "code", "text": "y"}]},
    ]}
    b = telegram.parse(write_json(tmp_path, data))
    m1, m2 = b.conversations[0].messages
    assert (m1.kind, m1.sender, m1.text, m1.is_me) == ("call", "Bob", "Bob called (missed)", None)
    assert (m2.sender, m2.text, m2.sender_handles) == ("Deleted Account", "xy", ())


def test_single_export_of_a_channel_is_skipped_with_warning(tmp_path):
    data = {"name": "News", "type": "public_channel", "id": 5, "messages": []}
    b = telegram.parse(write_json(tmp_path, data))
    assert b.conversations == []
    assert b.warnings == [f"{tmp_path / 'result.json'}: skipped a channel 'News' (type 'public_channel')"]


# --- errors --------------------------------------------------------------------------------------


def test_truncated_json_names_the_line(tmp_path):
    lines = FULL.read_text(encoding="utf-8").split("\n")
    p = tmp_path / "result.json"
    p.write_text("\n".join(lines[:40]), encoding="utf-8")
    with pytest.raises(ParseError) as e:
        telegram.parse(p)
    assert e.value.line == 40
    assert "invalid JSON" in e.value.reason and "truncated" in e.value.reason
    assert str(e.value).startswith(f"{p}:40: ")


def test_wrong_shape_names_the_missing_field(tmp_path):
    with pytest.raises(ParseError) as e:
        telegram.parse(write_json(tmp_path, {"about": "x", "frequent_contacts": {"list": []}}))
    assert e.value.field == "messages"
    assert '"messages"' in e.value.reason and '"chats"' in e.value.reason


def test_top_level_array_is_an_error(tmp_path):
    with pytest.raises(ParseError) as e:
        telegram.parse(write_json(tmp_path, [1, 2]))
    assert e.value.line == 1


def test_message_without_date(tmp_path):
    data = {"chats": {"list": [{"name": "A", "type": "personal_chat", "id": 1, "messages": [
        {"id": 1, "type": "message", "date": "2020-01-01T00:00:00", "from": "A", "text": "ok"},
        {"id": 2, "type": "message", "from": "A", "text": "no date"},
    ]}]}}
    with pytest.raises(ParseError) as e:
        telegram.parse(write_json(tmp_path, data))
    assert e.value.field == "chats.list[0].messages[1].date"


def test_bad_unixtime(tmp_path):
    data = {"name": "A", "type": "personal_chat", "messages": [{"id": 1, "type": "message", "date_unixtime": "soon", "text": ""}]}
    with pytest.raises(ParseError) as e:
        telegram.parse(write_json(tmp_path, data))
    assert e.value.field == "messages[0].date_unixtime"


def test_chats_without_list(tmp_path):
    with pytest.raises(ParseError) as e:
        telegram.parse(write_json(tmp_path, {"chats": {"about": "x"}}))
    assert e.value.field == "chats.list"


def test_binary_file(tmp_path):
    p = tmp_path / "result.json"
    p.write_bytes(b'{"messages": []}\n\n\xff\xfe\x00garbage')
    with pytest.raises(ParseError) as e:
        telegram.parse(p)
    assert e.value.line == 3
