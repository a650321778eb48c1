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


# Weights of the four rankings fused at message level, chosen with `run_long_eval.py --grid` (97 questions,
# paraphrases and keyword/answer-word ones): 1.0/1.0/0.5/0.5 was below its own dense side at R@10 (0.938 vs 0.948);
# 1.0/1.5/0.5/0.5 gives 0.948/0.948/0.990, >= both sides at every k. Several weight sets tie there; this one keeps
# the largest lexical weights of the tied ones (on data where BM25 is as strong as e5, lexical evidence matters more).
WEIGHTS = {"lexical_turn": 1.0, "dense_turn": 1.5, "lexical_session": 0.5, "dense_session": 0.5}


def turn_scores(
    lexical_turns: Sequence[Hashable],
    dense_turns: Sequence[Hashable],
    lexical_sessions: Sequence[Hashable],
    parent: dict,
    weights: dict[str, float] = WEIGHTS,
    *,
    extra: Sequence[Hashable] = (),
    confidence: dict | None = None,
    unseen: set | frozenset = frozenset(),
    dense_sessions: Sequence[Hashable] = (),
    k: int = RRF_K,
) -> list[tuple[Hashable, float]]:
    """Messages (turns), best first, scored by weighted reciprocal rank over four rankings: the turns by BM25
    and by vector similarity, and their sessions (`parent[turn]`) by BM25 and by the sum of their turns' vector
    reciprocal ranks. `extra`: more candidate turns (those of the best sessions) with no rank of their own.
    `confidence`: a factor in [0, 1] per lexical turn or session (how much of the query it matches); a lexical
    rank counts in proportion, so that a match on one minor word does not outrank a close vector match.
    `unseen`: turns the vector side cannot see (not embedded: big-group chatter, trivial, still pending); their
    lexical ranks carry the dense weights too (the lexical rank stands in for the missing vector rank), so that a
    message only BM25 can find is not outranked by every vector hit for lack of a second ranking.
    `dense_sessions`: sessions ranked by their own vector (big groups, whose messages are not embedded alone);
    they count towards the sessions' vector ranking like their turns' hits, and for an unseen turn the rank of its
    session's own vector stands in for the turn's missing vector rank."""
    conf = confidence or {}
    dense_session: dict[Hashable, float] = {}
    for rank, t in enumerate(dense_turns, 1):
        if t in parent:
            dense_session[parent[t]] = dense_session.get(parent[t], 0.0) + 1.0 / (k + rank)
    for rank, s in enumerate(dense_sessions, 1):
        dense_session[s] = dense_session.get(s, 0.0) + 1.0 / (k + rank)
    sessions_by_dense = {s: i + 1 for i, (s, _) in enumerate(sorted(dense_session.items(), key=lambda kv: -kv[1]))}
    session_vector = {s: i + 1 for i, s in enumerate(dense_sessions)}
    lex_session = {s: i + 1 for i, s in enumerate(lexical_sessions)}
    lex_turn = {t: i + 1 for i, t in enumerate(lexical_turns)}
    dense_turn = {t: i + 1 for i, t in enumerate(dense_turns)}
    w_lt, w_dt = weights.get("lexical_turn", 0.0), weights.get("dense_turn", 0.0)
    w_ls, w_ds = weights.get("lexical_session", 0.0), weights.get("dense_session", 0.0)
    scores: dict[Hashable, tuple[float, float]] = {}
    for t in [*lexical_turns, *dense_turns, *extra]:
        if t in scores:
            continue
        own = 0.0
        blind = t in unseen and w_lt > 0
        if w_lt and t in lex_turn:
            own += (w_lt + (w_dt if blind else 0.0)) * conf.get(t, 1.0) / (k + lex_turn[t])
        if w_dt and t in dense_turn:
            own += w_dt / (k + dense_turn[t])
        elif w_dt and t in unseen and parent.get(t) in session_vector:
            own += w_dt / (k + session_vector[parent[t]])  # no vector of its own: its session's stands in
        ctx = 0.0
        s = parent.get(t)
        if w_ls and s in lex_session:
            stand_in = w_ds if blind and s not in sessions_by_dense else 0.0
            ctx += (w_ls + stand_in) * conf.get(s, 1.0) / (k + lex_session[s])
        if w_ds and s in sessions_by_dense:
            ctx += w_ds / (k + sessions_by_dense[s])
        if own or ctx:
            scores[t] = (own + ctx, own)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))  # ties: the older message first
    return [(t, sc[0]) for t, sc in ranked]
