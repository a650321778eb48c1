"""Commands for knowing what works: report (reply rates by kind of touch), plan (a calendar file), circle."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant.cli.common import escape, fail, make_console, open_store, today_arg


def register(sub) -> None:
    s = sub.add_parser("report", help="what works: which touches get answers (by talking point, channel, "
                                     "language, circle, edited or not) and how your group announcements landed")
    s.add_argument("--since", help="only touches from this date: YYYY-MM-DD, YYYY-MM, YYYY, or 6m / 1y ago")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.set_defaults(func=cmd_report)

    s = sub.add_parser("plan", help="the coming touches as a calendar file (Google, Apple, Outlook import it)")
    s.add_argument("--ics", metavar="FILE", type=Path, help="write an iCalendar file here (re-exporting updates "
                                                            "the same events)")
    s.add_argument("--months", type=int, default=3, metavar="N", help="how far ahead (default 3 months)")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.add_argument("--today", help=argparse.SUPPRESS)
    s.set_defaults(func=cmd_plan)

    s = sub.add_parser("circle", help="your core circle at a glance: last and next touch, dates, health")
    s.add_argument("--no-propose", action="store_true", help="only the people you marked inner")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.add_argument("--today", help=argparse.SUPPRESS)
    s.set_defaults(func=cmd_circle)


def _bar(rate: float, width: int = 20) -> str:
    full = round(rate * width)
    return "█" * full + "·" * (width - full)


def cmd_report(args, settings) -> int:
    from assistant.cli.search import parse_when
    from assistant.outcomes.report import DIMENSION_TITLES

    try:
        since = parse_when(args.since, settings.tzinfo()) if args.since else None
    except ValueError as e:
        return fail(str(e))
    store = open_store(settings)
    try:
        from assistant.services.report import what_works

        report = what_works(settings, store, since=since)
    finally:
        store.close()
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
        return 0
    console = make_console()
    plain = not console.is_terminal
    if not report.touches and not report.announcements:
        console.print("No touches yet. A touch is a draft you approved and sent, or a message of yours that "
                      "re-opened a chat after a month or more; import your chats (`outreach import PATH`) and "
                      "approve drafts (`outreach`), then come back.")
        return 0
    o = report.overall
    if o:
        console.print(f"{report.touches} touches; {o.replied} of {o.n} answered within 30 days ({o.rate:.0%}, "
                      f"95% interval {o.low:.0%}–{o.high:.0%})" + (f"; median time to reply {_hours(o.median_hours)}"
                                                                   if o.median_hours is not None else "")
                      + (f"; {report.pending} too recent to tell" if report.pending else ""))
    else:
        console.print(f"{report.touches} touches, all too recent to tell (answers can take up to 30 days)")
    for dim, rows in report.breakdowns.items():
        console.print()
        console.print(DIMENSION_TITLES[dim] if plain else f"[bold]{DIMENSION_TITLES[dim]}[/]")
        for r in rows:
            rate = f"{r.rate:4.0%}" if r.enough else "  – "
            bar = _bar(r.rate) if r.enough else " " * 20
            median = _hours(r.median_hours) if r.median_hours is not None else "-"
            line = (f"  {_pad(r.label, 28)} {rate} {bar}  {r.replied:>3}/{r.n:<3} reply in {median:<8} "
                    f"{r.confidence}")
            console.print(line if plain else escape(line))
    if report.announcements:
        console.print()
        console.print("group announcements: members who answered (in the group or 1:1) within 7 days"
                      if plain else "[bold]group announcements[/]: members who answered (in the group or 1:1) "
                                    "within 7 days")
        for a in report.announcements[-12:]:
            tail = "" if a.complete else "  (week not over)"
            line = (f"  {a.date}  {_pad(a.group, 30)} {a.share:4.0%} {_bar(a.share)}  {a.answered}/{a.members}"
                    f"{tail}")
            console.print(line if plain else escape(line))
    return 0


def _hours(h: float) -> str:
    if h < 1:
        return f"{h * 60:.0f} min"
    return f"{h:.0f} h" if h < 48 else f"{h / 24:.1f} d"


def _pad(text: str, width: int) -> str:
    """Cut and pad to `width` terminal cells (a CJK character takes two)."""
    from rich.cells import cell_len, set_cell_size

    return set_cell_size(text, width) if cell_len(text) != width else text


def cmd_plan(args, settings) -> int:
    from assistant.services.report import plan_events, write_ics

    if not 1 <= args.months <= 24:
        return fail("--months: give 1 to 24")
    try:
        today = today_arg(args, settings.tzinfo())
    except ValueError as e:
        return fail(str(e))
    if args.ics is not None and args.ics.is_dir():
        return fail(f"{args.ics}: a folder; give a file name, e.g. {args.ics / 'outreach.ics'}")
    store = open_store(settings)
    try:
        events = plan_events(settings, store, today, months=args.months)
    finally:
        store.close()
    if args.ics is not None:
        try:
            size = write_ics(events, args.ics)
        except OSError as e:
            return fail(f"{args.ics}: cannot write it ({e.strerror})")
        print(f"wrote {len(events)} events ({size:,} bytes) to {args.ics}; import it into your calendar "
              "(a newer export updates the same events)")
        return 0
    if args.json:
        print(json.dumps([{"uid": e.uid, "day": e.day.isoformat(), "summary": e.summary, "note": e.note,
                           "contact_id": e.contact_id, "kind": e.kind} for e in events], ensure_ascii=False,
                         indent=1))
        return 0
    if not events:
        print(f"nothing planned in the next {args.months} month(s)")
        return 0
    console = make_console()
    for e in events:
        console.print(escape(f"{e.day.isoformat()}  {e.summary}"))
    console.print(f"[dim]{len(events)} events; write them to a calendar file with --ics FILE[/]")
    return 0


def cmd_circle(args, settings) -> int:
    from assistant.services.report import core_circle

    try:
        today = today_arg(args, settings.tzinfo())
    except ValueError as e:
        return fail(str(e))
    store = open_store(settings)
    try:
        members = core_circle(settings, store, today, propose=not args.no_propose)
    finally:
        store.close()
    if args.json:
        print(json.dumps([m.to_json() for m in members], ensure_ascii=False, indent=1))
        return 0
    if not members:
        print("No core circle yet: mark the people who matter most with `outreach contacts set NAME --circle "
              "inner` (5 to 10 of them), or import your chats so the history can propose some.")
        return 0
    from rich.table import Table

    console = make_console()
    table = Table(box=None, pad_edge=False)
    for col in ("", "name", "last touch", "next touch", "health", "answered", "coming up"):
        table.add_column(col)
    colours = {"warm": "green", "due": "yellow", "cooling": "red"}
    for m in members:
        table.add_row("?" if m.proposed else "●", escape(m.name),
                      f"{m.last_touch or '-'}" + (f" ({m.last_channel})" if m.last_channel else ""),
                      m.next_touch or "-", f"[{colours[m.health]}]{m.health}[/]",
                      f"{m.answered}/{m.touches}" if m.touches else "-", escape(", ".join(m.upcoming)) or "-")
    console.print(table)
    if any(m.proposed for m in members):
        console.print("[dim]? proposed from your history (depth and balance of your 1:1 chats); confirm with "
                      "`outreach contacts set NAME --circle inner`[/]")
    return 0
