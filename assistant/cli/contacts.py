"""Commands for the contact book: import, demo, the TUI, contacts, merge, split, status."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant import __version__
from assistant.cli.common import (
    escape,
    fail,
    fmt_day,
    make_console,
    open_store,
    parse_birthday,
    parse_cadence,
    progress_bar,
)
from assistant.cli.drafts import review_queue
from assistant.cli.search import interest_rows, run_index, sync_index

# --- import ---------------------------------------------------------------------------------------------


def _ask_me(path: Path, authors: list[str]) -> str | None:
    if not sys.stdin.isatty():
        return None
    print(f"\nWhich of these is you in {path.name}?")
    for i, a in enumerate(authors, 1):
        print(f"  {i}. {a}")
    answer = input("number (Enter to cancel): ").strip()
    if answer.isdigit() and 1 <= int(answer) <= len(authors):
        return authors[int(answer) - 1]
    return None


def run_import(
    settings, paths: list[Path], fmt: str | None, me: list[str], quiet: bool = False, index: bool = True
) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from assistant.domain import ParseError
    from assistant.ingest.pipeline import import_paths

    store = open_store(settings)
    console = make_console()
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console,
                        disable=quiet or not console.is_terminal, transient=True)
    tasks: dict[str, int] = {}

    def on_progress(label: str, done: int, total: int) -> None:
        if label not in tasks:
            tasks[label] = progress.add_task(label, total=total)
        progress.update(tasks[label], completed=done)

    try:
        with progress, store.writer("import"):
            summary = import_paths(
                store, paths, tz=settings.tzinfo(), fmt=fmt, me=[*settings.me_names(), *me], ask=_ask_me,
                progress=on_progress,
            )
    except ParseError as e:
        return fail(f"{e}\nnothing was imported")
    finally:
        store.close()
    if not quiet:
        for f in summary.files:
            console.print(
                f"[bold]{escape(f.path.name)}[/] ({f.format}): +{f.messages_added} messages, {f.messages_skipped} skipped, "
                f"+{f.contacts_added} contacts, {f.contacts_merged} merged"
            )
        for w in summary.warnings:
            console.print(f"[yellow]warning:[/] {escape(w)}")
        console.print(summary.line())
        for f in summary.unresolved:
            shown = ", ".join(f.owner_unresolved[:8]) + (" ..." if len(f.owner_unresolved) > 8 else "")
            console.print(f"[yellow]owner unresolved:[/] {escape(f.path.name)}: which author is you is not known "
                          f"({escape(shown)}); all its messages count as received until you run `outreach me NAME`")
    if index and summary.total("messages_added"):
        return sync_index(settings, quiet=quiet)  # only when an index exists: see sync_index
    return 0


def cmd_me(args, settings) -> int:
    """`outreach me NAME`: the user is NAME; chats imported without knowing it are settled in place."""
    store = open_store(settings)
    try:
        if not args.name:
            pending = store.owner_pending()
            names = store.me_names()
            print("you are: " + (", ".join(names) if names else "not known yet"))
            print(f"{len(pending)} chat(s) imported without knowing which author is you")
            return 0
        changed, settled = store.assign_me(args.name, args.channel or "*")
    finally:
        store.close()
    print(f"{args.name} is you: {changed} message(s) re-assigned as sent, {settled} chat(s) settled")
    return 0


def cmd_import(args, settings) -> int:
    return run_import(settings, args.paths, args.format, args.me or [], index=not args.no_index)


def cmd_demo(args, settings) -> int:
    data = Path(args.data)
    if not data.is_dir():
        return fail(f"demo data not found at {data}")
    manifest = json.loads((data / "MANIFEST.json").read_text(encoding="utf-8"))
    # The demo's devices were in Berlin: read its naive local times there, whatever this machine's zone.
    settings = settings.model_copy(update={"timezone": manifest["naive_times_are"]})
    print(f"Loading the demo data from {data} into {settings.home}")
    code = run_import(settings, [data / f["path"] for f in manifest["files"]], None, [manifest["owner"]["name"]],
                      index=False)
    if code:
        return code
    code = cmd_contacts_list(argparse.Namespace(query=None, limit=None, active=True), settings)
    if code:
        return code
    build = not getattr(args, "no_index", False)
    n = getattr(args, "drafts", 0) or 0
    if not getattr(args, "no_tui", False):
        if interactive():
            # The queue opens now; the index is built behind it (search answers by words within seconds, the
            # vectors follow with a progress bar) and the drafts arrive as soon as the word index is there.
            return run_tui(settings, build_index=build, drafts=n)
        print("Not opening the review queue: this is not a terminal (output piped or redirected). "
              "Indexing and drafting here instead.")
    if build:
        store = open_store(settings)
        try:
            code = run_index(settings, store)
        finally:
            store.close()
        if code:
            return code
    if n > 0:
        code = _demo_drafts(settings, n)
        if code:
            return code
    print("Review the drafts: `outreach` opens the review queue (or `outreach drafts` to list them).")
    return 0


def _demo_drafts(settings, n: int) -> int:
    """Drafts for the top `n` of this month's ranking (the offline drafter unless an endpoint is configured)."""
    from assistant.services import model_configured as is_configured

    store = open_store(settings)
    console = make_console()
    offline = not is_configured(settings)
    progress, on_progress = progress_bar(console, False)
    try:
        with progress:
            result = review_queue(settings, store, offline=offline).suggested(n, progress=on_progress)
    finally:
        store.close()
    how = "offline drafter (no model configured)" if offline else f"model {settings.chat_model}"
    print(f"{len(result.drafts)} draft(s) made by the {how}; {len(result.skipped)} already waiting"
          + (f"; {len(result.failed)} failed: " + "; ".join(f"{a}: {b}" for a, b in result.failed) if result.failed else ""))
    return 0


def interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def run_tui(settings, *, light: bool = False, start: str = "queue", build_index: bool = True, drafts: int = 0) -> int:
    """Open the review queue (assistant/tui). Textual is imported only here. `build_index`: build or finish the
    search index in the background when it needs it (a first run, an interrupted build)."""
    from assistant.tui.app import make_app

    make_app(settings, light=light, start=start, build_index=build_index, drafts=drafts).run()
    return 0


def cmd_tui(args, settings) -> int:
    if not interactive():
        return fail("the review queue needs a terminal; use `outreach drafts` to list and review drafts instead")
    return run_tui(settings, light=args.light, start="import" if args.import_ else "queue")


# --- contacts -------------------------------------------------------------------------------------------


def cmd_contacts_list(args, settings) -> int:
    from rich.table import Table

    store = open_store(settings)
    tz = settings.tzinfo()
    contacts = store.list_contacts(args.query)
    table = Table("#", "name", "circle", "channels", "messages", "last", box=None)
    rows = store.db.execute(
        "SELECT contact_id, count(*), max(ts), group_concat(DISTINCT channel) FROM messages "
        "WHERE contact_id IS NOT NULL AND kind != 'system' GROUP BY contact_id"
    )
    stats = {r[0]: r[1:] for r in rows}
    if getattr(args, "active", False):  # only people with a 1:1 history, most recent first
        contacts = sorted((c for c in contacts if c.id in stats), key=lambda c: -stats[c.id][1])
    contacts = contacts[: args.limit] if args.limit else contacts
    for c in contacts:
        n, last, channels = stats.get(c.id, (0, None, ""))
        table.add_row(str(c.id), escape(c.name), c.circle, channels or "", str(n), fmt_day(last, tz))
    console = make_console()
    if not contacts:
        from assistant.cli.common import empty_book

        console.print(f"no contact matches {escape(args.query)!r}" if args.query else
                      empty_book(store) or "no contacts with a conversation yet")
        return 0
    console.print(table)
    console.print(f"{len(contacts)} contact(s)")
    return 0


def cmd_contacts_show(args, settings) -> int:
    from rich.table import Table

    from assistant.store import StoreError

    store = open_store(settings)
    tz = settings.tzinfo()
    try:
        c = store.find_contact(args.contact)
    except StoreError as e:
        return fail(str(e))
    stats = store.contact_stats(c.id)
    console = make_console()
    console.print(f"[bold]{escape(c.name)}[/]  #{c.id}")
    info = Table(box=None, show_header=False)
    aliases = store.aliases(c.id)
    if aliases:
        info.add_row("aliases", escape(", ".join(aliases)))
    info.add_row("circle", c.circle)
    info.add_row("cadence", f"{c.cadence_days} days" if c.cadence_days else "default for the circle")
    info.add_row("languages", ", ".join(c.languages) or "-")
    info.add_row("interests", ", ".join(c.interests) or "-")
    interest_rows(info, store, c.id)
    info.add_row("birthday", c.birthday or "-")
    for label, d in store.important_dates(c.id):
        if label != "birthday":
            info.add_row(label, d)
    if c.organization or c.title:
        info.add_row("work", " · ".join(x for x in (c.title, c.organization) if x))
    if c.notes:
        info.add_row("notes", c.notes)
    info.add_row(
        "history",
        f"{stats['n']} messages ({stats['sent'] or 0} sent, {stats['received'] or 0} received) "
        f"{fmt_day(stats['first'], tz)} → {fmt_day(stats['last'], tz)} on {stats['channels'] or '-'}",
    )
    if stats["groups"]:
        info.add_row("groups", ", ".join(stats["groups"]))
    console.print(info)
    ids = Table("identity", "value", "from", box=None)
    for r in store.identities(c.id):
        ids.add_row(r["kind"], escape(r["raw"]), r["source"])
    console.print(ids)
    recent = store.messages_with(c.id, limit=args.messages)
    if recent:
        console.print(f"\n[bold]last {len(recent)} messages[/]")
        for m in recent:
            who = "me" if m["direction"] == "out" else c.name
            where = f" [{m['group_name']}]" if m["group_name"] else ""
            text = m["text"].replace("\n", " ")
            line = escape(f"{fmt_day(m['ts'], tz)} {m['channel']}{where} {who}: {text[:160]}")
            console.print(f"{line}  [dim](#{m['id']})[/]")
    return 0


