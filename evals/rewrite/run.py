"""Announcement-rewrite eval: 22 announcements in six languages (evals/rewrite/announcements.jsonl: reunions,
meetups, moves, job news, groups being closed; each with its key facts labelled by slot) on every channel,
through the app's `rewrite_announcement()`, scored mechanically:

- facts_kept / nothing_added: every date, time, number, link, e-mail, phone, @mention of the original is in the
  final text and nothing new (assistant/announce/facts.py, checked independently on the final text);
- structure: the share of the labelled facts that appear as a labelled line ("时间：…", "When: …", "Wann: …")
  holding the labelled value; order_ok: the labelled lines come in the fixed order of
  assistant/announce/structure.SLOTS;
- length_ok (within the channel's hard limit) and length_change (characters, final vs original).

Modes: --offline (no model: the offline restructuring), --scripted (the loopback OpenAI-protocol server of
tests/support answers each request: first a defective answer - the original unchanged, a fact dropped, a fact
added, in turn - then the offline layout as a stand-in for a good answer; this measures the checker and the
retry, not a model's writing), --live (the configured model).

    .venv/bin/python -m evals.run rewrite [--offline | --scripted | --live] [--out FILE]

Writes evals/reports/rewrite-<mode>.json; exits 1 below evals/thresholds.json ("rewrite").
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "announcements.jsonl"
THRESHOLDS = ROOT / "evals" / "thresholds.json"
METRICS = ("facts_kept", "nothing_added", "length_ok", "order_ok")


def load() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def structure_score(text: str, lang: str, gold: dict[str, str]) -> tuple[float, bool]:
    from assistant.announce.structure import LABELS, SLOTS, labelled_slots

    lines = text.splitlines()
    labels = LABELS.get(lang, LABELS["en"])
    hit = 0
    for slot, value in gold.items():
        if any(labels[slot] in ln and value.casefold() in ln.casefold() for ln in lines
               if labelled_slots(ln, lang) == [slot]):
            hit += 1
    found = labelled_slots(text, lang)
    order = [SLOTS.index(s) for s in found]
    return (hit / len(gold) if gold else 1.0), order == sorted(order)


def _defect(i: int, original: str, good: str) -> str:
    kind = i % 3
    if kind == 0:
        return original  # the original unchanged
    if kind == 1:  # a fact dropped: every line that holds the first line's digits (a date may be given twice)
        lines = good.splitlines()
        dated = [ln for ln in lines if any(ch.isdigit() for ch in ln)]
        if not dated:
            return "\n".join(lines[:-1])
        digits = re.search(r"\d+", dated[0]).group(0)
        return "\n".join(ln for ln in lines if not re.search(rf"(?<!\d){digits}(?!\d)", ln))
    return good + "\n25/03 09:00"  # a fact added


def run(mode: str, out: Path | None = None) -> dict:
    from assistant.announce.channels import CHANNELS, get_channel, length_problems
    from assistant.announce.facts import check_facts
    from assistant.announce.rewrite import _ignore, fact_text, rewrite_announcement

    model = server = None
    if mode == "live":
        from assistant.config import Settings
        from assistant.llm import chat_model

        model = chat_model(Settings())
    elif mode == "scripted":
        from langchain_openai import ChatOpenAI

        from tests.support.openai_server import OpenAIServer

        server = OpenAIServer().__enter__()
        model = ChatOpenAI(model="scripted-model", base_url=server.url, api_key="sk-eval-not-a-secret",
                           max_retries=0, timeout=10)
    cases = []
    try:
        for i, case in enumerate(load()):
            text = case["text"]
            for ch in CHANNELS:
                chan = get_channel(ch)
                caught = None
                if server is not None:
                    good = rewrite_announcement(text, channel=ch).versions[0].text
                    server.push(_Reply(_defect(i, text, good)), _Reply(good))
                r = rewrite_announcement(text, channel=ch, model=model)
                v = r.versions[0]
                if server is not None:
                    caught = bool(v.attempts and v.attempts[0].problems)
                body = fact_text(v.text, chan)
                fc = check_facts(text, body, same_language=v.lang == r.source_lang, ignore=_ignore(chan))
                errors, _ = length_problems(v.text, chan)
                score, order_ok = structure_score(v.text, r.source_lang, case["facts"])
                cases.append({
                    "id": f"{case['id']}/{ch}", "lang": case["lang"], "detected": r.source_lang, "kind": case["kind"],
                    "channel": ch, "via": v.via, "layout": v.layout, "text": v.text,
                    "metrics": {"facts_kept": not fc.missing, "nothing_added": not fc.added, "length_ok": not errors,
                                "order_ok": order_ok},
                    "structure": round(score, 3), "length_change": round((len(v.text) - len(text)) / len(text), 3),
                    "facts": fc.describe(), "defect_caught": caught, "model": r.model or ""})
    finally:
        if server is not None:
            server.__exit__(None, None, None)
    summary = _summary(cases)
    summary["per_channel"] = {ch: _summary([c for c in cases if c["channel"] == ch]) for ch in CHANNELS}
    summary["per_language"] = {lg: _summary([c for c in cases if c["lang"] == lg])
                               for lg in sorted({c["lang"] for c in cases})}
    conf = json.loads(THRESHOLDS.read_text(encoding="utf-8")).get("rewrite", {}).get(mode, {})
    failures = [f"{k} {summary.get(k, 0):.3f} < {v}" for k, v in conf.items() if summary.get(k, 0) < v]
    report = {"kind": "rewrite", "mode": mode, "model": next((c["model"] for c in cases if c["model"]), "offline"),
              "summary": summary, "threshold_failures": failures, "cases": cases}
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return report


def _Reply(text: str):
    from tests.support.openai_server import Reply

    return Reply.text(text)


def _summary(cases: list[dict]) -> dict:
    if not cases:
        return {}
    s = {k: round(sum(c["metrics"][k] for c in cases) / len(cases), 4) for k in METRICS}
    s["structure"] = round(sum(c["structure"] for c in cases) / len(cases), 4)
    s["structured_layout"] = round(sum(c["layout"] == "structured" or c["via"] == "llm" for c in cases) / len(cases), 4)
    changes = sorted(c["length_change"] for c in cases)
    s["length_change_median"] = changes[len(changes) // 2]
    caught = [c["defect_caught"] for c in cases if c["defect_caught"] is not None]
    if caught:
        s["defects_caught"] = round(sum(caught) / len(caught), 4)
        s["via_llm"] = round(sum(c["via"] == "llm" for c in cases) / len(cases), 4)
    s["cases"] = len(cases)
    return s


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="eval rewrite")
    ap.add_argument("--live", action="store_true", help="use the configured model")
    ap.add_argument("--scripted", action="store_true", help="the loopback server with scripted defective answers")
    ap.add_argument("--offline", action="store_true", help="no model (the default)")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    mode = "live" if args.live else "scripted" if args.scripted else "offline"
    out = args.out or ROOT / "evals" / "reports" / f"rewrite-{mode}.json"
    report = run(mode, out)
    from rich.console import Console
    from rich.table import Table

    con = Console()
    t = Table(title=f"rewrite eval ({mode}, {len(report['cases'])} cases): per channel")
    cols = [*METRICS, "structure", "structured_layout", "length_change_median"]
    if mode != "offline":
        cols += ["defects_caught", "via_llm"]
    t.add_column("channel")
    for col in cols:
        t.add_column(col)
    for ch, s in [*report["summary"]["per_channel"].items(), ("all", report["summary"])]:
        t.add_row(ch, *[f"{s.get(k, 0):.0%}" if k != "length_change_median" else f"{s.get(k, 0):+.0%}" for k in cols])
    con.print(t)
    failing = [c for c in report["cases"] if not all(c["metrics"].values())]
    for c in failing[:20]:
        con.print(f"[red]{c['id']}[/red]: {c['facts']} order_ok={c['metrics']['order_ok']}")
    if report["threshold_failures"]:
        con.print("[red]below thresholds:[/red] " + "; ".join(report["threshold_failures"]))
    print(f"report: {out}")
    return 1 if report["threshold_failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
