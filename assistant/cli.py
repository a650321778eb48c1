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


def run_import(
    settings, paths: list[Path], fmt: str | None, me: list[str], quiet: bool = False, index: bool = True
) -> int:
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
    if index and summary.total("messages_added"):
        return sync_index(settings, quiet=quiet)  # only when an index exists: see sync_index
    return 0


def cmd_import(args, settings) -> int:
    return run_import(settings, args.paths, args.format, args.me or [], index=not args.no_index)


def cmd_demo(args, settings) -> int:
    data = Path(args.data)
    if not data.is_dir():
        return _err(f"demo data not found at {data}")
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
    if not getattr(args, "no_index", False):
        print("Building the search index (first time: about half a minute)")
        store = _store(settings)
        try:
            code = run_index(settings, store)
        finally:
            store.close()
        if code:
            return code
    n = getattr(args, "drafts", 0) or 0
    if n > 0:
        code = _demo_drafts(settings, n)
        if code:
            return code
    if getattr(args, "no_tui", False) or not _interactive():
        print("Review the drafts: `outreach` opens the review queue (or `outreach drafts` to list them).")
        return 0
    return run_tui(settings)


def _demo_drafts(settings, n: int) -> int:
    """Drafts for the top `n` of this month's ranking (the offline drafter unless an endpoint is configured)."""
    from assistant.llm import is_configured

    store = _store(settings)
    console = _console()
    offline = not is_configured(settings)
    progress, on_progress = _progress(console, False)
    try:
        with progress:
            result = _queue(settings, store, offline=offline).suggested(n, progress=on_progress)
    finally:
        store.close()
    how = "offline drafter (no model configured)" if offline else f"model {settings.chat_model}"
    print(f"{len(result.drafts)} draft(s) made by the {how}; {len(result.skipped)} already waiting"
          + (f"; {len(result.failed)} failed: " + "; ".join(f"{a}: {b}" for a, b in result.failed) if result.failed else ""))
    return 0


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def run_tui(settings, *, light: bool = False, start: str = "queue") -> int:
    """Open the review queue (assistant/tui). Textual is imported only here."""
    from assistant.tui.app import make_app

    make_app(settings, light=light, start=start).run()
    return 0


def cmd_tui(args, settings) -> int:
    if not _interactive():
        return _err("the review queue needs a terminal; use `outreach drafts` to list and review drafts instead")
    return run_tui(settings, light=args.light, start="import" if args.import_ else "queue")


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
    _interest_rows(info, store, c.id)
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
    return sync_index(settings, quiet=True)


def cmd_split(args, settings) -> int:
    from assistant.store import StoreError

    store = _store(settings)
    try:
        c = store.find_contact(args.contact)
        new_id = store.split(c.id, args.channel, args.name)
    except StoreError as e:
        return _err(str(e))
    print(f"split what {args.channel} brought off {c.name} (#{c.id}) into {store.get_contact(new_id).name} (#{new_id})")
    return sync_index(settings, quiet=True)


def cmd_status(args, settings) -> int:
    store = _store(settings)
    counts = store.counts()
    print(f"outreach {__version__} — data in {settings.home}")
    print(", ".join(f"{v} {k}" for k, v in counts.items()))
    if not counts["messages"]:
        print("Nothing imported yet: `outreach import PATH...` or `outreach demo`.")
    return 0


# --- retrieval: index, search, interests ---------------------------------------------------------------


