"""The SQL of the ranking (assistant/ranking computes; this module only reads and writes rows).

The message look-ups run on two partial covering indexes made by migration 003_ranking, so no message row is
read: `messages_contact_activity (contact_id, direction, ts)` and `messages_group_activity (group_id,
sender_id, ts)`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

_LAST = (
    "(SELECT max(ts) FROM messages INDEXED BY messages_contact_activity "
    "WHERE contact_id = c.id AND direction = '{d}' AND kind != 'system')"
)


# --- contacts and their last contacts -------------------------------------------------------------------


def contact_rows(db: sqlite3.Connection, circle: str | None = None) -> sqlite3.Cursor:
    """(id, name, circle, cadence_days, birthday, last in, last out) of every contact not marked 'never'."""
    sql = (
        f"SELECT c.id, c.name, c.circle, c.cadence_days, c.birthday, {_LAST.format(d='in')}, {_LAST.format(d='out')} "
        "FROM contacts c WHERE c.circle != 'never'"
    )
    if circle:
        return db.execute(sql + " AND c.circle = ?", (circle,))
    return db.execute(sql)


def last_in_small_groups(db: sqlite3.Connection, max_members: int) -> sqlite3.Cursor:
    """(sender_id, last ts) of what each person wrote in groups of at most `max_members`."""
    return db.execute(
        "SELECT sender_id, max(ts) FROM messages INDEXED BY messages_group_activity WHERE group_id IN "
        "(SELECT group_id FROM group_members GROUP BY group_id HAVING count(*) <= ?) "
        "AND group_id IS NOT NULL AND kind != 'system' AND sender_id IS NOT NULL GROUP BY sender_id",
        (max_members,),
    )


def important_dates(db: sqlite3.Connection) -> sqlite3.Cursor:
    return db.execute("SELECT contact_id, label, date FROM important_dates")


def actions(db: sqlite3.Connection) -> sqlite3.Cursor:
    """(contact_id, action, at, until) of every snooze, dismissal and 'contacted' mark, oldest first."""
    return db.execute("SELECT contact_id, action, at, until FROM ranking_actions ORDER BY at, id")


def message_count(db: sqlite3.Connection, contact_id: int, direction: str, cap: int) -> int:
    """The contact's 1:1 messages one way, counted up to `cap`."""
    return db.execute(
        "SELECT count(*) FROM (SELECT 1 FROM messages INDEXED BY messages_contact_activity "
        "WHERE contact_id = ? AND direction = ? AND kind != 'system' LIMIT ?)", (contact_id, direction, cap)
    ).fetchone()[0]


