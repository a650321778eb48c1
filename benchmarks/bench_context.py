"""Drafting benchmark: context assembly time and prompt tokens per draft.

Target (issue #5): <= 2,000 prompt tokens per draft at default settings (OUTREACH_DRAFT_TOKEN_BUDGET=1800 for
the whole request: system prompt + context, counted with tiktoken). Reported: the time to gather a contact's
context (language profile, style notes, why now, talking point, history) and to assemble it under the budget
(exactly the code the LLM path runs: `assistant.drafting.agent.build_prompt`), the resulting prompt tokens,
what was cut, and the time of a whole offline draft (context + offline drafter + guardrails + storing it).

The data set: `--contacts` contacts with `--messages` 1:1 messages each, in the six languages (realistic chat
lines, some long e-mails to stress the budget), written by the real migrations into a temporary SQLite file.
`--demo PATH` runs on an existing store instead (e.g. the demo: `OUTREACH_HOME=/tmp/x outreach demo`), and uses
its retrieval index when one was built (`outreach index`).

    .venv/bin/python benchmarks/bench_context.py [--contacts 200] [--messages 500] [--drafts 60] [--budget N]
    .venv/bin/python benchmarks/bench_context.py --demo /tmp/x/outreach.sqlite3
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NOW = 1_741_600_000  # 2025-03-10
LINES = {
    "zh": ["周末去香山骑行吧，天气不错", "我们下次一起吃火锅", "HSBC 那个老清算系统上周正式下线了", "最近在看一本讲 Raft 的书",
           "孩子上小学了，时间过得真快", "明年可能去欧洲参加 Money20/20", "哈哈哈", "好嘞", "那家潮汕牛肉火锅还开着吗？"],
    "en": ["did you read the paper on raft leader election?", "ok see you tomorrow at the station",
           "the new job is going well, lots of rust", "sent you the photos from the trip", "Congrats on the promotion!",
           "how is the climbing going? still at the Kreuzberg gym?", "haha", "sure"],
    "de": ["Wie geht es dir heute Abend?", "Fotos von der Zugspitze kommen gleich!", "Nächstes Jahr kommst du mit",
           "Wir haben im August einen großen Launch", "Danke dir!", "Kletterst du noch im Frankenjura?"],
    "fr": ["ça marche pour samedi", "Jazz à la Villette ce soir, ça t'aurait plu", "Ondine vient de signer avec une banque",
           "Je serai à Berlin fin novembre", "Merci !", "Tu joues toujours du saxophone ?"],
    "ar": ["عيد مبارك يا صديقي", "لينا أخذت كاميرا فوجي القديمة حقتي", "كيف الشغل هالأيام؟", "ما شاء الله",
           "تذكرت رحلتنا إلى شنجن", "شكرا يا غالي"],
    "hi": ["तुम्हारी drawings ही तो best हैं 😂", "अगले महीने IISc में guest lecture है", "बधाई हो!", "ठीक है",
           "Bangalore में मौसम कैसा है आजकल?", "दिवाली की बहुत शुभकामनाएँ!"],
}
LONG = {  # long e-mail-like messages, to stress the budget
    "en": "Hi Alex,\n\nThanks again for the detailed review of the membership change design. " * 6,
    "de": "Hallo Alex,\n\nvielen Dank für deinen ausführlichen Kommentar zum Entwurf, wir haben ihn im Team besprochen. " * 5,
    "zh": "老同学，好久不见！最近我们团队在做一个新的清算系统，遇到了很多当年 HSBC 项目里类似的问题，想起你当年的方案。" * 4,
}


def build(path: Path, contacts: int, messages: int, seed: int = 7) -> None:
    from assistant.store import Store

    rng = random.Random(seed)
    store = Store(path)
    store.add_me("Alex Chen")
    langs = list(LINES)
    rows = []
    for c in range(contacts):
        lang = langs[c % len(langs)]
        cid = store.create_contact(f"Person {c}", circle=rng.choice(["inner", "close", "wider", "wider"]))
        t = NOW - rng.randint(30, 900) * 86_400
        for n in range(messages):
            t -= rng.randint(60, 5 * 86_400)
            direction = rng.choice(["in", "out"])
            text = rng.choice(LINES[lang])
            if lang in LONG and rng.random() < 0.03:
                text = LONG[lang]
            rows.append(("whatsapp", f"wa:{cid}", cid, None, cid if direction == "in" else None, direction, "text", t,
                         text, "bench", f"b{cid}-{n}"))
        if len(rows) > 50_000:
            with store.transaction():
                store.insert_messages(rows)
            rows = []
    with store.transaction():
        store.insert_messages(rows)
    store.close()


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def run(path: Path, drafts: int, budget: int, model_name: str) -> int:
    from datetime import date

    from assistant.drafting.context import gather
    from assistant.drafting.agent import build_prompt, draft_for
    from assistant.store import Store

    store = Store(path)
    retriever = None
    try:
        from assistant.config import Settings
        from assistant.services import retriever as make_retriever

        retriever = make_retriever(Settings(), store)
    except Exception:
        retriever = None
    ids = [r[0] for r in store.db.execute(
        "SELECT contact_id FROM messages WHERE contact_id IS NOT NULL GROUP BY contact_id HAVING count(*) >= 3 "
        "ORDER BY contact_id")]
    rng = random.Random(3)
    sample = ids if len(ids) <= drafts else rng.sample(ids, drafts)
    today = date(2025, 3, 10)
    build_prompt(gather(store, sample[0], today=today, retriever=retriever), model_name, budget)  # warm-up (imports)

    gather_ms, assemble_ms, tokens, cuts, full_ms = [], [], [], 0, []
    for cid in sample:
        t0 = time.perf_counter()
        ctx = gather(store, cid, today=today, retriever=retriever)
        t1 = time.perf_counter()
        _, _, assembled = build_prompt(ctx, model_name, budget)
        t2 = time.perf_counter()
        gather_ms.append((t1 - t0) * 1000)
        assemble_ms.append((t2 - t1) * 1000)
        tokens.append(assembled.tokens)
        cuts += bool(assembled.cut)
    for cid in sample[:20]:
        t0 = time.perf_counter()
        draft_for(store, cid, today=today, offline=True, retriever=retriever, save=False)
        full_ms.append((time.perf_counter() - t0) * 1000)
    n_messages = store.db.execute("SELECT count(*) FROM messages").fetchone()[0]
    store.close()

    print(f"store: {len(ids)} contacts with history, {n_messages} messages; retrieval index: "
          f"{'yes' if retriever is not None else 'no (store only)'}")
    print(f"drafts measured: {len(sample)}; budget {budget} tokens; model {model_name}")
    print(f"gather context   p50 {statistics.median(gather_ms):7.1f} ms   p95 {pct(gather_ms, 0.95):7.1f} ms")
    print(f"assemble prompt  p50 {statistics.median(assemble_ms):7.1f} ms   p95 {pct(assemble_ms, 0.95):7.1f} ms")
    total = [g + a for g, a in zip(gather_ms, assemble_ms)]
    print(f"context total    p50 {statistics.median(total):7.1f} ms   p95 {pct(total, 0.95):7.1f} ms")
    print(f"offline draft    p50 {statistics.median(full_ms):7.1f} ms   p95 {pct(full_ms, 0.95):7.1f} ms (context + drafter + guardrails)")
    print(f"prompt tokens    mean {statistics.mean(tokens):7.0f}      max {max(tokens):7d}   (target <= 2000); "
          f"{cuts}/{len(sample)} drafts had history cut to fit")
    return 0 if max(tokens) <= 2000 else 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--contacts", type=int, default=200)
    ap.add_argument("--messages", type=int, default=500, help="1:1 messages per contact")
    ap.add_argument("--drafts", type=int, default=60)
    ap.add_argument("--budget", type=int, default=None, help="default: the setting (1800)")
    ap.add_argument("--model", default="gpt-4o-mini")
    ap.add_argument("--demo", type=Path, help="an existing store (outreach.sqlite3) instead of generated data")
    args = ap.parse_args(argv)
    from assistant.config import Settings

    budget = args.budget or Settings().draft_token_budget
    if args.demo:
        tmp = Path(tempfile.mkdtemp()) / "outreach.sqlite3"
        shutil.copy(args.demo, tmp)  # drafts are not stored, but style notes are refreshed: work on a copy
        return run(tmp, args.drafts, budget, args.model)
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "bench.sqlite3"
        t0 = time.perf_counter()
        build(path, args.contacts, args.messages)
        print(f"generated {args.contacts} contacts x {args.messages} messages in {time.perf_counter() - t0:.1f} s")
        return run(path, args.drafts, budget, args.model)


if __name__ == "__main__":
    raise SystemExit(main())
