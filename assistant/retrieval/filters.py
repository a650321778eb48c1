"""Search filters, applied the same way to the lexical index (SQL) and the vector store (Chroma `where`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone


def to_ts(value: int | float | datetime | date | None, *, end: bool = False) -> int | None:
    """Unix seconds from a timestamp, an aware/naive (UTC) datetime or a date (start, or end of day if end)."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return int(value)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return int(value.timestamp())
    if isinstance(value, date):
        ts = int(datetime(value.year, value.month, value.day, tzinfo=timezone.utc).timestamp())
        return ts + 86399 if end else ts
    raise TypeError(f"cannot use {value!r} as a time")


@dataclass(frozen=True)
class Filters:
    """A chunk passes when every given condition holds. `since`/`until` (Unix seconds) keep chunks whose time
    span overlaps [since, until]. `contact_id` keeps the 1:1 chats with that contact and the group chunks in
    which they wrote."""

    contact_id: int | None = None
    group_id: int | None = None
    channel: str | None = None
    since: int | None = None
    until: int | None = None

    def __bool__(self) -> bool:
        return any(v is not None for v in (self.contact_id, self.group_id, self.channel, self.since, self.until))

    def sql(self, alias: str = "c", rid: str | None = None) -> tuple[str, list]:
        """A WHERE fragment over retrieval_chunks (aliased) and its arguments. `rid`: the expression the contact
        condition tests (default `<alias>.rid`); a full-text search joined to the chunks passes its own rowid, so
        that another contact's match is dropped before its chunk row is read."""
        parts, args = [], []
        if self.contact_id is not None:
            parts.append(f"{rid or alias + '.rid'} IN (SELECT rid FROM retrieval_chunk_people WHERE contact_id = ?)")
            args.append(self.contact_id)
        if self.group_id is not None:
            parts.append(f"{alias}.group_id = ?")
            args.append(self.group_id)
        if self.channel is not None:
            parts.append(f"{alias}.channel = ?")
            args.append(self.channel)
        if self.since is not None:
            parts.append(f"{alias}.end_ts >= ?")
            args.append(self.since)
        if self.until is not None:
            parts.append(f"{alias}.start_ts <= ?")
            args.append(self.until)
        return " AND ".join(parts), args

    def chroma_where(self) -> dict | None:
        conds: list[dict] = []
        if self.contact_id is not None:
            conds.append({"people": {"$contains": self.contact_id}})
        if self.group_id is not None:
            conds.append({"group_id": self.group_id})
        if self.channel is not None:
            conds.append({"channel": self.channel})
        if self.since is not None:
            conds.append({"end_ts": {"$gte": self.since}})
        if self.until is not None:
            conds.append({"start_ts": {"$lte": self.until}})
        if not conds:
            return None
        return conds[0] if len(conds) == 1 else {"$and": conds}
