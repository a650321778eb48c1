"""Reads of the message history (messages, with their groups and speakers) for the features that quote it:
the question tools, the TUI session, language detection. Plain functions over a connection; rows come back
as sqlite3.Row (the store's row factory)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

# A message with its group's name and who wrote it (the sender in a group, else the 1:1 contact).
_QUOTED = ("SELECT m.id, m.ts, m.channel, m.direction, m.text, g.name AS group_name, "
           "coalesce(s.name, p.name) AS speaker FROM messages m LEFT JOIN groups g ON g.id = m.group_id "
           "LEFT JOIN contacts s ON s.id = m.sender_id LEFT JOIN contacts p ON p.id = m.contact_id ")


def messages_by_id(db: sqlite3.Connection, ids: Sequence[int]) -> list[sqlite3.Row]:
    """The messages with these ids, oldest first (id, ts, channel, direction, text, group_name, speaker)."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    return db.execute(_QUOTED + f"WHERE m.id IN ({marks}) ORDER BY m.ts, m.id", list(ids)).fetchall()


def last_one_to_one(db: sqlite3.Connection, contact_id: int, direction: str) -> sqlite3.Row | None:
    """The last 1:1 message (any channel) with a contact in one direction ('in' or 'out')."""
    return db.execute(
        "SELECT m.id, m.ts, m.channel, m.direction, m.text, NULL AS group_name FROM messages m "
        "WHERE m.contact_id = ? AND m.kind != 'system' AND m.direction = ? ORDER BY m.ts DESC, m.id DESC LIMIT 1",
        (contact_id, direction),
    ).fetchone()


def last_in_small_group(db: sqlite3.Connection, contact_id: int, max_members: int) -> sqlite3.Row | None:
    """The last message a contact wrote in a group of at most `max_members` members."""
    return db.execute(
        "SELECT m.id, m.ts, m.channel, m.direction, m.text, g.name AS group_name FROM messages m "
        "JOIN groups g ON g.id = m.group_id WHERE m.sender_id = ? AND m.group_id IN "
        "(SELECT group_id FROM group_members GROUP BY group_id HAVING count(*) <= ?) AND m.kind != 'system' "
        "ORDER BY m.ts DESC LIMIT 1",
        (contact_id, max_members),
    ).fetchone()


def last_marked_contacted(db: sqlite3.Connection, contact_id: int) -> int | None:
    """When the user last marked a contact as contacted (ranking_actions), or None."""
    return db.execute(
        "SELECT max(at) FROM ranking_actions WHERE contact_id = ? AND action = 'contacted'", (contact_id,)
    ).fetchone()[0]


def messages_with(db: sqlite3.Connection, contact_id: int, *, since_ts: int | None = None,
                  until_ts: int | None = None, limit: int) -> list[sqlite3.Row]:
    """1:1 messages with a contact and what they wrote in groups, newest first; `until_ts` exclusive."""
    sql = ("SELECT m.id, m.ts, m.channel, m.direction, m.text, g.name AS group_name FROM messages m "
           "LEFT JOIN groups g ON g.id = m.group_id WHERE (m.contact_id = ? OR m.sender_id = ?) "
           "AND m.kind != 'system'")
    args: list = [contact_id, contact_id]
    if since_ts is not None:
        sql += " AND m.ts >= ?"
        args.append(since_ts)
    if until_ts is not None:
        sql += " AND m.ts < ?"
        args.append(until_ts)
    sql += " ORDER BY m.ts DESC, m.id DESC LIMIT ?"
    args.append(limit)
    return db.execute(sql, args).fetchall()


def keyword_scan(db: sqlite3.Connection, patterns: Sequence[str], *, contact_id: int | None = None,
                 direction: str | None = None, since_ts: int | None = None, until_ts: int | None = None,
                 limit: int) -> list[sqlite3.Row]:
    """Text messages matching any LIKE pattern (escaped with a backslash), newest first, with group_name,
    contact_id, sender_id and speaker; `until_ts` exclusive."""
    cond = " OR ".join(["m.text LIKE ? ESCAPE '\\'"] * len(patterns))
    sql = ("SELECT m.id, m.ts, m.channel, m.direction, m.text, g.name AS group_name, m.contact_id, m.sender_id, "
           "coalesce(s.name, p.name) AS speaker FROM messages m LEFT JOIN groups g ON g.id = m.group_id "
           "LEFT JOIN contacts s ON s.id = m.sender_id LEFT JOIN contacts p ON p.id = m.contact_id "
           f"WHERE m.kind = 'text' AND ({cond})")
    args: list = list(patterns)
    if contact_id is not None:
        sql += " AND (m.contact_id = ? OR m.sender_id = ?)"
        args += [contact_id, contact_id]
    if direction:
        sql += " AND m.direction = ?"
        args.append(direction)
    if since_ts is not None:
        sql += " AND m.ts >= ?"
        args.append(since_ts)
    if until_ts is not None:
        sql += " AND m.ts < ?"
        args.append(until_ts)
    sql += " ORDER BY m.ts DESC LIMIT ?"
    args.append(limit)
    return db.execute(sql, args).fetchall()


