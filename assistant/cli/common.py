"""Helpers every command shares: settings, the store, the console, errors, dates."""

from __future__ import annotations

import re
import sys
from datetime import date, datetime, timezone
from pathlib import Path

from assistant.services import open_store  # noqa: F401  (re-exported for the command modules)
from assistant.text.sanitize import sanitize, sanitize_terminal

MAX_DAYS = 3660  # durations (snooze, cadence) are at most ten years

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo" / "data"


def load_settings():
    from assistant.config import Settings

    return Settings()


def make_console():
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def escape(text: str) -> str:
    """User data (names, message text, file names) must never be read as rich markup, nor reach the terminal
    with its control codes (an OSC 52 clipboard write, a screen clear, hidden text)."""
    from rich.markup import escape as rich_escape

    return rich_escape(sanitize(str(text)))


class SafeStream:
    """stdout/stderr for the CLI: every write passes through `sanitize_terminal`, so no output path (a plain
    print of a name, a JSON dump, a model's reply) can carry a terminal control sequence that rich did not
    make itself. Everything else (isatty, fileno, encoding, buffer) is the wrapped stream's."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(sanitize_terminal(text))
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name):
        return getattr(self._stream, name)


def install_safe_streams() -> None:
    if not isinstance(sys.stdout, SafeStream):
        sys.stdout = SafeStream(sys.stdout)
    if not isinstance(sys.stderr, SafeStream):
        sys.stderr = SafeStream(sys.stderr)


MAX_FILE_BYTES = 20 * 1024 * 1024


def read_user_file(value: str | Path, what: str = "file") -> str:
    """The UTF-8 text of a file the user named on the command line. Only regular files: a FIFO, device or
    socket would block or never end, so it is refused with a one-line error, as are missing, huge and
    non-UTF-8 files (ValueError)."""
    import os
    import stat

    path = Path(value).expanduser()
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise ValueError(f"{path}: no such file") from None
    except OSError as e:
        raise ValueError(f"{path}: cannot read it ({e.strerror or e})") from None
    if stat.S_ISDIR(st.st_mode):
        raise ValueError(f"{path}: is a directory; give the {what}") from None
    if not stat.S_ISREG(st.st_mode):
        raise ValueError(f"{path}: not a regular file (a FIFO, device or socket); give the {what} as a file")
    if st.st_size > MAX_FILE_BYTES:
        raise ValueError(f"{path}: {st.st_size} bytes is too large for a {what} (at most {MAX_FILE_BYTES})")
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ValueError(f"{path}: not UTF-8 text (byte {e.start})") from None
    except OSError as e:
        raise ValueError(f"{path}: cannot read it ({e.strerror or e})") from None


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
    if len(m.group(1)) > 6:
        raise ValueError(f"{text!r}: at most {MAX_DAYS} days (10y)")
    days = int(m.group(1)) * {"": 1, "d": 1, "w": 7, "m": 30, "y": 365}[m.group(2)]
    if days > MAX_DAYS:
        raise ValueError(f"{text!r}: at most {MAX_DAYS} days (10y)")
    return days


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
