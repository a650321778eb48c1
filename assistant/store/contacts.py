"""Small reads of the contacts table for the front ends' use cases (pickers, finding names in a text).
Plain functions over a connection; the contact model and its writes live in store/db.py."""

from __future__ import annotations

import sqlite3


def names_sorted(db: sqlite3.Connection) -> list[tuple[int, str]]:
    """(id, name) of every contact, by name."""
    return [(r[0], r[1]) for r in db.execute("SELECT id, name FROM contacts ORDER BY name")]


def names_at_least(db: sqlite3.Connection, min_len: int = 2) -> list[tuple[int, str]]:
    """(id, name) of the contacts whose name has at least `min_len` characters."""
    return [(r[0], r[1]) for r in db.execute("SELECT id, name FROM contacts WHERE length(name) >= ?", (min_len,))]


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
