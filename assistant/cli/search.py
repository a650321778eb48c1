"""Commands for the retrieval store: index, search."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from assistant.cli.common import fail, fmt_day, make_console, open_store, progress_bar


def register(sub) -> None:
    s = sub.add_parser("index", help="build or update the search index over your conversations (with progress)")
    s.add_argument("--rebuild", action="store_true", help="drop the index and build it again from the store")
    s.add_argument("--status", action="store_true", help="show what the index holds and what is pending")
    s.add_argument("--no-interests", action="store_true", help="skip extracting interests per contact")
    s.set_defaults(func=cmd_index)

    s = sub.add_parser("search", help="search your conversation history; every hit cites its messages")
    s.add_argument("query")
    s.add_argument("--contact", help="only this contact's 1:1 chats and what they wrote in groups")
    s.add_argument("--group", help="only this group (name or #id)")
    s.add_argument("--channel", help="only this channel, e.g. wechat, whatsapp, email")
    s.add_argument("--since", help="from this date: YYYY-MM-DD, YYYY-MM, YYYY, or 30d / 6m / 1y ago")
    s.add_argument("--until", help="up to this date (inclusive)")
    s.add_argument("-k", type=int, default=10, help="how many hits (default 10)")
    s.add_argument("--mode", choices=("hybrid", "lexical", "dense"), default="hybrid")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.set_defaults(func=cmd_search)



# --- retrieval: index, search, interests ---------------------------------------------------------------


def run_index(settings, store, *, rebuild: bool = False, interests: bool = True, quiet: bool = False) -> int:
    from assistant.services.search import SearchError, build_index

    console = make_console()
    progress, on_progress = progress_bar(console, quiet)
    try:
        with progress:
            result = build_index(settings, store, rebuild=rebuild, interests=interests, progress=on_progress)
    except SearchError as e:
        return fail(str(e))
    report = result.report
    if not quiet:
        console.print(f"index ({result.model_id}): {report.line()}")
        if report.embed_seconds > 0 and report.embedded:
            console.print(f"  {report.embedded / report.embed_seconds:.1f} chunks/s, "
                          f"{report.messages_embedded / report.embed_seconds:.1f} messages/s embedded")
        for note in report.notes:
            console.print(f"  {note}")
        if interests:
            console.print(f"interests updated for {result.interests_updated} contact(s)")
        for e in result.warnings:
            console.print(f"[yellow]warning:[/] {e}")
    return 0


def sync_index(settings, quiet: bool = False) -> int:
    """After a change to the store (import, delete, merge, split): update the retrieval index, if one exists.
    Without an index nothing happens (building the first one is `outreach index`, which can take minutes)."""
    store = open_store(settings)
    try:
        from assistant.services.search import index_exists

        if not index_exists(store):
            return 0
        return run_index(settings, store, quiet=quiet)
    finally:
        store.close()


def cmd_index(args, settings) -> int:
    store = open_store(settings)
    try:
        if args.status:
            from assistant.services.search import index_status

            st = index_status(settings, store)
            tz = settings.tzinfo()
            print(f"model:     {st['model_id'] or '(no index yet)'}"
                  + ("" if st["model_id"] in (None, st["configured_model_id"])
                     else f"  (settings ask for {st['configured_model_id']}: next `outreach index` rebuilds)"))
            print(f"chunks:    {st['chunks']} from {st['messages']} messages")
            print(f"pending:   {st['pending_embeddings']} chunks to embed, {st['stale_conversations']} conversations changed")
            print(f"updated:   {fmt_day(st['updated_at'], tz)}")
            return 0
        return run_index(settings, store, rebuild=args.rebuild, interests=not args.no_interests)
    finally:
        store.close()


_RELATIVE = re.compile(r"^(\d+)\s*([dwmy])$")


def parse_when(text: str, tz, *, end: bool = False) -> int:
    """'2023-05-01', '2023-05', '2023' (local dates) or '30d', '6w', '6m', '1y' (ago) -> Unix seconds."""
    from datetime import timedelta

    text = text.strip()
    m = _RELATIVE.match(text.lower())
    if m:
        days = int(m.group(1)) * {"d": 1, "w": 7, "m": 30, "y": 365}[m.group(2)]
        return int((datetime.now(timezone.utc) - timedelta(days=days)).timestamp())
    for fmt, step in (("%Y-%m-%d", "day"), ("%Y-%m", "month"), ("%Y", "year")):
        try:
            d = datetime.strptime(text, fmt).replace(tzinfo=tz)
        except ValueError:
            continue
        if end:
            if step == "day":
                d = d + timedelta(days=1)
            elif step == "month":
                d = d.replace(year=d.year + d.month // 12, month=d.month % 12 + 1)
            else:
                d = d.replace(year=d.year + 1)
            return int(d.timestamp()) - 1
        return int(d.timestamp())
    raise ValueError(f"date {text!r}: use YYYY-MM-DD, YYYY-MM, YYYY, or 30d / 6w / 6m / 1y")


def cmd_search(args, settings) -> int:
    import json as _json

    from assistant.groups import GroupNotFound, find_group
    from assistant.services.search import SearchError, search
    from assistant.store import StoreError

    store = open_store(settings)
    tz = settings.tzinfo()
    try:
        contact = store.find_contact(args.contact) if args.contact else None
        group_id = find_group(store, args.group)["id"] if args.group else None
        since = parse_when(args.since, tz) if args.since else None
        until = parse_when(args.until, tz, end=True) if args.until else None
        found = search(settings, store, args.query, contact_id=contact.id if contact else None, group_id=group_id,
                       channel=args.channel, since=since, until=until, k=args.k, mode=args.mode)
    except (StoreError, GroupNotFound, ValueError, SearchError) as e:
        return fail(str(e))
    hits, names, groups = found.hits, found.contact_names, found.group_names
    if args.json:
        out = [
            {"chunk_id": h.chunk_id, "contact_id": h.contact_id, "contact": names.get(h.contact_id),
             "group_id": h.group_id, "group": groups.get(h.group_id), "channel": h.channel, "start_ts": h.start_ts,
             "end_ts": h.end_ts, "score": round(h.score, 6), "snippet": h.snippet, "message_ids": h.message_ids}
            for h in hits
        ]
        print(_json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    console = make_console()
    if not hits:
        console.print("no matches")
        return 0
    from rich.markup import escape

    for i, h in enumerate(hits, 1):
        who = names.get(h.contact_id, "?") if h.contact_id else f"group {groups.get(h.group_id, '?')}"
        span = fmt_day(h.start_ts, tz)
        if fmt_day(h.end_ts, tz) != span:
            span += f" → {fmt_day(h.end_ts, tz)}"
        console.print(f"[bold]{i}. {escape(who)}[/] · {h.channel} · {span}  [dim]score {h.score:.4f}[/]")
        console.print(f"   {escape(h.snippet)}")
        console.print(f"   [dim]cites messages {' '.join('#' + str(m) for m in h.message_ids)}[/]")
    return 0


def interest_rows(info, store, contact_id: int) -> None:
    """Rows for `contacts show`: interests and topics found in the history, and those shared with the user."""
    from assistant.services.search import interests_for

    found = interests_for(store, contact_id)
    if not found:
        return
    found_interests = [i for i in found if i.kind == "interest"]
    shared = [i.label for i in found_interests if i.shared]
    if found_interests:
        info.add_row("from history", ", ".join(
            f"{i.label}" + (f" ({i.method.split(':', 1)[0]})" if i.method != "offline" else "") for i in found_interests
        ))
    if shared:
        info.add_row("shared with you", ", ".join(dict.fromkeys(shared)))
    topics = [i.label for i in found if i.kind == "topic"]
    if topics:
        info.add_row("topics", ", ".join(dict.fromkeys(topics)))
    cited = sorted({m for i in found_interests for m in i.evidence})[:12]
    if cited:
        info.add_row("evidence", " ".join(f"#{m}" for m in cited))