def cmd_contacts_set(args, settings) -> int:
    from assistant.store import StoreError

    store = open_store(settings)
    try:
        c = store.find_contact(args.contact)
        fields: dict = {}
        if args.circle:
            fields["circle"] = args.circle
        if args.cadence is not None:
            fields["cadence_days"] = parse_cadence(args.cadence)
        if args.birthday:
            fields["birthday"] = parse_birthday(args.birthday)
        if args.language:
            fields["languages"] = [x.strip() for x in args.language.split(",") if x.strip()]
        if args.interests is not None:
            fields["interests"] = [x.strip() for x in args.interests.split(",") if x.strip()]
        if args.notes is not None:
            fields["notes"] = args.notes
        if args.name:
            fields["name"] = args.name
        added = [a.strip() for a in getattr(args, "alias", None) or [] if a.strip()]
        removed = [a.strip() for a in getattr(args, "remove_alias", None) or [] if a.strip()]
        if not fields and not added and not removed:
            return fail("nothing to set: give --circle, --cadence, --birthday, --language, --interests, --notes, "
                        "--name, --alias or --remove-alias")
        with store.transaction():
            store.update_contact(c.id, **fields)
            if "birthday" in fields:
                store.set_important_date(c.id, "birthday", fields["birthday"])
            for a in added:
                store.add_identity(c.id, "alias", a, source="user")
            missing = [a for a in removed if not store.remove_alias(c.id, a)]
            if missing:
                raise StoreError(f"{c.name} has no alias {missing[0]!r} (aliases: "
                                 f"{', '.join(store.aliases(c.id)) or 'none'})")
        if added:
            fields["aliases"] = ", ".join(store.aliases(c.id))
    except (StoreError, ValueError) as e:
        return fail(str(e))
    print(f"updated {c.name} (#{c.id}): " + ", ".join(f"{k}={v}" for k, v in fields.items()))
    return 0


def cmd_merge(args, settings) -> int:
    from assistant.store import StoreError

    store = open_store(settings)
    try:
        target = store.find_contact(args.target)
        others = [store.find_contact(ref) for ref in args.others]
        with store.transaction():
            for o in others:
                store.merge(target.id, o.id)
    except StoreError as e:
        return fail(str(e))
    print(f"merged {', '.join(o.name + f' (#{o.id})' for o in others)} into {target.name} (#{target.id})")
    return sync_index(settings, quiet=True)


def cmd_split(args, settings) -> int:
    from assistant.store import StoreError

    store = open_store(settings)
    try:
        c = store.find_contact(args.contact)
        new_id = store.split(c.id, args.channel, args.name)
    except StoreError as e:
        return fail(str(e))
    print(f"split what {args.channel} brought off {c.name} (#{c.id}) into {store.get_contact(new_id).name} (#{new_id})")
    return sync_index(settings, quiet=True)


def cmd_status(args, settings) -> int:
    store = open_store(settings)
    counts = store.counts()
    print(f"outreach {__version__} — data in {settings.home}")
    print(", ".join(f"{v} {k}" for k, v in counts.items()))
    from assistant.services.privacy import is_private

    print("files: private (owner-only: directory 0700, files 0600)" if is_private(settings.home)
          else f"files: WARNING readable by other users; run any outreach command to tighten {settings.home}")
    if not counts["messages"]:
        print("Nothing imported yet: `outreach import PATH...` or `outreach demo`.")
    return 0