def _progress(console, quiet: bool):
    """A rich progress bar and the (label, done, total) callback that feeds it."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        console=console, disable=quiet or not console.is_terminal, transient=True)
    tasks: dict[str, int] = {}

    def on_progress(label: str, done: int, total: int) -> None:
        if label not in tasks:
            tasks[label] = progress.add_task(label, total=total)
        progress.update(tasks[label], completed=done, total=total)

    return progress, on_progress


def _index_exists(store) -> bool:
    return store.db.execute("SELECT 1 FROM retrieval_meta WHERE key = 'model_id'").fetchone() is not None


def run_index(settings, store, *, rebuild: bool = False, interests: bool = True, quiet: bool = False) -> int:
    from assistant.retrieval import RetrievalError, RetrievalIndex
    from assistant.retrieval.embeddings import EmbeddingError
    from assistant.retrieval.interests import extract_interests, resolve_method
    from assistant.retrieval.vector import VectorStoreError

    console = _console()
    progress, on_progress = _progress(console, quiet)
    try:
        index = RetrievalIndex.from_settings(settings, store)
        with progress:
            report = index.update(on_progress, rebuild=rebuild)
            errors: list[str] = []
            n = 0
            if interests:
                n = extract_interests(store, settings, method=resolve_method(settings), force=rebuild,
                                      progress=on_progress, errors=errors)
    except (RetrievalError, EmbeddingError, VectorStoreError, ValueError, OSError) as e:
        return _err(f"indexing failed: {e}\nwhat was indexed before is kept; run `outreach index` again")
    except Exception as e:  # chromadb's own errors (server gone, disk full...): same promise, say what it was
        if not type(e).__module__.startswith("chromadb"):
            raise
        return _err(f"indexing failed (Chroma): {e}\nwhat was indexed before is kept; run `outreach index` again")
    if not quiet:
        console.print(f"index ({index.embedder.model_id}): {report.line()}")
        if report.embed_seconds > 0 and report.embedded:
            console.print(f"  {report.embedded / report.embed_seconds:.1f} chunks/s, "
                          f"{report.messages_embedded / report.embed_seconds:.1f} messages/s embedded")
        for note in report.notes:
            console.print(f"  {note}")
        if interests:
            console.print(f"interests updated for {n} contact(s)")
        for e in errors:
            console.print(f"[yellow]warning:[/] {e}")
    return 0


def sync_index(settings, quiet: bool = False) -> int:
    """After a change to the store (import, delete, merge, split): update the retrieval index, if one exists.
    Without an index nothing happens (building the first one is `outreach index`, which can take minutes)."""
    store = _store(settings)
    try:
        if not _index_exists(store):
            return 0
        return run_index(settings, store, quiet=quiet)
    finally:
        store.close()


def cmd_index(args, settings) -> int:
    store = _store(settings)
    try:
        if args.status:
            from assistant.retrieval import RetrievalIndex

            st = RetrievalIndex.from_settings(settings, store).status()
            tz = settings.tzinfo()
            print(f"model:     {st['model_id'] or '(no index yet)'}"
                  + ("" if st["model_id"] in (None, st["configured_model_id"])
                     else f"  (settings ask for {st['configured_model_id']}: next `outreach index` rebuilds)"))
            print(f"chunks:    {st['chunks']} from {st['messages']} messages")
            print(f"pending:   {st['pending_embeddings']} chunks to embed, {st['stale_conversations']} conversations changed")
            print(f"updated:   {_fmt_ts(st['updated_at'], tz)}")
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

    from assistant.retrieval import RetrievalError, Retriever
    from assistant.retrieval.embeddings import EmbeddingError
    from assistant.retrieval.vector import VectorStoreError
    from assistant.store import StoreError

    store = _store(settings)
    tz = settings.tzinfo()
    try:
        contact = store.find_contact(args.contact) if args.contact else None
        group_id = None
        if args.group:
            rows = store.db.execute(
                "SELECT id, name FROM groups WHERE id = ? OR lower(name) LIKE ?",
                (int(args.group) if args.group.isdigit() else -1, f"%{args.group.lower()}%"),
            ).fetchall()
            if len(rows) != 1:
                names = ", ".join(f"{r[1]} (#{r[0]})" for r in rows[:10]) or "none"
                return _err(f"--group {args.group!r} matches {len(rows)} groups: {names}")
            group_id = rows[0][0]
        since = parse_when(args.since, tz) if args.since else None
        until = parse_when(args.until, tz, end=True) if args.until else None
        if not _index_exists(store):
            return _err("no retrieval index yet: run `outreach index` first")
        retriever = Retriever.from_settings(settings, store)
        hits = retriever.search(args.query, contact_id=contact.id if contact else None, group_id=group_id,
                                channel=args.channel, since=since, until=until, k=args.k, mode=args.mode)
    except (StoreError, ValueError, RetrievalError, EmbeddingError, VectorStoreError) as e:
        return _err(str(e))
    names = {r[0]: r[1] for r in store.db.execute("SELECT id, name FROM contacts")}
    groups = {r[0]: r[1] for r in store.db.execute("SELECT id, name FROM groups")}
    if args.json:
        out = [
            {"chunk_id": h.chunk_id, "contact_id": h.contact_id, "contact": names.get(h.contact_id),
             "group_id": h.group_id, "group": groups.get(h.group_id), "channel": h.channel, "start_ts": h.start_ts,
             "end_ts": h.end_ts, "score": round(h.score, 6), "snippet": h.snippet, "message_ids": h.message_ids}
            for h in hits
        ]
        print(_json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    console = _console()
    if not hits:
        console.print("no matches")
        return 0
    from rich.markup import escape

    for i, h in enumerate(hits, 1):
        who = names.get(h.contact_id, "?") if h.contact_id else f"group {groups.get(h.group_id, '?')}"
        span = _fmt_ts(h.start_ts, tz)
        if _fmt_ts(h.end_ts, tz) != span:
            span += f" → {_fmt_ts(h.end_ts, tz)}"
        console.print(f"[bold]{i}. {escape(who)}[/] · {h.channel} · {span}  [dim]score {h.score:.4f}[/]")
        console.print(f"   {escape(h.snippet)}")
        console.print(f"   [dim]cites messages {' '.join('#' + str(m) for m in h.message_ids)}[/]")
    return 0


def _interest_rows(info, store, contact_id: int) -> None:
    """Rows for `contacts show`: interests and topics found in the history, and those shared with the user."""
    from assistant.retrieval.interests import interests_for

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


def cmd_contacts_delete(args, settings) -> int:
    from assistant.store import StoreError

    store = _store(settings)
    try:
        c = store.find_contact(args.contact)
    except StoreError as e:
        return _err(str(e))
    n = store.db.execute("SELECT count(*) FROM messages WHERE contact_id = ?", (c.id,)).fetchone()[0]
    if not args.yes:
        if not sys.stdin.isatty():
            return _err(f"deleting {c.name} (#{c.id}) and {n} messages: confirm with --yes")
        if input(f"Delete {c.name} (#{c.id}) and their {n} 1:1 messages? [y/N] ").strip().lower() not in ("y", "yes"):
            print("nothing deleted")
            return 1
    store.delete_contact(c.id)
    store.close()
    print(f"deleted {c.name} (#{c.id}) and {n} messages")
    return sync_index(settings, quiet=True)


# --- suggest, snooze, dismiss, ask ---------------------------------------------------------------------


def read_about(value: str) -> str:
    """`--about TEXT|FILE`: the text of the user's news, from a file when the value names one."""
    path = Path(value).expanduser()
    try:
        is_file = len(value) < 4096 and "\n" not in value and path.is_file()
    except OSError:
        is_file = False
    if not is_file:
        text = value
    else:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as e:
            raise ValueError(f"{path}: not UTF-8 text (byte {e.start}); save it as UTF-8 or paste the text") from None
        except OSError as e:
            raise ValueError(f"{path}: cannot read it ({e.strerror})") from None
        if path.suffix.lower() in (".html", ".htm"):
            import html

            text = html.unescape(re.sub(r"(?is)<(script|style).*?</\1>|<[^>]+>", " ", text))
    text = text.strip()[:20_000]
    if not text:
        raise ValueError(f"{path if is_file else '--about'}: empty; give the text of your news or a file with it")
    return text


