"""The demo's top N suggestions with their talking point and offline draft, as a reader would review them.

    OUTREACH_HOME=.demo-home .venv/bin/python -m evals.demo.top [-n 16] [--today YYYY-MM-DD] [--json FILE]

Reads the demo store (`make demo` first); drafts offline without saving anything (the queue is untouched).
"""

from __future__ import annotations

import argparse
import json
from datetime import date


def top(n: int, today: date | None) -> list[dict]:
    from assistant.config import Settings
    from assistant.drafting.agent import draft_for
    from assistant.ranking import rank
    from assistant.services import open_store, retriever
    from assistant.store.drafts import DraftError

    import json as _j
    from pathlib import Path

    settings = Settings()
    manifest = Path(__file__).resolve().parents[2] / "demo" / "data" / "MANIFEST.json"
    if manifest.exists():
        settings = settings.model_copy(update={"timezone": _j.loads(manifest.read_text())["naive_times_are"]})
    store = open_store(settings)
    r = retriever(settings, store)
    out = []
    try:
        for s in rank(store, today, limit=n, retriever=r).suggestions:
            row = {"name": s.name, "hook": s.hook.text() if s.hook else None,
                   "category": s.hook.category if s.hook else None, "why": s.why_now()}
            try:
                d = draft_for(store, s.contact_id, suggestion=s, retriever=r, settings=settings, offline=True,
                              today=today, save=False)
                row.update(draft=d.text, status=d.status, hold=d.hold_reason, lang=d.language)
            except DraftError as e:
                row.update(draft=None, error=str(e))
            out.append(row)
    finally:
        store.close()
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="evals.demo.top")
    ap.add_argument("-n", type=int, default=16)
    ap.add_argument("--today", type=date.fromisoformat, default=None)
    ap.add_argument("--json", default=None)
    a = ap.parse_args(argv)
    rows = top(a.n, a.today)
    for i, row in enumerate(rows, 1):
        print(f"{i:2}. {row['name']}  [{row.get('category')}] hook: {row['hook']}")
        print(f"    why: {row['why']}")
        print(f"    draft ({row.get('lang')}, {row.get('status')}{', ' + row['hold'] if row.get('hold') else ''}): "
              f"{row.get('draft') or row.get('error')}")
    if a.json:
        with open(a.json, "w", encoding="utf-8") as fh:
            json.dump(rows, fh, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
