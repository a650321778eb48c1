"""Reciprocal rank fusion (Cormack et al., 2009): score(d) = sum over rankings of weight / (k + rank(d))."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

RRF_K = 60


def rrf(
    rankings: Sequence[Sequence[Hashable]], *, k: int = RRF_K, weights: Sequence[float] | None = None
) -> list[tuple[Hashable, float]]:
    """Fuse ranked lists (best first) into one, best first. Ties keep the order of first appearance."""
    weights = weights or [1.0] * len(rankings)
    if len(weights) != len(rankings):
        raise ValueError("one weight per ranking")
    scores: dict[Hashable, float] = {}
    for ranking, w in zip(rankings, weights):
        for rank, item in enumerate(ranking, 1):
            scores[item] = scores.get(item, 0.0) + w / (k + rank)
    order = {item: i for i, item in enumerate(scores)}
    return sorted(scores.items(), key=lambda kv: (-kv[1], order[kv[0]]))
