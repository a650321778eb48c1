"""The CLI's error boundary, bounded input, refused FIFOs, control codes, private files."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.store import Store

ROOT = Path(__file__).resolve().parents[2]
CHAT = """[15/03/2024, 10:00:00] Mia Wong: hi there\x1b]52;c;ZXZpbA==\x07\x1b[2J\x1b[8mhidden\x1b[0m
[15/03/2024, 10:01:00] Alex Chen: hello Mia\x9b31m
[16/03/2024, 09:00:00] Mia Wong: see you at the climbing gym
"""


def _cli(*argv, env=None, **kw):
    e = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "assistant", *argv], capture_output=True, env=e, cwd=ROOT, **kw)


@pytest.fixture
def chat(tmp_path):
    p = tmp_path / "WhatsApp Chat with Mia Wong.txt"
    p.write_text(CHAT, encoding="utf-8")
    return p


def test_control_codes_are_stripped_at_import_and_never_printed(chat, isolated_home, capsys):
    assert main(["import", str(chat), "--me", "Alex Chen"]) == 0
    s = Store(isolated_home / "outreach.sqlite3")
    texts = [r[0] for r in s.db.execute("SELECT text FROM messages")]
    s.close()
    assert texts and not any(ch in t for t in texts for ch in "\x1b\x07\x9b")
    assert "hi therehidden" in texts[0]
    capsys.readouterr()
    assert main(["contacts", "show", "Mia Wong"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "climbing" in out


def test_output_stream_strips_codes_that_slipped_into_the_store(chat, isolated_home, capsys):
    assert main(["import", str(chat), "--me", "Alex Chen"]) == 0
    s = Store(isolated_home / "outreach.sqlite3")
    s.db.execute("UPDATE messages SET text = 'old \x1b]52;c;ZXZpbA==\x07row \x1b[2J'")  # imported by an old version
    s.close()
    capsys.readouterr()
    assert main(["contacts", "show", "Mia Wong"]) == 0
    out = capsys.readouterr().out
    assert "old row" in out and "\x1b" not in out and "\x07" not in out


def test_expected_errors_are_one_line(isolated_home, capsys, tmp_path):
    cases = [
        ["snooze", "x" * 100_000],  # was: LIKE or GLOB pattern too complex
        ["contacts", "show", "y" * 5000],
        ["snooze", "nobody", "--for", "10000y"],
        ["contacts", "set", "nobody", "--cadence", "99999999999999999999d"],
        ["drafts", "snooze", "1", "--days", "100000000"],
        ["contacts", "show", "#" + "9" * 40],
        ["dismiss", "²"],  # found by the fuzzer: "²".isdigit() is True, int("²") fails
        ["contacts", "show", "#²"],
        ["export", "--out", "\x00"],  # found by the fuzzer: "embedded null byte"
    ]
    for argv in cases:
        code = main(argv)
        err = capsys.readouterr().err
        assert code != 0 and "Traceback" not in err and len(err.strip().splitlines()) == 1, (argv[:2], err)


def test_absurd_durations_are_refused_and_an_old_absurd_snooze_does_not_break_suggest(chat, isolated_home, capsys):
    assert main(["import", str(chat), "--me", "Alex Chen"]) == 0
    assert main(["snooze", "Mia Wong", "--for", "10000y"]) == 2
    assert "at most" in capsys.readouterr().err
    s = Store(isolated_home / "outreach.sqlite3")
    cid = s.find_contact("Mia Wong").id
    s.db.execute("INSERT INTO ranking_actions (contact_id, action, at, until) VALUES (?, 'snooze', ?, ?)",
                 (cid, int(time.time()), 315_569_520_000))  # year ~12000, saved by an older version
    s.close()
    capsys.readouterr()
    for argv in (["suggest"], ["suggest", "--json"]):
        assert main(argv) == 0, capsys.readouterr().err
    assert "Traceback" not in capsys.readouterr().err


def test_fifos_are_refused_for_file_arguments(tmp_path, isolated_home, capsys):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for argv in (["rewrite", str(fifo), "--offline"], ["import", str(fifo)],
                 ["drafts", "approve", "1", "--file", str(fifo)], ["drafts", "edit", "1", "--file", str(fifo)]):
        assert main(argv) == 2, argv  # returns at once: no hang on the FIFO
        assert "not a regular file" in capsys.readouterr().err
    assert main(["rewrite", "/dev/null", "--offline"]) == 2
    assert "not a regular file" in capsys.readouterr().err


def test_invalid_utf8_in_argv(isolated_home):
    r = _cli(b"snooze", b"\xff\xfeabc")
    assert r.returncode == 2 and b"not valid UTF-8" in r.stderr and b"Traceback" not in r.stderr


def test_unexpected_error_writes_a_redacted_trace(isolated_home, monkeypatch, capsys):
    m = sys.modules["assistant.cli.app"]

    monkeypatch.setenv("OPENAI_API_KEY", "sk-live-abcdef1234567890")

    def boom(args, settings):
        raise RuntimeError("kaboom with sk-live-abcdef1234567890 and sk-proj-ZZZZZZZZZZ inside")

    monkeypatch.setattr(m, "cmd_status", boom)
    assert main(["status"]) == 70
    err = capsys.readouterr().err
    assert "Traceback" not in err and "sk-live" not in err and "report" in err
    logs = list((isolated_home / "logs").glob("crash-*.log"))
    assert len(logs) == 1 and str(logs[0]) in err
    body = logs[0].read_text()
    assert "RuntimeError" in body and "boom" in body
    assert "sk-live" not in body and "sk-proj" not in body and "abcdef1234567890" not in body
    assert (logs[0].stat().st_mode & 0o777) == 0o600


def test_ctrl_c_exits_130_with_one_line(tmp_path, isolated_home):
    big = tmp_path / "WhatsApp Chat with Big Talker.txt"
    lines = [f"[{1 + i % 28:02d}/{1 + i // 28 % 12:02d}/20{10 + i // 336 % 14}, 10:{i % 60:02d}:00] "
             f"{'Big Talker' if i % 2 else 'Alex Chen'}: message number {i} about the weather" for i in range(120_000)]
    big.write_text("\n".join(lines), encoding="utf-8")
    p = subprocess.Popen([sys.executable, "-m", "assistant", "import", str(big), "--me", "Alex Chen", "--no-index"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    time.sleep(2.5)
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=60)
    if p.returncode == 0:
        pytest.skip("the import finished before the interrupt")
    assert p.returncode == 130, err
    assert b"Traceback" not in err and err.strip().splitlines()[-1] == b"interrupted"


def test_closed_pipe_is_quiet(tmp_path, isolated_home):
    ann = tmp_path / "ann.txt"
    ann.write_text("Picnic on Sunday at 3pm in the park. Bring food and friends!\n" * 200, encoding="utf-8")
    r = subprocess.run(f"{sys.executable} -m assistant rewrite {ann} --offline --plain | head -c 10",
                       shell=True, capture_output=True, cwd=ROOT)
    assert b"Traceback" not in r.stderr and b"BrokenPipe" not in r.stderr, r.stderr


def test_data_dir_is_private_and_existing_files_are_tightened(isolated_home, capsys):
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert "files: private" in out
    assert (isolated_home.stat().st_mode & 0o777) == 0o700
    db = isolated_home / "outreach.sqlite3"
    assert (db.stat().st_mode & 0o777) == 0o600
    os.chmod(isolated_home, 0o755)
    os.chmod(db, 0o644)
    (isolated_home / "chroma").mkdir(mode=0o755)
    (isolated_home / "chroma" / "x.bin").write_bytes(b"1")
    os.chmod(isolated_home / "chroma" / "x.bin", 0o644)
    assert main(["status"]) == 0
    captured = capsys.readouterr()
    assert "tightened" in captured.err and "files: private" in captured.out
    for p in (isolated_home, isolated_home / "chroma"):
        assert (p.stat().st_mode & 0o777) == 0o700, p
    for p in (db, isolated_home / "chroma" / "x.bin"):
        assert (p.stat().st_mode & 0o777) == 0o600, p
    assert main(["status"]) == 0
    assert "tightened" not in capsys.readouterr().err  # the notice is once


def test_the_tui_never_copies_control_codes():
    from assistant.tui.app import OutreachApp

    app = OutreachApp(service=None)
    app.copy_to_clipboard("Hallo Anna!\x1b]52;c;ZXZpbA==\x07\x1b[2J Bis bald")
    assert "\x1b" not in app.clipboard and "\x07" not in app.clipboard and "Bis bald" in app.clipboard
