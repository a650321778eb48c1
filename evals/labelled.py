"""Precision and recall of a text detector on a labelled JSONL corpus, per language: the one runner behind
evals/asks (the ask detector) and evals/hostile (the hostile-text detector).

Each corpus line: {"id", "lang", <label>: true|false, "text", ...}. A positive line counts as found when the
detector reports anything; a negative line it flags is a false alarm.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

TARGET = 0.9
ORDER = ["zh", "en", "fr", "de", "ar", "hi"]


def load(paths: list[Path], label: str) -> list[dict]:
    rows = []
    for path in paths:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                row[label] = bool(row[label])
                row["text"], row["lang"]  # noqa: B018 - required fields
            except (ValueError, KeyError, TypeError) as e:
                raise SystemExit(f"{path}:{n}: not a corpus line ({e})") from None
            rows.append(row)
    return rows


def score(rows: list[dict], label: str, detect: Callable[[str], list]) -> dict:
    out: dict[str, dict] = {}
    errors = []
    for r in rows:
        findings = detect(r["text"])
        predicted = bool(findings)
        for key in (r["lang"], "all"):
            s = out.setdefault(key, {"n": 0, label: 0, "tp": 0, "fp": 0, "fn": 0, "tn": 0})
            s["n"] += 1
            s[label] += r[label]
            s[("tp" if predicted else "fn") if r[label] else ("fp" if predicted else "tn")] += 1
        if predicted != r[label]:
            errors.append((r, findings))
    for s in out.values():
        s["precision"] = s["tp"] / (s["tp"] + s["fp"]) if s["tp"] + s["fp"] else 1.0
        s["recall"] = s["tp"] / (s["tp"] + s["fn"]) if s["tp"] + s["fn"] else 1.0
    return {"by_lang": out, "errors": errors}


def report(paths: list[Path], rows: list[dict], result: dict, label: str, *, show_errors: bool,
           missed: str, why: Callable[[object], str]) -> int:
    """Print the table (and the errors); 0 when recall and precision overall reach TARGET, else 1."""
    print(f"corpus: {', '.join(str(p) for p in paths)} ({len(rows)} lines)")
    print(f"{'lang':5} {'n':>4} {label:>8} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>10} {'recall':>7}")
    by = result["by_lang"]
    keys = [k for k in ORDER if k in by] + sorted(set(by) - set(ORDER) - {"all"}) + ["all"]
    for k in keys:
        s = by[k]
        print(f"{k:5} {s['n']:4} {s[label]:8} {s['tp']:4} {s['fp']:4} {s['fn']:4} {s['precision']:10.3f} "
              f"{s['recall']:7.3f}")
    if show_errors or result["errors"]:
        print("\nerrors:")
        for r, findings in result["errors"]:
            kind = missed if r[label] else "false alarm"
            reasons = "; ".join(why(f) for f in findings)
            print(f"  {r['id']:7} {kind:11} {r['text']!r}" + (f"   [{reasons}]" if reasons else ""))
    total = by["all"]
    return 0 if total["recall"] >= TARGET and total["precision"] >= TARGET else 1
