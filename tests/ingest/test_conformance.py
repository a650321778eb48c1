"""The WhatsApp conformance corpus (tests/fixtures/whatsapp/conformance, one file per variant): the whole
folder imports unattended (no --me, no terminal), every message keeps its author, the user is no contact."""

import sqlite3

import pytest

from assistant.ingest import detect
from tests.paths import FIXTURES

CORPUS = FIXTURES / "whatsapp" / "conformance"
FILES = sorted(CORPUS.iterdir())

# file -> (messages, of which system lines)
EXPECTED = {
    "WhatsApp Chat - Bom Bracket.txt": (2, 0),
    "WhatsApp Chat - Choir.txt": (6, 1),
    "WhatsApp Chat - Zipped.zip": (2, 0),
    "WhatsApp Chat with Cut End.txt": (2, 0),
    "WhatsApp Chat with Cut Start.txt": (2, 0),
    "WhatsApp Chat with Day Part.txt": (2, 0),
    "WhatsApp Chat with Lena.txt": (4, 0),
    "WhatsApp Chat with No Year.txt": (2, 0),
    "WhatsApp Chat with Nul Bytes.txt": (2, 0),
    "WhatsApp Chat with Old Ios.txt": (2, 0),
    "WhatsApp Chat with Sue.txt": (2, 0),
    "WhatsApp Chat with Time First.txt": (2, 0),
    "WhatsApp%20Chat%20with%20Sue%20Park.txt": (2, 0),
    "WhatsApp.Chat.with.Aman.Negi.txt": (2, 0),
}


def test_corpus_is_complete():
    assert sorted(p.name for p in FILES) == sorted(EXPECTED)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_each_variant_parses_with_every_author(path):
    batch = detect(path).parse(path)
    msgs = [m for c in batch.conversations for m in c.messages]
    n, system = EXPECTED[path.name]
    assert (len(msgs), sum(m.kind == "system" for m in msgs)) == (n, system)
    assert all(m.sender for m in msgs if m.kind != "system")
    assert "Alex Chen" in batch.authors()


def test_folder_imports_unattended_with_directions(isolated_home, cli):
    code, out, err = cli("import", str(CORPUS))
    assert code == 0, err
    assert "owner unresolved" not in out
    for name, line in (("Nul Bytes", 1), ("Cut Start", 1), ("Cut End", 3)):
        assert f"WhatsApp Chat with {name}.txt:{line}: " in out
    db = sqlite3.connect(isolated_home / "outreach.sqlite3")
    total = db.execute("SELECT count(*) FROM messages").fetchone()[0]
    assert total == sum(n for n, _ in EXPECTED.values())
    orphan = db.execute("SELECT count(*) FROM messages WHERE kind != 'system' AND direction = 'in' "
                        "AND sender_id IS NULL").fetchone()[0]
    assert orphan == 0
    out_texts = [r[0] for r in db.execute("SELECT text FROM messages WHERE direction = 'out'")]
    assert len(out_texts) == 15 and "зображення пропущено" in out_texts
    names = {r[0] for r in db.execute("SELECT name FROM contacts")}
    assert "Alex Chen" not in names and {"Sue", "Sue Park", "Aman Negi", 'Thandi "Royalty" Tshabalala'} <= names
    assert "Choir" not in names  # the group's own notice is a system line, not a member


def test_utf16_export_is_read(tmp_path):
    path = CORPUS / "WhatsApp Chat with Sue.txt"
    assert path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    no_bom = tmp_path / "WhatsApp Chat with Sue.txt"
    no_bom.write_bytes(path.read_bytes().decode("utf-16").encode("utf-16-le"))
    assert [m.text for m in detect(no_bom).parse(no_bom).conversations[0].messages] == ["hi", "hello"]


def test_clear_refusals(tmp_path, isolated_home, cli):
    cut = tmp_path / "WhatsApp Chat - Cut.zip"
    cut.write_bytes((CORPUS / "WhatsApp Chat - Zipped.zip").read_bytes()[:40])
    code, _, err = cli("import", str(cut))
    assert code == 2 and str(cut) in err and "corrupt or cut .zip" in err
    import zipfile

    other = tmp_path / "photos.zip"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("IMG_0001.jpg", b"\xff\xd8")
    code, _, err = cli("import", str(other))
    assert code == 2 and "holds no chat export" in err and "IMG_0001.jpg" in err
    discord = tmp_path / "general.json"
    discord.write_text('{"guild": {"id": "1"}, "channel": {"id": "2"}, "messages": [{"id": "1", "type": "Default", '
                       '"timestamp": "2020-01-01T10:00:00+00:00", "content": "hi", "author": {"name": "bob"}}]}')
    code, _, err = cli("import", str(discord), "--format", "telegram")
    assert code == 2 and str(discord) in err and "--format" in err
    assert sqlite3.connect(isolated_home / "outreach.sqlite3").execute("SELECT count(*) FROM contacts").fetchone()[0] == 0
