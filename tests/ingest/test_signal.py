"""Signal (signal-export markdown) importer: header variants, Me direction, groups, shared sample, errors."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from assistant.domain import ParseError
from assistant.ingest import signal
from tests.paths import SHARED_FIXTURES

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "signal"
SHARED = SHARED_FIXTURES


def head(path: Path) -> bytes:
    with path.open("rb") as f:
        return f.read(65536)


def only(batch):
    assert len(batch.conversations) == 1
    return batch.conversations[0]


def test_modern_export_one_to_one():
    p = FIXTURES / "Jonas Weber" / "chat.md"
    assert signal.sniff(p, head(p))
    b = signal.parse(p)
    assert (b.format, b.channel, b.me, b.warnings) == ("signal", "signal", set(), [])
    c = only(b)
    # chat.md: key and title come from the folder, which signal-export names after the contact
    assert (c.key, c.title, c.is_group, c.peer) == ("Jonas Weber", "Jonas Weber", False, "Jonas Weber")
    assert [(m.line, m.timestamp, m.sender, m.is_me, m.kind, m.text) for m in c.messages] == [
        (1, datetime(2024, 5, 3, 18, 20, 11), "Jonas Weber", False, "text", "Bist du am Samstag in der Halle?"),
        # reaction line "(- Jonas Weber: 👍 -)" is dropped, the multi-line body kept
        (3, datetime(2024, 5, 3, 18, 22, 40), "Me", True, "text", "Ja, ab 10!\nBringst du die Exen mit?"),
        # the quoted message ("> ...") is not part of the reply
        (7, datetime(2024, 5, 3, 18, 25, 2), "Jonas Weber", False, "text", "Klar, bis dann"),
        (14, datetime(2024, 5, 4, 9, 58, 13), "Jonas Weber", False, "media",
         "![2024-05-04T09-58-13.512_00_IMG_2041.jpg](./media/2024-05-04T09-58-13.512_00_IMG_2041.jpg)"),
        (16, datetime(2024, 5, 4, 10, 1), "Me", True, "deleted", "(This message was deleted)"),
        (18, datetime(2024, 5, 4, 21, 15, 9), "Me", True, "call", "Outgoing voice call (accepted, 4m 12s)"),
        (20, datetime(2024, 5, 5, 8, 0, 30), "Jonas Weber", False, "media", "(( 🧗 ))"),
    ]
    assert all(m.timestamp.tzinfo is None for m in c.messages)  # local time of the exporting device
    assert b.needs_me() is False


def test_group_export_2020_style():
    p = FIXTURES / "Kletter-Crew" / "chat.md"
    b = signal.parse(p)
    c = only(b)
    assert (c.key, c.title, c.is_group, c.peer) == ("Kletter-Crew", "Kletter-Crew", True, None)
    assert [(m.line, m.sender, m.is_me, m.text) for m in c.messages] == [
        (1, "Priya Natarajan", False, "Wer kommt morgen mit zum Felsen?"),
        (2, "Me", True, "Ich! Treffpunkt 8:30 am Parkplatz"),
        (3, "Lena Hoffmann", False, "Bin dabei.\n\nHat jemand ein zweites Seil?"),
        (7, "Priya Natarajan", False, "Ich bring eins mit"),
    ]
    assert c.messages[1].timestamp == datetime(2021, 9, 10, 19, 5)
    assert b.warnings == [f"{p}: skipped 1 empty message(s) from 'No-Sender' (group updates)"]


def test_comma_header_with_crlf():
    p = FIXTURES / "Lena Hoffmann.md"
    assert b"\r\n" in p.read_bytes()
    assert signal.sniff(p, head(p))
    c = only(signal.parse(p))
    assert (c.key, c.is_group, c.peer) == ("Lena Hoffmann", False, "Lena Hoffmann")
    assert [(m.timestamp, m.sender, m.is_me, m.text) for m in c.messages] == [
        (datetime(2019, 12, 24, 12, 23), "Lena Hoffmann", False, "Frohe Weihnachten!"),
        (datetime(2019, 12, 24, 12, 40), "Me", True, "Dir auch, Lena!\nGuten Rutsch 🎆"),
        (datetime(2020, 1, 1, 0, 5), "Lena Hoffmann", False, "Frohes Neues: auf ein gutes 2020!"),
    ]


def test_shared_sample():
    p = SHARED / "signal" / "test_export.txt"
    if not p.is_file():
        pytest.skip(f"shared fixture not found at {p}")
    assert signal.sniff(p, head(p))
    b = signal.parse(p)
    c = only(b)
    assert (c.key, c.title) == ("test_export", "test_export")
    # no "Me" anywhere: the owner is one of the two named authors, so direction is unknown and it is 1:1
    assert c.is_group is False and c.peer is None
    assert [(m.line, m.timestamp, m.sender, m.is_me, m.text) for m in c.messages] == [
        (1, datetime(2019, 12, 24, 12, 23), "Jane Doe", None, "Hello John!"),
        (2, datetime(2020, 1, 17, 21, 49), "John Doe", None, "Hello\nJane!"),
    ]
    assert b.needs_me() is True
    assert [m.source_id for m in c.messages] == [m.source_id for m in only(signal.parse(p)).messages]


def test_sniff_rejects_other_formats(tmp_path):
    others = [p for p in SHARED.rglob("*") if p.is_file() and p.parent.name != "signal"] if SHARED.is_dir() else []
    for p in others:
        assert not signal.sniff(p, head(p)), p
    assert not signal.sniff(tmp_path / "a.txt", b"[01/30/19 20:49] Jahn Doe: Lorem ipsum\n")  # WhatsApp iOS
    assert not signal.sniff(tmp_path / "a.txt", b"2019-12-24, 12:23 - Jane: hi\n")  # WhatsApp Android ISO
    assert not signal.sniff(tmp_path / "a.txt", b"hello\n[2019-12-24, 12:23] Jane: hi\n")
    assert signal.sniff(tmp_path / "a.md", b"\xef\xbb\xbf\r\n\r\n[2019-12-24 12:23:05] Jane: hi\r\n")
    assert signal.sniff(tmp_path / "a.md", b"[2019-12-24 12:23] Jane : hi\n")  # 2019 "Sender : body"


def test_2019_style_and_identical_repeats(tmp_path):
    p = tmp_path / "Bob.md"
    p.write_text("\n[2019-03-01 09:00] Bob : ok\n[2019-03-01 09:00] Bob : ok\n[2019-03-01 09:01] Me : 👍\n", encoding="utf-8")
    c = only(signal.parse(p))
    assert [(m.line, m.sender, m.text, m.is_me) for m in c.messages] == [
        (2, "Bob", "ok", False), (3, "Bob", "ok", False), (4, "Me", "👍", True)]
    ids = [m.source_id for m in c.messages]
    assert len(set(ids)) == 3  # identical repeated messages still get distinct, stable ids
    assert ids == [m.source_id for m in only(signal.parse(p)).messages]


def test_first_line_not_a_header(tmp_path):
    p = tmp_path / "x.md"
    p.write_text("\n\nSome notes\n[2019-12-24, 12:23] Jane: hi\n", encoding="utf-8")
    with pytest.raises(ParseError) as e:
        signal.parse(p)
    assert e.value.line == 3
    assert str(e.value).startswith(f"{p}:3: ")


def test_impossible_date(tmp_path):
    p = tmp_path / "x.md"
    p.write_text("[2019-12-24, 12:23] Jane: hi\n[2019-13-40, 12:23] Jane: hi\n", encoding="utf-8")
    with pytest.raises(ParseError) as e:
        signal.parse(p)
    assert e.value.line == 2


def test_empty_and_binary(tmp_path):
    p = tmp_path / "x.md"
    p.write_text("\n  \n", encoding="utf-8")
    with pytest.raises(ParseError) as e:
        signal.parse(p)
    assert e.value.line == 1 and "no messages" in e.value.reason
    p.write_bytes(b"[2019-12-24, 12:23] Jane: hi\n\xc3\x28\n")
    with pytest.raises(ParseError) as e:
        signal.parse(p)
    assert e.value.line == 2
