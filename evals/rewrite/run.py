"""Announcement-rewrite eval: every announcement in tests/fixtures/announcements/ for every channel, through the
app's `rewrite_announcement()` (offline clean-up, or the configured model with --live), scored mechanically:
facts kept and none added (assistant/announce/facts.py, checked independently on the final text), within the
channel's hard length limit, and how much of the original wording survives (offline must not change words).

    .venv/bin/python -m evals.run rewrite [--offline | --live] [--out FILE]

Writes evals/reports/rewrite-<mode>.json; exits 1 below evals/thresholds.json ("rewrite").
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "fixtures" / "announcements"
THRESHOLDS = ROOT / "evals" / "thresholds.json"
METRICS = ("facts_kept", "nothing_added", "length_ok")


def run(mode: str, out: Path | None = None) -> dict:
    from assistant.announce.channels import CHANNELS, get_channel, length_problems
    from assistant.announce.diff import similarity
    from assistant.announce.facts import check_facts
    from assistant.announce.rewrite import _ignore, fact_text, rewrite_announcement
    from assistant.config import Settings

    model = None
    if mode == "live":
        from assistant.llm import chat_model

        model = chat_model(Settings())
    cases = []
    for f in sorted(DATA.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        for ch in CHANNELS:
            r = rewrite_announcement(text, channel=ch, model=model)
            v = r.versions[0]
            chan = get_channel(ch)  # the app's rules: e-mail drops '@all' and reads the subject without its label
            fc = check_facts(text, fact_text(v.text, chan), same_language=v.lang == r.source_lang, ignore=_ignore(chan))
            errors, _ = length_problems(v.text, get_channel(ch))
            cases.append({"id": f"{f.stem}/{ch}", "via": v.via, "lang": v.lang, "text": v.text,
                          "metrics": {"facts_kept": not fc.missing, "nothing_added": not fc.added, "length_ok": not errors},
                          "facts": fc.describe(), "similarity": round(similarity(text, v.text), 3),
                          "model": r.model or "", "prompt_hash": r.prompt_hash})
    summary = {k: round(sum(c["metrics"][k] for c in cases) / len(cases), 4) for k in METRICS}
    summary["mean_similarity"] = round(sum(c["similarity"] for c in cases) / len(cases), 4)
    conf = json.loads(THRESHOLDS.read_text(encoding="utf-8")).get("rewrite", {}).get(mode, {})
    failures = [f"{k} {summary.get(k, 0):.3f} < {v}" for k, v in conf.items() if summary.get(k, 0) < v]
    report = {"kind": "rewrite", "mode": mode, "model": next((c["model"] for c in cases if c["model"]), "offline"),
              "summary": summary, "threshold_failures": failures, "cases": cases}
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="eval rewrite")
    ap.add_argument("--live", action="store_true", help="use the configured model (default: offline clean-up)")
    ap.add_argument("--offline", action="store_true")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    mode = "live" if args.live else "offline"
    out = args.out or ROOT / "evals" / "reports" / f"rewrite-{mode}.json"
    report = run(mode, out)
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"rewrite eval ({mode}, {len(report['cases'])} cases)")
    for col in ("case", "via", *METRICS, "similarity", "facts"):
        t.add_column(col, overflow="fold")
    for c in report["cases"]:
        t.add_row(c["id"], c["via"], *["ok" if c["metrics"][k] else "FAIL" for k in METRICS], f"{c['similarity']:.2f}", c["facts"])
    con = Console()
    con.print(t)
    con.print(", ".join(f"{k} {v:.0%}" for k, v in report["summary"].items()))
    if report["threshold_failures"]:
        con.print("[red]below thresholds:[/red] " + "; ".join(report["threshold_failures"]))
    print(f"report: {out}")
    return 1 if report["threshold_failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
