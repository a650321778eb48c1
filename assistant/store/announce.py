"""Reads for group announcements: the names a text may call people by (for the fact check) and the people a
personal follow-up may go to. Plain functions over a connection; the logic is in assistant/announce/."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence


def name_aliases(db: sqlite3.Connection, contact_ids: Sequence[int] | None = None) -> list[tuple[str, int]]:
    """(alias, contact id) for the contacts (all, or those in `contact_ids`): their names, then their name and
    WeChat-remark identities; then the user's own names, with contact id 0."""
    args: tuple = ()
    where = ""
    if contact_ids is not None:
        ids = list(contact_ids) or [-1]
        where = f" AND c.id IN ({','.join('?' * len(ids))})"
        args = tuple(ids)
    out = [(name, cid) for cid, name in db.execute(f"SELECT c.id, c.name FROM contacts c WHERE 1{where}", args)]
    out += [(raw, cid) for cid, raw in db.execute(
        f"SELECT i.contact_id, i.raw FROM identities i JOIN contacts c ON c.id = i.contact_id "
        f"WHERE i.kind IN ('name', 'wechat_remark'){where}", args)]
    out += [(raw, 0) for (raw,) in db.execute("SELECT raw FROM me WHERE kind = 'name'")]
    return out


def _people(picked: Sequence[int] | None, group_id: int | None, default: str) -> tuple[str, tuple]:
    if picked:
        return f"c.id IN ({','.join('?' * len(picked))})", tuple(picked)
    if group_id is not None:
        return f"{default + ' AND ' if default else ''}c.id IN (SELECT contact_id FROM group_members WHERE group_id = ?)", (group_id,)
    return default, ()


def one_to_one_histories(db: sqlite3.Connection, *, picked: Sequence[int] | None = None,
                         group_id: int | None = None) -> list[sqlite3.Row]:
    """id, name, circle, n (1:1 messages) and last (ts) of the people with a 1:1 history: those `picked`, else
    the members of `group_id` not in the 'never' circle, else everyone not in it."""
    where, args = _people(picked, group_id, "c.circle != 'never'")
    return db.execute(
        f"SELECT c.id, c.name, c.circle, count(m.id) AS n, max(m.ts) AS last FROM contacts c "
        f"JOIN messages m ON m.contact_id = c.id AND m.kind != 'system' WHERE {where} "
        f"GROUP BY c.id",
        args,
    ).fetchall()


def followup_pool(db: sqlite3.Connection, *, picked: Sequence[int] | None = None,
                  group_id: int | None = None) -> list[sqlite3.Row]:
    """id, name, circle and n (1:1 messages, maybe 0) of those `picked`, else the members of `group_id`, else
    the inner and close circles; by name."""
    if picked or group_id is not None:
        where, args = _people(picked, group_id, "")
    else:
        where, args = "c.circle IN ('inner', 'close')", ()
    return db.execute(
        f"SELECT c.id, c.name, c.circle, (SELECT count(*) FROM messages m WHERE m.contact_id = c.id "
        f"AND m.kind != 'system') AS n FROM contacts c WHERE {where} ORDER BY c.name", args).fetchall()
