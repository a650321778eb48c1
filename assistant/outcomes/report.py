"""The "what works" report: reply rate and time to reply by kind of touch, and how group announcements landed.

Honest numbers: every rate comes with its count and a 95% Wilson interval, and a group of fewer than
`MIN_N` touches says "too few to tell" instead of a rate to act on. Touches younger than the reply window are
left out of the rates (their answer may still come) and counted as pending.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone, tzinfo

from assistant.outcomes.touches import DAY, REPLY_WINDOW_DAYS, THREADS, refresh
from assistant.store import touches as sql

MIN_N = 5
ANNOUNCEMENT_DAYS = 7
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DIMENSIONS = ("hook_kind", "channel", "language", "circle", "edited", "source", "weekday")
DIMENSION_TITLES = {
    "hook_kind": "by talking point", "channel": "by channel", "language": "by language", "circle": "by circle",
    "edited": "drafts: as drafted or edited", "source": "drafted or your own", "weekday": "by day of the week",
}


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if n == 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass
class Row:
    label: str
    n: int
    replied: int
    rate: float
    low: float
    high: float
    median_hours: float | None
    threads: dict[str, int]
    enough: bool

    @property
    def confidence(self) -> str:
        if not self.enough:
            return f"too few to tell (n={self.n})"
        return f"{self.low:.0%}–{self.high:.0%}"


@dataclass
class AnnouncementRow:
    group: str
    message_id: int
    date: str
    members: int
    answered: int
    share: float
    complete: bool  # the 7 days after it are over


@dataclass
class Report:
    touches: int
    pending: int
    overall: Row | None
    breakdowns: dict[str, list[Row]] = field(default_factory=dict)
    announcements: list[AnnouncementRow] = field(default_factory=list)

    def to_json(self) -> dict:
        return asdict(self)


def _label(dim: str, t: dict) -> str:
    v = t.get(dim)
    if dim == "hook_kind":
        return v or ("no talking point recorded" if t["source"] == "draft" else "your own message")
    if dim == "edited":
        return {None: "", 0: "sent as drafted", 1: "edited before sending"}[v]
    if dim == "source":
        return {"draft": "drafted here", "opener": "your own message"}[v]
    if dim == "weekday":
        return WEEKDAYS[v]
    return v or "unknown"


def _row(label: str, ts: list[dict]) -> Row:
    replied = [t for t in ts if t["replied_at"] is not None]
    low, high = wilson(len(replied), len(ts))
    delays = [(t["replied_at"] - t["at"]) / 3600 for t in replied]
    threads = {k: sum(t["thread"] == k for t in ts) for k in THREADS}
    return Row(label, len(ts), len(replied), len(replied) / len(ts) if ts else 0.0, low, high,
               round(statistics.median(delays), 2) if delays else None, threads, len(ts) >= MIN_N)


def build(touches: list[dict], now: int, announcements: list[AnnouncementRow] | None = None) -> Report:
    """The report over stored touches (pure: no I/O)."""
    settled = [t for t in touches if t["replied_at"] is not None or t["at"] + REPLY_WINDOW_DAYS * DAY <= now]
    report = Report(len(touches), len(touches) - len(settled), _row("all touches", settled) if settled else None,
                    announcements=announcements or [])
    for dim in DIMENSIONS:
        groups: dict[str, list[dict]] = defaultdict(list)
        for t in settled:
            label = _label(dim, t)
            if label:
                groups[label].append(t)
        rows = [_row(k, v) for k, v in groups.items()]
        rows.sort(key=(lambda r: WEEKDAYS.index(r.label)) if dim == "weekday" else (lambda r: (-r.n, r.label)))
        if rows:
            report.breakdowns[dim] = rows
    return report


def announcement_rows(store, tz: tzinfo, now: int, min_chars: int = 120) -> list[AnnouncementRow]:
    """Per announcement in a group: the share of its members who answered, in the group or 1:1, within 7 days."""
    from assistant.groups.health import is_announcement

    rows = []
    for m in sql.group_outbound_texts(store.db):
        if not is_announcement(m["text"] or "", min_chars):
            continue
        members = sql.group_member_ids(store.db, m["group_id"])
        if not members:
            continue
        end = m["ts"] + ANNOUNCEMENT_DAYS * DAY
        answered = sql.responders(store.db, m["group_id"], m["ts"], end) & set(members)
        day = datetime.fromtimestamp(m["ts"], timezone.utc).astimezone(tz).date().isoformat()
        rows.append(AnnouncementRow(m["name"], m["id"], day, len(members), len(answered),
                                    round(len(answered) / len(members), 3), end <= now))
    return rows


def what_works(store, tz: tzinfo = timezone.utc, *, now: int | None = None, since: int | None = None) -> Report:
    """Bring the touches up to date with the store, then report on them."""
    import time

    now = int(time.time()) if now is None else now
    refresh(store, tz)
    return build(sql.load_touches(store.db, since=since), now, announcement_rows(store, tz, now))
