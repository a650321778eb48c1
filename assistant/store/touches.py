"""The SQL of touches and their outcomes (migration 007_touches). The detection itself is in
assistant/outcomes; this module only reads the messages and drafts it needs and stores what it found."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

TOUCH_COLUMNS = (
    "contact_id", "source", "draft_id", "message_id", "at", "channel", "hook_kind", "language", "register", "length",
    "edited", "weekday", "silence_days", "replied_at", "reply_channel", "thread",
)


def signature(db: sqlite3.Connection) -> str:
    """Changes whenever a message or a draft is added, removed or changed state."""
    m = db.execute("SELECT count(*), coalesce(max(id), 0) FROM messages").fetchone()
    d = db.execute("SELECT count(*), coalesce(max(updated_at), 0), coalesce(sum(sent_at), 0) FROM drafts").fetchone()
    c = db.execute("SELECT count(*), coalesce(max(id), 0) FROM contacts").fetchone()
    return ":".join(str(x) for x in (*m, *d, *c))


def stored_signature(db: sqlite3.Connection) -> str | None:
    row = db.execute("SELECT value FROM touches_state WHERE key = 'signature'").fetchone()
    return row[0] if row else None


def replace_touches(db: sqlite3.Connection, rows: Iterable[dict], sig: str) -> int:
    """Store the touches found (all of them: the detection is recomputed as a whole). Call in a transaction."""
    db.execute("DELETE FROM touches")
    marks = ", ".join("?" * len(TOUCH_COLUMNS))
    n = 0
    for r in rows:
        db.execute(f"INSERT INTO touches ({', '.join(TOUCH_COLUMNS)}) VALUES ({marks})",
                   [r.get(c) for c in TOUCH_COLUMNS])
        n += 1
    db.execute("INSERT INTO touches_state (key, value) VALUES ('signature', ?) "
               "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (sig,))
    return n


def sent_drafts(db: sqlite3.Connection) -> list[dict]:
    rows = db.execute(
        "SELECT id, contact_id, sent_at, coalesce(final_text, text) AS text, original_text, language, register, "
        "hook, edit_labels FROM drafts WHERE status = 'sent' AND sent_at IS NOT NULL ORDER BY sent_at, id"
    ).fetchall()
    out = []
    for r in rows:
        d = dict(r)
        d["hook"] = json.loads(d["hook"] or "{}")
        d["edit_labels"] = json.loads(d["edit_labels"] or "[]")
        out.append(d)
    return out


def openers(db: sqlite3.Connection, min_silence_s: int) -> list[sqlite3.Row]:
    """Outbound 1:1 messages that came after at least `min_silence_s` of silence either way (on any channel)."""
    return db.execute(
        "SELECT id, contact_id, channel, ts, text, source_id, prev_ts FROM ("
        "  SELECT id, contact_id, channel, ts, text, source_id, direction, "
        "         lag(ts) OVER (PARTITION BY contact_id ORDER BY ts, id) AS prev_ts "
        "  FROM messages WHERE contact_id IS NOT NULL AND group_id IS NULL AND kind != 'system'"
        ") WHERE direction = 'out' AND prev_ts IS NOT NULL AND ts - prev_ts >= ? ORDER BY ts, id",
        (min_silence_s,),
    ).fetchall()


def previous_message_ts(db: sqlite3.Connection, contact_id: int, before: int, *, skip_channel: str) -> int | None:
    row = db.execute(
        "SELECT max(ts) FROM messages WHERE contact_id = ? AND group_id IS NULL AND kind != 'system' AND ts < ? "
        "AND channel != ?", (contact_id, before, skip_channel)).fetchone()
    return row[0] if row else None


def one_to_one_between(db: sqlite3.Connection, contact_id: int, start: int, end: int) -> list[sqlite3.Row]:
    """The 1:1 messages with a contact, on every channel, with start < ts <= end, oldest first."""
    return db.execute(
        "SELECT id, ts, direction, channel, kind, text FROM messages WHERE contact_id = ? AND group_id IS NULL "
        "AND kind != 'system' AND ts > ? AND ts <= ? ORDER BY ts, id", (contact_id, start, end)).fetchall()


def load_touches(db: sqlite3.Connection, *, since: int | None = None) -> list[dict]:
    rows = db.execute(
        "SELECT t.*, c.name, c.circle FROM touches t JOIN contacts c ON c.id = t.contact_id "
        "WHERE (? IS NULL OR t.at >= ?) ORDER BY t.at, t.id", (since, since)).fetchall()
    return [dict(r) for r in rows]


def group_outbound_texts(db: sqlite3.Connection) -> list[sqlite3.Row]:
    return db.execute(
        "SELECT m.id, m.group_id, m.ts, m.text, g.name FROM messages m JOIN groups g ON g.id = m.group_id "
        "WHERE m.group_id IS NOT NULL AND m.direction = 'out' AND m.kind = 'text' ORDER BY m.ts, m.id").fetchall()


def group_member_ids(db: sqlite3.Connection, group_id: int) -> list[int]:
    return [r[0] for r in db.execute("SELECT contact_id FROM group_members WHERE group_id = ?", (group_id,))]


def responders(db: sqlite3.Connection, group_id: int, start: int, end: int) -> set[int]:
    """Members who wrote in the group, or 1:1 to the user, with start < ts <= end."""
    rows = db.execute(
        "SELECT DISTINCT sender_id FROM messages WHERE group_id = ? AND direction = 'in' AND kind != 'system' "
        "AND sender_id IS NOT NULL AND ts > ? AND ts <= ? "
        "UNION SELECT DISTINCT contact_id FROM messages WHERE group_id IS NULL AND direction = 'in' "
        "AND kind != 'system' AND ts > ? AND ts <= ? "
        "AND contact_id IN (SELECT contact_id FROM group_members WHERE group_id = ?)",
        (group_id, start, end, start, end, group_id)).fetchall()
    return {r[0] for r in rows}


def last_contact_times(db: sqlite3.Connection) -> dict[int, int]:
    """The last 1:1 message either way per contact (any channel)."""
    return {r[0]: r[1] for r in db.execute(
        "SELECT contact_id, max(ts) FROM messages WHERE contact_id IS NOT NULL AND group_id IS NULL "
        "AND kind != 'system' GROUP BY contact_id")}


def depth_and_reciprocity(db: sqlite3.Connection, since: int) -> list[tuple[int, str, str, int, int]]:
    """(contact_id, name, circle, messages in, messages out) over the 1:1 history since `since`."""
    return db.execute(
        "SELECT c.id, c.name, c.circle, sum(m.direction = 'in'), sum(m.direction = 'out') FROM messages m "
        "JOIN contacts c ON c.id = m.contact_id WHERE m.group_id IS NULL AND m.kind != 'system' AND m.ts >= ? "
        "AND c.circle != 'never' GROUP BY c.id", (since,)).fetchall()


def contacts_in_circle(db: sqlite3.Connection, circle: str) -> list[tuple[int, str]]:
    return [(r[0], r[1]) for r in db.execute("SELECT id, name FROM contacts WHERE circle = ? ORDER BY name", (circle,))]


def touch_outcomes(db: sqlite3.Connection) -> list[tuple[int, int, str, bool]]:
    """(contact_id, at, hook kind, answered) of every touch, by contact then time: what the ranking learns from."""
    return [(r[0], r[1], r[2] or "", bool(r[3])) for r in db.execute(
        "SELECT contact_id, at, hook_kind, replied_at IS NOT NULL FROM touches ORDER BY contact_id, at, id")]