def outreach_since(db: sqlite3.Connection, contact_id: int, since: int) -> tuple[list[int], int | None]:
    """(the start of each UTC day with a 1:1 message or a 'contacted' mark to the contact after `since`, the
    last such time)."""
    days = [r[0] for r in db.execute(
        "SELECT DISTINCT ts / 86400 * 86400 FROM messages INDEXED BY messages_contact_activity "
        "WHERE contact_id = ? AND direction = 'out' AND ts > ? AND kind != 'system'", (contact_id, since))]
    last = db.execute(
        "SELECT max(ts) FROM messages INDEXED BY messages_contact_activity "
        "WHERE contact_id = ? AND direction = 'out' AND ts > ? AND kind != 'system'", (contact_id, since)
    ).fetchone()[0]
    for (at,) in db.execute(
        "SELECT at FROM ranking_actions WHERE contact_id = ? AND action = 'contacted' AND at > ?", (contact_id, since)
    ):
        days.append(at // 86400 * 86400)
        last = max(at, last or 0)
    return days, last


def first_and_last_channel(db: sqlite3.Connection, contact_id: int) -> tuple[int | None, str | None]:
    """(first message time, channel of the last message) of the 1:1 history with a contact."""
    first = db.execute(
        "SELECT min(ts) FROM messages INDEXED BY messages_contact_activity "
        "WHERE contact_id = ? AND kind != 'system'", (contact_id,)
    ).fetchone()[0]
    last = db.execute(
        "SELECT channel FROM messages WHERE contact_id = ? AND kind != 'system' ORDER BY ts DESC LIMIT 1", (contact_id,)
    ).fetchone()
    return first, (last[0] if last else None)


def interests_json(db: sqlite3.Connection, contact_ids: Iterable[int]) -> list[tuple[int, str]]:
    """(id, interests as stored JSON) of the given contacts."""
    ids = list(contact_ids)
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    return db.execute(f"SELECT id, interests FROM contacts WHERE id IN ({marks})", ids).fetchall()


# --- the user's actions on suggestions ------------------------------------------------------------------


def contact_exists(db: sqlite3.Connection, contact_id: int) -> bool:
    return db.execute("SELECT 1 FROM contacts WHERE id = ?", (contact_id,)).fetchone() is not None


def add_action(db: sqlite3.Connection, contact_id: int, action: str, at: int, until: int | None = None,
               note: str = "") -> None:
    db.execute("INSERT INTO ranking_actions (contact_id, action, at, until, note) VALUES (?, ?, ?, ?, ?)",
               (contact_id, action, at, until, note))


def action_history(db: sqlite3.Connection, contact_id: int) -> list[tuple[str, int, int | None, str]]:
    """(action, at, until, note) of one contact, oldest first."""
    rows = db.execute(
        "SELECT action, at, until, note FROM ranking_actions WHERE contact_id = ? ORDER BY at, id", (contact_id,))
    return [tuple(r) for r in rows]


# --- talking points and "who would care about this?" ----------------------------------------------------


def has_table(db: sqlite3.Connection, name: str) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None


def interest_labels(db: sqlite3.Connection, contact_id: int, limit: int = 8) -> list[str]:
    """The contact's extracted interests (table contact_interests), strongest first."""
    return [r[0] for r in db.execute(
        "SELECT label FROM contact_interests WHERE contact_id = ? AND kind = 'interest' ORDER BY score DESC LIMIT ?",
        (contact_id, limit))]


def direct_messages(db: sqlite3.Connection, contact_id: int, limit: int) -> sqlite3.Cursor:
    """(id, ts, direction, text, kind) of the contact's latest 1:1 messages, newest first."""
    return db.execute(
        "SELECT id, ts, direction, text, kind FROM messages WHERE contact_id = ? ORDER BY ts DESC LIMIT ?",
        (contact_id, limit))


def groups_with_size(db: sqlite3.Connection, contact_id: int) -> list[tuple[int, int]]:
    """(group id, member count) of each group the contact is in."""
    return db.execute(
        "SELECT gm.group_id, (SELECT count(*) FROM group_members x WHERE x.group_id = gm.group_id) "
        "FROM group_members gm WHERE gm.contact_id = ?", (contact_id,)).fetchall()


def group_messages(db: sqlite3.Connection, group_id: int, limit: int, sender_id: int | None = None) -> sqlite3.Cursor:
    """(id, ts, direction, text, kind, sender_id) of a group's latest messages (only `sender_id`'s when given),
    newest first."""
    if sender_id is None:
        return db.execute("SELECT id, ts, direction, text, kind, sender_id FROM messages WHERE group_id = ? "
                          "ORDER BY ts DESC LIMIT ?", (group_id, limit))
    return db.execute("SELECT id, ts, direction, text, kind, sender_id FROM messages WHERE group_id = ? "
                      "AND sender_id = ? ORDER BY ts DESC LIMIT ?", (group_id, sender_id, limit))


def messages_by_id(db: sqlite3.Connection, ids: list[int]) -> list[sqlite3.Row]:
    """(id, ts, direction, text) of the given messages, system notices left out."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    return db.execute(
        f"SELECT id, ts, direction, text FROM messages WHERE id IN ({marks}) AND kind != 'system'", ids).fetchall()


def senders(db: sqlite3.Connection, ids: list[int]) -> sqlite3.Cursor:
    """(message id, sender id) of the given messages that have a sender."""
    marks = ",".join("?" * len(ids))
    return db.execute(f"SELECT id, sender_id FROM messages WHERE id IN ({marks}) AND sender_id IS NOT NULL", ids)


def _like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def texts_containing(db: sqlite3.Connection, terms: list[str]) -> sqlite3.Cursor:
    """(id, contact_id, sender_id, ts, text) of every text message containing any of the terms."""
    cond = " OR ".join(["text LIKE ? ESCAPE '\\'"] * len(terms))
    return db.execute(f"SELECT id, contact_id, sender_id, ts, text FROM messages WHERE kind = 'text' AND ({cond})",
                      [f"%{_like(t)}%" for t in terms])


def contacts_with_interests(db: sqlite3.Connection) -> sqlite3.Cursor:
    """(id, interests as stored JSON) of contacts with interests set."""
    return db.execute("SELECT id, interests FROM contacts WHERE interests != '[]'")


def extracted_interests(db: sqlite3.Connection) -> sqlite3.Cursor:
    """(contact_id, label) of every extracted interest."""
    return db.execute("SELECT contact_id, label FROM contact_interests WHERE kind = 'interest'")


def first_inbound_text(db: sqlite3.Connection, contact_id: int) -> str | None:
    """The text of the first message the contact sent in the 1:1 chat (how the relationship began: a pitch,
    an introduction, a friend's news), or None."""
    row = db.execute(
        "SELECT text FROM messages WHERE contact_id = ? AND direction = 'in' AND group_id IS NULL AND kind = 'text' "
        "ORDER BY ts, id LIMIT 1", (contact_id,)).fetchone()
    return row[0] if row else None
