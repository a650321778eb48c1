"""Commands about the network: suggest, snooze, dismiss, ask, groups."""

from __future__ import annotations

import argparse
import json
from datetime import date

from assistant.cli.common import (
    empty_book,
    escape,
    fail,
    fmt_day,
    make_console,
    open_store,
    parse_cadence,
    read_about,
    today_arg,
)


def register(sub) -> None:
    s = sub.add_parser("suggest", help="who to reconnect with this month: a ranked list with reasons and talking points")
    s.add_argument("--month", help="YYYY-MM (default: this month, looking at least two weeks ahead)")
    s.add_argument("--limit", type=int, default=10, help="how many people (default 10)")
    s.add_argument("--about", metavar="TEXT|FILE", help="your news (text, or a file with it): who would care about it?")
    s.add_argument("--circle", choices=("inner", "close", "wider"), help="only this circle")
    s.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the reasons")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.add_argument("--today", help=argparse.SUPPRESS)
    s.set_defaults(func=cmd_suggest)

    s = sub.add_parser("snooze", help="hide a contact from suggestions for a while (default 2 weeks)")
    s.add_argument("contact")
    g = s.add_mutually_exclusive_group()
    g.add_argument("--for", dest="for_", metavar="DURATION", help="e.g. 10d, 3w, 2m")
    g.add_argument("--until", metavar="YYYY-MM-DD")
    s.set_defaults(func=cmd_snooze)

    s = sub.add_parser("dismiss", help="not now: rest a suggested contact (longer each time in a row)")
    s.add_argument("contact")
    s.set_defaults(func=cmd_dismiss)

    s = sub.add_parser("ask", help="ask about your network, e.g. \"who is into cycling\" (EN/中文); answers cite messages")
    s.add_argument("question", nargs="+")
    s.add_argument("--offline", action="store_true", help="never call the model: the built-in answers only")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.add_argument("--today", help=argparse.SUPPRESS)
    s.set_defaults(func=cmd_ask)

    s = sub.add_parser("groups", help="your group chats: size, activity, and whether to keep, broadcast or close")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.add_argument("--today", help=argparse.SUPPRESS)
    s.add_argument("--tui", action="store_true", help="browse the groups and their health in the terminal UI")
    s.set_defaults(func=cmd_groups, group=None, min_chars=120, announcements=8)
    gsub = s.add_subparsers(dest="groups_command")
    c = gsub.add_parser("show", help="one group: members, who spoke lately, activity per month, announcements")
    c.add_argument("group", help="name (or part of it) or #id")
    c.add_argument("--min-chars", type=int, default=120,
                   help="your messages at least this long count as announcements (default 120)")
    c.add_argument("--announcements", type=int, default=8, help="how many recent announcements to list")
    c.add_argument("--json", action="store_true", help="machine-readable output")
    c.add_argument("--today", help=argparse.SUPPRESS)
    c.set_defaults(func=cmd_groups)



# --- suggest, snooze, dismiss, ask ---------------------------------------------------------------------


def cmd_suggest(args, settings) -> int:
    import json as _json

    from assistant.ranking import rank
    from assistant.services import retriever

    tz = settings.tzinfo()
    store = open_store(settings)
    try:
        about = read_about(args.about) if args.about else None
        r = rank(store, today_arg(args, tz), month=args.month, limit=args.limit, circle=args.circle, about=about,
                 retriever=retriever(settings, store), tz=tz)
    except ValueError as e:
        return fail(str(e))
    lang = args.lang
    if args.json:
        out = [{"contact_id": s.contact_id, "name": s.name, "circle": s.circle, "score": s.score,
                "reasons": [x.text(lang) for x in s.reasons], "last_talked": fmt_day(s.last_ts, tz),
                "last_channel": s.last_channel,
                "hook": s.hook.text(lang, tz) if s.hook else None,
                "hook_message_ids": s.hook.message_ids if s.hook else [],
                "talking_point": _hook_json(s.hook, tz)} for s in r.suggestions]
        print(_json.dumps({"window": [r.window.start.isoformat(), r.window.end.isoformat()], "suggestions": out,
                           "held_back": [{"name": h.name, "why": h.text(lang)} for h in r.held_back]},
                          ensure_ascii=False, indent=1))
        return 0
    from rich.table import Table

    console = make_console()
    title = ("Who would care about this" if about else "Worth reconnecting with") + \
        f" · {r.window.start:%b %-d} – {r.window.end:%b %-d, %Y}"
    if not r.suggestions:
        console.print(f"{title}: " + (empty_book(store) or "nobody right now — you're in touch with everyone on "
                                      "your list."))
    else:
        table = Table("#", "who", "why now", "talk about", "last", title=title, title_justify="left",
                      show_lines=True, box=None)
        for i, s in enumerate(r.suggestions, 1):
            why = "\n".join(escape(x.text(lang)) for x in s.reasons)
            hook = "-"
            if s.hook:
                hook = escape(s.hook.text(lang, tz)) + "  [dim]" + " ".join(f"#{m}" for m in s.hook.message_ids) + "[/]"
            last = fmt_day(s.last_ts, tz) + (f"\n[dim]{escape(s.last_channel)}[/]" if s.last_channel else "")
            table.add_row(str(i), f"[bold]{escape(s.name)}[/]\n[dim]{s.circle} #{s.contact_id}[/]", why, hook, last)
        console.print(table)
    if r.held_back:
        shown = ", ".join(f"{escape(h.name)} ({escape(h.text(lang))})" for h in r.held_back[:6])
        more = f" and {len(r.held_back) - 6} more" if len(r.held_back) > 6 else ""
        console.print(f"[dim]held back: {shown}{more}[/]")
    return 0


