"""`outreach report` over 10,000 contacts and 5,000 touches (target: <= 1 s), and the recomputation of the
touches after an import that changed the store.

    .venv/bin/python benchmarks/bench_report.py
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.outcomes.report import build  # noqa: E402
from assistant.outcomes.touches import refresh  # noqa: E402
from assistant.store import Store  # noqa: E402
from assistant.store import touches as sql  # noqa: E402

DAY = 86_400
CONTACTS, TOUCHES = 10_000, 5_000


def fill(store: Store, rng: random.Random) -> None:
    start = 1_600_000_000
    with store.transaction() as db:
        for i in range(CONTACTS):
            db.execute("INSERT INTO contacts (name, circle, created_at, updated_at) VALUES (?, ?, 0, 0)",
                       (f"Person {i}", rng.choice(("inner", "close", "wider", "wider"))))
    rows = []
    who = rng.sample(range(1, CONTACTS + 1), TOUCHES)
    for n, cid in enumerate(who):
        t = start + rng.randrange(0, 900) * DAY
        chan = rng.choice(("wechat", "whatsapp", "email", "telegram"))
        rows.append((chan, f"{chan}:{cid}", cid, None, None, "out", "text", t - 60 * DAY, "earlier", "b", f"a{n}"))
        rows.append((chan, f"{chan}:{cid}", cid, None, None, "out", "text", t, "hello again, how was the trip?",
                     "b", f"b{n}"))
        if rng.random() < 0.6:
            rows.append((chan, f"{chan}:{cid}", cid, None, cid, "in", "text", t + rng.randrange(600, 5 * DAY),
                         "so good to hear from you!", "b", f"c{n}"))
    store.insert_messages(rows)


def main() -> None:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.sqlite3")
        fill(store, rng)
        t0 = time.perf_counter()
        refresh(store)
        t_refresh = time.perf_counter() - t0
        n = store.db.execute("SELECT count(*) FROM touches").fetchone()[0]
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            refresh(store)  # up to date: only the signature is read
            report = build(sql.load_touches(store.db), int(time.time()))
            times.append(time.perf_counter() - t0)
        times.sort()
        print(f"{CONTACTS:,} contacts, {n:,} touches ({report.overall.replied:,} answered)")
        print(f"recompute touches after an import: {t_refresh:.2f} s")
        print(f"report: median {times[2] * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms (target <= 1,000 ms)")
        store.close()


if __name__ == "__main__":
    main()
