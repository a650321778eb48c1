"""Helpers every command shares: settings, the store, the console, errors, dates."""

from __future__ import annotations

import re
import sys
from datetime import date, datetime, timezone
from pathlib import Path

from assistant.services import open_store  # noqa: F401  (re-exported for the command modules)

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo" / "data"


def load_settings():
    from assistant.config import Settings

    return Settings()


def make_console():
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def escape(text: str) -> str:
    """User data (names, message text, file names) must never be read as rich markup."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def fail(msg: str) -> int:
    print(f"error: {msg}", file=sys.stderr)
    return 2


def empty_book(store) -> str:
    """What to do next when there is nothing to work with ('' when there is): no contacts, or contacts but no
    conversations (an address book alone says nothing about who you talk to)."""
    counts = store.counts()
    if not counts["contacts"]:
        return "no contacts yet: `outreach import PATH` (your exports), or `outreach demo` to try it out"
    if not counts["messages"]:
        return ("no conversations yet (only contacts): import chat or e-mail exports with `outreach import PATH` "
                "to see who to reconnect with")
    return ""


def fmt_day(ts: int | None, tz) -> str:
    if ts is None:
        return "-"
    return datetime.fromtimestamp(ts, timezone.utc).astimezone(tz).strftime("%Y-%m-%d")


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


def today_arg(args, tz) -> date:
    """Today in the user's zone; `--today` (hidden) pins it for reproducible runs and tests."""
    if getattr(args, "today", None):
        try:
            return date.fromisoformat(args.today)
        except ValueError:
            raise ValueError(f"--today {args.today!r}: use YYYY-MM-DD") from None
    return datetime.now(tz).date()


def progress_bar(console, quiet: bool):
    """A rich progress bar and the (label, done, total) callback that feeds it."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        console=console, disable=quiet or not console.is_terminal, transient=True)
    tasks: dict[str, int] = {}

    def on_progress(label: str, done: int, total: int) -> None:
        if label not in tasks:
            tasks[label] = progress.add_task(label, total=total)
        progress.update(tasks[label], completed=done, total=total)

    return progress, on_progress
