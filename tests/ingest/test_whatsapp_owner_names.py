"""WhatsApp: the owner from localised file names, from notices that name other people, from "~" strangers;
edited and view-once markers. Fixtures: tests/fixtures/whatsapp/owners (one file per case, real formats)."""

import sqlite3
from datetime import timezone
from pathlib import Path

import pytest

from assistant.ingest import detect
from assistant.ingest.pipeline import import_paths
from assistant.ingest.whatsapp import _title
from assistant.store import Store
from tests.paths import FIXTURES

OWNERS = FIXTURES / "whatsapp" / "owners"
ONE_TO_ONE = sorted(p for p in OWNERS.iterdir() if "Hiking Club" not in p.name)


@pytest.mark.parametrize(
    "name, peer",
    [
        ("WhatsApp Chat with Ana Souza.txt", "Ana Souza"),
        ("WhatsApp Chat - Priya Nair.zip", "Priya Nair"),
        ("WhatsApp Chat with Ana (1).txt", "Ana"),
        ("Chat de WhatsApp con Lucía Gómez.txt", "Lucía Gómez"),
        ("WhatsApp-Chat mit Lena Vogel.txt", "Lena Vogel"),
        ("WhatsApp Chat mit Lena.txt", "Lena"),
        ("Conversa do WhatsApp com João Silva.txt", "João Silva"),
        ("Discussion WhatsApp avec Le chalet.txt", "Le chalet"),
        ("Chat WhatsApp con Giulia.txt", "Giulia"),
        ("WhatsApp-chat met Daan.txt", "Daan"),
        ("Czat WhatsApp z Olą.txt", "Olą"),
        ("Чат WhatsApp с Иван Петров.txt", "Иван Петров"),
        ("Chat WhatsApp dengan Budi.txt", "Budi"),
        ("Ayşe Kaya ile WhatsApp Sohbeti.txt", "Ayşe Kaya"),
        ("与+224 623 21 70 09的 WhatsApp 聊天.txt", "+224 623 21 70 09"),
        ("与王芳的WhatsApp聊天.txt", "王芳"),
        ("與陳大文的 WhatsApp 對話.txt", "陳大文"),
        ("김민수님과의 WhatsApp 대화.txt", "김민수"),
        ("WhatsApp.Chat.with.Aman.Negi.txt", "Aman Negi"),
        ("WhatsApp%20Chat%20with%20Sue%20Park.txt", "Sue Park"),
    ],
)
def test_localised_file_names_yield_the_chat_name(name, peer):
    assert _title(Path("/exports") / name) == (peer, True)


@pytest.mark.parametrize("name", ["chat.txt", "export 2023 - x.txt", "notes about whatsapp 2023 - x.txt"])
def test_other_file_names_are_not_chat_names(name):
    assert _title(Path("/exports") / name)[1] is False


def import_alone(tmp_path, path):
    store = Store(tmp_path / "s.sqlite3")
    summary = import_paths(store, [path], tz=timezone.utc)
    me = {r["value"] for r in store.db.execute("SELECT value FROM me")}
    contacts = {r[0] for r in store.db.execute("SELECT name FROM contacts")}
    rows = store.db.execute("SELECT text, direction, kind FROM messages ORDER BY ts, id").fetchall()
    store.close()
    return summary, me, contacts, [tuple(r) for r in rows]


@pytest.mark.parametrize("path", ONE_TO_ONE, ids=lambda p: p.name)
def test_each_localised_one_to_one_chat_imports_unattended_with_the_owner(tmp_path, path):
    summary, me, contacts, rows = import_alone(tmp_path, path)
    assert not summary.unresolved
    assert me == {"alex chen"}
    assert "Alex Chen" not in contacts and len(contacts) == 1
    assert any(d == "out" for _, d, _ in rows)


