"""The plan in the user's calendar: the coming touches as an iCalendar file that Google Calendar, Apple
Calendar and Outlook import.

- one all-day event per due contact on the day the touch falls due (last contact + cadence, or the end of a
  snooze); touches already overdue are spread over the coming days, `PER_DAY` a day, most overdue first;
  a contact whose cadence is shorter than the horizon gets one event per cadence;
- birthdays as yearly events, other important dates on their day;
- each event's note says why and, where one is found, the talking point, with links removed;
- stable UIDs (`touch-<contact>-<n>`, `birthday-<contact>`, `date-<contact>-<label>`): importing a newer export
  updates the events instead of adding copies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo

PER_DAY = 3
DOMAIN = "outreach-assistant"
_URL = re.compile(r"https?://\S+|www\.\S+", re.I)


@dataclass
class PlannedEvent:
    uid: str
    day: date
    summary: str
    note: str
    contact_id: int
    kind: str  # touch | birthday | date
    yearly: bool = False


def _local(ts: int, tz: tzinfo) -> date:
    return datetime.fromtimestamp(ts, timezone.utc).astimezone(tz).date()


def _next_occurrence(value: str, today: date) -> date | None:
    from assistant.ranking.model import parse_date

    parsed = parse_date(value)
    if not parsed:
        return None
    _, month, day = parsed
    for year in (today.year, today.year + 1):
        try:
            d = date(year, month, day)
        except ValueError:  # 29 February
            d = date(year, 3, 1)
        if d >= today:
            return d
    return None


def plan(store, today: date, *, months: int = 3, tz: tzinfo = timezone.utc, talking_points: bool = True,
         retriever=None) -> list[PlannedEvent]:
    """The events for the next `months` months, by day."""
    from assistant.ranking.data import load_facts
    from assistant.ranking.hooks import HookFinder
    from assistant.ranking.model import render_hook

    horizon = today + timedelta(days=round(months * 30.44))
    events: list[PlannedEvent] = []
    due: list[tuple[date, int, object]] = []  # (first due day, -circle rank, facts)
    for f in load_facts(store.db):
        last = f.last_ts
        first = today if last is None else _local(last, tz) + timedelta(days=f.cadence)
        if last is None and f.circle not in ("inner", "close"):
            first = None  # never in touch and not close: nothing to keep up
        if f.snoozed_until:
            first = max(first or today, _local(f.snoozed_until, tz))
        if first is not None and first <= horizon:
            due.append((first, {"inner": 0, "close": 1}.get(f.circle, 2), f))
        if f.birthday:
            day = _next_occurrence(f.birthday, today)
            if day and day <= horizon:
                events.append(PlannedEvent(f"birthday-{f.id}@{DOMAIN}", day, f"{f.name}'s birthday",
                                           "A good day for a short personal note.", f.id, "birthday", yearly=True))
        for label, value in f.dates or ():
            day = _next_occurrence(value, today)
            if day and day <= horizon:
                key = re.sub(r"\W+", "-", label.lower()).strip("-") or "date"
                events.append(PlannedEvent(f"date-{f.id}-{key}@{DOMAIN}", day, f"{f.name}: {label}",
                                           f"{label} ({value}).", f.id, "date"))

    finder = HookFinder(store.db, retriever) if talking_points else None
    slots: dict[date, int] = {}
    tomorrow = today + timedelta(days=1)
    for first, _, f in sorted(due, key=lambda x: (x[0], x[1], x[2].name)):
        day = max(first, tomorrow)
        while slots.get(day, 0) >= PER_DAY:
            day += timedelta(days=1)
        if day > horizon:
            continue
        slots[day] = slots.get(day, 0) + 1
        point = ""
        if finder is not None:
            try:
                hook = finder.hook(f.id)
            except Exception:  # noqa: BLE001 - a talking point is a nicety; the event is what matters
                hook = None
            if hook is not None:
                point = _URL.sub("", render_hook(hook, "en", tz)).strip()
        since = "never in touch yet" if f.last_ts is None else f"last in touch {_local(f.last_ts, tz).isoformat()}"
        why = f"Keep in touch every {f.cadence} days ({since})."
        n = 0
        while day <= horizon:
            note = why + (f"\nTalking point: {point}" if point and n == 0 else "")
            events.append(PlannedEvent(f"touch-{f.id}-{n}@{DOMAIN}", day, f"Get in touch with {f.name}", note,
                                       f.id, "touch"))
            n += 1
            day += timedelta(days=f.cadence)
    events.sort(key=lambda e: (e.day, e.kind, e.summary))
    return events


def to_ics(events: list[PlannedEvent], *, stamp: datetime | None = None) -> bytes:
    """An iCalendar file (RFC 5545) with one all-day event per planned event."""
    from icalendar import Calendar, Event

    stamp = stamp or datetime.now(timezone.utc)
    cal = Calendar()
    cal.add("prodid", "-//outreach-assistant//plan//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Keeping in touch")
    for e in events:
        ev = Event()
        ev.add("uid", e.uid)
        ev.add("dtstamp", stamp)
        ev.add("dtstart", e.day)
        ev.add("dtend", e.day + timedelta(days=1))
        ev.add("summary", e.summary)
        ev.add("description", e.note)
        ev.add("transp", "TRANSPARENT")
        ev.add("categories", [e.kind])
        if e.yearly:
            ev.add("rrule", {"freq": "yearly"})
        cal.add_component(ev)
    return cal.to_ical()
