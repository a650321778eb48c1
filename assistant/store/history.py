"""Reads of the message history (messages, with their groups and speakers) for the features that quote it:
the question tools, the TUI session, language detection, drafting's context, and the retrieval index and
interests (which keep the SQL of their own retrieval_* tables). Plain functions over a connection; rows come back
as sqlite3.Row (the store's row factory)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence

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


def all_outbound_texts(db: sqlite3.Connection) -> Iterator[str]:
    """Every outbound text message of the user (every chat), in no particular order."""
    return (r[0] for r in db.execute("SELECT text FROM messages WHERE direction = 'out' AND kind = 'text'"))


# --- for the retrieval index -------------------------------------------------------------------------------

_SIGNATURE = (
    "SELECT m.channel, m.conversation, count(*) || ':' || total(m.id) || ':' || "
    "total(coalesce(m.contact_id, 0) * 7 + m.id % 13) || ':' || total(coalesce(m.group_id, 0)) || ':' || "
    "total(coalesce(m.sender_id, 0) * (m.id % 101 + 1)) || ':' || max(m.ts) || ':' || total(m.ts % 9973) || ':' || "
    "total(length(m.text) * (m.id % 89 + 1)) || ':' || total(m.kind = 'text') || ':' || total(m.direction = 'out') "
    "|| ':' || coalesce(group_concat(DISTINCT s.name), '') FROM messages m "
    "LEFT JOIN contacts s ON s.id = coalesce(m.sender_id, m.contact_id) GROUP BY m.channel, m.conversation"
)


def conversation_signatures(db: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """(channel, conversation) -> a fingerprint of its messages and their speakers' names, which changes when
    a message is added, removed, edited or refiled, or a speaker renamed (the index re-chunks those)."""
    return {(r[0], r[1]): r[2] for r in db.execute(_SIGNATURE)}


def conversation_messages(db: sqlite3.Connection, channel: str, conversation: str) -> list[sqlite3.Row]:
    """Every message of one conversation, oldest first, with the columns the chunker reads."""
    return db.execute(
        "SELECT id, channel, conversation, contact_id, group_id, sender_id, direction, kind, ts, text "
        "FROM messages WHERE channel = ? AND conversation = ? ORDER BY ts, id",
        (channel, conversation),
    ).fetchall()


def texts_with(db: sqlite3.Connection, contact_id: int, also_ids: Sequence[int] = ()) -> list[sqlite3.Row]:
    """Text messages of the 1:1 chat with a contact, those they wrote in groups, and the messages `also_ids`,
    by time: id, direction, text, conversation, channel, sender_id, contact_id."""
    return db.execute(
        "SELECT id, direction, text, conversation, channel, sender_id, contact_id FROM messages "
        "WHERE kind = 'text' AND (contact_id = ? OR sender_id = ? OR id IN (SELECT value FROM json_each(?))) "
        "ORDER BY ts",
        (contact_id, contact_id, json.dumps([int(i) for i in also_ids])),
    ).fetchall()


def cited_messages(db: sqlite3.Connection, ids: Sequence[int], batch: int = 500) -> list[sqlite3.Row]:
    """The messages with these ids (any order) with their speaker: the sender, else the 1:1 contact, else '?'
    (id, ts, channel, direction, text, speaker)."""
    out: list[sqlite3.Row] = []
    for i in range(0, len(ids), batch):
        part = list(ids[i : i + batch])
        q = ",".join("?" * len(part))
        out += db.execute(
            "SELECT m.id, m.ts, m.channel, m.direction, m.text, coalesce(s.name, p.name, '?') AS speaker "
            "FROM messages m LEFT JOIN contacts s ON s.id = m.sender_id LEFT JOIN contacts p ON p.id = m.contact_id "
            f"WHERE m.id IN ({q})",
            part,
        ).fetchall()
    return out


# --- for drafting: text messages with their group's name and their sender's (speaker) ----------------------

_DRAFT_ROW = ("SELECT m.id, m.ts, m.direction, m.text, m.channel, m.conversation, m.group_id, m.sender_id, "
              "g.name AS group_name, s.name AS speaker FROM messages m LEFT JOIN groups g ON g.id = m.group_id "
              "LEFT JOIN contacts s ON s.id = m.sender_id ")


def text_messages_by_id(db: sqlite3.Connection, ids: Sequence[int]) -> list[sqlite3.Row]:
    """The text messages among `ids`, oldest first (id, ts, direction, text, channel, conversation, group_id,
    sender_id, group_name, speaker)."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    return db.execute(_DRAFT_ROW + f"WHERE m.id IN ({marks}) AND m.kind = 'text' ORDER BY m.ts, m.id", list(ids)).fetchall()