def _today(args, tz) -> date:
    """Today in the user's zone; `--today` (hidden) pins it for reproducible runs and tests."""
    if getattr(args, "today", None):
        try:
            return date.fromisoformat(args.today)
        except ValueError:
            raise ValueError(f"--today {args.today!r}: use YYYY-MM-DD") from None
    return datetime.now(tz).date()


def cmd_suggest(args, settings) -> int:
    import json as _json

    from assistant.ranking import rank
    from assistant.services import retriever

    tz = settings.tzinfo()
    store = _store(settings)
    try:
        about = read_about(args.about) if args.about else None
        r = rank(store, _today(args, tz), month=args.month, limit=args.limit, circle=args.circle, about=about,
                 retriever=retriever(settings, store), tz=tz)
    except ValueError as e:
        return _err(str(e))
    lang = args.lang
    if args.json:
        out = [{"contact_id": s.contact_id, "name": s.name, "circle": s.circle, "score": s.score,
                "reasons": [x.text(lang) for x in s.reasons], "last_talked": _fmt_ts(s.last_ts, tz),
                "last_channel": s.last_channel,
                "hook": s.hook.text(lang, tz) if s.hook else None,
                "hook_message_ids": s.hook.message_ids if s.hook else []} for s in r.suggestions]
        print(_json.dumps({"window": [r.window.start.isoformat(), r.window.end.isoformat()], "suggestions": out,
                           "held_back": [{"name": h.name, "why": h.text(lang)} for h in r.held_back]},
                          ensure_ascii=False, indent=1))
        return 0
    from rich.table import Table

    console = _console()
    title = ("Who would care about this" if about else "Worth reconnecting with") + \
        f" · {r.window.start:%b %-d} – {r.window.end:%b %-d, %Y}"
    if not r.suggestions:
        console.print(f"{title}: nobody right now — you're in touch with everyone on your list.")
    else:
        table = Table("#", "who", "why now", "talk about", "last", title=title, title_justify="left",
                      show_lines=True, box=None)
        for i, s in enumerate(r.suggestions, 1):
            why = "\n".join(escape(x.text(lang)) for x in s.reasons)
            hook = "-"
            if s.hook:
                hook = escape(s.hook.text(lang, tz)) + "  [dim]" + " ".join(f"#{m}" for m in s.hook.message_ids) + "[/]"
            last = _fmt_ts(s.last_ts, tz) + (f"\n[dim]{escape(s.last_channel)}[/]" if s.last_channel else "")
            table.add_row(str(i), f"[bold]{escape(s.name)}[/]\n[dim]{s.circle} #{s.contact_id}[/]", why, hook, last)
        console.print(table)
    if r.held_back:
        shown = ", ".join(f"{escape(h.name)} ({escape(h.text(lang))})" for h in r.held_back[:6])
        more = f" and {len(r.held_back) - 6} more" if len(r.held_back) > 6 else ""
        console.print(f"[dim]held back: {shown}{more}[/]")
    return 0


