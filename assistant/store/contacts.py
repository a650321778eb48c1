"""Small reads of the contacts table (and the user's own names, the `me` table) for the features and the
front ends' use cases (pickers, finding names in a text, chunk texts, talking to the user by name).
Plain functions over a connection; the contact model and its writes live in store/db.py."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence


def names_sorted(db: sqlite3.Connection) -> list[tuple[int, str]]:
    """(id, name) of every contact, by name."""
    return [(r[0], r[1]) for r in db.execute("SELECT id, name FROM contacts ORDER BY name")]


def names_at_least(db: sqlite3.Connection, min_len: int = 2) -> list[tuple[int, str]]:
    """(id, name) of the contacts whose name has at least `min_len` characters."""
    return [(r[0], r[1]) for r in db.execute("SELECT id, name FROM contacts WHERE length(name) >= ?", (min_len,))]


def names_by_id(db: sqlite3.Connection) -> dict[int, str]:
    """id -> name of every contact."""
    return {r[0]: r[1] for r in db.execute("SELECT id, name FROM contacts")}


def existing_ids(db: sqlite3.Connection, ids: Sequence[int]) -> set[int]:
    """Those of `ids` that are contacts (a contact may have been deleted since the ids were read)."""
    if not ids:
        return set()
    marks = ",".join("?" * len(ids))
    return {r[0] for r in db.execute(f"SELECT id FROM contacts WHERE id IN ({marks})", list(ids))}


def names_and_aliases(db: sqlite3.Connection) -> list[tuple[int, str]]:
    """(contact id, name) for every contact's name and every name, alias or WeChat remark of their identities."""
    return [(r[0], r[1]) for r in db.execute(
        "SELECT c.id, c.name FROM contacts c UNION ALL "
        "SELECT i.contact_id, i.value FROM identities i WHERE i.kind IN ('name', 'alias', 'wechat_remark')")]


def my_names(db: sqlite3.Connection) -> list[str]:
    """The names the user goes by (the `me` table), each once, sorted."""
    return [r[0] for r in db.execute("SELECT DISTINCT raw FROM me WHERE kind = 'name' ORDER BY raw")]


def my_longest_name(db: sqlite3.Connection) -> str | None:
    """The longest of the user's names (usually the full one), or None when none is known."""
    row = db.execute("SELECT raw FROM me WHERE kind = 'name' ORDER BY length(raw) DESC LIMIT 1").fetchone()
    return row[0] if row else None


def names_of(db: sqlite3.Connection, contact_ids) -> dict[int, list[str]]:
    """contact id -> their names: the contact's name, then the names, aliases and remarks their identities give."""
    ids = sorted({int(c) for c in contact_ids if c is not None})
    out: dict[int, list[str]] = {c: [] for c in ids}
    if not ids:
        return out
    marks = ",".join("?" * len(ids))
    for cid, name in db.execute(
        f"SELECT id, name FROM contacts WHERE id IN ({marks}) UNION ALL SELECT contact_id, raw FROM identities "
        f"WHERE contact_id IN ({marks}) AND kind IN ('name', 'alias', 'wechat_remark')", [*ids, *ids]
    ):
        if name and name not in out[cid]:
            out[cid].append(name)
    return out
