"""What the user does with a suggestion: snooze, dismiss, or mark that they reached out (a draft sent)."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, tzinfo

from assistant.ranking.model import DAY, SNOOZE_DEFAULT_DAYS
from assistant.store import Store, StoreError
from assistant.store import ranking as sql

ACTIONS = ("snooze", "dismiss", "contacted")


def _now(now: int | None) -> int:
    return int(time.time()) if now is None else int(now)


def _check(store: Store, contact_id: int) -> None:
    if not sql.contact_exists(store.db, contact_id):
        raise StoreError(f"no contact with id {contact_id}")


def snooze(store: Store, contact_id: int, *, until: date | None = None, days: int | None = None,
           tz: tzinfo = UTC, now: int | None = None, note: str = "") -> int:
    """Hide a contact from suggestions until the start of `until` (local day), or for `days` (default 14).
    Returns the Unix time it comes back."""
    _check(store, contact_id)
    at = _now(now)
    if until is not None:
        back = int(datetime(until.year, until.month, until.day, tzinfo=tz).timestamp())
    else:
        back = at + (SNOOZE_DEFAULT_DAYS if days is None else days) * DAY
    if back <= at:
        raise StoreError(f"snooze until {until or back}: that is not in the future")
    with store.transaction():
        sql.add_action(store.db, contact_id, "snooze", at, back, note)
    return back


def unsnooze(store: Store, contact_id: int, *, now: int | None = None) -> None:
    """End a snooze now (a new snooze that ends at once; history is kept)."""
    _check(store, contact_id)
    at = _now(now)
    with store.transaction():
        sql.add_action(store.db, contact_id, "snooze", at, at)


def dismiss(store: Store, contact_id: int, *, now: int | None = None, note: str = "") -> None:
    """"Not now": rest the contact for a cool-down (half its cadence, at least a month; doubling with each
    dismissal in a row until there is real contact again)."""
    _check(store, contact_id)
    with store.transaction():
        sql.add_action(store.db, contact_id, "dismiss", _now(now), note=note)


def mark_contacted(store: Store, contact_id: int, *, now: int | None = None, note: str = "") -> None:
    """The user reached out outside any import (e.g. sent an approved draft): resets the keep-in-touch clock."""
    _check(store, contact_id)
    with store.transaction():
        sql.add_action(store.db, contact_id, "contacted", _now(now), note=note)


def history(store: Store, contact_id: int) -> list[tuple[str, int, int | None, str]]:
    """(action, at, until, note), oldest first."""
    return sql.action_history(store.db, contact_id)