def cmd_snooze(args, settings) -> int:
    from assistant.ranking import snooze
    from assistant.store import StoreError

    tz = settings.tzinfo()
    store = _store(settings)
    try:
        c = store.find_contact(args.contact)
        if args.until:
            try:
                until = date.fromisoformat(args.until)
            except ValueError:
                return _err(f"--until {args.until!r}: use YYYY-MM-DD")
            back = snooze(store, c.id, until=until, tz=tz)
        else:
            back = snooze(store, c.id, days=parse_cadence(args.for_) if args.for_ else None, tz=tz)
    except (StoreError, ValueError) as e:
        return _err(str(e))
    print(f"snoozed {c.name} (#{c.id}) until {_fmt_ts(back, tz)}")
    return 0


def cmd_dismiss(args, settings) -> int:
    from assistant.ranking import dismiss
    from assistant.store import StoreError

    store = _store(settings)
    try:
        c = store.find_contact(args.contact)
        dismiss(store, c.id)
    except StoreError as e:
        return _err(str(e))
    print(f"dismissed {c.name} (#{c.id}) for now; they rest for a while and come back later")
    return 0


def cmd_ask(args, settings) -> int:
    import json as _json

    from assistant.agent.ask import ask
    from assistant.llm import LLMNotConfigured
    from assistant.services import retriever

    tz = settings.tzinfo()
    store = _store(settings)
    question = " ".join(args.question)
    try:
        answer = ask(question, store, settings=settings, retriever=retriever(settings, store),
                     today=_today(args, tz), tz=tz, offline=args.offline)
    except (LLMNotConfigured, ValueError) as e:
        return _err(str(e))
    if args.json:
        print(_json.dumps({"answer": answer.text, "via": answer.via, "citations": answer.citations,
                           "unverified": answer.unverified, "tools": answer.tool_calls, "note": answer.note,
                           "sources": answer.sources}, ensure_ascii=False, indent=1))
        return 0 if answer.via != "none" else 3
    console = _console()
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
    return 0 if answer.via != "none" else 3


# --- groups ---------------------------------------------------------------------------------------------


def cmd_groups(args, settings) -> int:
    """`groups`: every group with size and activity; `groups show NAME`: the health report of one."""
    from assistant.groups import GroupNotFound, group_health, list_groups
    from assistant.groups.render import groups_table, health_report

    tz = settings.tzinfo()
    store = _store(settings)
    try:
        today = _today(args, tz)
        if getattr(args, "tui", False):
            from assistant.announce.service import AnnounceService
            from assistant.tui.announce import AnnounceApp

            AnnounceApp(AnnounceService(settings, store), screen="groups", today=today).run()
            return 0
        if args.group:
            h = group_health(store, args.group, today, tz, min_chars=args.min_chars)
            if args.json:
                print(json.dumps(h.to_dict(), ensure_ascii=False, indent=1))
            else:
                _console().print(health_report(h, announcements=args.announcements))
            return 0
        rows = list_groups(store, today, tz)
        healths = {r.id: group_health(store, r.id, today, tz) for r in rows}
    except (GroupNotFound, ValueError) as e:
        return _err(str(e))
    if args.json:
        print(json.dumps([{**r.__dict__, "member_count": healths[r.id].member_count, "first": _fmt_ts(r.first_ts, tz),
                           "last": _fmt_ts(r.last_ts, tz), "suggestion": healths[r.id].recommendation.verdict}
                          for r in rows], ensure_ascii=False, indent=1))
        return 0
    if not rows:
        print("no groups yet: import a group chat export first (outreach import FILE)")
        return 0
    console = _console()
    console.print(groups_table(rows, tz, healths))
    console.print("[dim]outreach groups show NAME: members, activity per month, announcements and what to do[/]")
    return 0


# --- rewrite an announcement ---------------------------------------------------------------------------


def read_announcement(source: str) -> str:
    """The text of FILE, or of stdin for '-'; a clear error naming the file otherwise."""
    if source == "-":
        text = sys.stdin.read()
        where = "stdin"
    else:
        path = Path(source)
        where = str(path)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise ValueError(f"{path}: no such file") from None
        except IsADirectoryError:
            raise ValueError(f"{path}: is a directory; give the file holding the announcement") from None
        except UnicodeDecodeError as e:
            raise ValueError(f"{path}: not UTF-8 text (byte {e.start})") from None
    if not text.strip():
        raise ValueError(f"{where}: empty; give the text of the announcement")
    return text


