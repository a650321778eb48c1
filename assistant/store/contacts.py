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
