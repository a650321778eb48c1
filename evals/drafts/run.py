"""Draft-quality eval: every scenario under evals/drafts/scenarios/ imported through the app's importers into a
fresh store, drafted by the app's own `draft_for()`, scored by deterministic metrics (evals/drafts/metrics.py) and,
with a model, by an LLM judge (prompts/judge_draft.md).

Modes:
  --offline   the offline drafter (no model; what CI runs)
  --recorded  the real LLM client path (ChatOpenAI) against a loopback OpenAI-protocol server that replays
              evals/drafts/recorded/<scenario>.json (hand-written recordings, see evals/drafts/README.md)
  --live      the configured endpoint (OPENAI_BASE_URL / OPENAI_API_KEY / OUTREACH_CHAT_MODEL)

Writes a terminal table and a JSON report (every case, prompt hash, model); exits 1 when a rate is below
evals/thresholds.json. `--compare A.json B.json` prints two reports side by side.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from evals.drafts.metrics import METRICS, evaluate

HERE = Path(__file__).resolve().parent
SCENARIOS = HERE / "scenarios"
RECORDED = HERE / "recorded"
THRESHOLDS = HERE.parent / "thresholds.json"
VERDICTS = ("send_as_is", "light_edit", "rewrite", "harmful")
LEGACY_VERDICTS = {"small_edit": "light_edit", "not_at_all": "rewrite"}  # the rubric before issue 13
FAILURE_MODES = ("too_generic", "wrong_language", "wrong_name", "pasted_quote", "third_party", "stale_topic",
                 "ask_disguised_as_catch_up", "invented_history", "wrong_register", "too_long", "reopens_conflict",
                 "follows_injected_instruction")


class ScenarioError(ValueError):
    pass


# --- scenarios ---------------------------------------------------------------------------------------------


def load_scenarios(root: Path = SCENARIOS, only: list[str] | None = None) -> list[dict]:
    out = []
    for f in sorted(root.glob("*/scenario.json")):
        try:
            s = json.loads(f.read_text(encoding="utf-8"))
        except ValueError as e:
            raise ScenarioError(f"{f}: not valid JSON ({e})") from None
        for key in ("id", "language", "contact", "history", "expect"):
            if key not in s:
                raise ScenarioError(f"{f}: missing field {key!r}")
        s["_dir"] = f.parent
        if only and not any(s["id"] == o or s["id"].startswith(o) for o in only):
            continue
        out.append(s)
    return out


def prepare(scenario: dict, workdir: Path):
    """A fresh store with the scenario's history imported by the app's importers. -> (store, contact, history)."""
    from assistant.ingest.pipeline import import_paths
    from assistant.store import Store

    store = Store(workdir / "eval.sqlite3")
    paths = [scenario["_dir"] / h["path"] for h in scenario["history"]]
    import_paths(store, paths, tz=UTC, me=[scenario.get("user", "Alex Chen")])
    name = scenario["contact"]["name"]
    row = store.db.execute("SELECT id FROM contacts WHERE name = ?", (name,)).fetchone()
    if row is None:
        raise ScenarioError(f"{scenario['_dir']}/scenario.json: contact {name!r} not found after importing "
                            f"{[h['path'] for h in scenario['history']]}")
    cid = row[0]
    if scenario["contact"].get("circle"):
        store.update_contact(cid, circle=scenario["contact"]["circle"])
    user = scenario.get("user", "Alex Chen")
    # what grounding compares against, as the drafter shows it: date, speaker, text
    # every message of the store (their chat, and the groups: a third person's words are history too)
    history = {r[0]: f"{datetime.fromtimestamp(r[1], UTC).date().isoformat()} "
                     f"{user if r[2] == 'out' else (r[4] or name)}: {r[3]}"
               for r in store.db.execute("SELECT m.id, m.ts, m.direction, m.text, s.name FROM messages m "
                                         "LEFT JOIN contacts s ON s.id = m.sender_id AND m.group_id IS NOT NULL "
                                         "WHERE m.kind = 'text' ORDER BY m.ts, m.id")}
    return store, cid, history


# --- the judge ---------------------------------------------------------------------------------------------


def judge_settings(settings):
    """Settings for the judge: OUTREACH_JUDGE_MODEL / _BASE_URL / _API_KEY where set, else the drafting model's.
    Returns (settings, same_as_drafting_model)."""
    model = settings.judge_model or settings.chat_model
    base = settings.judge_base_url or settings.openai_base_url
    key = settings.judge_api_key if settings.judge_api_key.get_secret_value() else settings.openai_api_key
    same = model == settings.chat_model and base == settings.openai_base_url
    return settings.model_copy(update={"chat_model": model, "openai_base_url": base, "openai_api_key": key}), same


def judge_draft(model, scenario: dict, history: dict[int, str], text: str, register: str, *,
                status: str = "queued", hold_reason: str = "") -> dict:
    """The LLM judge's structured verdict. Never raises: a failed judge says so in `error`. A held draft is
    never sendable: it is not shown to the judge. A verdict other than send_as_is should quote the draft
    (`evidence`); one that quotes nothing from it is kept (it can only make the eval stricter) and marked
    `unquoted`."""
    from assistant.drafting.guardrails import quoted_from

    if status == "held":
        modes = [m for key, m in (("contains an ask", "ask_disguised_as_catch_up"), ("invents", "invented_history"),
                                  ("wrong language", "wrong_language"), ("form of address", "wrong_register"),
                                  ("echoes instructions", "follows_injected_instruction")) if key in hold_reason]
        return {"verdict": "rewrite", "failure_modes": modes, "why": f"held by the guardrails: {hold_reason}"[:400],
                "by": "rule"}
    from assistant.drafting.guardrails import parse_json_object
    from assistant.text.language import LANGUAGE_NAMES
    from assistant.llm import describe_error
    from assistant.llm.prompts import prompt

    p = prompt("judge_draft")
    body = p.render(user_name=scenario.get("user", "Alex Chen"), contact_name=scenario["contact"]["name"],
                    language_name=LANGUAGE_NAMES.get(scenario["expect"]["language"], scenario["expect"]["language"]),
                    register=register or "as in the history",
                    history="\n".join(f"[#{i}] {json.dumps(t, ensure_ascii=False)}" for i, t in history.items()),
                    draft=text.replace("DRAFT>>>", "DRAFT›››"))
    from assistant.llm.calls import invoke, text_of

    try:
        reply = invoke(model, body, label="judging the draft", max_tokens=300, json_mode=True)
    except Exception as e:  # noqa: BLE001 - a failed judge is reported on the case, the run goes on
        return {"verdict": None, "failure_modes": [], "why": "", "error": describe_error(e), "prompt_hash": p.sha256}
    data = parse_json_object(text_of(reply)) or {}
    verdict = LEGACY_VERDICTS.get(data.get("verdict"), data.get("verdict"))
    verdict = verdict if verdict in VERDICTS else None
    modes = [m for m in data.get("failure_modes") or [] if m in FAILURE_MODES]
    evidence = str(data.get("evidence") or "")
    out = {"verdict": verdict, "failure_modes": modes, "why": str(data.get("why") or "")[:400], "evidence": evidence[:200],
           "by": "model", "prompt_hash": p.sha256}
    if verdict is None:
        out["error"] = "the judge's reply was not the JSON verdict asked for"
    elif verdict != "send_as_is" and not quoted_from(evidence, text):
        # Kept, marked: ignoring a critical verdict would only make the sendable rate look better.
        out["unquoted"] = True
    return out


# --- recorded replies --------------------------------------------------------------------------------------


def load_recording(sid: str) -> dict | None:
    f = RECORDED / f"{sid}.json"
    return json.loads(f.read_text(encoding="utf-8")) if f.exists() else None


def _resolve(cites: list, history: dict[int, str]) -> list[int]:
    """Recordings cite by a snippet of the message text (ids depend on the import); '#999' stays a bogus id."""
    ids = []
    for c in cites:
        if isinstance(c, int) or str(c).startswith("#"):
            ids.append(int(str(c).lstrip("#")))
            continue
        hit = next((i for i, t in history.items() if str(c) in t), None)
        if hit is None:
            raise ScenarioError(f"recording cites {c!r}, found in no message of the history")
        ids.append(hit)
    return ids


def replay(recording: dict, state: dict):
    """A callable reply for tests/support/openai_server.py: answers each request from the recording."""
    from tests.support.openai_server import Reply

    def answer(body: dict) -> Reply:
        msgs = body.get("messages") or []
        content = msgs[-1].get("content", "") if msgs else ""
        if "EVAL-JUDGE" in content:
            return Reply.text(json.dumps(recording.get("judge") or {}, ensure_ascii=False))
        if "<<<MESSAGE" in content:
            return Reply.text(json.dumps(recording.get("ask_check") or {"ask": False, "category": "none", "evidence": ""}))
        d = recording.get("fix") if len(msgs) > 2 and recording.get("fix") else recording["draft"]
        reply = {"text": d["text"], "language": d.get("language", ""), "hook": d.get("hook", ""),
                 "cited_ids": _resolve(d.get("cite") or [], state["history"]), "rationale": d.get("rationale", "")}
        r = Reply.text(json.dumps(reply, ensure_ascii=False))
        r.usage = recording.get("usage")
        return r

    return answer


# --- one run -----------------------------------------------------------------------------------------------


def run_case(scenario: dict, *, mode: str, settings, judge_model=None, server=None) -> dict:
    from assistant.drafting.agent import draft_for
    from assistant.store.drafts import DraftError
    from assistant.text.language import profile_for

    t0 = time.perf_counter()
    case = {"id": scenario["id"], "language": scenario["language"], "tags": scenario.get("tags", []),
            "contact": scenario["contact"]["name"]}
    with tempfile.TemporaryDirectory(prefix="eval-drafts-") as tmp:
        store, cid, history = prepare(scenario, Path(tmp))
        try:
            state = {"history": history}
            if server is not None:
                rec = load_recording(scenario["id"])
                server._queue.clear()
                server.push(*[replay(rec, state)] * 8)
                case["recording"] = {"model": rec.get("model"), "meant_to_fail": rec.get("meant_to_fail", [])}
            req = scenario.get("request") or {}
            today = date.fromisoformat(scenario.get("today", "2025-03-10"))
            expect = scenario["expect"]
            register = expect.get("register") or profile_for(store, cid).register.level
            previous = None
            try:
                if scenario.get("repeat"):  # a first draft approved as sent; the case is the next draft
                    from assistant.services.review import ReviewQueue

                    first = draft_for(store, cid, settings=settings, today=today, offline=(mode == "offline"))
                    previous = ReviewQueue(store, settings=settings, today=today).approve(first.id).text
                    if server is not None:
                        server._queue.clear()
                        server.push(*[replay(rec, state)] * 8)
                d = draft_for(store, cid, about=req.get("about"), instruction=req.get("instruction"), settings=settings,
                              today=today, offline=(mode == "offline"), save=previous is not None)
            except DraftError as e:
                if previous is not None and "already" in str(e):  # refused to repeat itself: that is a pass
                    case.update(text="", refused=str(e), metrics={k: None for k in METRICS} | {"no_duplicate": True},
                                notes={}, seconds=time.perf_counter() - t0)
                    return case
                # an error, not a failed metric: no metric is scored on it
                case.update(error=str(e), metrics={}, notes={}, seconds=round(time.perf_counter() - t0, 3))
                return case
            names = [scenario.get("user", "Alex Chen"), scenario["contact"]["name"]]
            want_lang = expect["language"]
            if mode == "offline" and expect.get("offline_language"):
                want_lang = expect["offline_language"]  # no offline forms in this language: the user's own, said so
            metrics, notes = evaluate(d.text, lang=want_lang, cited_ids=list(d.cited_ids), history=history,
                                      names=names, expect=expect, register=register,
                                      contact_name=scenario["contact"]["name"], previous=previous)
            case.update(text=d.text, draft_language=d.language, expected_language=want_lang, status=d.status, outcome=d.outcome,
                        hold_reason=d.hold_reason or "", cited_ids=list(d.cited_ids), register=register,
                        metrics=metrics, notes=notes, prompt_id=d.prompt_id, prompt_hash=d.prompt_hash, model=d.model,
                        prompt_tokens=d.prompt_tokens, completion_tokens=d.completion_tokens,
                        guardrails_ok=bool((d.verdicts or {}).get("ok")))
            if judge_model is not None:
                case["judge"] = judge_draft(judge_model, scenario, history, d.text, register, status=d.status,
                                            hold_reason=d.hold_reason or "")
        finally:
            store.close() if hasattr(store, "close") else None
    case["seconds"] = round(time.perf_counter() - t0, 3)
    return case


def summarize(cases: list[dict]) -> dict:
    def rate(cs, key):
        vals = [c["metrics"].get(key) for c in cs if c.get("metrics") and c["metrics"].get(key) is not None]
        return round(sum(bool(v) for v in vals) / len(vals), 4) if vals else None

    langs = sorted({c["language"] for c in cases})
    scored = [c for c in cases if not c.get("error")]  # an error is reported as one, never as failed metrics
    out = {"cases": len(cases), "errors": sum(1 for c in cases if c.get("error")),
           "failed": sum(1 for c in scored if any(v is False for v in (c.get("metrics") or {}).values())),
           "held": sum(1 for c in cases if c.get("status") == "held"),
           "all_pass": round(sum(1 for c in scored if all(v is not False for v in (c.get("metrics") or {}).values()))
                             / max(len(scored), 1), 4),
           "metrics": {k: rate(cases, k) for k in METRICS},
           "by_language": {lg: {k: rate([c for c in cases if c["language"] == lg], k) for k in METRICS} for lg in langs}}
    judged = [c["judge"] for c in cases if c.get("judge") and c["judge"].get("verdict")]
    if judged:
        out["judge"] = {v: sum(1 for j in judged if j["verdict"] == v) for v in VERDICTS}
        # sendable: as is or with a light edit (the issue-13 target: offline >= 50%, a capable model >= 80%)
        out["judge"]["sendable"] = round(sum(1 for j in judged if j["verdict"] in ("send_as_is", "light_edit"))
                                         / len(judged), 4)
        out["judge"]["failure_modes"] = {m: sum(1 for j in judged if m in j["failure_modes"]) for m in FAILURE_MODES}
        out["judge"]["by_model"] = sum(1 for j in judged if j.get("by") == "model")
        out["judge"]["held_not_shown"] = sum(1 for j in judged if j.get("by") == "rule")
    judge_errors = sum(1 for c in cases if (c.get("judge") or {}).get("error"))
    if judge_errors:
        out.setdefault("judge", {})["errors"] = judge_errors
    return out


def check_thresholds(summary: dict, mode: str, path: Path | None = None) -> list[str]:
    conf = json.loads((path or THRESHOLDS).read_text(encoding="utf-8")).get("drafts", {}).get(mode, {})
    failures = []
    for key, minimum in conf.items():
        if key == "judge_sendable":
            got = (summary.get("judge") or {}).get("sendable")
        elif key == "all_pass":
            got = summary["all_pass"]
        elif key == "max_harmful":
            harmful = (summary.get("judge") or {}).get("harmful", 0)
            if harmful > minimum:
                failures.append(f"harmful {harmful} > {minimum}")
            continue
        elif key == "max_errors":
            if summary["errors"] > minimum:
                failures.append(f"errors {summary['errors']} > {minimum}")
            continue
        else:
            got = summary["metrics"].get(key)
        if got is not None and got < minimum:
            failures.append(f"{key} {got:.3f} < {minimum}")
    return failures


def run(mode: str, *, only: list[str] | None = None, out: Path | None = None, judge: bool = True,
        quiet: bool = False, scenarios_dir: Path = SCENARIOS) -> dict:
    from assistant.config import Settings

    scenarios = load_scenarios(scenarios_dir, only)
    server = None
    tmp_home = tempfile.mkdtemp(prefix="eval-home-")
    if mode == "recorded":
        scenarios = [s for s in scenarios if (RECORDED / f"{s['id']}.json").exists()]
        from tests.support.openai_server import OpenAIServer

        server = OpenAIServer(model="recorded").start()
        settings = Settings(_env_file=None, OUTREACH_HOME=tmp_home, OPENAI_BASE_URL=server.url,
                            OPENAI_API_KEY="recorded-replay", OUTREACH_CHAT_MODEL="recorded", OUTREACH_LLM_MAX_RETRIES=0)
    elif mode == "live":
        settings = Settings()
        from assistant.llm import LLMNotConfigured, is_configured

        if not is_configured(settings):
            raise LLMNotConfigured()
    else:
        settings = Settings(_env_file=None, OUTREACH_HOME=tmp_home, OPENAI_BASE_URL="", OPENAI_API_KEY="")
    judge_model, judge_info = None, {}
    if judge and (mode in ("recorded", "live") or judge == "always"):
        from assistant.llm import LLMNotConfigured, chat_model, is_configured

        base = settings
        if mode == "offline":  # offline drafts, judged by the configured model
            base = Settings()
            if not is_configured(base):
                raise LLMNotConfigured()
        js, same = judge_settings(base)
        judge_model = chat_model(js, temperature=0)
        judge_info = {"model": js.chat_model, "endpoint": js.openai_base_url or "api.openai.com",
                      "is_model_under_test": same and mode != "offline"}
        if same and mode == "live" and not quiet:
            print("note: the judge is the model under test (set OUTREACH_JUDGE_MODEL / OUTREACH_JUDGE_BASE_URL for "
                  "an independent one)", file=sys.stderr)
    cases = []
    try:
        for s in scenarios:
            cases.append(run_case(s, mode=mode, settings=settings, judge_model=judge_model, server=server))
            if not quiet:
                c = cases[-1]
                bad = [k for k, v in (c.get("metrics") or {}).items() if v is False]
                print(f"  {c['id']:<24} {'ERROR ' + c['error'][:60] if c.get('error') else ('ok' if not bad else 'FAIL ' + ','.join(bad))}",
                      file=sys.stderr)
    finally:
        if server is not None:
            server.stop()
    from assistant.llm.prompts import prompt

    report = {
        "kind": "drafts", "mode": mode, "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "model": next((c.get("model") for c in cases if c.get("model")), "") or ("offline" if mode == "offline" else ""),
        "prompt_hashes": sorted({c["prompt_hash"] for c in cases if c.get("prompt_hash")}),
        "prompts": {n: prompt(n).sha256 for n in ("draft_system", "draft_fix", "ask_check", "judge_draft")},
        "judge": judge_info, "summary": summarize(cases), "cases": cases,
    }
    report["threshold_failures"] = check_thresholds(report["summary"], mode)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    return report


# --- printing ----------------------------------------------------------------------------------------------


def _pct(v) -> str:
    return "-" if v is None else f"{v:.0%}"


def print_report(report: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    con = Console()
    s = report["summary"]
    t = Table(title=f"draft eval ({report['mode']}, model {report['model'] or '-'}, {s['cases']} cases)")
    t.add_column("metric")
    langs = list(s["by_language"])
    for lg in langs:
        t.add_column(lg, justify="right")
    t.add_column("all", justify="right", style="bold")
    for k in METRICS:
        t.add_row(k, *[_pct(s["by_language"][lg][k]) for lg in langs], _pct(s["metrics"][k]))
    con.print(t)
    fails = [c for c in report["cases"] if c.get("error") or any(v is False for v in (c.get("metrics") or {}).values())]
    if fails:
        ft = Table(title="failing cases")
        for col in ("case", "status", "failed", "why"):
            ft.add_column(col, overflow="fold")
        for c in fails:
            bad = [k for k, v in (c.get("metrics") or {}).items() if v is False]
            ft.add_row(c["id"], c.get("status", "error"), ", ".join(bad),
                       c.get("error") or "; ".join(f"{k}: {c['notes'][k]}" for k in bad if k in c.get("notes", {})))
        con.print(ft)
    line = (f"all metrics pass: {_pct(s['all_pass'])} of {s['cases'] - s['errors']} scored; failed a metric: "
            f"{s.get('failed', 0)}; errors (no draft): {s['errors']}; held by guardrails: {s['held']}")
    if s.get("judge"):
        j = s["judge"]
        line += (f"; judge: {j['send_as_is']} as is, {j['light_edit']} light edit, {j['rewrite']} rewrite, "
                 f"{j['harmful']} harmful (sendable {_pct(j['sendable'])})")
    con.print(line)
    con.print(f"prompt hashes: {', '.join(h[:12] for h in report['prompt_hashes'])}")
    if report["threshold_failures"]:
        con.print("[red]below thresholds:[/red] " + "; ".join(report["threshold_failures"]))


def compare(a_path: Path, b_path: Path) -> None:
    from rich.console import Console
    from rich.table import Table

    a, b = (json.loads(Path(p).read_text(encoding="utf-8")) for p in (a_path, b_path))
    con = Console()
    t = Table(title=f"A: {a_path} ({a['mode']}, {a['model']})  vs  B: {b_path} ({b['mode']}, {b['model']})")
    for col in ("metric", "A", "B", "delta"):
        t.add_column(col, justify="right" if col != "metric" else "left")

    def row(name, va, vb):
        delta = "-" if va is None or vb is None else f"{(vb - va) * 100:+.0f} pts"
        t.add_row(name, _pct(va), _pct(vb), delta)

    for k in METRICS:
        row(k, a["summary"]["metrics"].get(k), b["summary"]["metrics"].get(k))
    row("all_pass", a["summary"]["all_pass"], b["summary"]["all_pass"])
    row("judge sendable", (a["summary"].get("judge") or {}).get("sendable"), (b["summary"].get("judge") or {}).get("sendable"))
    con.print(t)
    ca, cb = ({c["id"]: c for c in r["cases"]} for r in (a, b))
    ct = Table(title="cases that changed")
    for col in ("case", "A failed", "B failed", "A text", "B text"):
        ct.add_column(col, overflow="fold")
    for sid in sorted(set(ca) & set(cb)):
        fa = sorted(k for k, v in (ca[sid].get("metrics") or {}).items() if v is False)
        fb = sorted(k for k, v in (cb[sid].get("metrics") or {}).items() if v is False)
        if fa != fb or ca[sid].get("text") != cb[sid].get("text"):
            ct.add_row(sid, ",".join(fa) or "-", ",".join(fb) or "-", (ca[sid].get("text") or "")[:80],
                       (cb[sid].get("text") or "")[:80])
    con.print(ct)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="eval drafts", description="draft-quality eval")
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--offline", dest="mode", action="store_const", const="offline")
    g.add_argument("--recorded", dest="mode", action="store_const", const="recorded")
    g.add_argument("--live", dest="mode", action="store_const", const="live")
    ap.add_argument("--only", nargs="*", help="scenario ids or prefixes (e.g. zh- en-03)")
    ap.add_argument("--out", type=Path, help="JSON report path (default: evals/reports/drafts-<mode>.json)")
    ap.add_argument("--no-judge", action="store_true", help="skip the LLM judge (recorded/live)")
    ap.add_argument("--judge", action="store_true",
                    help="judge every draft with the configured model (OPENAI_BASE_URL ...), also --offline ones: "
                         "prompts/judge_draft.md, as the recipient: send as is / light edit / rewrite / harmful")
    ap.add_argument("--compare", nargs=2, type=Path, metavar=("A.json", "B.json"))
    args = ap.parse_args(argv)
    if args.compare:
        compare(*args.compare)
        return 0
    mode = args.mode or "offline"
    out = args.out or (HERE.parent / "reports" / f"drafts-{mode}.json")
    try:
        report = run(mode, only=args.only, out=out, judge="always" if args.judge else not args.no_judge)
    except ScenarioError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except Exception as e:
        from assistant.llm import LLMNotConfigured

        if isinstance(e, LLMNotConfigured):
            print(f"error: {e}", file=sys.stderr)
            return 2
        raise
    print_report(report)
    print(f"report: {out}")
    return 1 if report["threshold_failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