def cmd_rewrite(args, settings) -> int:
    from assistant.announce.followups import queue_followups, select_followups
    from assistant.announce.rewrite import RewriteError, parse_langs, rewrite_announcement
    from assistant.announce.service import AnnounceService
    from assistant.groups import GroupNotFound, find_group

    store = _store(settings)
    try:
        text = read_announcement(args.source)
        langs = parse_langs(args.lang)
        group = find_group(store, args.group) if args.group else None
        if args.followups < 0:
            raise ValueError("--followups must be 0 or more")
    except (ValueError, GroupNotFound, RewriteError) as e:
        return _err(str(e))
    service = AnnounceService(settings, store)
    if args.tui:
        from assistant.tui.announce import AnnounceApp

        AnnounceApp(service, screen="rewrite", text=text, channel=args.channel, langs=args.lang or "").run()
        return 0
    model = service.model(args.offline)
    try:
        result = rewrite_announcement(text, channel=args.channel, langs=langs, model=model, names=service.names())
    except (RewriteError, ValueError) as e:
        return _err(str(e))
    followups = []
    followup_note = ""
    if args.followups:
        candidates = select_followups(store, args.followups, group_id=group["id"] if group else None)
        draft_fn = _followup_drafter(settings, store, model, offline=args.offline)
        if draft_fn is None:
            followup_note = "the drafting agent is not available: follow-ups selected, not queued"
            followups = [(c, None) for c in candidates]
        else:
            # the news the follow-ups are about: the accepted rewrite in the original's language, else the clean-up
            best = next((v.text for v in result.versions if v.via == "llm" and v.lang == result.source_lang),
                        result.cleanup.text)
            followups = [(q.candidate, q) for q in queue_followups(
                store, candidates, best, draft_fn=draft_fn,
                offline=args.offline or not settings.llm_configured())]
    fell_back = any(v.fell_back for v in result.versions)
    if args.json:
        out = result.to_dict()
        if args.followups:
            out["followups"] = [{"contact_id": c.contact_id, "name": c.name, "circle": c.circle,
                                 "one_to_one": c.one_to_one, "draft_id": q.draft_id if q else None,
                                 "status": q.status if q else "not_queued", "reason": q.reason if q else ""}
                                for c, q in followups]
            out["followups_note"] = followup_note
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 3 if fell_back else 0
    from assistant.announce.render import render_result

    console = _console()
    if args.plain:
        for v in result.versions:
            print(v.text)
            print()
    else:
        console.print(render_result(result, colour=console.color_system is not None))
    if args.followups:
        if not followups:
            console.print("follow-ups: nobody with a 1:1 history" + (" in this group" if group else ""))
        for c, q in followups:
            line = f"follow-up for {escape(c.name)} (#{c.contact_id}, {c.circle}, {c.one_to_one} 1:1 messages): "
            if q is None:
                line += "[dim]not queued[/]"
            elif q.draft_id:
                line += f"draft #{q.draft_id} {q.status}" + (f" [yellow]({escape(q.reason)})[/]" if q.reason else "")
            else:
                line += f"[red]{q.status}[/]: {escape(q.reason)}"
            console.print(line)
        if followup_note:
            console.print(f"[yellow]note:[/] {followup_note}")
    return 3 if fell_back else 0


def _followup_drafter(settings, store, model, *, offline: bool = False):
    """The drafting agent's `draft_for`, bound to this store, model and settings: each follow-up is a draft
    like any other (same guardrails, token budget and review queue). None when it is not available."""
    try:
        from assistant.agent.drafting import draft_for
    except ImportError:
        return None
    from assistant.services import retriever

    found = retriever(settings, store)
    tz = settings.tzinfo()

    def draft_fn(contact_id: int, *, about: str, instruction: str):
        return draft_for(store, contact_id, about=about, instruction=instruction, settings=settings, retriever=found,
                         model=model, tz=tz, offline=offline)

    return draft_fn


# --- drafting: draft, drafts, style -----------------------------------------------------------------------


def _queue(settings, store, args=None, offline: bool = False):
    from assistant.agent.review import ReviewQueue
    from assistant.services import retriever

    tz = settings.tzinfo()
    today = _today(args, tz) if args is not None else None
    return ReviewQueue(store, settings=settings, retriever=retriever(settings, store), tz=tz, today=today,
                       offline=offline)