def search_text(db: sqlite3.Connection, contact_id: int, needle: str, limit: int) -> list[sqlite3.Row]:
    """A contact's messages (1:1, or written by them in groups) whose lowercased text contains `needle`
    (already lowercased), newest first: id, ts, channel, text."""
    like = f"%{needle}%"
    return db.execute(
        "SELECT id, ts, channel, text FROM messages WHERE (contact_id = ? OR sender_id = ?) AND kind != 'system' "
        "AND lower(text) LIKE ? ORDER BY ts DESC LIMIT ?", (contact_id, contact_id, like, limit)).fetchall()


def own_words(db: sqlite3.Connection, ids: Sequence[int], contact_id: int) -> list[int]:
    """Those of `ids` that the contact wrote (as the sender, or inbound in their 1:1 chat)."""
    if not ids:
        return []
    return [r[0] for r in db.execute(
        f"SELECT id FROM messages WHERE id IN ({','.join('?' * len(ids))}) AND direction = 'in' "
        "AND (sender_id = ? OR (sender_id IS NULL AND group_id IS NULL AND contact_id = ?))",
        [*ids, contact_id, contact_id])]


def senders(db: sqlite3.Connection, ids: Sequence[int]) -> dict[int, list[int]]:
    """sender -> their own messages among `ids`, oldest first."""
    marks = ",".join("?" * len(ids))
    out: dict[int, list[int]] = {}
    for mid, sender in db.execute(
        f"SELECT id, sender_id FROM messages WHERE id IN ({marks}) AND sender_id IS NOT NULL ORDER BY ts, id", list(ids)
    ):
        out.setdefault(sender, []).append(mid)
    return out


def recent_one_to_one_texts(db: sqlite3.Connection, contact_id: int, direction: str, limit: int) -> list[str]:
    """The latest text messages of the 1:1 chat with a contact in one direction, newest first."""
    return [r[0] for r in db.execute(
        "SELECT text FROM messages WHERE contact_id = ? AND direction = ? AND kind = 'text' ORDER BY ts DESC LIMIT ?",
        (contact_id, direction, limit))]


def recent_group_texts(db: sqlite3.Connection, contact_id: int, limit: int) -> list[str]:
    """The latest text messages a contact wrote in groups, newest first."""
    return [r[0] for r in db.execute(
        "SELECT text FROM messages WHERE sender_id = ? AND group_id IS NOT NULL AND kind = 'text' "
        "ORDER BY ts DESC LIMIT ?", (contact_id, limit))]


def recent_outbound_texts(db: sqlite3.Connection, limit: int) -> list[str]:
    """The user's latest outbound text messages (every chat), newest first."""
    return [r[0] for r in db.execute(
        "SELECT text FROM messages WHERE direction = 'out' AND kind = 'text' ORDER BY ts DESC LIMIT ?", (limit,))]


def speakers(db: sqlite3.Connection, ids: Sequence[int]) -> dict[int, int | None]:
    """message id -> who wrote it: None for the user (outbound), else the sender's contact id (the 1:1 peer when
    the message names no sender)."""
    out: dict[int, int | None] = {}
    ids = list(ids)
    for i in range(0, len(ids), 500):
        part = ids[i : i + 500]
        for mid, direction, sender, contact in db.execute(
            f"SELECT id, direction, sender_id, contact_id FROM messages WHERE id IN ({','.join('?' * len(part))})", part
        ):
            out[mid] = None if direction == "out" else (sender if sender is not None else contact)
    return out


def one_to_one_senders(db: sqlite3.Connection, contact_id: int) -> set[int]:
    """The other contacts who wrote in the 1:1 chats with this contact: only chats imported while the user was not
    known have any (the user then came in as a contact; `owner_pending`), so only those are read."""
    return {r[0] for r in db.execute(
        "SELECT DISTINCT m.sender_id FROM owner_pending p CROSS JOIN messages m ON m.channel = p.channel "
        "AND m.conversation = p.conversation WHERE m.contact_id = ? AND m.group_id IS NULL AND m.sender_id IS NOT NULL "
        "AND m.sender_id != ?", (contact_id, contact_id))}
