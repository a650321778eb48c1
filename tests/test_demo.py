"""The demo data set through the real CLI: every file imports, people merge across channels, re-import is a no-op."""

import json
import sqlite3

import pytest

from assistant.cli import main
from tests.paths import DEMO_DATA

MANIFEST = json.loads((DEMO_DATA / "MANIFEST.json").read_text(encoding="utf-8"))


@pytest.fixture
def demo_db(isolated_home, capsys):
    assert main(["demo", "--no-index", "--no-tui"]) == 0
    out = capsys.readouterr().out
    return sqlite3.connect(isolated_home / "outreach.sqlite3"), out


def test_every_demo_file_imports_with_the_manifest_counts(demo_db):
    db, out = demo_db
    for f in MANIFEST["files"]:
        if not f.get("entries"):
            continue
        n = db.execute("SELECT count(*) FROM messages WHERE source_file = ?", (f["path"].split("/")[-1],)).fetchone()[0]
        expected = f["entries"] - len(f.get("automated", []))  # newsletters from strangers are skipped on purpose
        assert n == expected, f["path"]
    assert "13 file(s)" in out


def test_people_are_merged_across_channels(demo_db, capsys):
    db, _ = demo_db

    def channels(name):
        rows = db.execute(
            "SELECT DISTINCT s.channel FROM contact_sources s JOIN contacts c ON c.id = s.contact_id "
            "WHERE c.id = (SELECT contact_id FROM identities WHERE kind = 'name' AND value = ? LIMIT 1)",
            (name.lower(),),
        )
        return {r[0] for r in rows}

    assert {"whatsapp", "contacts", "telegram"} <= channels("Anna Schmidt")  # phone in WhatsApp name, vCard, Telegram
    assert {"email", "linkedin", "contacts"} <= channels("Sarah Miller")  # the same e-mail everywhere
    assert {"whatsapp", "contacts", "linkedin"} <= channels("Priya Sharma")  # WhatsApp name-only chat folded in
    assert {"wechat", "contacts"} <= channels("李伟")  # the same wxid in the chat, the group and the vCard
    n = db.execute("SELECT count(*) FROM identities WHERE kind = 'name' AND value = 'priya sharma'").fetchone()[0]
    assert n == 1
    # the user is never a contact
    assert db.execute("SELECT count(*) FROM contacts WHERE name = 'Alex Chen'").fetchone()[0] == 0
    # directions come from each format's own marker or from the inferred "me"
    for conv_like, expected in (("%Anna Schmidt%", {"in", "out"}), ("wxid_2lw8v6n3c9x512", {"in", "out"})):
        got = {r[0] for r in db.execute(
            "SELECT DISTINCT direction FROM messages WHERE conversation LIKE ? AND kind = 'text'", (conv_like,))}
        assert got == expected, conv_like


def test_reimporting_the_demo_adds_nothing(demo_db, capsys):
    db, _ = demo_db
    before = [db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("contacts", "messages", "identities")]
    assert main(["demo", "--no-index", "--no-tui"]) == 0
    out = capsys.readouterr().out
    assert "0 messages added" in out and "0 contacts added, 0 merged" in out
    after = [db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("contacts", "messages", "identities")]
    assert after == before


def test_big_old_group_is_a_group_with_its_members(demo_db):
    db, _ = demo_db
    name, members = db.execute(
        "SELECT g.name, count(gm.contact_id) FROM groups g JOIN group_members gm ON gm.group_id = g.id "
        "WHERE g.channel = 'wechat' GROUP BY g.id"
    ).fetchone()
    assert "2016" in name and members >= 150
