"""Who is "me": never blocks an import; settled later in place with `outreach me NAME`."""

import sqlite3

from assistant.store import Store


def write(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    p.write_text(text, encoding="utf-8")
    return p


GROUP = (
    "[03/02/2024, 18:01:00] Mara Lindqvist: Climbing Thursday?\n"
    "[03/02/2024, 18:02:00] Alex Chen: Yes!\n"
    "[03/02/2024, 18:03:00] Jonas Berg: Count me in\n"
)


def directions(home):
    db = sqlite3.connect(home / "outreach.sqlite3")
    rows = db.execute(
        "SELECT m.text, m.direction, c.name FROM messages m LEFT JOIN contacts c ON c.id = m.sender_id ORDER BY m.ts"
    ).fetchall()
    return rows, [r[0] for r in db.execute("SELECT name FROM contacts ORDER BY name")]


def test_group_without_owner_imports_unresolved_then_outreach_me_settles_it(tmp_path, isolated_home, cli):
    chat = write(tmp_path, "_chat.txt", GROUP)
    code, out, err = cli("import", str(chat))
    assert code == 0, err
    assert "owner unresolved" in out and "outreach me NAME" in out
    rows, names = directions(isolated_home)
    assert all(d == "in" for _, d, _ in rows) and "Alex Chen" in names
    s = Store(isolated_home / "outreach.sqlite3")
    assert len(s.owner_pending()) == 1
    s.close()

    code, out, _ = cli("me", "Alex Chen")
    assert code == 0 and "1 message(s) re-assigned" in out and "1 chat(s) settled" in out
    rows, names = directions(isolated_home)
    assert ("Yes!", "out", None) in rows and ("Count me in", "in", "Jonas Berg") in rows
    assert "Alex Chen" not in names  # the user is not a contact
    # a later import of the same chat knows the owner now
    code, out, _ = cli("import", str(chat))
    assert code == 0 and "owner unresolved" not in out


def test_one_to_one_without_a_named_peer_is_settled_both_ways(tmp_path, isolated_home, cli):
    chat = write(tmp_path / "exp", "_chat.txt",
                 "[03/02/2024, 18:01:00] Alex Chen: Hi Mara\n[03/02/2024, 18:02:00] Mara Lindqvist: Hej!\n")
    assert cli("import", str(chat))[0] == 0
    assert cli("me", "Alex Chen")[0] == 0
    db = sqlite3.connect(isolated_home / "outreach.sqlite3")
    rows = db.execute("SELECT m.text, m.direction, c.name FROM messages m JOIN contacts c ON c.id = m.contact_id "
                      "ORDER BY m.ts").fetchall()
    assert rows == [("Hi Mara", "out", "Mara Lindqvist"), ("Hej!", "in", "Mara Lindqvist")]
    assert [r[0] for r in db.execute("SELECT name FROM contacts")] == ["Mara Lindqvist"]


def test_me_given_but_never_wrote_is_an_observer(tmp_path, isolated_home, cli):
    chat = write(tmp_path, "_chat.txt", GROUP)
    code, out, err = cli("import", str(chat), "--me", "Sam Observer")
    assert code == 0, err
    assert "owner unresolved" not in out
    rows, names = directions(isolated_home)
    assert all(d == "in" for _, d, _ in rows) and len(names) == 3


def test_owner_env_names_an_observer(tmp_path, isolated_home, cli, monkeypatch):
    monkeypatch.setenv("OUTREACH_ME", "Sam Observer")
    chat = write(tmp_path, "_chat.txt", GROUP)
    code, out, _ = cli("import", str(chat))
    assert code == 0 and "owner unresolved" not in out


def test_author_common_with_chats_already_in_the_store(tmp_path, isolated_home, cli):
    a = write(tmp_path / "a", "_chat.txt", "[03/02/2024, 18:01:00] Alex Chen: Hi\n[03/02/2024, 18:02:00] Bo Li: Yo\n")
    b = write(tmp_path / "b", "_chat.txt", "[04/02/2024, 18:01:00] Cy Wu: Hey\n[04/02/2024, 18:02:00] Alex Chen: Hi Cy\n")
    assert "owner unresolved" in cli("import", str(a))[1]
    code, out, _ = cli("import", str(b))
    assert code == 0 and "owner unresolved" not in out
    db = sqlite3.connect(isolated_home / "outreach.sqlite3")
    assert db.execute("SELECT text FROM messages WHERE direction = 'out' ORDER BY ts").fetchall() == [("Hi",), ("Hi Cy",)]
    assert db.execute("SELECT count(*) FROM owner_pending").fetchone()[0] == 0
    assert "Alex Chen" not in [r[0] for r in db.execute("SELECT name FROM contacts")]


def test_peer_known_under_another_name_in_the_store(tmp_path, isolated_home, cli):
    card = write(tmp_path, "c.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sue\r\nTEL:+44 7700 900123\r\nEND:VCARD\r\n"
                 "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Susan Miller\r\nTEL:+44 7700 900123\r\nEND:VCARD\r\n")
    assert cli("import", str(card))[0] == 0
    chat = write(tmp_path, "WhatsApp Chat with +44 7700 900123.txt",
                 "03/02/2024, 18:01 - Susan Miller: Hi\n03/02/2024, 18:02 - Alex Chen: Hello\n")
    code, out, _ = cli("import", str(chat))
    assert code == 0 and "owner unresolved" not in out
    db = sqlite3.connect(isolated_home / "outreach.sqlite3")
    assert db.execute("SELECT text, direction FROM messages ORDER BY ts").fetchall() == [("Hi", "in"), ("Hello", "out")]


def test_file_name_peer_by_first_name(tmp_path, isolated_home, cli):
    chat = write(tmp_path, "WhatsApp.Chat.with.Aman.txt",
                 "03/02/2024, 18:01 - Aman Negi: Hi\n03/02/2024, 18:02 - Alex Chen: Hello\n")
    code, out, _ = cli("import", str(chat))
    assert code == 0 and "owner unresolved" not in out
    db = sqlite3.connect(isolated_home / "outreach.sqlite3")
    assert db.execute("SELECT text, direction FROM messages ORDER BY ts").fetchall() == [("Hi", "in"), ("Hello", "out")]


def test_folder_import_skips_a_broken_chat_and_refuses_an_empty_folder(tmp_path, isolated_home, cli):
    folder = tmp_path / "exports"
    write(folder, "WhatsApp Chat with Mara.txt", "03/02/2024, 18:01 - Mara: Hi\n03/02/2024, 18:02 - Alex: Hello\n")
    write(folder, "WhatsApp Chat with Bo.txt", "03/02/2024, 18:01 - Bo: Hi\n32/02/2024, 18:02 - Alex: Hello\n")
    code, out, err = cli("import", str(folder))
    assert code == 0, err
    assert "WhatsApp Chat with Bo.txt:2" in out and "skipped" in out
    (tmp_path / "empty").mkdir()
    before = directions(isolated_home)
    code, _, err = cli("import", str(tmp_path / "empty"))
    assert code == 2 and "empty" in err and "holds no files" in err
    assert directions(isolated_home) == before


def test_wechat_owner_rows_naming_the_contact_never_make_the_contact_me(tmp_path, isolated_home, cli):
    folder = tmp_path / "聊天记录" / "李雷(wxid_lilei2019)"
    header = "localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender\n"
    write(folder, "李雷.csv", header
          + "1,57,1,0,0,1704067260,0,周末骑车吗,2024-01-01 08:01:00,李雷,Lei Li,wxid_lilei2019\n"
          + "2,57,1,0,1,1704067320,0,好啊,2024-01-01 08:02:00,李雷,Lei Li,我\n")
    code, out, err = cli("import", str(folder / "李雷.csv"))
    assert code == 0, err
    db = sqlite3.connect(isolated_home / "outreach.sqlite3")
    assert db.execute("SELECT text, direction FROM messages ORDER BY ts").fetchall() == [("周末骑车吗", "in"), ("好啊", "out")]
    assert db.execute("SELECT count(*) FROM me WHERE value IN ('李雷', 'lei li')").fetchone()[0] == 0