def test_group_the_user_only_reads_is_settled_as_an_observer(tmp_path):
    # every author is named by a notice ("Maya Rossi added you", "Tom Berg joined") or is a "~" stranger
    summary, me, contacts, rows = import_alone(tmp_path, OWNERS / "WhatsApp Chat with Hiking Club.txt")
    assert not summary.unresolved and me == set()
    assert contacts == {"Maya Rossi", "Tom Berg", "Kai"}
    assert all(d == "in" for _, d, _ in rows)


def test_chat_only_the_user_wrote_in(tmp_path):
    summary, me, contacts, rows = import_alone(tmp_path, OWNERS / "WhatsApp Chat with Nora Field.txt")
    assert me == {"alex chen"} and contacts == {"Nora Field"}
    assert [d for _, d, _ in rows] == ["out", "out"]


def write(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def test_a_lone_phone_number_or_stranger_is_never_taken_for_the_owner(tmp_path):
    # a phone number may be the peer saved under no name: left for `outreach me`; a "~" stranger is not the user
    for i, (author, unresolved) in enumerate((("+44 7700 900123", 1), ("~ Nora", 0))):
        chat = write(tmp_path / str(i), "WhatsApp Chat with Nora Field.txt",
                     f"17/03/2024, 09:00 - {author}: Hi, it's Nora with my new number\n")
        summary, me, _, _ = import_alone(tmp_path / str(i), chat)
        assert me == set()
        assert len(summary.unresolved) == unresolved


def test_notices_name_the_longest_matching_author():
    # "John Doe 🤓 left" says John Doe 🤓 is not the owner; it says nothing about John Doe
    chat = FIXTURES / "whatsapp" / "owners" / "WhatsApp Chat with Hiking Club.txt"
    batch = detect(chat).parse(chat)
    assert batch.not_me == {"Maya Rossi", "Tom Berg", "Kai"}
    from assistant.ingest.whatsapp import _named_in_notices

    authors = {"John Doe", "John Doe 🤓", "Bo"}
    assert _named_in_notices(authors, ["John Doe 🤓 left", "Bob left", "Bo's security code changed"]) == {
        "John Doe 🤓", "Bo"}


def test_edited_marker_dropped_and_view_once_kept_as_media(tmp_path):
    summary, _, _, rows = import_alone(tmp_path, OWNERS / "Chat de WhatsApp con Lucía Gómez.txt")
    assert ("Sí, a las 8", "out", "text") in rows
    assert ("null", "in", "media") in rows
    for name, text in (("WhatsApp-Chat mit Lena Vogel.txt", "Ja, um 18 Uhr"),
                       ("Conversa do WhatsApp com João Silva.txt", "Tudo bem?")):
        batch = detect(OWNERS / name).parse(OWNERS / name)
        texts = [m.text for m in batch.conversations[0].messages]
        assert text in texts and not any("<" in t for t in texts)


@pytest.mark.parametrize("marker", ["<This message was edited>", "<Se editó este mensaje.>",
                                    "<Diese Nachricht wurde bearbeitet>", "\u200e<Ce message a été modifié>",
                                    "<Bu mesaj düzenlendi>", "<Ta wiadomość została edytowana>"])
def test_edited_markers_in_many_languages(tmp_path, marker):
    chat = write(tmp_path, "WhatsApp Chat with Ana.txt",
                 f"01/02/2024, 08:00 - Ana: See you at 8 {marker}\n01/02/2024, 08:01 - Ana: Line one\n"
                 f"line two {marker}\n")
    msgs = detect(chat).parse(chat).conversations[0].messages
    assert [(m.text, m.kind) for m in msgs] == [("See you at 8", "text"), ("Line one\nline two", "text")]


def test_folder_of_localised_chats_and_store_has_no_owner_contact(tmp_path, isolated_home, cli):
    code, out, err = cli("import", str(OWNERS))
    assert code == 0, err
    assert "owner unresolved" not in out
    db = sqlite3.connect(isolated_home / "outreach.sqlite3")
    names = {r[0] for r in db.execute("SELECT name FROM contacts")}
    assert "Alex Chen" not in names and {"王芳", "Ayşe Kaya", "Kai"} <= names