def text_neighbours(db: sqlite3.Connection, message_id: int, ts: int, n: int) -> list[sqlite3.Row]:
    """Up to `n` text messages of the same conversation before the message (newest first), then up to `n`
    after it (oldest first); ties in time are broken by id."""
    conv = db.execute("SELECT channel, conversation FROM messages WHERE id = ?", (message_id,)).fetchone()
    before = db.execute(
        _DRAFT_ROW + "WHERE m.channel = ? AND m.conversation = ? AND m.kind = 'text' AND (m.ts < ? OR (m.ts = ? AND m.id < ?)) "
        "ORDER BY m.ts DESC, m.id DESC LIMIT ?", (conv[0], conv[1], ts, ts, message_id, n)).fetchall()
    after = db.execute(
        _DRAFT_ROW + "WHERE m.channel = ? AND m.conversation = ? AND m.kind = 'text' AND (m.ts > ? OR (m.ts = ? AND m.id > ?)) "
        "ORDER BY m.ts, m.id LIMIT ?", (conv[0], conv[1], ts, ts, message_id, n)).fetchall()
    return list(before) + list(after)


def latest_text_messages(db: sqlite3.Connection, contact_id: int, limit: int) -> list[sqlite3.Row]:
    """The latest text messages of the 1:1 chat(s) with a contact, newest first."""
    return db.execute(_DRAFT_ROW + "WHERE m.contact_id = ? AND m.kind = 'text' ORDER BY m.ts DESC, m.id DESC LIMIT ?",
                      (contact_id, limit)).fetchall()


def text_messages_like(db: sqlite3.Connection, contact_id: int, pattern: str, limit: int) -> list[sqlite3.Row]:
    """A contact's text messages (1:1, or written by them in groups) matching a LIKE pattern, newest first."""
    return db.execute(
        _DRAFT_ROW + "WHERE (m.contact_id = ? OR m.sender_id = ?) AND m.kind = 'text' AND m.text LIKE ? "
        "ORDER BY m.ts DESC LIMIT ?", (contact_id, contact_id, pattern, limit)).fetchall()


def latest_exchange(db: sqlite3.Connection, contact_id: int, limit: int) -> list[sqlite3.Row]:
    """The latest text messages of the 1:1 chat with a contact and those they wrote in groups (never a third
    person's), drafts sent through outreach left out, newest first: id, ts, direction, text."""
    return db.execute(
        "SELECT id, ts, direction, text FROM messages WHERE (contact_id = ? OR (sender_id = ? AND group_id IS NOT NULL)) "
        "AND kind = 'text' AND channel != 'outreach' ORDER BY ts DESC, id DESC LIMIT ?",
        (contact_id, contact_id, limit)).fetchall()


def latest_one_to_one(db: sqlite3.Connection, contact_id: int, limit: int) -> list[sqlite3.Row]:
    """The latest text messages of the 1:1 chat with a contact, newest first: id, ts, direction, text."""
    return db.execute(
        "SELECT id, ts, direction, text FROM messages WHERE contact_id = ? AND kind = 'text' "
        "ORDER BY ts DESC, id DESC LIMIT ?", (contact_id, limit)).fetchall()


def my_texts_to(db: sqlite3.Connection, contact_id: int, limit: int) -> list[str]:
    """The user's latest text messages in the 1:1 chat with a contact (drafts sent through outreach left out),
    newest first."""
    return [r[0] for r in db.execute(
        "SELECT text FROM messages WHERE contact_id = ? AND direction = 'out' AND kind = 'text' "
        "AND channel != 'outreach' ORDER BY ts DESC LIMIT ?", (contact_id, limit))]


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
