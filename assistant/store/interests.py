"""Reads of what contacts are into: the interests the user set on a contact (contacts.interests, a JSON list)
and those found in their messages (contact_interests, written by assistant.retrieval.interests, which owns
that table's writes). Plain functions over a connection."""

from __future__ import annotations

import json
import sqlite3


def set_interests(db: sqlite3.Connection) -> list[tuple[int, list[str]]]:
    """(contact id, interests) for every contact with interests set on them."""
    return [(cid, json.loads(interests))
            for cid, interests in db.execute("SELECT id, interests FROM contacts WHERE interests != '[]'")]


def found_interests(db: sqlite3.Connection) -> list[tuple[int, str, list[int]]]:
    """(contact id, label, evidence message ids) for every interest found in the messages."""
    return [(cid, label, [int(i) for i in json.loads(evidence or "[]")]) for cid, label, evidence in db.execute(
        "SELECT contact_id, label, evidence FROM contact_interests WHERE kind = 'interest'")]


def top_labels(db: sqlite3.Connection, contact_id: int, limit: int = 6) -> list[str]:
    """A contact's interest labels, then topic labels, best first."""
    return [r[0] for r in db.execute(
        "SELECT label FROM contact_interests WHERE contact_id = ? ORDER BY kind, score DESC LIMIT ?",
        (contact_id, limit))]


def interest_labels(db: sqlite3.Connection, contact_id: int, limit: int = 5) -> list[str]:
    """A contact's interest labels (no topics), shared ones first, then by score."""
    return [r[0] for r in db.execute(
        "SELECT label FROM contact_interests WHERE contact_id = ? AND kind = 'interest' ORDER BY shared DESC, score DESC "
        "LIMIT ?", (contact_id, limit))]
