"""Precision and recall of the rule-based ask detector on the labelled corpus, per language.

    .venv/bin/python evals/asks/run_eval.py [corpus.jsonl ...] [--errors]

Each line of a corpus: {"id", "lang", "ask": true|false, "category", "text"}. An ask counts as found when the
detector reports any ask (the category is shown for the errors, not scored). Exit code 1 when recall on asks
or precision falls below 0.9 overall.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from assistant.text.asks import find_asks  # noqa: E402

HERE = Path(__file__).resolve().parent
TARGET = 0.9


def load(paths: list[Path]) -> list[dict]:
    rows = []
    for path in paths:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                row["ask"] = bool(row["ask"]), row["text"], row["lang"]
                row["ask"] = row["ask"][0]
            except (ValueError, KeyError) as e:
                raise SystemExit(f"{path}:{n}: not a corpus line ({e})")
            rows.append(row)
    return rows


def score(rows: list[dict]) -> dict:
    out: dict[str, dict] = {}
    errors = []
    for r in rows:
        findings = find_asks(r["text"])
        predicted = bool(findings)
        for key in (r["lang"], "all"):
            s = out.setdefault(key, {"n": 0, "asks": 0, "tp": 0, "fp": 0, "fn": 0, "tn": 0})
            s["n"] += 1
            s["asks"] += r["ask"]
            s[("tp" if predicted else "fn") if r["ask"] else ("fp" if predicted else "tn")] += 1
        if predicted != r["ask"]:
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
    print(f"corpus: {', '.join(str(p) for p in paths)} ({len(rows)} messages)")
    print(f"{'lang':5} {'n':>4} {'asks':>5} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>10} {'recall':>7}")
    order = ["zh", "en", "fr", "de", "ar", "hi"]
    keys = [k for k in order if k in result["by_lang"]] + sorted(set(result["by_lang"]) - set(order) - {"all"}) + ["all"]
    for k in keys:
        s = result["by_lang"][k]
        print(f"{k:5} {s['n']:4} {s['asks']:5} {s['tp']:4} {s['fp']:4} {s['fn']:4} {s['precision']:10.3f} {s['recall']:7.3f}")
    if show_errors or result["errors"]:
        print("\nerrors:")
        for r, findings in result["errors"]:
            kind = "missed ask" if r["ask"] else "false alarm"
            why = "; ".join(f"{f.lang}/{f.rule}" for f in findings)
            print(f"  {r['id']:7} {kind:11} {r['text']}" + (f"   [{why}]" if why else ""))
    total = result["by_lang"]["all"]
    return 0 if total["recall"] >= TARGET and total["precision"] >= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
