"""The import pipeline on hand-built batches: people resolution, "me", directions, idempotency."""

from datetime import datetime, timezone
from pathlib import Path

import pytest

from assistant.domain import ImportBatch, RawContact, RawConversation, RawMessage
from assistant.ingest.pipeline import import_paths, resolve_me, write_batch
from assistant.store import Store

UTC = timezone.utc


def msg(i, sender, text, is_me=None, handles=(), day=1):
    return RawMessage(str(i), datetime(2024, 5, day, 10, i), sender, text, is_me=is_me, sender_handles=handles)


def chat_batch(path="WhatsApp Chat with Anna Schmidt.txt", peer="Anna Schmidt", me="Alex Chen"):
    conv = RawConversation("Anna Schmidt", "Anna Schmidt", False, peer=peer, messages=[
        msg(1, peer, "Hallo Alex! Wie war die Wanderung?"),
        msg(2, me, "Super, die Zugspitze war toll"),
        msg(3, None, "Messages are end-to-end encrypted"),
    ])
    conv.messages[2].kind = "system"
    return ImportBatch(Path(path), "whatsapp", "whatsapp", conversations=[conv])


def test_peer_named_chat_infers_me_and_directions(store):
    b = chat_batch()
    with store.transaction():
        resolve_me(store, [b])
    r = write_batch(store, b, UTC)
    assert (r.messages_added, r.contacts_added) == (3, 1)
    rows = store.db.execute("SELECT direction, sender_id, kind, ts FROM messages ORDER BY source_id").fetchall()
    anna = store.find_contact("Anna Schmidt").id
    assert [tuple(x[:3]) for x in rows] == [("in", anna, "text"), ("out", None, "text"), ("in", None, "system")]
    # naive local timestamps are read in the given zone
    assert rows[0]["ts"] == int(datetime(2024, 5, 1, 10, 1, tzinfo=UTC).timestamp())
    assert ("name", "alex chen") in store.me_keys("whatsapp")


def test_reimport_adds_nothing(store):
    b = chat_batch()
    with store.transaction():
        resolve_me(store, [b])
    write_batch(store, b, UTC)
    r = write_batch(store, b, UTC)
    assert (r.messages_added, r.messages_skipped, r.contacts_added, r.contacts_merged) == (0, 3, 0, 0)
    assert store.counts()["messages"] == 3 and store.counts()["contacts"] == 1


def test_same_person_from_vcard_and_chat_is_one_contact(store):
    card = ImportBatch(Path("contacts.vcf"), "vcard", "contacts", contacts=[
        RawContact("Anna Schmidt", [("phone", "+49 170 1234567"), ("email", "anna@example.org")], birthday="--04-15"),
    ])
    write_batch(store, card, UTC)
    b = chat_batch()
    with store.transaction():
        resolve_me(store, [b])
    r = write_batch(store, b, UTC)
    assert (r.contacts_added, r.contacts_merged) == (0, 1)
    linkedin = ImportBatch(Path("Connections.csv"), "linkedin", "linkedin", contacts=[
        RawContact("Anna S.", [("email", "ANNA@example.org"), ("linkedin", "https://www.linkedin.com/in/annas/")]),
    ])
    r = write_batch(store, linkedin, UTC)
    assert (r.contacts_added, r.contacts_merged) == (0, 1)
    [anna] = store.list_contacts()
    assert anna.birthday == "--04-15"
    assert {i["kind"] for i in store.identities(anna.id)} == {"phone", "email", "name", "linkedin"}
    assert store.important_dates(anna.id) == [("birthday", "--04-15")]


def test_group_without_known_me_is_left_unresolved_or_asked(store):
    conv = RawConversation("g1", "Hiking", True, messages=[msg(1, "Anna Schmidt", "Hi all"), msg(2, "Alex Chen", "Hi!")])
    b = ImportBatch(Path("WhatsApp Chat with Hiking.txt"), "whatsapp", "whatsapp", conversations=[conv])
    assert resolve_me(store, [b]) == [b]  # never refused: unresolved
    asked = []
    assert resolve_me(store, [b], ask=lambda path, authors: asked.append(authors) or "Alex Chen") == []
    assert asked == [["Alex Chen", "Anna Schmidt"]]
    r = write_batch(store, b, UTC)
    assert r.groups_added == 1 and r.contacts_added == 1
    members = store.db.execute("SELECT count(*) FROM group_members").fetchone()[0]
    assert members == 1  # Anna; the user is not a contact
    # remembered: a second group file needs no question
    assert resolve_me(store, [b]) == []


def test_author_common_to_all_files_is_me(store):
    g1 = RawConversation("g1", "A", True, messages=[msg(1, "Alex Chen", "x"), msg(2, "Bo Li", "y"), msg(3, "Cy Wu", "z")])
    g2 = RawConversation("g2", "B", True, messages=[msg(1, "Alex Chen", "x"), msg(2, "Di Ma", "y"), msg(3, "Cy Wu", "z")])
    g3 = RawConversation("g3", "C", True, messages=[msg(1, "Alex Chen", "x"), msg(2, "Ed Yu", "y")])
    batches = [ImportBatch(Path(f"{c.key}.txt"), "whatsapp", "whatsapp", conversations=[c]) for c in (g1, g2, g3)]
    resolve_me(store, batches)
    assert store.me_keys("whatsapp") == {("name", "alex chen")}


def test_format_marked_me_and_handles(store):
    conv = RawConversation("wxid_li", "李伟", False, peer="李伟", peer_handles=(("wechat", "wxid_li"),), messages=[
        msg(1, "李伟", "周末去大鹏骑行吗？", is_me=False),
        msg(2, "Alex", "好啊！", is_me=True),
    ])
    b = ImportBatch(Path("李伟.csv"), "wechat", "wechat", conversations=[conv])
    resolve_me(store, [b])  # nothing to ask: the format says who is who
    write_batch(store, b, UTC)
    li = store.find_contact("wxid_li")
    assert li.name == "李伟"
    assert [m["direction"] for m in store.messages_with(li.id)] == ["in", "out"]


def test_an_import_never_overwrites_a_date_the_user_set(store):
    card = ImportBatch(Path("contacts.vcf"), "vcard", "contacts", contacts=[
        RawContact("Anna Schmidt", [("phone", "+49 170 1234567")], birthday="--04-15"),
    ])
    write_batch(store, card, UTC)
    anna = store.find_contact("Anna Schmidt").id
    store.set_important_date(anna, "birthday", "1990-04-16")  # the user corrects it
    write_batch(store, card, UTC)
    assert store.important_dates(anna) == [("birthday", "1990-04-16")]


def test_a_chat_saved_under_a_phone_number_takes_the_name_the_address_book_brings(tmp_path):
    chat = tmp_path / "WhatsApp Chat with +49 170 1234567.txt"
    chat.write_text(
        "12/03/2024, 18:01 - +49 170 1234567: Hallo, bist du schon in Berlin?\n"
        "12/03/2024, 18:05 - Me: Ja, seit gestern!\n",
        encoding="utf-8",
    )
    card = tmp_path / "contacts.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jonas Weber\r\nN:Weber;Jonas;;;\r\nTEL;TYPE=CELL:+49 170 1234567\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    store = Store(tmp_path / "s.sqlite3")
    import_paths(store, [chat], me=["Me"], tz=UTC)
    assert [r[0] for r in store.db.execute("SELECT name FROM contacts")] == ["+49 170 1234567"]
    import_paths(store, [card], tz=UTC)
    assert [r[0] for r in store.db.execute("SELECT name FROM contacts")] == ["Jonas Weber"]
    store.close()