def _show_draft(console, d, tz, *, full: bool = False) -> None:
    status = {"queued": "[green]queued[/]", "held": "[red]held[/]"}.get(d.status, d.status)
    console.print(f"[bold]#{d.id} → {escape(d.contact_name)}[/]  {status}  [dim]{d.language}/{d.register} · "
                  f"{escape(d.label)}{' · ' + d.outcome if d.outcome != 'ready' else ''}[/]")
    console.print(escape(d.text))
    if d.hold_reason:
        console.print(f"[red]held:[/] {escape(d.hold_reason)}")
    if d.why_now:
        console.print(f"[dim]why now: {escape(d.why_now)}[/]")
    if d.rationale:
        console.print(f"[dim]rationale: {escape(d.rationale)}[/]")
    if d.cited_ids:
        console.print("[dim]based on: " + ", ".join(f"#{i}" for i in d.cited_ids) + "[/]")
    if full:
        console.print(f"[dim]prompt {d.prompt_id} {d.prompt_hash[:12]} · model {d.model or '-'} · encoding "
                      f"{d.encoding or '-'} · tokens: context {d.context_tokens or '-'} / budget {d.token_budget or '-'}, "
                      f"prompt {d.prompt_tokens or '-'}, completion {d.completion_tokens or '-'}[/]")
        if d.cut:
            console.print("[dim]left out for the budget: " + "; ".join(
                f"{c['section']} ({c['dropped']} item(s), ~{c['tokens']} tokens)" for c in d.cut) + "[/]")
        checks = d.verdicts or {}
        g = checks.get("grounding") or {}
        console.print(f"[dim]checks: asks {'none' if not checks.get('asks') else len(checks['asks'])} "
                      f"(llm check: {checks.get('llm_check', 'off')}); grounding {'ok' if g.get('ok', True) else 'FAILED'}"
                      f"; language {checks.get('detected_language') or '?'}[/]")
        if checks.get("language_profile"):
            console.print(f"[dim]language: {escape(checks['language_profile'])}[/]")
        if d.final_text is not None:
            console.print(f"[dim]sent text differs from the draft: similarity {d.similarity}, "
                          f"{', '.join(d.edit_labels) or '-'}[/]")
    console.print()


def _draft_json(d) -> dict:
    out = d.to_json()
    out["label"] = d.label
    return out


def cmd_draft(args, settings) -> int:
    from assistant.agent.drafts import DraftError
    from assistant.llm import is_configured
    from assistant.store import StoreError

    store = _store(settings)
    console = _console()
    offline = args.offline or not is_configured(settings)
    if args.contact is None and not args.suggested:
        return _err("name a contact (outreach draft NAME) or use --suggested N")
    if args.contact is not None and args.suggested:
        return _err("give either a contact or --suggested N, not both")
    try:
        about = read_about(args.about) if args.about else None
        q = _queue(settings, store, args, offline=offline)
    except ValueError as e:
        return _err(str(e))
    if offline and not args.offline and not args.json:
        console.print("[yellow]note:[/] no model configured (set OPENAI_BASE_URL and/or OPENAI_API_KEY, and "
                      "OUTREACH_CHAT_MODEL): writing offline drafts from the history")
    tz = settings.tzinfo()
    if args.suggested:
        if args.suggested < 1:
            return _err("--suggested needs a number of people, e.g. --suggested 5")
        result = q.suggested(args.suggested, about=about)
        if args.json:
            print(json.dumps({"drafts": [_draft_json(d) for d in result.drafts],
                              "skipped": [{"name": n, "why": w} for n, w in result.skipped],
                              "failed": [{"name": n, "error": e} for n, e in result.failed]}, ensure_ascii=False, indent=1))
        else:
            for d in result.drafts:
                _show_draft(console, d, tz)
            for name, why in result.skipped:
                console.print(f"[dim]skipped {escape(name)}: {escape(why)}[/]")
            for name, e in result.failed:
                console.print(f"[red]failed[/] {escape(name)}: {escape(e)}")
            queued = sum(d.status == "queued" for d in result.drafts)
            console.print(f"{queued} draft(s) queued, {len(result.drafts) - queued} held; review with `outreach drafts`")
        return 0 if not result.failed else 1
    try:
        contact = store.find_contact(args.contact)
        d = q.draft(contact.id, about=about, instruction=args.instruction, language=args.language)
    except (StoreError, DraftError, ValueError) as e:
        return _err(f"{e}\nnothing was added to the queue")
    if args.json:
        print(json.dumps(_draft_json(d), ensure_ascii=False, indent=1))
    else:
        _show_draft(console, d, tz, full=args.verbose)
    return 0


