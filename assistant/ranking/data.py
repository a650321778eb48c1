"""What the ranking knows, loaded from the store (the SQL is in assistant/store/ranking.py): cheap queries over
the whole store, then per-contact look-ups for the few contacts that come near the top.

Each contact's last message each way and the last message each person wrote in a small group come from
covering indexes (no message row is read). Message counts (depth, reciprocity) are loaded only for contacts
near the top (`load_counts`).
"""

from __future__ import annotations

from assistant.domain import SMALL_GROUP_MAX

import json
import sqlite3
from collections.abc import Iterable

from assistant.ranking.model import COUNT_CAP, ContactFacts, Guard
from assistant.store import ranking as sql
from assistant.store.touches import touch_outcomes

# Groups this small count as real contact with the people who write in them.


def load_facts(db: sqlite3.Connection, *, circle: str | None = None) -> list[ContactFacts]:
    """Every contact that could be suggested (circle != 'never', or only `circle`), with its last contacts."""
    facts = {
        r[0]: ContactFacts(r[0], r[1], r[2], r[3], r[4], last_in=r[5], last_out=r[6])
        for r in sql.contact_rows(db, circle)
    }
    if not facts:
        return []

    for cid, last in sql.last_in_small_groups(db, SMALL_GROUP_MAX):
        f = facts.get(cid)
        if f is not None:
            f.last_group = last

    for cid, label, value in sql.important_dates(db):
        f = facts.get(cid)
        if f is None:
            continue
        if label == "birthday":
            f.birthday = f.birthday or value
        else:
            f.dates = [*(f.dates or ()), (label, value)]

    for cid, action, at, until in sql.actions(db):
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
    f.n_in = sql.message_count(db, f.id, "in", COUNT_CAP)
    f.n_out = sql.message_count(db, f.id, "out", COUNT_CAP)


def load_guard(db: sqlite3.Connection, contact_id: int, last_in: int | None) -> Guard:
    """Distinct days on which the user wrote to (or marked a message sent to) the contact since they last wrote."""
    days, last = sql.outreach_since(db, contact_id, last_in if last_in is not None else -1)
    return Guard(len(set(days)), last)


def load_details(db: sqlite3.Connection, contact_id: int) -> tuple[int | None, str | None]:
    """(first message time, channel of the last message) of the 1:1 history with a contact."""
    return sql.first_and_last_channel(db, contact_id)


def load_interests(db: sqlite3.Connection, contact_ids: Iterable[int]) -> dict[int, list[str]]:
    return {cid: json.loads(raw) for cid, raw in sql.interests_json(db, contact_ids)}
