"""The command line. Heavy libraries are imported inside the commands that use them, so `--help` is instant."""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date, datetime, timezone
from pathlib import Path

from assistant import __version__

DEMO_DIR = Path(__file__).resolve().parents[1] / "demo" / "data"


def _settings():
    from assistant.config import Settings

    return Settings()


def _store(settings):
    from assistant.store import Store

    return Store(settings.db_path)


def _console():
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def escape(text: str) -> str:
    """User data (names, message text, file names) must never be read as rich markup."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def _err(msg: str) -> int:
    print(f"error: {msg}", file=sys.stderr)
    return 2


def _fmt_ts(ts: int | None, tz) -> str:
    if ts is None:
        return "-"
    return datetime.fromtimestamp(ts, timezone.utc).astimezone(tz).strftime("%Y-%m-%d")


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


def run_import(settings, paths: list[Path], fmt: str | None, me: list[str], quiet: bool = False) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from assistant.domain import ParseError
    from assistant.ingest.pipeline import MeUnknown, import_paths

    store = _store(settings)
    console = _console()
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console,
                        disable=quiet or not console.is_terminal, transient=True)
    tasks: dict[str, int] = {}

    def on_progress(label: str, done: int, total: int) -> None:
        if label not in tasks:
            tasks[label] = progress.add_task(label, total=total)
        progress.update(tasks[label], completed=done)

    try:
        with progress:
            summary = import_paths(
                store, paths, tz=settings.tzinfo(), fmt=fmt, me=[*settings.me_names(), *me], ask=_ask_me,
                progress=on_progress,
            )
    except (ParseError, MeUnknown) as e:
        return _err(f"{e}\nnothing was imported")
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
    return 0


def cmd_import(args, settings) -> int:
    return run_import(settings, args.paths, args.format, args.me or [])


def cmd_demo(args, settings) -> int:
    data = Path(args.data)
    if not data.is_dir():
        return _err(f"demo data not found at {data}")
    manifest = json.loads((data / "MANIFEST.json").read_text(encoding="utf-8"))
    # The demo's devices were in Berlin: read its naive local times there, whatever this machine's zone.
    settings = settings.model_copy(update={"timezone": manifest["naive_times_are"]})
    print(f"Loading the demo data from {data} into {settings.home}")
    code = run_import(settings, [data / f["path"] for f in manifest["files"]], None, [manifest["owner"]["name"]])
    if code:
        return code
    return cmd_contacts_list(argparse.Namespace(query=None, limit=None, active=True), settings)


# --- contacts -------------------------------------------------------------------------------------------


def cmd_contacts_list(args, settings) -> int:
    from rich.table import Table

    store = _store(settings)
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
        table.add_row(str(c.id), escape(c.name), c.circle, channels or "", str(n), _fmt_ts(last, tz))
    console = _console()
    console.print(table)
    console.print(f"{len(contacts)} contact(s)")
    return 0


def cmd_contacts_show(args, settings) -> int:
    from rich.table import Table

    from assistant.store import StoreError

    store = _store(settings)
    tz = settings.tzinfo()
    try:
        c = store.find_contact(args.contact)
    except StoreError as e:
        return _err(str(e))
    stats = store.contact_stats(c.id)
    console = _console()
    console.print(f"[bold]{escape(c.name)}[/]  #{c.id}")
    info = Table(box=None, show_header=False)
    info.add_row("circle", c.circle)
    info.add_row("cadence", f"{c.cadence_days} days" if c.cadence_days else "default for the circle")
    info.add_row("languages", ", ".join(c.languages) or "-")
    info.add_row("interests", ", ".join(c.interests) or "-")
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
        f"{_fmt_ts(stats['first'], tz)} → {_fmt_ts(stats['last'], tz)} on {stats['channels'] or '-'}",
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
            line = escape(f"{_fmt_ts(m['ts'], tz)} {m['channel']}{where} {who}: {text[:160]}")
            console.print(f"{line}  [dim](#{m['id']})[/]")
    return 0


_CADENCE = re.compile(r"^(\d+)\s*([dwmy]?)$")


def parse_cadence(text: str) -> int | None:
    """'30', '30d', '6w', '3m', '1y' -> days; 'default' -> None."""
    text = text.strip().lower()
    if text in ("default", "none", ""):
        return None
    m = _CADENCE.match(text)
    if not m:
        raise ValueError(f"cadence {text!r}: use a number of days or e.g. 2w, 3m, 1y, or 'default'")
    return int(m.group(1)) * {"": 1, "d": 1, "w": 7, "m": 30, "y": 365}[m.group(2)]


def parse_birthday(text: str) -> str:
    """'1990-04-15' or '04-15' / '--04-15' -> stored form."""
    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            date.fromisoformat(text)
            return text
        m = re.fullmatch(r"(?:--)?(\d{2})-(\d{2})", text)
        if m:
            date(2000, int(m.group(1)), int(m.group(2)))
            return f"--{m.group(1)}-{m.group(2)}"
    except ValueError:
        pass
    raise ValueError(f"birthday {text!r}: use YYYY-MM-DD, or MM-DD when the year is unknown")


def cmd_contacts_set(args, settings) -> int:
    from assistant.store import StoreError

    store = _store(settings)
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
        if not fields:
            return _err("nothing to set: give --circle, --cadence, --birthday, --language, --interests, --notes or --name")
        with store.transaction():
            store.update_contact(c.id, **fields)
            if "birthday" in fields:
                store.set_important_date(c.id, "birthday", fields["birthday"])
    except (StoreError, ValueError) as e:
        return _err(str(e))
    print(f"updated {c.name} (#{c.id}): " + ", ".join(f"{k}={v}" for k, v in fields.items()))
    return 0


def cmd_merge(args, settings) -> int:
    from assistant.store import StoreError

    store = _store(settings)
    try:
        target = store.find_contact(args.target)
        others = [store.find_contact(ref) for ref in args.others]
        with store.transaction():
            for o in others:
                store.merge(target.id, o.id)
    except StoreError as e:
        return _err(str(e))
    print(f"merged {', '.join(o.name + f' (#{o.id})' for o in others)} into {target.name} (#{target.id})")
    return 0


def cmd_split(args, settings) -> int:
    from assistant.store import StoreError

    store = _store(settings)
    try:
        c = store.find_contact(args.contact)
        new_id = store.split(c.id, args.channel, args.name)
    except StoreError as e:
        return _err(str(e))
    print(f"split what {args.channel} brought off {c.name} (#{c.id}) into {store.get_contact(new_id).name} (#{new_id})")
    return 0


def cmd_status(args, settings) -> int:
    store = _store(settings)
    counts = store.counts()
    print(f"outreach {__version__} — data in {settings.home}")
    print(", ".join(f"{v} {k}" for k, v in counts.items()))
    if not counts["messages"]:
        print("Nothing imported yet: `outreach import PATH...` or `outreach demo`.")
    return 0


# --- parser ---------------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    from assistant.ingest import IMPORTERS

    p = argparse.ArgumentParser(prog="outreach", description="Keep real relationships alive, locally.")
    p.add_argument("--version", action="version", version=f"outreach {__version__}")
    sub = p.add_subparsers(dest="command")

    s = sub.add_parser("import", help="import chat and contact exports (files or folders)")
    s.add_argument("paths", nargs="+", type=Path)
    s.add_argument("--format", choices=IMPORTERS, help="skip sniffing and read every file as this format")
    s.add_argument("--me", action="append", metavar="NAME", help="the name you appear under (repeatable)")
    s.set_defaults(func=cmd_import)

    s = sub.add_parser("demo", help="load the bundled multilingual demo data into the data directory")
    s.add_argument("--data", default=str(DEMO_DIR), help=argparse.SUPPRESS)
    s.set_defaults(func=cmd_demo)

    s = sub.add_parser("contacts", help="list, search, show or edit contacts")
    s.set_defaults(func=cmd_contacts_list, query=None, limit=None)
    csub = s.add_subparsers(dest="contacts_command")
    c = csub.add_parser("list", help="list contacts")
    c.add_argument("--limit", type=int)
    c.add_argument("--active", action="store_true", help="only people you have a 1:1 history with, latest first")
    c.set_defaults(func=cmd_contacts_list, query=None)
    c = csub.add_parser("search", help="contacts whose name or identity contains TEXT")
    c.add_argument("query")
    c.add_argument("--limit", type=int)
    c.set_defaults(func=cmd_contacts_list)
    c = csub.add_parser("show", help="one contact: profile, identities, recent messages")
    c.add_argument("contact", help="name, #id or an identity (phone, e-mail...)")
    c.add_argument("--messages", type=int, default=10, help="how many recent messages to show")
    c.set_defaults(func=cmd_contacts_show)
    c = csub.add_parser("set", help="set circle, cadence, birthday, languages, interests, notes")
    c.add_argument("contact")
    c.add_argument("--circle", choices=("inner", "close", "wider", "never"))
    c.add_argument("--cadence", help="keep-in-touch cadence: days, or 2w / 3m / 1y, or 'default'")
    c.add_argument("--birthday", help="YYYY-MM-DD or MM-DD")
    c.add_argument("--language", help="language codes, preferred first, e.g. zh,en")
    c.add_argument("--interests", help="comma-separated")
    c.add_argument("--notes")
    c.add_argument("--name", help="rename")
    c.set_defaults(func=cmd_contacts_set)

    s = sub.add_parser("merge", help="merge duplicate contacts into the first one")
    s.add_argument("target")
    s.add_argument("others", nargs="+")
    s.set_defaults(func=cmd_merge)

    s = sub.add_parser("split", help="move what one channel brought off a contact into a new contact")
    s.add_argument("contact")
    s.add_argument("--channel", required=True, help="e.g. whatsapp, wechat, linkedin, contacts")
    s.add_argument("--name", help="name for the new contact")
    s.set_defaults(func=cmd_split)

    s = sub.add_parser("status", help="where the data lives and what it holds")
    s.set_defaults(func=cmd_status)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        args.func = cmd_status
    try:
        settings = _settings()
    except Exception as e:  # pydantic validation of .env / environment
        return _err(f"bad settings: {e}")
    return args.func(args, settings)