def cmd_drafts(args, settings) -> int:
    from assistant.agent.drafts import STATUSES, DraftError

    store = _store(settings)
    console = _console()
    tz = settings.tzinfo()
    action = args.action or "list"
    try:
        if action == "list":
            from assistant.agent.drafts import list_drafts

            statuses = tuple(args.status.split(",")) if args.status else ("queued", "held")
            bad = [s for s in statuses if s not in STATUSES]
            if bad:
                return _err(f"unknown status {', '.join(bad)}; use {', '.join(STATUSES)}")
            rows = list_drafts(store, statuses, limit=args.limit)
            if args.json:
                print(json.dumps([_draft_json(d) for d in rows], ensure_ascii=False, indent=1))
                return 0
            if not rows:
                console.print("no drafts waiting; make some with `outreach draft --suggested 5`")
            for d in rows:
                _show_draft(console, d, tz)
            return 0
        if args.id is None:
            return _err(f"drafts {action} needs a draft id (see `outreach drafts`)")
        q = _queue(settings, store, offline=args.offline if action == "regenerate" else False)
        if action == "show":
            d = q.get(args.id)
        elif action == "approve":
            text = None
            if args.file:
                text = Path(args.file).read_text(encoding="utf-8")
            elif args.text is not None:
                text = args.text
            d = q.approve(args.id, text, sent=not args.not_sent)
        elif action == "edit":
            if args.text is None and not args.file:
                return _err("drafts edit needs --text TEXT or --file FILE")
            d = q.edit(args.id, Path(args.file).read_text(encoding="utf-8") if args.file else args.text)
        elif action == "snooze":
            d = q.snooze(args.id, days=args.days)
        elif action == "dismiss":
            d = q.dismiss(args.id, rest_contact=args.rest)
        elif action == "regenerate":
            d = q.regenerate(args.id, instruction=args.instruction)
        else:  # pragma: no cover - argparse limits the choices
            return _err(f"unknown action {action}")
    except (DraftError, OSError, UnicodeDecodeError) as e:
        return _err(str(e))
    if args.json:
        print(json.dumps(_draft_json(d), ensure_ascii=False, indent=1))
        return 0
    _show_draft(console, d, tz, full=action in ("show", "approve"))
    if action == "approve":
        edit = (d.verdicts or {}).get("edit", {})
        verdict = "accepted as drafted" if edit.get("labels") == ["no_meaningful_edit"] else (
            "accepted with small edits" if edit.get("accepted") else "rewritten")
        console.print(f"{verdict} (similarity {d.similarity}); "
                      + ("logged as sent: the keep-in-touch clock restarts" if d.status == "sent" else "approved, not sent yet"))
    return 0


