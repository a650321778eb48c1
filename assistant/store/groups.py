"""The SQL behind group health (assistant/groups): groups, their members and their messages."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable


def all_groups(db: sqlite3.Connection) -> list[sqlite3.Row]:
    return db.execute("SELECT id, channel, key, name FROM groups ORDER BY id").fetchall()


def group_by_id(db: sqlite3.Connection, group_id: int) -> sqlite3.Row | None:
    return db.execute("SELECT id, channel, key, name FROM groups WHERE id = ?", (group_id,)).fetchone()


def group_activity(db: sqlite3.Connection, since: int, end: int) -> list[tuple]:
    """(id, channel, name, members, messages, first ts, last ts, members who wrote since `since`) per group, most
    recently active first; messages at or after `end` are not counted."""
    return db.execute(
        "SELECT g.id, g.channel, g.name, "
        "(SELECT count(*) FROM group_members gm WHERE gm.group_id = g.id), "
        "count(m.id), min(m.ts), max(m.ts), "
        "count(DISTINCT CASE WHEN m.ts >= ? AND m.sender_id IS NOT NULL THEN m.sender_id END) "
        "FROM groups g LEFT JOIN messages m ON m.group_id = g.id AND m.kind != 'system' AND m.ts < ? "
        "GROUP BY g.id ORDER BY max(m.ts) DESC NULLS LAST, g.name",
        (since, end),
    ).fetchall()


def group_messages(db: sqlite3.Connection, group_id: int, end: int) -> list[tuple]:
    """(id, ts, direction, kind, sender_id, text) before `end`, oldest first, as plain tuples (a 200k-message
    group reads in a fraction of the time of Rows); text only where it is read: the user's messages, notices."""
    cur = db.cursor()
    cur.row_factory = None
    return cur.execute(
        "SELECT id, ts, direction, kind, sender_id, CASE WHEN direction = 'out' OR kind = 'system' THEN text END "
        "FROM messages WHERE group_id = ? AND ts < ? ORDER BY ts, id",
        (group_id, end),
    ).fetchall()


def listed_members(db: sqlite3.Connection, group_id: int) -> list[sqlite3.Row]:
    return db.execute(
        "SELECT c.id, c.name, c.circle FROM group_members gm JOIN contacts c ON c.id = gm.contact_id "
        "WHERE gm.group_id = ?",
        (group_id,),
    ).fetchall()


def authors(db: sqlite3.Connection, group_id: int) -> set[int]:
    """Everyone who ever wrote in the group."""
    return {r[0] for r in db.execute(
        "SELECT DISTINCT sender_id FROM messages WHERE group_id = ? AND sender_id IS NOT NULL AND kind != 'system'",
        (group_id,))}


def one_to_one_counts(db: sqlite3.Connection, contact_ids: Iterable[int], end: int) -> list[tuple[int, int, int]]:
    """(contact_id, messages, last ts) of the 1:1 history before `end`, for the given contacts."""
    ids = list(contact_ids)
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    return db.execute(
        f"SELECT contact_id, count(*), max(ts) FROM messages WHERE contact_id IN ({marks}) "
        f"AND kind != 'system' AND ts < ? GROUP BY contact_id",
        (*ids, end),
    ).fetchall()


def name_identities(db: sqlite3.Connection, contact_id: int) -> list[str]:
    return [r[0] for r in db.execute(
        "SELECT raw FROM identities WHERE contact_id = ? AND kind IN ('name', 'wechat_remark')", (contact_id,))]
