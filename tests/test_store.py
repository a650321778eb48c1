import sqlite3

import pytest

from assistant.store import Store, StoreError
from assistant.store.migrations import MIGRATIONS


def test_migrations_are_recorded_and_idempotent(store):
    names = [r[0] for r in store.db.execute("SELECT name FROM _migrations ORDER BY rowid")]
    assert names == [name for name, _ in MIGRATIONS] and names[0] == "001_core"
    assert store.migrate() == []
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reopening_keeps_data(isolated_home):
    s = Store(isolated_home / "db.sqlite3")
    s.create_contact("Anna Schmidt")
    s.close()
    s = Store(isolated_home / "db.sqlite3")
    assert [c.name for c in s.list_contacts()] == ["Anna Schmidt"]


def test_transaction_rolls_back_everything(store):
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.create_contact("Li Wei")
            raise RuntimeError("boom")
    assert store.counts()["contacts"] == 0


def test_match_by_strong_identity_and_full_name(store):
    a = store.create_contact("Anna Schmidt")
    store.add_identity(a, "phone", "+49 170 1234567", "contacts")
    store.add_identity(a, "name", "Anna Schmidt", "contacts")
    t = store.create_contact("Tom")
    store.add_identity(t, "name", "Tom", "whatsapp")
    assert store.match_contact("Someone Else", [("phone", "0170 1234567")]) == a
    assert store.match_contact("anna  schmidt", []) == a
    assert store.match_contact("Tom", []) is None  # a single first name is not enough to merge people
    assert store.match_contact("Nobody Here", [("email", "x@y.z")]) is None


def test_merge_moves_everything_and_deletes_source(store):
    a = store.create_contact("Anna Schmidt", circle="close")
    b = store.create_contact("Anna S.", birthday="1990-04-15", interests=["hiking"])
    store.add_identity(b, "email", "anna@example.org", "linkedin")
    with store.transaction():
        store.insert_messages([("whatsapp", "anna", b, None, b, "in", "text", 1_600_000_000, "Hallo", "f.txt", "1")])
    store.merge(a, b)
    merged = store.get_contact(a)
    assert store.get_contact(b) is None
    assert merged.circle == "close" and merged.birthday == "1990-04-15" and merged.interests == ["hiking"]
    assert [r["raw"] for r in store.identities(a)] == ["anna@example.org"]
    assert [m["text"] for m in store.messages_with(a)] == ["Hallo"]
    with pytest.raises(StoreError):
        store.merge(a, a)


def test_split_moves_one_channel_to_a_new_contact(store):
    a = store.create_contact("Li Wei")
    store.add_identity(a, "wechat", "wxid_liwei", "wechat")
    store.add_identity(a, "name", "Li Wei (LinkedIn)", "linkedin")
    store.add_identity(a, "linkedin", "https://www.linkedin.com/in/liwei-other", "linkedin")
    with store.transaction():
        store.insert_messages([
            ("wechat", "wxid_liwei", a, None, a, "in", "text", 1, "你好", "a.csv", "1"),
            ("linkedin", "conv1", a, None, a, "in", "text", 2, "Hi", "m.csv", "1"),
        ])
    new = store.split(a, "linkedin")
    assert store.get_contact(new).name == "Li Wei (LinkedIn)"
    assert [m["text"] for m in store.messages_with(a)] == ["你好"]
    assert [m["text"] for m in store.messages_with(new)] == ["Hi"]
    assert {r["kind"] for r in store.identities(new)} == {"name", "linkedin"}
    with pytest.raises(StoreError):
        store.split(a, "telegram")


def test_duplicate_messages_are_ignored(store):
    row = ("whatsapp", "c", None, None, None, "out", "text", 5, "x", "f", "id1")
    with store.transaction():
        assert store.insert_messages([row]) == 1
        assert store.insert_messages([row]) == 0
    assert store.counts()["messages"] == 1


def test_find_contact_errors_are_clear(store):
    store.create_contact("Anna Schmidt")
    store.create_contact("Anna Müller")
    with pytest.raises(StoreError, match="matches 2 contacts"):
        store.find_contact("Anna")
    with pytest.raises(StoreError, match="no contact"):
        store.find_contact("Zed")
    assert store.find_contact("anna müller").name == "Anna Müller"


def test_bad_field_values_are_rejected(store):
    c = store.create_contact("X Y")
    with pytest.raises(StoreError, match="circle"):
        store.update_contact(c, circle="bestie")
    with pytest.raises(StoreError, match="unknown"):
        store.update_contact(c, shoe_size=42)
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute("UPDATE contacts SET circle = 'x' WHERE id = ?", (c,))


def test_find_contact_by_handle_or_phone(store):
    c = store.create_contact("Omar Haddad")
    store.add_identity(c, "phone", "+971 50 123 4567", "whatsapp")
    store.add_identity(c, "wechat", "wxid_OmarH", "wechat")
    assert store.find_contact("050 123 4567").id == c
    assert store.find_contact("wxid_OmarH").id == c
    assert store.find_contact(str(c)).id == c and store.find_contact(f"#{c}").id == c