def cmd_style(args, settings) -> int:
    from assistant.agent.language import profile_for
    from assistant.agent.learning import set_note, style_for
    from assistant.store import StoreError

    store = _store(settings)
    console = _console()
    try:
        contact = store.find_contact(args.contact) if args.contact else None
    except StoreError as e:
        return _err(str(e))
    cid = contact.id if contact else None
    if args.register:
        if cid is None:
            return _err("--register is set per contact: outreach style NAME --register formal")
        set_note(store, cid, "register", None if args.register == "auto" else args.register)
    if args.note is not None:
        set_note(store, cid, "note", args.note or None)
    lang = args.language
    if lang is None:
        lang = profile_for(store, cid).lang if cid else "en"
    notes = style_for(store, cid or 0, lang) if cid else None
    if cid:
        p = profile_for(store, cid)
        console.print(f"[bold]{escape(contact.name)}[/]: {escape(p.summary())}")
        lines = notes.lines()
    else:
        from assistant.agent.learning import StyleNotes, refresh_notes, stored_notes

        refresh_notes(store, None, lang)
        lines = StyleNotes(lang, {}, stored_notes(store, None, lang)).lines()
        console.print(f"[bold]your style in {lang}[/] (from everything you wrote in it)")
    for line in lines or ["- nothing to go on yet"]:
        console.print(escape(line))
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
    s.add_argument("--no-index", action="store_true", help="do not update the retrieval index afterwards")
    s.set_defaults(func=cmd_import)

    s = sub.add_parser("demo", help="load the bundled multilingual demo data, index it, draft for the top of the "
                                   "ranking, and open the review queue")
    s.add_argument("--data", default=str(DEMO_DIR), help=argparse.SUPPRESS)
    s.add_argument("--no-index", action="store_true", help="do not build the search index")
    s.add_argument("--drafts", type=int, default=8, metavar="N", help="draft for the top N of the ranking (default 8; 0: none)")
    s.add_argument("--no-tui", action="store_true", help="do not open the review queue afterwards (never opened "
                                                         "without a terminal)")
    s.set_defaults(func=cmd_demo)

    s = sub.add_parser("tui", help="the review queue in the terminal (also what `outreach` alone opens)")
    s.add_argument("--light", action="store_true", help="start with the light theme (Ctrl+T switches)")
    s.add_argument("--import", dest="import_", action="store_true", help="start on the import & index screen")
    s.set_defaults(func=cmd_tui)

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
    c = csub.add_parser("delete", help="delete a contact, their 1:1 messages and their indexed chunks")
    c.add_argument("contact")
    c.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    c.set_defaults(func=cmd_contacts_delete)

    s = sub.add_parser("merge", help="merge duplicate contacts into the first one")
    s.add_argument("target")
    s.add_argument("others", nargs="+")
    s.set_defaults(func=cmd_merge)

    s = sub.add_parser("split", help="move what one channel brought off a contact into a new contact")
    s.add_argument("contact")
    s.add_argument("--channel", required=True, help="e.g. whatsapp, wechat, linkedin, contacts")
    s.add_argument("--name", help="name for the new contact")
    s.set_defaults(func=cmd_split)

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

    s = sub.add_parser("rewrite", help="rewrite a group announcement: clearer, shorter, same facts and voice; per "
                                      "channel and language, beside the original")
    s.add_argument("source", metavar="FILE|-", help="the announcement: a text file, or - for stdin")
    s.add_argument("--channel", default="wechat", choices=("wechat", "whatsapp", "telegram", "linkedin", "email"),
                   help="where it goes: sets the length limit and the formatting (default wechat)")
    s.add_argument("--lang", help="one version per language, e.g. zh,en (default: the announcement's language)")
    s.add_argument("--group", help="the group it is for (name or #id): follow-ups are picked from its members")
    s.add_argument("--followups", type=int, default=0, metavar="N",
                   help="queue a short personal 1:1 version for the N members who matter most")
    s.add_argument("--offline", action="store_true", help="never call the model: the offline clean-up only")
    s.add_argument("--plain", action="store_true", help="print only the versions' text (to copy and paste)")
    s.add_argument("--tui", action="store_true", help="open the rewrite screen with this announcement")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.set_defaults(func=cmd_rewrite)

    s = sub.add_parser("draft", help="draft a message to a contact (or to the top N of the ranking) for review")
    s.add_argument("contact", nargs="?", help="name, alias or #id")
    s.add_argument("--suggested", type=int, metavar="N", help="draft for the top N of this month's ranking instead")
    s.add_argument("--about", metavar="TEXT|FILE", help="your news, to share with them (text, or a file with it)")
    s.add_argument("--instruction", help='e.g. "shorter", "more casual", "in English"')
    s.add_argument("--language", help="draft in this language (zh, en, fr, de, ar, hi) this time")
    s.add_argument("--offline", action="store_true", help="never call the model: the offline drafter")
    s.add_argument("-v", "--verbose", action="store_true", help="show prompt, model, tokens and checks")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.add_argument("--today", help=argparse.SUPPRESS)
    s.set_defaults(func=cmd_draft)

    s = sub.add_parser("drafts", help="the review queue: list, show, approve, edit, snooze, dismiss, regenerate")
    s.add_argument("action", nargs="?", choices=("list", "show", "approve", "edit", "snooze", "dismiss", "regenerate"))
    s.add_argument("id", nargs="?", type=int, help="the draft's id")
    s.add_argument("--status", help="list: comma-separated statuses (default queued,held)")
    s.add_argument("--limit", type=int, default=50)
    s.add_argument("--text", help="approve/edit: the text you send (default: the draft as it stands)")
    s.add_argument("--file", help="approve/edit: read that text from a file")
    s.add_argument("--not-sent", action="store_true", help="approve without marking it sent")
    s.add_argument("--days", type=int, default=7, help="snooze: for how many days (default 7)")
    s.add_argument("--rest", action="store_true", help="dismiss: also rest the contact in the ranking")
    s.add_argument("--instruction", help='regenerate: e.g. "shorter", "in English"')
    s.add_argument("--offline", action="store_true", help="regenerate without the model")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.set_defaults(func=cmd_drafts)

    s = sub.add_parser("style", help="how you write (derived from your messages and approved drafts), per contact")
    s.add_argument("contact", nargs="?", help="name or #id (default: your overall style)")
    s.add_argument("--language", help="for this language (default: the contact's)")
    s.add_argument("--register", choices=("formal", "informal", "auto"), help="always write to them formally / informally")
    s.add_argument("--note", help="a note for every draft to them (empty to remove)")
    s.set_defaults(func=cmd_style)

    s = sub.add_parser("status", help="where the data lives and what it holds")
    s.set_defaults(func=cmd_status)

    s = sub.add_parser("eval", help="run an eval from a source checkout: drafts (--offline/--recorded/--live), "
                                    "rewrite, retrieval, asks; see evals/drafts/README.md in the repository")
    s.add_argument("which", choices=("drafts", "rewrite", "retrieval", "asks"))
    s.add_argument("rest", nargs=argparse.REMAINDER, help="the eval's own options, e.g. --recorded --only zh-")
    s.set_defaults(func=cmd_eval)
    return p


def cmd_eval(args, settings) -> int:
    root = Path(__file__).resolve().parents[1]
    if not (root / "evals" / "run.py").exists():
        return _err(f"the evals live in the source repository (evals/ next to assistant/), not found under {root}")
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from evals.run import main as run_eval

    return run_eval([args.which, *args.rest])


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):  # no command: the review queue in a terminal, else the status
        args.func = cmd_status
        if _interactive():
            args.func, args.light, args.import_ = cmd_tui, False, False
    try:
        settings = _settings()
    except Exception as e:  # pydantic validation of .env / environment
        return _err(f"bad settings: {e}")
    return args.func(args, settings)
