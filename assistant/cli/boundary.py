"""The CLI's error boundary and the checks every run makes before a command.

- An expected error (a bad file, an unknown contact, a busy database, a bad argument) is one line on stderr
  and exit 2.
- Anything else writes its full trace, secrets redacted, to `logs/crash-*.log` in the data directory and
  says where, in one line, with how to report it.
- Ctrl+C ends with one line and exit 130; a closed pipe (`outreach ... | head`) ends quietly (exit 141).
- Output goes through `SafeStream` (no terminal control codes from the data), files are created private
  (umask 077), and the data directory is kept 0700 with its files 0600.
"""

from __future__ import annotations

import os
import re
import sys
import time
import traceback
from pathlib import Path

MAX_ARG_CHARS = 100_000  # one argument (a message text given with --text is the longest legitimate one)

# Secrets that must not reach a log: the configured keys, and anything shaped like one.
_SECRET_ENV = re.compile(r"(?i)(api_?key|token|secret|password)")
_SECRET_SHAPES = re.compile(r"\b(sk-[A-Za-z0-9_\-]{6,}|(?:Bearer|Basic)\s+[A-Za-z0-9._~+/=\-]{8,})")


def redact(text: str) -> str:
    for name, value in os.environ.items():
        if value and len(value) >= 6 and _SECRET_ENV.search(name):
            text = text.replace(value, "[redacted]")
    return _SECRET_SHAPES.sub("[redacted]", text)


def _say(msg: str) -> None:
    try:
        print(msg, file=sys.stderr)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _quiet_pipe() -> None:
    """stdout's reader went away: point stdout at /dev/null so the flush at exit does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _expected(e: BaseException) -> str | None:
    """The one line for an error the user can act on, or None for a bug."""
    import sqlite3

    from assistant.domain import DraftError, ParseError
    from assistant.store import StoreError

    if isinstance(e, (ParseError, StoreError, DraftError, UsageError)):
        return str(e)
    if isinstance(e, sqlite3.OperationalError) and ("locked" in str(e) or "busy" in str(e)):
        return "the database is busy: another outreach process is writing to it; try again when it has finished"
    if isinstance(e, sqlite3.DatabaseError) and "not a database" in str(e):
        return f"the data file is not an outreach database ({e}); check OUTREACH_HOME"
    if isinstance(e, (FileNotFoundError, PermissionError, IsADirectoryError, NotADirectoryError)):
        return f"{e.filename or ''}: {e.strerror}" if e.filename else str(e)
    if isinstance(e, OSError) and e.errno is not None and e.strerror and e.errno in (28, 30, 122):  # full, read-only
        return f"cannot write: {e.strerror}" + (f" ({e.filename})" if e.filename else "")
    try:
        from assistant.ingest.pipeline import MeUnknown
        from assistant.llm import LLMNotConfigured

        if isinstance(e, (MeUnknown, LLMNotConfigured)):
            return str(e)
    except ImportError:  # pragma: no cover
        pass
    return None


def _home() -> Path:
    try:
        from assistant.config import Settings

        return Settings().home
    except Exception:  # noqa: BLE001 - the settings themselves may be what is broken
        from platformdirs import user_data_dir

        return Path(os.environ.get("OUTREACH_HOME") or user_data_dir("outreach-assistant", appauthor=False))


def write_crash_log(e: BaseException, argv) -> Path | None:
    """The full trace (and the command line), secrets redacted, in the data directory's logs/."""
    from assistant import __version__

    text = "".join(traceback.format_exception(type(e), e, e.__traceback__))
    body = (f"outreach {__version__}, python {sys.version.split()[0]}, {sys.platform}\n"
            f"command: outreach {' '.join(map(str, argv or []))[:2000]}\n"
            f"time: {time.strftime('%Y-%m-%d %H:%M:%S')}\n\n{text}")
    try:
        logs = _home() / "logs"
        logs.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = logs / f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as f:
            f.write(redact(body))
        return path
    except OSError:
        return None


def run(fn, argv) -> int:
    from assistant.cli.common import install_safe_streams

    os.umask(0o077)
    install_safe_streams()
    try:
        return fn(argv)
    except KeyboardInterrupt:
        _say("interrupted")
        return 130
    except BrokenPipeError:
        _quiet_pipe()
        return 141
    except SystemExit:
        raise
    except Exception as e:  # noqa: BLE001 - the boundary
        line = _expected(e)
        if line is not None:
            _say(f"error: {line}")
            return 2
        where = write_crash_log(e, argv if argv is not None else sys.argv[1:])
        first = str(e).splitlines()[0][:200] if str(e) else ""
        _say(f"error: unexpected failure ({type(e).__name__}{': ' + redact(first) if first else ''}). "
             + (f"The full trace is in {where}; please report it with that file attached "
                "(it holds no API keys; check it for message text you would rather not share)."
                if where else "Run again with PYTHONFAULTHANDLER=1 and report the trace."))
        return 70


def check_argv(argv: list[str]) -> list[str]:
    """Arguments the shell handed over undecodable (invalid UTF-8) or absurdly long are refused in one line."""
    for i, a in enumerate(argv, 1):
        a = str(a)
        try:
            a.encode("utf-8")
        except UnicodeEncodeError:
            shown = a.encode("utf-8", "surrogateescape").decode("utf-8", "replace")[:60]
            raise UsageError(f"argument {i} ({shown!r}) is not valid UTF-8 text; "
                             "pass names and text in UTF-8") from None
        if "\x00" in a:  # the OS never passes one; an in-process caller might, and paths cannot hold it
            raise UsageError(f"argument {i} contains a NUL character")
        if len(a) > MAX_ARG_CHARS:
            raise UsageError(f"argument {i} is {len(a)} characters long; at most {MAX_ARG_CHARS}")
    return argv


class UsageError(ValueError):
    pass


def secure_home(settings) -> None:
    """Keep the data directory private; say so once when existing files had to be tightened."""
    from assistant.services.privacy import make_private

    try:
        fixed = make_private(settings.home)
    except OSError as e:
        _say(f"warning: could not make {settings.home} private ({e.strerror or e})")
        return
    if fixed:
        _say(f"note: {settings.home} was readable by other users; tightened {fixed} path(s) to owner-only "
             "(directories 0700, files 0600)")
