"""WhatsApp import benchmark on a folder of real exports, optionally side by side with whatstk and chat-miner.

For every .txt/.zip under FOLDER: parse it (one process, timed), then import the whole folder unattended
into a temporary store (no --me, no terminal), the way `outreach import FOLDER` does. Prints per file:
messages, system lines, messages without an author (not system), and how many peers counted; then totals:
files imported / refused, messages, messages without author, parse time, files with the owner unresolved,
contacts recorded as "me".

Peers (not project dependencies): install them in a separate venv and pass its python, e.g.
    python -m venv /tmp/peers && /tmp/peers/bin/pip install whatstk chat-miner
    .venv/bin/python benchmarks/bench_whatsapp_peers.py FOLDER --peers-python /tmp/peers/bin/python
Without --peers-python only this project's figures are printed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Run in the peers' venv: one JSON line per file, {"file", "whatstk", "chatminer", "t_whatstk", "t_chatminer"}.
PEER_SCRIPT = r"""
import json, sys, time, zipfile, tempfile, os
paths = sys.argv[1:]
def text_path(p):
    if not p.endswith(".zip"):
        return p
    with zipfile.ZipFile(p) as zf:
        names = [n for n in zf.namelist() if n.endswith(".txt")]
        if not names:
            return None
        out = tempfile.NamedTemporaryFile(suffix=".txt", delete=False)
        out.write(zf.read(names[0])); out.close()
        return out.name
for p in paths:
    row = {"file": p}
    tp = text_path(p)
    try:
        from whatstk import df_from_whatsapp
        t = time.perf_counter(); df = df_from_whatsapp(tp); row["t_whatstk"] = time.perf_counter() - t
        row["whatstk"] = len(df)
    except Exception as e:
        row["whatstk"] = None; row["whatstk_error"] = type(e).__name__
    try:
        from chatminer.chatparsers import WhatsAppParser
        t = time.perf_counter(); parser = WhatsAppParser(tp); parser.parse_file(); df = parser.parsed_messages.get_df()
        row["t_chatminer"] = time.perf_counter() - t
        row["chatminer"] = len(df)
    except Exception as e:
        row["chatminer"] = None; row["chatminer_error"] = type(e).__name__
    print(json.dumps(row), flush=True)
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--peers-python", help="python of a venv with whatstk and/or chat-miner installed")
    ap.add_argument("--quiet", action="store_true", help="totals only")
    args = ap.parse_args()

    from assistant.domain import ParseError
    from assistant.ingest import detect
    from assistant.ingest.pipeline import import_paths
    from assistant.store import Store

    from assistant.ingest import IMPORTERS, load

    for name in IMPORTERS:  # module imports are not parse time (the peers' imports are not timed either)
        load(name)
    files = sorted(p for p in args.folder.rglob("*") if p.is_file() and p.suffix.lower() in (".txt", ".zip"))
    ours: dict[str, dict] = {}
    parse_time = 0.0
    for p in files:
        t = time.perf_counter()
        try:
            batch = detect(p).parse(p)
        except ParseError as e:
            parse_time += time.perf_counter() - t
            ours[str(p)] = {"error": str(e)}
            continue
        parse_time += time.perf_counter() - t
        msgs = [m for c in batch.conversations for m in c.messages]
        ours[str(p)] = {
            "format": batch.format,
            "messages": len(msgs),
            "system": sum(m.kind == "system" for m in msgs),
            "no_author": sum(1 for m in msgs if m.kind != "system" and not m.sender and m.is_me is None),
        }

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.sqlite3")
        t = time.perf_counter()
        try:
            summary = import_paths(store, [args.folder], tz=timezone.utc)
            import_error = None
        except ParseError as e:
            summary, import_error = None, str(e)
        import_time = time.perf_counter() - t
        me_contacts = store.db.execute(
            "SELECT count(DISTINCT i.contact_id) FROM identities i JOIN me ON me.kind = i.kind AND me.value = i.value"
        ).fetchone()[0]
        stored = store.db.execute("SELECT count(*) FROM messages").fetchone()[0]
        store.close()

    peers: dict[str, dict] = {}
    if args.peers_python and files:
        out = subprocess.run([args.peers_python, "-c", PEER_SCRIPT, *map(str, files)], capture_output=True, text=True)
        for line in out.stdout.splitlines():
            row = json.loads(line)
            peers[row["file"]] = row

    if not args.quiet:
        print(f"{'file':60} {'msgs':>7} {'system':>6} {'no-author':>9} {'whatstk':>8} {'chatminer':>9}")
        for p in files:
            o, pr = ours[str(p)], peers.get(str(p), {})
            name = str(p.relative_to(args.folder))[:60]
            if "error" in o:
                print(f"{name:60} REFUSED: {o['error'][:100]}")
                continue
            print(f"{name:60} {o['messages']:>7} {o['system']:>6} {o['no_author']:>9} "
                  f"{str(pr.get('whatstk', '-')):>8} {str(pr.get('chatminer', '-')):>9}")

    ok = [o for o in ours.values() if "error" not in o]
    n_msgs = sum(o["messages"] for o in ok)
    n_noauth = sum(o["no_author"] for o in ok)
    print(f"files: {len(ok)}/{len(files)} parsed; messages {n_msgs}; without an author (not system) {n_noauth} "
          f"({100 * n_noauth / max(n_msgs, 1):.2f}%); parse time {parse_time:.3f} s")
    if import_error:
        print(f"folder import REFUSED: {import_error}")
    else:
        unresolved = len(summary.unresolved)
        print(f"folder import (unattended): {len(summary.files)} files imported, {len(summary.skipped)} skipped, "
              f"{stored} messages stored, {unresolved} with the owner unresolved, {me_contacts} contacts recorded as "
              f"'me'; {import_time:.2f} s")
    if peers:
        for peer in ("whatstk", "chatminer"):
            rows = [(ours[f], r) for f, r in peers.items() if r.get(peer) is not None and "error" not in ours[f]]
            t = sum(r.get(f"t_{peer}", 0) for r in peers.values())
            below = sum(1 for o, r in rows if o["messages"] < 0.98 * r[peer])
            print(f"{peer}: parsed {sum(r.get(peer) is not None for r in peers.values())}/{len(files)} files, "
                  f"{sum(r[peer] for _, r in rows)} messages on the files both parsed; ours below theirs - 2% "
                  f"on {below}; its parse time {t:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
