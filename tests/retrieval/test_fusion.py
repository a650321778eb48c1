"""Turn-level fusion: a message the vector side cannot see (not embedded) competes on its lexical rank alone."""

from assistant.retrieval.fusion import WEIGHTS, turn_scores


def _rank(unseen=frozenset()):
    # "a" is BM25's first answer (full coverage) in session "S"; the vector side ranks b, c, d (session "T") and
    # cannot rank "a" at all (a big-group message, not embedded).
    parent = {"a": "S", "b": "T", "c": "T", "d": "T"}
    return [t for t, _ in turn_scores(["a"], ["b", "c", "d"], ["S"], parent, WEIGHTS, unseen=unseen)]


def test_unembedded_lexical_top_hit_is_not_buried_by_vector_hits():
    assert _rank()[0] == "b"  # without the stand-in, any close vector hit outranks BM25's best answer
    assert _rank(unseen={"a"})[0] == "a"


def test_stand_in_only_for_unseen_turns():
    parent = {"a": "S", "b": "T"}
    # "a" is embedded (not unseen) but the vector side did not rank it: no stand-in, the vector hit stays first.
    ranked = turn_scores(["a"], ["b"], ["S"], parent, WEIGHTS, unseen={"x"})
    assert [t for t, _ in ranked] == ["b", "a"]


def test_lexical_mode_unchanged_by_unseen():
    weights = {**WEIGHTS, "dense_turn": 0.0, "dense_session": 0.0}
    parent = {"a": "S", "b": "S"}
    plain = turn_scores(["a", "b"], [], ["S"], parent, weights)
    assert turn_scores(["a", "b"], [], ["S"], parent, weights, unseen={"a", "b"}) == plain


def test_session_vector_stands_in_for_unembedded_turns():
    # A big-group session "G" (turns g1, g2, not embedded) is the vector side's best session; "b" is a turn vector hit.
    parent = {"g1": "G", "g2": "G", "b": "T"}
    with_stand_in = turn_scores([], ["b"], [], parent, WEIGHTS, extra=["g1", "g2"], unseen={"g1", "g2"},
                                dense_sessions=["G"])
    scores = dict(with_stand_in)
    # the session's vector rank (1) stands in for the turns' own: level with the best turn vector hit, less the
    # session ranking's tie (T's turn hit is counted first)
    assert scores["g1"] == scores["g2"] > scores["b"] * 0.95
    # embedded turns of that session get no stand-in: they were ranked (or not) by their own vectors
    plain = dict(turn_scores([], ["b"], [], parent, WEIGHTS, extra=["g1", "g2"], dense_sessions=["G"]))
    assert plain["g1"] < 0.5 * plain["b"]
