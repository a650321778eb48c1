"""What works, the plan, the core circle: the use cases behind `outreach report`, `plan`, `circle` and the
TUI's report screen."""

from __future__ import annotations

import os
import time
from datetime import date, datetime, timezone
from pathlib import Path


def what_works(settings, store, *, since: int | None = None, now: int | None = None):
    from assistant.outcomes.report import what_works as build

    return build(store, settings.tzinfo(), now=now, since=since)


def plan_events(settings, store, today: date, *, months: int = 3):
    from assistant.outcomes.plan import plan
    from assistant.services import retriever

    return plan(store, today, months=months, tz=settings.tzinfo(), retriever=retriever(settings, store))


def write_ics(events, path: Path) -> int:
    """Write the calendar atomically (a half-written file never replaces a good one); returns its size."""
    from assistant.outcomes.plan import to_ics

    data = to_ics(events, stamp=datetime.fromtimestamp(int(time.time()), timezone.utc))
    path = Path(path).expanduser()
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return len(data)


def core_circle(settings, store, today: date, *, propose: bool = True):
    from assistant.outcomes.circle import core_circle as build
    from assistant.outcomes.touches import refresh

    tz = settings.tzinfo()
    refresh(store, tz)
    return build(store, today, tz, propose=propose)
