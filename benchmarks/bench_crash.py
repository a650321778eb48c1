"""Crash benchmark: kill -9 an import of a 200,000-message export at random points, N times, then check.

Each round starts `outreach import` on the same generated WhatsApp export (5 chats of 40,000 messages, one
transaction per file), sends SIGKILL after a random delay, and checks the store: `PRAGMA integrity_check`,
no duplicate (channel, conversation, source_id), every chat either complete or absent (a file is all or
nothing). A final import without a kill must then bring every message in exactly once.

    .venv/bin/python benchmarks/bench_crash.py [--messages 200000] [--kills 10] [--seed 1]

Target (issue 15): 0 corruptions, 0 duplicates, 0 lost messages.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_export(folder: Path, messages: int, chats: int = 5) -> dict[str, int]:
    per = messages // chats
    sizes = {}
    for c in range(chats):
        peer = f"Friend {c}"
        lines = []
        for i in range(per):
            day, month, year = 1 + i % 28, 1 + i // 28 % 12, 2010 + i // 336 % 14
            who = peer if i % 2 else "Alex Chen"
            lines.append(f"[{day:02d}/{month:02d}/{year}, {i % 24:02d}:{i % 60:02d}:{i // 60 % 60:02d}] {who}: "
                         f"message {i} of chat {c} about hiking, kitchens and the weekend")
        (folder / f"WhatsApp Chat with {peer}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        sizes[peer] = per
    return sizes


def check(db_path: Path, sizes: dict[str, int]) -> dict[str, int]:
    if not db_path.exists():
        return {"corrupt": 0, "duplicates": 0, "partial_chats": 0, "messages": 0}
    db = sqlite3.connect(db_path)
    try:
        ok = db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        dups = db.execute("SELECT count(*) FROM (SELECT 1 FROM messages GROUP BY channel, conversation, source_id "
                          "HAVING count(*) > 1)").fetchone()[0]
        partial = 0
        counts = dict(db.execute("SELECT c.name, count(*) FROM messages m JOIN contacts c ON c.id = m.contact_id "
                                 "GROUP BY c.name"))
        for peer, n in sizes.items():
            if counts.get(peer, 0) not in (0, n):
                partial += 1
        total = db.execute("SELECT count(*) FROM messages").fetchone()[0]
    except sqlite3.DatabaseError:
        return {"corrupt": 1, "duplicates": 0, "partial_chats": 0, "messages": 0}
    finally:
        db.close()
    return {"corrupt": int(not ok), "duplicates": dups, "partial_chats": partial, "messages": total}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--messages", type=int, default=200_000)
    ap.add_argument("--kills", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        export = tmp / "export"
        export.mkdir()
        sizes = make_export(export, args.messages)
        home = tmp / "home"
        env = {**os.environ, "OUTREACH_HOME": str(home), "OUTREACH_TIMEZONE": "UTC"}
        cmd = [sys.executable, "-m", "assistant", "import", str(export), "--me", "Alex Chen", "--no-index"]
        # how long one full import takes, to spread the kills over it
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, check=True)
        full = time.perf_counter() - t0
        for p in home.glob("outreach.sqlite3*"):
            p.unlink()
        totals = {"corrupt": 0, "duplicates": 0, "partial_chats": 0}
        killed = 0
        for k in range(args.kills):
            if k % 2 == 0:  # even rounds start from an empty store (a first import), odd ones resume a killed one
                for p in home.glob("outreach.sqlite3*"):
                    p.unlink()
            proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            delay = rng.uniform(0.05, full * 1.1)
            time.sleep(delay)
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                killed += 1
            proc.wait()
            r = check(home / "outreach.sqlite3", sizes)
            for key in totals:
                totals[key] += r[key]
            print(f"round {k + 1:2d}: kill after {delay:5.2f} s -> {r['messages']:7d} messages, corrupt {r['corrupt']}, "
                  f"duplicates {r['duplicates']}, partial chats {r['partial_chats']}", flush=True)
        subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, check=True)
        final = check(home / "outreach.sqlite3", sizes)
        lost = args.messages - final["messages"]
        print(f"\n{args.messages} messages, one clean import {full:.1f} s; {killed} of {args.kills} rounds killed mid-run")
        print(f"corruptions {totals['corrupt'] + final['corrupt']}, duplicates {totals['duplicates'] + final['duplicates']}, "
              f"partial chats {totals['partial_chats']}, lost after the final import {lost}")
        bad = totals["corrupt"] + totals["duplicates"] + totals["partial_chats"] + final["corrupt"] + final["duplicates"]
        return 0 if bad == 0 and lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
