"""The SQL that feeds the ranking: cheap queries over the whole store, then per-contact look-ups for the few
contacts that come near the top.

Everything runs on two partial covering indexes made by migration 003_ranking, so no message row is read:
`messages_contact_activity (contact_id, direction, ts)` gives each contact's last message each way in two
index seeks, and `messages_group_activity (group_id, sender_id, ts)` the last message each person wrote in a
small group. Message counts (depth, reciprocity) are loaded only for contacts near the top (`load_counts`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from assistant.ranking.model import COUNT_CAP, ContactFacts, Guard
from assistant.store.touches import touch_outcomes

# Groups this small count as real contact with the people who write in them.
SMALL_GROUP_MAX = 8

_LAST = (
    "(SELECT max(ts) FROM messages INDEXED BY messages_contact_activity "
    "WHERE contact_id = c.id AND direction = '{d}' AND kind != 'system')"
)


def load_facts(db: sqlite3.Connection, *, circle: str | None = None) -> list[ContactFacts]:
    """Every contact that could be suggested (circle != 'never', or only `circle`), with its last contacts."""
    sql = (
        f"SELECT c.id, c.name, c.circle, c.cadence_days, c.birthday, {_LAST.format(d='in')}, {_LAST.format(d='out')} "
        "FROM contacts c WHERE c.circle != 'never'"
    )
    args: tuple = ()
    if circle:
        sql += " AND c.circle = ?"
        args = (circle,)
    facts = {
        r[0]: ContactFacts(r[0], r[1], r[2], r[3], r[4], last_in=r[5], last_out=r[6]) for r in db.execute(sql, args)
    }
    if not facts:
        return []

    rows = db.execute(
        "SELECT sender_id, max(ts) FROM messages INDEXED BY messages_group_activity WHERE group_id IN "
        "(SELECT group_id FROM group_members GROUP BY group_id HAVING count(*) <= ?) "
        "AND group_id IS NOT NULL AND kind != 'system' AND sender_id IS NOT NULL GROUP BY sender_id",
        (SMALL_GROUP_MAX,),
    )
    for cid, last in rows:
        f = facts.get(cid)
        if f is not None:
            f.last_group = last

    for cid, label, value in db.execute("SELECT contact_id, label, date FROM important_dates"):
        f = facts.get(cid)
        if f is None:
            continue
        if label == "birthday":
            f.birthday = f.birthday or value
        else:
            f.dates = [*(f.dates or ()), (label, value)]

    for cid, action, at, until in db.execute("SELECT contact_id, action, at, until FROM ranking_actions ORDER BY at, id"):
        f = facts.get(cid)
        if f is None:
            continue
        if action == "snooze":
            f.snoozed_until = min(until, SNOOZE_CAP) if until is not None else None  # the latest decides; an absurd
            # value saved by an older version (year 12000) is read as "a long time", never crashes a render
        elif action == "dismiss":
            f.dismissals = [*(f.dismissals or ()), at]
        elif action == "contacted":
            f.last_contacted = max(at, f.last_contacted or 0)

    for cid, at, kind, answered in touch_outcomes(db):
        f = facts.get(cid)
        if f is not None:
            f.touches = [*(f.touches or ()), (at, kind, answered)]
    return list(facts.values())


SNOOZE_CAP = 4_102_444_800  # 2100-01-01: later snoozes are read as this


def load_counts(db: sqlite3.Connection, f: ContactFacts) -> None:
    """Fill in the contact's 1:1 message counts each way (capped at COUNT_CAP)."""
    q = (
        "SELECT count(*) FROM (SELECT 1 FROM messages INDEXED BY messages_contact_activity "
        "WHERE contact_id = ? AND direction = ? AND kind != 'system' LIMIT ?)"
    )
    f.n_in = db.execute(q, (f.id, "in", COUNT_CAP)).fetchone()[0]
    f.n_out = db.execute(q, (f.id, "out", COUNT_CAP)).fetchone()[0]


def load_guard(db: sqlite3.Connection, contact_id: int, last_in: int | None) -> Guard:
    """Distinct days on which the user wrote to (or marked a message sent to) the contact since they last wrote."""
    since = last_in if last_in is not None else -1
    stamps = [r[0] for r in db.execute(
        "SELECT DISTINCT ts / 86400 * 86400 FROM messages INDEXED BY messages_contact_activity "
        "WHERE contact_id = ? AND direction = 'out' AND ts > ? AND kind != 'system'",
        (contact_id, since),
    )]
    last = db.execute(
        "SELECT max(ts) FROM messages INDEXED BY messages_contact_activity "
        "WHERE contact_id = ? AND direction = 'out' AND ts > ? AND kind != 'system'", (contact_id, since)
    ).fetchone()[0]
    for (at,) in db.execute(
        "SELECT at FROM ranking_actions WHERE contact_id = ? AND action = 'contacted' AND at > ?", (contact_id, since)
    ):
        stamps.append(at // 86400 * 86400)
        last = max(at, last or 0)
    return Guard(len(set(stamps)), last)


def load_details(db: sqlite3.Connection, contact_id: int) -> tuple[int | None, str | None]:
    """(first message time, channel of the last message) of the 1:1 history with a contact."""
    first = db.execute(
        "SELECT min(ts) FROM messages INDEXED BY messages_contact_activity "
        "WHERE contact_id = ? AND kind != 'system'", (contact_id,)
    ).fetchone()[0]
    last = db.execute(
        "SELECT channel FROM messages WHERE contact_id = ? AND kind != 'system' ORDER BY ts DESC LIMIT 1", (contact_id,)
    ).fetchone()
    return first, (last[0] if last else None)


def load_interests(db: sqlite3.Connection, contact_ids: Iterable[int]) -> dict[int, list[str]]:
    ids = list(contact_ids)
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return {r[0]: json.loads(r[1]) for r in db.execute(f"SELECT id, interests FROM contacts WHERE id IN ({marks})", ids)}
