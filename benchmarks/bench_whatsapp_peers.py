"""WhatsApp import benchmark on a folder of exports, optionally side by side with whatstk and chat-miner.

For every .txt/.zip under FOLDER: parse it (best of --repeat runs, CPU and wall time), then import the whole
folder unattended into a temporary store (no --me, no terminal), the way `outreach import FOLDER` does. Prints per
file: messages, system lines, messages without an author (not system), and how many each peer counted; then
totals: files imported / refused, messages, messages without author, parse time, files with the owner
unresolved, contacts recorded as "me"; and a table of parse times, ours beside each peer's.

Fairness: every parser reads the same files; module imports happen before any timing (ours in this process,
the peers' once in a worker process of their venv); each file is parsed --repeat times by each parser, in
rounds that interleave the parsers (a change in the machine's load hits all alike), and per parser and file
the best CPU time and the best wall time are kept (CPU time is the figure to compare on a shared machine);
each parser produces its own complete result (our ImportBatch, whatstk's DataFrame, chat-miner's DataFrame).
chat-miner's progress bar and per-message log lines are turned off, so that writing them is not counted.

Peers (not project dependencies): install them in a separate venv and pass its python, e.g.
    python -m venv /tmp/peers && /tmp/peers/bin/pip install whatstk chat-miner
    .venv/bin/python benchmarks/bench_whatsapp_peers.py FOLDER --peers-python /tmp/peers/bin/python
    .venv/bin/python benchmarks/bench_whatsapp_peers.py --generate 200000 --files 2 --repeat 5 \
        --peers-python /tmp/peers/bin/python          # generated exports in a temporary folder
Without --peers-python only this project's figures are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PEERS = ("whatstk", "chatminer")

# Runs in the peers' venv as a worker: one request per stdin line, {"peer", "file"}; one JSON line back,
# {"messages": n, "wall": s, "cpu": s} or {"error": name}. Imports happen once, before any request.
PEER_WORKER = r"""
import json, logging, sys, time, zipfile, tempfile
parsers = {}
try:
    from whatstk import df_from_whatsapp
    parsers["whatstk"] = lambda tp: len(df_from_whatsapp(tp))
except ImportError:
    pass
try:
    from chatminer.chatparsers import WhatsAppParser
    logging.disable(logging.INFO)  # its per-message log lines are not parsing
    def chatminer(tp):
        parser = WhatsAppParser(tp); parser.parse_file()
        return len(parser.parsed_messages.get_df())
    parsers["chatminer"] = chatminer
except ImportError:
    pass
texts = {}
def text_path(p):
    if not p.endswith(".zip"):
        return p
    if p not in texts:
        with zipfile.ZipFile(p) as zf:
            names = [n for n in zf.namelist() if n.endswith(".txt")]
            out = tempfile.NamedTemporaryFile(suffix=".txt", delete=False)
            out.write(zf.read(names[0]) if names else b""); out.close()
            texts[p] = out.name
    return texts[p]
print(json.dumps(sorted(parsers)), flush=True)
for line in sys.stdin:
    req = json.loads(line)
    fn = parsers[req["peer"]]
    try:
        tp = text_path(req["file"])
        w, c = time.perf_counter(), time.process_time()
        n = fn(tp)
        row = {"messages": n, "cpu": time.process_time() - c, "wall": time.perf_counter() - w}
    except Exception as e:
        row = {"error": type(e).__name__}
    print(json.dumps(row), flush=True)
