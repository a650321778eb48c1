"""The core circle at a glance: the 5-10 people the user marked `inner`, or, until there are enough, the ones
the history proposes (depth and reciprocity of the 1:1 history of the last two years), for the user to confirm
with `outreach contacts set NAME --circle inner`.

Per person: last touch (date and channel), next touch (last + cadence), upcoming dates, the share of the user's
touches they answered, and the health of the tie:
- `warm`: in touch within the cadence;
- `due`: past the cadence by up to half of it;
- `cooling`: further past it, or never in touch.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta, timezone, tzinfo

from assistant.store import touches as sql

CORE_MIN, CORE_MAX = 5, 10
LOOKBACK_DAYS = 730
MIN_MESSAGES = 20
MIN_RECIPROCITY = 0.3


@dataclass
class CoreMember:
    contact_id: int
    name: str
    proposed: bool  # not yet marked inner: a proposal from the history
    last_touch: str | None
    last_channel: str | None
    next_touch: str | None
    health: str
    cadence_days: int
    touches: int = 0
    answered: int = 0
    upcoming: list[str] = field(default_factory=list)
    why: str = ""

    def to_json(self) -> dict:
        return asdict(self)


def _day(ts: int | None, tz: tzinfo) -> date | None:
    return None if ts is None else datetime.fromtimestamp(ts, timezone.utc).astimezone(tz).date()


def proposals(store, today: date, *, exclude: set[int], limit: int) -> list[tuple[int, str, str]]:
    """(contact_id, name, why) for the people the history suggests as core, best first."""
    since = int(datetime.combine(today - timedelta(days=LOOKBACK_DAYS), datetime.min.time(),
                                 tzinfo=timezone.utc).timestamp())
    scored = []
    for cid, name, _circle, n_in, n_out in sql.depth_and_reciprocity(store.db, since):
        n_in, n_out = n_in or 0, n_out or 0
        if cid in exclude or n_in + n_out < MIN_MESSAGES or not n_in or not n_out:
            continue
        reciprocity = min(n_in, n_out) / max(n_in, n_out)
        if reciprocity < MIN_RECIPROCITY:
            continue
        scored.append((-(n_in + n_out) * reciprocity, cid, name,
                       f"{n_in + n_out} messages in two years, {reciprocity:.0%} balanced"))
    scored.sort()
    return [(cid, name, why) for _, cid, name, why in scored[:limit]]


def core_circle(store, today: date, tz: tzinfo = timezone.utc, *, propose: bool = True) -> list[CoreMember]:
    """The inner circle, topped up with proposals to at least CORE_MIN people (at most CORE_MAX)."""
    from assistant.outcomes.plan import _next_occurrence
    from assistant.ranking.data import load_details, load_facts

    facts = {f.id: f for f in load_facts(store.db)}
    inner = [(cid, name, "") for cid, name in sql.contacts_in_circle(store.db, "inner")]
    chosen = [(cid, name, why, False) for cid, name, why in inner]
    if propose and len(chosen) < CORE_MIN:
        extra = proposals(store, today, exclude={c for c, *_ in chosen}, limit=CORE_MAX - len(chosen))
        chosen += [(cid, name, why, True) for cid, name, why in extra]
    touched: dict[int, list[dict]] = {}
    for t in sql.load_touches(store.db):
        touched.setdefault(t["contact_id"], []).append(t)
    members = []
    for cid, name, why, proposed in chosen:
        f = facts.get(cid)
        if f is None:
            continue
        cadence = f.cadence
        last = _day(f.last_ts, tz)
        nxt = None if last is None else last + timedelta(days=cadence)
        if last is None:
            health = "cooling"
        else:
            overdue = (today - last).days - cadence
            health = "warm" if overdue <= 0 else "due" if overdue <= cadence // 2 else "cooling"
        upcoming = []
        for label, value in ([("birthday", f.birthday)] if f.birthday else []) + list(f.dates or ()):
            day = _next_occurrence(value, today)
            if day and (day - today).days <= 90:
                upcoming.append(f"{label} {day.isoformat()}")
        ts = touched.get(cid, [])
        members.append(CoreMember(
            cid, name, proposed, last.isoformat() if last else None, load_details(store.db, cid)[1],
            nxt.isoformat() if nxt else None, health, cadence, len(ts),
            sum(t["replied_at"] is not None for t in ts), upcoming, why))
    return members

