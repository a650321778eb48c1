"""Import benchmark: a generated 100,000-message WhatsApp export, imported into a fresh store, then again.

Targets (issue #2, on the 2-core dev machine): first import <= 10 s and <= 500 MB peak RSS; re-import <= 5 s.
Each import runs in its own process so its peak memory is measured alone.

    .venv/bin/python benchmarks/bench_import.py [--messages N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

WORDS = (
    "ok see you tomorrow at the station did you read the paper on raft leader election "
    "我们 周末 去 骑行 吧 天气 不错 Wie geht es dir heute Abend ça marche pour samedi"
).split()

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from assistant.store import Store
from assistant.ingest.pipeline import import_paths
from datetime import timezone
t0 = time.perf_counter()
store = Store(Path(sys.argv[1]))
summary = import_paths(store, [Path(sys.argv[2])], tz=timezone.utc, me=["Alex Chen"])
elapsed = time.perf_counter() - t0
print(json.dumps({"seconds": elapsed, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "added": summary.total("messages_added"), "skipped": summary.total("messages_skipped")}))
"""


def generate(path: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    t = datetime(2016, 3, 1, 9, 0)
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            t += timedelta(seconds=rng.randint(20, 4000))
            who = "Alex Chen" if rng.random() < 0.5 else "Anna Schmidt"
            body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 25)))
            if i % 50 == 0:
                body += "\n" + " ".join(rng.choice(WORDS) for _ in range(8))  # a multi-line message
            f.write(f"{t:%d/%m/%Y}, {t:%H:%M} - {who}: {body}\n")


def run_child(db: Path, export: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(db), str(export)], capture_output=True, text=True,
                         check=True, env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])})
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=100_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "WhatsApp Chat with Anna Schmidt.txt"
        generate(export, args.messages)
        size_mb = export.stat().st_size / 1e6
        db = Path(tmp) / "home" / "outreach.sqlite3"
        first = run_child(db, export)
        again = run_child(db, export)
    print(f"WhatsApp export: {args.messages:,} messages, {size_mb:.1f} MB")
    print(f"first import : {first['seconds']:.2f} s, peak RSS {first['peak_rss_mb']:.0f} MB, "
          f"{first['added']:,} added  (target <= 10 s, <= 500 MB)")
    print(f"re-import    : {again['seconds']:.2f} s, peak RSS {again['peak_rss_mb']:.0f} MB, "
          f"{again['added']:,} added, {again['skipped']:,} skipped  (target <= 5 s)")
    ok = (first["seconds"] <= 10 and first["peak_rss_mb"] <= 500 and again["seconds"] <= 5
          and first["added"] == args.messages and again["added"] == 0)
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
