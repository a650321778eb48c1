"""Small pieces of the hook finder: quotes, keywords, interest labels."""

from assistant.ranking.hooks import clip, keywords, label_matches, lexicon_terms

LONG = ("Hi Alex, I'm an engineering manager at Nordlicht Payments in Berlin. A colleague forwarded me your talk on "
        "the payments migration, and by the way my dog loves long walks in the Tiergarten every morning.")


def test_quotes_are_one_line_and_show_the_words_they_are_quoted_for():
    assert clip("a\n  b\tc") == "a b c"
    head = clip(LONG, 80)
    assert len(head) <= 80 and head.startswith("Hi Alex") and head.endswith("…")
    around = clip(LONG, 80, ["dog"])
    assert len(around) <= 80 and around.startswith("…") and "dog loves" in around
    assert clip(LONG, 80, ["not there"]) == head


def test_keywords_skip_stopwords_and_split_chinese_into_bigrams():
    assert keywords("The Raft paper: Raft leader election, and the raft of follow-ups")[0] == "raft"
    assert "the" not in keywords("the the the election")
    assert {"骑行", "周末"} <= set(keywords("周末去骑行"))


def test_interest_labels_match_any_of_their_parts():
    assert label_matches("wine & beer", "a craft beer tasting")
    assert label_matches("climbing", "", {"climbing"})
    assert not label_matches("wine & beer", "a coffee tasting")


def test_the_lexicon_crosses_languages():
    terms, labels = lexicon_terms("周末一起骑行")
    assert labels == ["cycling"] and "cycling" in terms and "radfahren" in terms
    assert lexicon_terms("cycling")[1] == ["cycling"]
    assert lexicon_terms("quantum chromodynamics") == ([], [])
