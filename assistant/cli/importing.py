"""Commands that bring data in: import, me (which author is you), demo."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.cli.app import interactive, run_tui
from assistant.cli.common import (
    DEMO_DIR,
    escape,
    fail,
    make_console,
    open_store,
    progress_bar,
)
from assistant.cli.contacts import cmd_contacts_list
from assistant.cli.drafts import review_queue
from assistant.cli.search import run_index, sync_index


def register(sub) -> None:
    from assistant.ingest import IMPORTERS

    s = sub.add_parser("import", help="import chat and contact exports (files or folders)")
    s.add_argument("paths", nargs="+", type=Path)
    s.add_argument("--format", choices=IMPORTERS, help="skip sniffing and read every file as this format")
    s.add_argument("--me", action="append", metavar="NAME", help="the name you appear under (repeatable)")
    s.add_argument("--no-index", action="store_true", help="do not update the retrieval index afterwards")
    s.set_defaults(func=cmd_import)

    s = sub.add_parser("me", help="say which author is you: re-assigns the directions of chats already imported")
    s.add_argument("name", nargs="?", help="the name you appear under in chats (none: show what is known)")
    s.add_argument("--channel", help="only on this channel (e.g. whatsapp); default: every channel")
    s.set_defaults(func=cmd_me)

    s = sub.add_parser("demo", help="load the bundled multilingual demo data, index it, draft for the top of the "
                                   "ranking, and open the review queue")
    s.add_argument("--data", default=str(DEMO_DIR), help=argparse.SUPPRESS)
    s.add_argument("--no-index", action="store_true", help="do not build the search index")
    s.add_argument("--drafts", type=int, default=8, metavar="N", help="draft for the top N of the ranking (default 8; 0: none)")
    s.add_argument("--no-tui", action="store_true", help="do not open the review queue afterwards (never opened "
                                                         "without a terminal)")
    s.set_defaults(func=cmd_demo)


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


