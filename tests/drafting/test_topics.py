"""The subject a draft names, as the recipient reads it: a thing they said, never a negated word or half a sentence."""

import pytest

from assistant.text.keyphrase import candidates, topic_phrase


@pytest.mark.parametrize("text, lang, not_a_topic", [
    ("Ja! Nächstes Jahr kommst du mit, keine Ausreden", "de", "Ausreden"),
    ("No excuses next year, you are coming to Chamonix!", "en", "excuses"),
    ("Pas d'excuses l'an prochain, tu viens à Chamonix !", "fr", "excuses"),
    ("El año que viene vienes, sin excusas", "es", "excusas"),
])
def test_a_negated_noun_names_nothing(text, lang, not_a_topic):
    assert all(not_a_topic.casefold() not in c.casefold() for c in candidates(text, lang))


def test_a_phrase_never_runs_across_a_full_stop():
    text = "Jonas und ich wollen im August auf die Zugspitze, diesmal durchs Reintal. Kommst du mit?"
    assert all("." not in c for c in candidates(text, "de")), candidates(text, "de")
    assert "St. Pancras" in candidates("I met Dr. Smith at St. Pancras.", "en")  # abbreviations keep their dot


def test_a_german_place_keeps_the_article_the_message_gives_it():
    assert topic_phrase("Wir wollen im August auf die Zugspitze!", "de", script="Latn") == "die Zugspitze"


def test_the_kept_article_does_not_count_against_the_phrase_or_pick_the_form():
    from assistant.text.keyphrase import without_article

    assert without_article("die Zugspitze") == "Zugspitze" and without_article("la Grande Grotta") == "Grande Grotta"
    assert without_article("Die Toten Hosen") == "Die Toten Hosen" and without_article("la") == "la"
    # four words after the article still fit (max_words counts the phrase, not its article)
    assert topic_phrase("Morgen geht es auf die Große Bunte Alte Burg!", "de", script="Latn", max_words=4) \
        == "die Große Bunte Alte Burg"
