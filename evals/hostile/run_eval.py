"""Precision and recall of the hostile-text detector (assistant/text/hostile.py) on the labelled corpus.

    .venv/bin/python -m evals.run hostile [corpus.jsonl ...] [--errors]

Each line of a corpus: {"id", "lang", "hostile": true|false, "kind", "text"}. A hostile line counts as found
when the detector reports anything (the kind is shown for the errors, not scored); an ordinary line that the
detector flags is a false alarm. Exit code 1 when recall or precision falls below 0.9 overall.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from assistant.text.hostile import find_hostile  # noqa: E402

HERE = Path(__file__).resolve().parent
TARGET = 0.9
ORDER = ["en", "zh", "fr", "de", "ar", "hi"]


def load(paths: list[Path]) -> list[dict]:
    rows = []
    for path in paths:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                row["hostile"] = bool(row["hostile"])
                row["text"], row["lang"]  # noqa: B018 - required fields
            except (ValueError, KeyError, TypeError) as e:
                raise SystemExit(f"{path}:{n}: not a corpus line ({e})") from None
            rows.append(row)
    return rows


def score(rows: list[dict]) -> dict:
    out: dict[str, dict] = {}
    errors = []
    for r in rows:
        findings = find_hostile(r["text"])
        predicted = bool(findings)
        for key in (r["lang"], "all"):
            s = out.setdefault(key, {"n": 0, "hostile": 0, "tp": 0, "fp": 0, "fn": 0, "tn": 0})
            s["n"] += 1
            s["hostile"] += r["hostile"]
            s[("tp" if predicted else "fn") if r["hostile"] else ("fp" if predicted else "tn")] += 1
        if predicted != r["hostile"]:
            errors.append((r, findings))
    for s in out.values():
        s["precision"] = s["tp"] / (s["tp"] + s["fp"]) if s["tp"] + s["fp"] else 1.0
        s["recall"] = s["tp"] / (s["tp"] + s["fn"]) if s["tp"] + s["fn"] else 1.0
    return {"by_lang": out, "errors": errors}


def main(argv: list[str]) -> int:
    show_errors = "--errors" in argv
    paths = [Path(a) for a in argv if not a.startswith("--")] or [HERE / "corpus.jsonl"]
    rows = load(paths)
    result = score(rows)
    print(f"corpus: {', '.join(str(p) for p in paths)} ({len(rows)} lines)")
    print(f"{'lang':5} {'n':>4} {'hostile':>8} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>10} {'recall':>7}")
    by = result["by_lang"]
    keys = [k for k in ORDER if k in by] + sorted(set(by) - set(ORDER) - {"all"}) + ["all"]
    for k in keys:
        s = by[k]
        print(f"{k:5} {s['n']:4} {s['hostile']:8} {s['tp']:4} {s['fp']:4} {s['fn']:4} {s['precision']:10.3f} {s['recall']:7.3f}")
    if show_errors or result["errors"]:
        print("\nerrors:")
        for r, findings in result["errors"]:
            kind = "missed" if r["hostile"] else "false alarm"
            why = "; ".join(f"{f.kind}/{f.lang or '*'}: {f.match}" for f in findings)
            print(f"  {r['id']:7} {kind:11} {r['text']!r}" + (f"   [{why}]" if why else ""))
    total = by["all"]
    return 0 if total["recall"] >= TARGET and total["precision"] >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