def _hook_json(h, tz) -> dict | None:
    """The talking point as data: its kind, what it cites (who wrote each message, when) and why it was chosen."""
    if h is None:
        return None
    return {"kind": h.category or h.kind, "topic": h.topic, "quote": escape(h.quote), "why": h.why,
            "date": fmt_day(h.ts, tz) if h.ts else None, "plan": h.plan or None,
            "plan_date": fmt_day(h.event_ts, tz) if h.event_ts else None,
            "cites": [{"message_id": c["id"], "author": c["author"], "date": fmt_day(c["ts"], tz)} for c in h.cites]
            or [{"message_id": i, "author": None, "date": None} for i in h.message_ids]}


def cmd_snooze(args, settings) -> int:
    from assistant.ranking import snooze
    from assistant.store import StoreError

    tz = settings.tzinfo()
    store = open_store(settings)
    try:
        c = store.find_contact(args.contact)
        if args.until:
            try:
                until = date.fromisoformat(args.until)
            except ValueError:
                return fail(f"--until {args.until!r}: use YYYY-MM-DD")
            back = snooze(store, c.id, until=until, tz=tz)
        else:
            back = snooze(store, c.id, days=parse_cadence(args.for_) if args.for_ else None, tz=tz)
    except (StoreError, ValueError) as e:
        return fail(str(e))
    print(f"snoozed {c.name} (#{c.id}) until {fmt_day(back, tz)}")
    return 0


def cmd_dismiss(args, settings) -> int:
    from assistant.ranking import dismiss
    from assistant.store import StoreError

    store = open_store(settings)
    try:
        c = store.find_contact(args.contact)
        dismiss(store, c.id)
    except StoreError as e:
        return fail(str(e))
    print(f"dismissed {c.name} (#{c.id}) for now; they rest for a while and come back later")
    return 0


def cmd_ask(args, settings) -> int:
    import json as _json

    from assistant.ask.agent import ask
    from assistant.llm import LLMNotConfigured
    from assistant.services import retriever

    tz = settings.tzinfo()
    store = open_store(settings)
    question = " ".join(args.question)
    try:
        answer = ask(question, store, settings=settings, retriever=retriever(settings, store),
                     today=today_arg(args, tz), tz=tz, offline=args.offline)
    except (LLMNotConfigured, ValueError) as e:
        return fail(str(e))
    if args.json:
        print(_json.dumps({"answer": answer.text, "via": answer.via, "citations": answer.citations,
                           "unverified": answer.unverified, "tools": answer.tool_calls, "note": answer.note,
                           "flagged": answer.flagged,
                           "sources": answer.sources}, ensure_ascii=False, indent=1))
        return _ask_code(answer)
    console = make_console()
    if answer.note:
        console.print(f"[yellow]note:[/] {escape(answer.note)}")
    console.print(escape(answer.text))
    if answer.via == "agent" and answer.sources:
        console.print("\n[dim]sources:[/]")
        for i, m in answer.sources.items():
            console.print(f"[dim]#{i} {m['date']} {escape(m['channel'])} {escape(m['from'])}: "
                          f"{escape(m['text'][:120])}[/]")
    if answer.unverified:
        console.print("[yellow]warning:[/] cited ids no tool returned (not checked): "
                      + ", ".join(f"#{i}" for i in answer.unverified))
    return _ask_code(answer)


def _ask_code(answer) -> int:
    """0 answered; 1 the question could not be answered (e.g. no contact by that name), or the model guessed
    without looking anything up; 3 it needs a model and none answered."""
    if answer.via == "none":
        return 3
    if isinstance(answer.data, dict) and answer.data.get("error"):
        return 1
    return 1 if answer.flagged and not answer.tool_calls else 0


# --- groups ---------------------------------------------------------------------------------------------


def cmd_groups(args, settings) -> int:
    """`groups`: every group with size and activity; `groups show NAME`: the health report of one."""
    from assistant.groups import GroupNotFound, group_health, list_groups
    from assistant.groups.render import groups_table, health_report

    tz = settings.tzinfo()
    store = open_store(settings)
    try:
        today = today_arg(args, tz)
        if getattr(args, "tui", False):
            from assistant.tui.app import make_app

            make_app(settings, store=store, today=today, start="groups").run()
            return 0
        if args.group:
            h = group_health(store, args.group, today, tz, min_chars=args.min_chars)
            if args.json:
                print(json.dumps(h.to_dict(), ensure_ascii=False, indent=1))
            else:
                make_console().print(health_report(h, announcements=args.announcements))
            return 0
        rows = list_groups(store, today, tz)
        healths = {r.id: group_health(store, r.id, today, tz) for r in rows}
    except (GroupNotFound, ValueError) as e:
        return fail(str(e))
    if args.json:
        print(json.dumps([{**r.__dict__, "member_count": healths[r.id].member_count, "first": fmt_day(r.first_ts, tz),
                           "last": fmt_day(r.last_ts, tz), "suggestion": healths[r.id].recommendation.verdict}
                          for r in rows], ensure_ascii=False, indent=1))
        return 0
    if not rows:
        print("no groups yet: import a group chat export first (outreach import FILE)")
        return 0
    console = make_console()
    console.print(groups_table(rows, tz, healths))
    console.print("[dim]outreach groups show NAME: members, activity per month, announcements and what to do[/]")
    return 0
