"""`outreach import` end to end: real files, the real CLI, a real SQLite file."""

import json
import shutil
import sqlite3

import pytest

from assistant.cli import main
from tests.paths import FIXTURES, SHARED_FIXTURES

SHARED = sorted(p for p in SHARED_FIXTURES.rglob("*") if p.is_file()) if SHARED_FIXTURES.is_dir() else []


def snapshot(home):
    """Everything in the store, to compare before/after a failed import."""
    db = sqlite3.connect(home / "outreach.sqlite3")
    tables = ("contacts", "identities", "messages", "groups", "group_members", "me", "imports", "important_dates")
    return {t: db.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}


@pytest.mark.skipif(not SHARED, reason=f"no real export samples in {SHARED_FIXTURES}")
@pytest.mark.parametrize("path", SHARED, ids=lambda p: str(p.relative_to(SHARED_FIXTURES)))
def test_every_shared_fixture_imports_once_or_is_rejected_clearly(path, isolated_home, capsys):
    me = "Author 1" if path.parent.name == "telegram" else "John Doe"  # these exports do not mark the owner
    code = main(["import", str(path), "--me", me])
    out, err = capsys.readouterr()
    if path.name == "SOURCES.md":
        assert code == 2 and "not a recognised chat or contact export" in err and str(path) in err
        return
    assert code == 0, err
    added = snapshot(isolated_home)
    assert added["messages"] or added["contacts"], f"{path.name} imported nothing"
    assert main(["import", str(path)]) == 0
    out, _ = capsys.readouterr()
    assert "+0 messages" in out and "+0 contacts" in out
    after = snapshot(isolated_home)
    assert after["messages"] == added["messages"] and after["contacts"] == added["contacts"]


def _write(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p


def test_malformed_files_are_rejected_naming_file_and_line_and_change_nothing(tmp_path, isolated_home, capsys):
    good = FIXTURES / "whatsapp" / "WhatsApp Chat with Noah Fischer.txt"
    assert main(["import", str(good)]) == 0
    before = snapshot(isolated_home)
    telegram = json.dumps({"name": "Anna", "type": "personal_chat", "id": 1, "messages": [
        {"id": 1, "type": "message", "date": "2020-01-01T10:00:00", "from": "Anna", "from_id": "user1", "text": "hi"},
        {"id": 2, "type": "message", "date": "2020-01-01T10:01:00", "from": "Anna", "from_id": "user1", "text": "x"},
    ]}, indent=1)
    cases = {
        "truncated.json": (telegram[: len(telegram) // 2], ":"),
        "messages.csv": ("CONVERSATION ID,CONVERSATION TITLE,FROM,DATE\n1,t,Anna,2023-05-01 14:22:10 UTC\n", "CONTENT"),
        "junk.txt": (bytes(range(256)) * 4, ":"),
        "WhatsApp Chat with Anna.txt": ("12/01/2020, 10:00 - Anna: hi\n13/01/2020, 10:01 - Anna: ok\n"
                                        "32/01/2020, 10:02 - Anna: broken\n", ":3"),
    }
    for name, (content, where) in cases.items():
        bad = _write(tmp_path, name, content)
        code = main(["import", str(good), str(bad)])  # a good file beside a bad one is not written either
        err = capsys.readouterr().err
        assert code == 2, name
        assert str(bad) in err and where in err and "nothing was imported" in err, err
        assert snapshot(isolated_home) == before, name


def test_folder_import_skips_non_exports_and_is_idempotent(tmp_path, isolated_home, capsys):
    folder = tmp_path / "exports"
    shutil.copytree(FIXTURES / "wechat" / "pywxdump", folder / "pywxdump")
    shutil.copy(FIXTURES / "whatsapp" / "WhatsApp Chat with Noah Fischer.txt", folder)
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    assert main(["import", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "photo.jpg: skipped" in out
    first = snapshot(isolated_home)
    assert main(["import", str(folder)]) == 0
    assert snapshot(isolated_home)["messages"] == first["messages"]


def test_one_person_across_whatsapp_vcard_and_linkedin(tmp_path, isolated_home, capsys):
    chat = _write(tmp_path, "WhatsApp Chat with Mara Lindqvist.txt",
                  "03/02/2024, 18:01 - Mara Lindqvist: Hej! Still climbing on Thursdays?\n"
                  "03/02/2024, 18:05 - Alex Chen: Yes! Come along\n")
    card = _write(tmp_path, "contacts.vcf",
                  "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mara Lindqvist\r\nN:Lindqvist;Mara;;;\r\n"
                  "TEL;TYPE=CELL:+46 70 123 45 67\r\nEMAIL:mara@example.se\r\nBDAY:1991-06-02\r\nEND:VCARD\r\n")
    conns = _write(tmp_path, "Connections.csv",
                   "Notes:\n\"When exporting your connection data...\"\n\n"
                   "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                   "Mara,Lindqvist,https://www.linkedin.com/in/maralindqvist,mara@example.se,Spotify,Engineer,"
                   "22 Dec 2021\n")
    assert main(["import", str(card)]) == 0
    assert main(["import", str(chat), str(conns)]) == 0
    out = capsys.readouterr().out
    assert "2 merged" in out or ("1 merged" in out and out.count("1 merged") == 2)
    db = sqlite3.connect(isolated_home / "outreach.sqlite3")
    assert db.execute("SELECT count(*) FROM contacts").fetchone()[0] == 1
    assert main(["contacts", "show", "mara@example.se"]) == 0
    out = capsys.readouterr().out
    assert "1991-06-02" in out and "Still climbing" in out and "linkedin.com/in/maralindqvist" in out


def test_linkedin_side_files_in_a_folder_are_skipped_but_named_files_are_refused(tmp_path, capsys):
    folder = tmp_path / "Basic_LinkedInDataExport"
    folder.mkdir()
    for name in ("Connections.csv", "messages.csv", "Invitations.csv", "guide_messages.csv"):
        shutil.copy(FIXTURES / "linkedin" / name, folder)
    assert main(["import", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "Invitations.csv: skipped" in out and "guide_messages.csv: skipped" in out
    assert main(["import", str(folder / "guide_messages.csv")]) == 2
    assert "guide_messages.csv" in capsys.readouterr().err
