"""An import in one process while others approve, snooze and draft: each write waits its turn, says whom it
waits for, and lands; no `database is locked` traceback."""

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from assistant.store import Store

ROOT = Path(__file__).resolve().parents[2]


def _chat(path: Path, peer: str, n: int, start_year: int = 2015) -> Path:
    lines = []
    for i in range(n):
        day, month, year = 1 + i % 28, 1 + i // 28 % 12, start_year + i // 336 % 8
        who = peer if i % 2 else "Alex Chen"
        lines.append(f"[{day:02d}/{month:02d}/{year}, 10:{i % 60:02d}:{i // 60 % 60:02d}] {who}: "
                     f"note {i}: the hiking trip and the new kitchen")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(*argv, env):
    return subprocess.Popen([sys.executable, "-m", "assistant", *argv], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, cwd=ROOT)


def test_writes_wait_for_a_running_import_and_all_land(tmp_path, isolated_home):
    env = {**os.environ, "OUTREACH_HOME": str(isolated_home), "OUTREACH_TIMEZONE": "UTC"}
    small = [_chat(tmp_path / f"WhatsApp Chat with {p}.txt", p, 40, 2024) for p in ("Mia Wong", "Sam Carter")]
    for cmd in (["import", *map(str, small), "--me", "Alex Chen", "--no-index"],
                ["draft", "Mia Wong", "--offline", "--today", "2025-01-10"]):
        p = _run(*cmd, env=env)
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
    s = Store(isolated_home / "outreach.sqlite3")
    draft_id = s.db.execute("SELECT max(id) FROM drafts").fetchone()[0]
    s.close()
    assert draft_id

    big = _chat(tmp_path / "WhatsApp Chat with Big Talker.txt", "Big Talker", 150_000)
    importer = _run("import", str(big), "--me", "Alex Chen", "--no-index", env=env)
    marker = Path(f"{isolated_home / 'outreach.sqlite3'}.writer")
    probe = sqlite3.connect(isolated_home / "outreach.sqlite3", timeout=0, isolation_level=None)
    deadline = time.time() + 120
    while time.time() < deadline and importer.poll() is None:  # wait until the import holds the write lock
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            time.sleep(0.02)
        except sqlite3.OperationalError:
            break
    probe.close()
    assert importer.poll() is None, "the import ended before it was seen holding the lock"
    writers = [
        _run("drafts", "approve", str(draft_id), env=env),
        _run("snooze", "Mia Wong", "--for", "3w", env=env),
        _run("draft", "Sam Carter", "--offline", "--today", "2025-01-10", env=env),
    ]
    results = [w.communicate(timeout=300) for w in writers]
    imp_out, imp_err = importer.communicate(timeout=300)

    errors = [e.decode() for _, e in results] + [imp_err.decode()]
    assert importer.returncode == 0, imp_err.decode()
    assert all(w.returncode == 0 for w in writers), errors
    assert not any("Traceback" in e or "database is locked" in e for e in errors), errors
    assert any("another import is running (pid" in e and "waiting" in e for e in errors), errors

    s = Store(isolated_home / "outreach.sqlite3")
    try:
        assert s.db.execute("SELECT status FROM drafts WHERE id = ?", (draft_id,)).fetchone()[0] == "sent"
        mia, sam = s.find_contact("Mia Wong").id, s.find_contact("Sam Carter").id
        assert s.db.execute("SELECT count(*) FROM ranking_actions WHERE contact_id = ? AND action = 'snooze'",
                            (mia,)).fetchone()[0] == 1
        assert s.db.execute("SELECT count(*) FROM drafts WHERE contact_id = ?", (sam,)).fetchone()[0] == 1
        big_id = s.find_contact("Big Talker").id
        assert s.db.execute("SELECT count(*) FROM messages WHERE contact_id = ?", (big_id,)).fetchone()[0] == 150_000
        assert s.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        s.close()
    assert not marker.exists()
