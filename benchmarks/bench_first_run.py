"""First-run benchmark: what a new user waits for after the install, measured end to end in a real terminal.

Runs `outreach demo` (what `make demo` runs once the venv exists) in a pseudo-terminal with a fresh data
directory, reads what the TUI draws, and records the seconds from the start of the process to:

  * queue:   the review queue on screen ("Drafts · N waiting" drawn);
  * drafts:  the first drafts listed (N > 0);
  * lexical: the word (BM25) index built: search answers from here on;
  * vectors: the search index complete ("Search index ready"), i.e. every chunk embedded;

then presses Ctrl+Q. Target (issue #16): queue with drafts <= 60 s on the 2-core dev machine. Also runs a second
start on the same data (everything incremental: nothing to embed) and reports its time to the queue.

    .venv/bin/python benchmarks/bench_first_run.py [--timeout 900] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import pty
import re
import select
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTREACH = ROOT / ".venv" / "bin" / "outreach"
ANSI = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[\]P_^][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][A-Z0-9]|\x1b[=>]")

MARKS = {
    "queue": re.compile(r"Drafts · \d+ waiting"),
    "drafts": re.compile(r"Drafts · [1-9]\d* waiting"),
    "lexical": re.compile(r"Search works now"),
    "vectors": re.compile(r"Search index ready"),
}


def run(argv: list[str], env: dict, timeout: float, until: str) -> dict[str, float]:
    """Spawn `argv` in a 160x48 pty; the seconds at which each mark first appears on screen."""
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.environ.update(env)
        os.execv(argv[0], argv)
    import fcntl
    import struct
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 48, 160, 0, 0))
    seen: dict[str, float] = {}
    text = ""
    try:
        while time.perf_counter() - t0 < timeout:
            r, _, _ = select.select([fd], [], [], 0.2)
            if r:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                text = (text + ANSI.sub(b"", chunk).decode("utf-8", "replace"))[-20000:]
                now = time.perf_counter() - t0
                for name, pattern in MARKS.items():
                    if name not in seen and pattern.search(text):
                        seen[name] = round(now, 1)
            if until in seen:
                break
        os.write(fd, b"\x11")  # Ctrl+Q
        deadline = time.time() + 30
        while time.time() < deadline:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            try:
                select.select([fd], [], [], 0.2) and os.read(fd, 65536)
            except OSError:
                pass
        else:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    finally:
        os.close(fd)
    seen["exit"] = round(time.perf_counter() - t0, 1)
    return seen


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--keep", type=Path, help="use (and keep) this data directory instead of a temporary one")
    args = ap.parse_args()
    if not OUTREACH.exists():
        print(f"{OUTREACH} is missing: run `make setup` first", file=sys.stderr)
        return 2
    home = args.keep or Path(tempfile.mkdtemp(prefix="outreach-first-run-"))
    if home.exists() and any(home.iterdir()):
        print(f"{home} is not empty: the first run needs a fresh data directory", file=sys.stderr)
        return 2
    env = {"OUTREACH_HOME": str(home), "TERM": "xterm-256color", "COLUMNS": "160", "LINES": "48"}
    for var in ("OPENAI_BASE_URL", "OPENAI_API_KEY"):
        os.environ.pop(var, None)
    try:
        first = run([str(OUTREACH), "demo"], env, args.timeout, until="vectors")
        again = run([str(OUTREACH)], env, 120, until="queue")
    finally:
        if not args.keep:
            shutil.rmtree(home, ignore_errors=True)
    print(json.dumps({"first_run_s": first, "second_start_s": again, "cpus": os.cpu_count(),
                      "target": "queue with drafts <= 60 s"}, indent=1))
    ok = "drafts" in first and first["drafts"] <= 60
    print(f"first run: queue with drafts on screen after {first.get('drafts', '-')} s, "
          f"search index complete after {first.get('vectors', '-')} s; second start: queue after "
          f"{again.get('queue', '-')} s -> {'OK' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