"""


class PeerWorker:
    """whatstk / chat-miner in their own venv, asked file by file (so their runs interleave with ours)."""

    def __init__(self, python: str):
        self.proc = subprocess.Popen([python, "-c", PEER_WORKER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True, env={**os.environ, "TQDM_DISABLE": "1"})
        self.peers = json.loads(self.proc.stdout.readline())

    def parse(self, peer: str, path: Path) -> dict:
        self.proc.stdin.write(json.dumps({"peer": peer, "file": str(path)}) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait()


# --- generated exports ------------------------------------------------------------------------------------

WORDS_ASCII = (
    "ok see you tomorrow at the station did you read the paper on raft leader election lunch at noon "
    "sounds good running late call me when you land the slides are in the shared folder thanks a lot"
).split()
WORDS_MIXED = WORDS_ASCII + (
    "我们 周末 去 骑行 吧 天气 不错 Wie geht es dir heute Abend ça marche pour samedi 😂 👍 مرحبا "
    "à bientôt très été Grüße"
).split()


def generate(folder: Path, n_messages: int, n_files: int, *, ascii_only: bool = False, seed: int = 7) -> list[Path]:
    """`n_files` exports of `n_messages` messages each, alternating Android (24 h, day first, one-to-one chat)
    and iOS (brackets, 12 h with seconds, month first, a group): multi-line messages, media placeholders,
    deleted messages, system lines. Text every parser here reads (whatstk and chat-miner included)."""
    rng = random.Random(seed)
    words = WORDS_ASCII if ascii_only else WORDS_MIXED
    out = []
    for k in range(n_files):
        android = k % 2 == 0
        if android:
            path = folder / f"WhatsApp Chat with Anna Schmidt {k}.txt"
            people = ["Alex Chen", "Anna Schmidt"]
        else:
            path = folder / f"WhatsApp Chat - Trail Runners {k}.txt"
            people = ["Alex Chen", "Anna Schmidt", "Bo Li", "Carla Díaz" if not ascii_only else "Carla Diaz",
                      "+44 7700 900123", "Dev Patel"]
        t = datetime(2016, 3, 1, 9, 0) + timedelta(days=30 * k)

        def header(t: datetime) -> str:
            if android:
                return f"{t:%d/%m/%Y}, {t:%H:%M} - "
            h12 = t.hour % 12 or 12
            return f"[{t.month}/{t.day}/{t:%y}, {h12}:{t:%M:%S} {'AM' if t.hour < 12 else 'PM'}] "

        with path.open("w", encoding="utf-8") as f:
            if android:
                f.write(header(t) + "Messages and calls are end-to-end encrypted. No one outside of this chat, "
                        "not even WhatsApp, can read or listen to them. Tap to learn more.\n")
            else:
                f.write(header(t) + "Trail Runners: \u200eMessages and calls are end-to-end encrypted. No one outside "
                        "of this chat, not even WhatsApp, can read or listen to them.\n")
            for i in range(1, n_messages):
                t += timedelta(seconds=rng.randint(20, 4000))
                who = rng.choice(people)
                r = rng.random()
                if r < 0.03:
                    body = "<Media omitted>" if android else "\u200eimage omitted"
                elif r < 0.04:
                    body = "This message was deleted" if android else "\u200eThis message was deleted."
                elif r < 0.041:  # a system line
                    other = rng.choice(people)
                    if android:
                        f.write(f"{header(t)}{who} added {other}\n")
                    else:
                        f.write(f"{header(t)}Trail Runners: \u200e{who} added {other}\n")
                    continue
                else:
                    body = " ".join(rng.choice(words) for _ in range(rng.randint(2, 25)))
                    if i % 50 == 0:  # a multi-line message
                        body += "\n" + " ".join(rng.choice(words) for _ in range(8))
                f.write(f"{header(t)}{who}: {body}\n")
        out.append(path)
    return out


# --- measuring --------------------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path, nargs="?", help="a folder of exports (or use --generate)")
    ap.add_argument("--generate", type=int, metavar="N", help="generate exports of N messages each in a temporary folder")
    ap.add_argument("--files", type=int, default=2, help="with --generate: how many files (default 2)")
    ap.add_argument("--ascii", action="store_true", help="with --generate: ASCII-only message text")
    ap.add_argument("--keep", type=Path, help="with --generate: write the files here and keep them")
    ap.add_argument("--repeat", type=int, default=3, help="parse each file this many times, keep the best (default 3)")
    ap.add_argument("--peers-python", help="python of a venv with whatstk and/or chat-miner installed")
    ap.add_argument("--peers", type=lambda v: v.split(","), default=list(PEERS),
                    help="which peers to run, comma-separated (default: whatstk,chatminer)")
    ap.add_argument("--no-import", action="store_true", help="skip the folder import into a temporary store")
    ap.add_argument("--quiet", action="store_true", help="totals only")
    args = ap.parse_args()
    if (args.folder is None) == (args.generate is None):
        ap.error("give a FOLDER or --generate N")
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder
        if args.generate is not None:
            folder = args.keep or Path(tmp) / "exports"
            folder.mkdir(parents=True, exist_ok=True)
            t = time.perf_counter()
            generate(folder, args.generate, args.files, ascii_only=args.ascii)
            print(f"generated {args.files} file(s) x {args.generate} messages in {folder} "
                  f"({time.perf_counter() - t:.1f} s)")
        return run(args, folder)


def run(args, folder: Path) -> int:
    from assistant.domain import ParseError
    from assistant.ingest import IMPORTERS, detect, load
    from assistant.ingest.pipeline import import_paths
    from assistant.store import Store

    for name in IMPORTERS:  # module imports are not parse time (the peers' imports are not timed either)
        load(name)
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in (".txt", ".zip"))
    worker = PeerWorker(args.peers_python) if args.peers_python and files else None
    present = [peer for peer in PEERS if worker and peer in worker.peers and peer in args.peers]

    # Rounds: in each, every file by us and then by each peer, so that a change in the machine's load hits
    # all parsers alike; per parser and file the best CPU time and the best wall time are kept.
    ours: dict[str, dict] = {}
    peers: dict[str, dict] = {str(p): {"file": str(p)} for p in files} if worker else {}
    for _ in range(args.repeat):
        for p in files:
            o = ours.setdefault(str(p), {})
            if "error" not in o:
                batch = None
                w, c = time.perf_counter(), time.process_time()
                try:
                    batch = detect(p).parse(p)
                except ParseError as e:
                    o["error"] = str(e)
                cpu, wall = time.process_time() - c, time.perf_counter() - w
                if batch is not None:
                    msgs = [m for conv in batch.conversations for m in conv.messages]
                    o.update(format=batch.format, messages=len(msgs),
                             system=sum(m.kind == "system" for m in msgs),
                             no_author=sum(1 for m in msgs if m.kind != "system" and not m.sender and m.is_me is None),
                             cpu=min(cpu, o.get("cpu", cpu)), wall=min(wall, o.get("wall", wall)))
                    del batch, msgs
            for peer in present:
                r = peers[str(p)]
                if r.get(peer, 0) is None:
                    continue  # it failed on this file before
                got = worker.parse(peer, p)
                if "error" in got:
                    r[peer], r[f"{peer}_error"] = None, got["error"]
                    continue
                r[peer] = got["messages"]
                r[f"{peer}_cpu"] = min(got["cpu"], r.get(f"{peer}_cpu", got["cpu"]))
                r[f"{peer}_wall"] = min(got["wall"], r.get(f"{peer}_wall", got["wall"]))
    if worker:
        worker.close()

    summary = import_error = None
    if not args.no_import:
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(Path(tmp) / "bench.sqlite3")
            t = time.perf_counter()
            try:
                summary = import_paths(store, [folder], tz=timezone.utc)
            except ParseError as e:
                import_error = str(e)
            import_time = time.perf_counter() - t
            me_contacts = store.db.execute(
                "SELECT count(DISTINCT i.contact_id) FROM identities i JOIN me ON me.kind = i.kind AND me.value = i.value"
            ).fetchone()[0]
            stored = store.db.execute("SELECT count(*) FROM messages").fetchone()[0]
            store.close()

    if not args.quiet:
        print(f"{'file':60} {'msgs':>7} {'system':>6} {'no-author':>9} {'whatstk':>8} {'chatminer':>9}")
        for p in files:
            o, pr = ours[str(p)], peers.get(str(p), {})
            name = str(p.relative_to(folder))[:60]
            if "error" in o:
                print(f"{name:60} REFUSED: {o['error'][:100]}")
                continue
            print(f"{name:60} {o['messages']:>7} {o['system']:>6} {o['no_author']:>9} "
                  f"{str(pr.get('whatstk', '-')):>8} {str(pr.get('chatminer', '-')):>9}")

    ok = [o for o in ours.values() if "error" not in o]
    n_msgs = sum(o["messages"] for o in ok)
    n_noauth = sum(o["no_author"] for o in ok)
    print(f"files: {len(ok)}/{len(files)} parsed; messages {n_msgs}; without an author (not system) {n_noauth} "
          f"({100 * n_noauth / max(n_msgs, 1):.2f}%); parse time (best of {args.repeat}) "
          f"{sum(o['cpu'] for o in ok):.3f} s CPU, {sum(o['wall'] for o in ok):.3f} s wall")
    if args.no_import:
        pass
    elif import_error:
        print(f"folder import REFUSED: {import_error}")
    else:
        unresolved = len(summary.unresolved)
        print(f"folder import (unattended): {len(summary.files)} files imported, {len(summary.skipped)} skipped, "
              f"{stored} messages stored, {unresolved} with the owner unresolved, {me_contacts} contacts recorded as "
              f"'me'; {import_time:.2f} s")
    if present:
        for peer in present:
            rows = [(ours[f], r) for f, r in peers.items() if r.get(peer) is not None and "error" not in ours[f]]
            below = sum(1 for o, r in rows if o["messages"] < 0.98 * r[peer])
            print(f"{peer}: parsed {sum(r.get(peer) is not None for r in peers.values())}/{len(files)} files, "
                  f"{sum(r[peer] for _, r in rows)} messages on the files both parsed; ours below theirs - 2% "
                  f"on {below}")
        # Parse time on the files every parser read, best of --repeat per file, summed.
        common = [f for f, o in ours.items() if "error" not in o and all(peers[f].get(peer) is not None for peer in present)]
        print(f"\nparse time on the {len(common)} file(s) every parser read, best of {args.repeat} per file "
              f"(rounds interleaved):")
        print(f"{'parser':12} {'CPU s':>9} {'wall s':>9} {'CPU x ours':>11} {'wall x ours':>12}")
        our_cpu = sum(ours[f]["cpu"] for f in common)
        our_wall = sum(ours[f]["wall"] for f in common)
        print(f"{'ours':12} {our_cpu:>9.3f} {our_wall:>9.3f} {1:>11.2f} {1:>12.2f}")
        for peer in present:
            cpu = sum(peers[f][f"{peer}_cpu"] for f in common)
            wall = sum(peers[f][f"{peer}_wall"] for f in common)
            print(f"{peer:12} {cpu:>9.3f} {wall:>9.3f} {cpu / max(our_cpu, 1e-9):>11.2f} "
                  f"{wall / max(our_wall, 1e-9):>12.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
