"""The offline drafter: deterministic, labelled, in the contact's language and register, grounded."""

import re

import pytest

from assistant.drafting.agent import draft_for
from assistant.store.drafts import list_drafts
from assistant.drafting.grounding import strip_quotes
from assistant.text.language import detect
from tests.drafting.world import HISTORIES, TODAY, message_ids

FORMS = {  # the form of address each offline draft must use
    "李伟": "你", "Herr Weber": "Ihre", "Claire Dubois": "tu", "Priya Sharma": "तुम्ह",
}


@pytest.mark.parametrize("name", list(HISTORIES))
def test_one_draft_per_language(store, world, name):
    d = draft_for(store, world[name], today=TODAY)  # no settings: no model
    assert d.source == "offline" and "offline draft" in d.label
    assert d.status == "queued" and d.outcome == "ready", d.hold_reason
    assert d.language == HISTORIES[name]["lang"]
    assert detect(strip_quotes(d.text)).lang == d.language
    assert d.cited_ids and set(d.cited_ids) <= message_ids(store, world[name])
    assert world.get("poison") not in d.cited_ids
    assert d.verdicts["ok"] and not d.verdicts["asks"]
    if name in FORMS:
        assert FORMS[name].casefold() in d.text.casefold()
    assert d.prompt_id == "offline-templates" and len(d.prompt_hash) == 64
    assert list_drafts(store, ("queued",))[0].id == d.id


def test_the_talking_point_is_the_telling_message(store, world):
    # Anna: the ranking's point is now her open loop "Nächstes Jahr kommst du mit" (its date has passed), which
    # the offline drafter does not yet name well (known issue: the activity is in the thread, not that message)
    # Sarah: the ranking's point is now "Hope we get to work together again" (news), over the pre-vote PR thanks
    for name in ("李伟", "Omar Haddad", "Priya Sharma"):
        d = draft_for(store, world[name], today=TODAY)
        assert d.cited_ids == [world[f"hook:{name}"]], name


def test_deterministic(store, world):
    a = draft_for(store, world["Claire Dubois"], today=TODAY, save=False)
    b = draft_for(store, world["Claire Dubois"], today=TODAY, save=False)
    assert (a.text, a.cited_ids) == (b.text, b.cited_ids)


def test_no_history_gives_an_honest_hello_flagged(store, world):
    d = draft_for(store, world["Nobody New"], today=TODAY)
    assert d.outcome == "needs_fill" and d.cited_ids == [] and d.status == "queued"
    assert d.hook.get("note") == "no talking point found" and "no talking point found" in d.rationale
    assert "[" not in d.text and len(d.text) < 160  # a short honest hello, nothing to fill in


def test_an_instruction_can_switch_the_language(store, world):
    d = draft_for(store, world["Anna Schmidt"], instruction="in English please", today=TODAY)
    assert d.language == "en" and detect(strip_quotes(d.text)).lang == "en"
    d = draft_for(store, world["Anna Schmidt"], instruction="more formal", today=TODAY)
    assert "Ihre" in d.text and "deine" not in d.text


def test_the_users_news(store, world):
    d = draft_for(store, world["Sarah Miller"], about="I wrote a post on Raft pre-vote and CheckQuorum", today=TODAY)
    assert d.status == "queued" and "Raft pre-vote" in d.text
    assert d.cited_ids and d.about.startswith("I wrote a post")


def test_a_greeting_before_the_opener_is_not_taken_for_a_claim(store, world):
    from assistant.drafting.learning import set_note

    set_note(store, None, "greeting", "hi", lang="en")  # the user's own greeting, for everyone in English
    d = draft_for(store, world["Nobody New"], today=TODAY)
    assert d.text.startswith("Hi Nobody!")
    assert d.status == "queued" and d.outcome == "needs_fill"


def test_the_users_own_words_are_never_attributed_to_the_contact(store, world):
    cid = store.create_contact("Maria Lopez", circle="close")
    with store.transaction():
        store.insert_messages([("whatsapp", "maria", cid, None, None, "out", "text", 1_750_000_000,
                                "Back from the Alps, the Zugspitze was worth every step", "w", "maria-1")])
    d = draft_for(store, cid, about="I wrote a post about alpine hut trips", today=TODAY)
    assert "Zugspitze" in d.text and "your Zugspitze" not in d.text and "you told" not in d.text
    plain = draft_for(store, cid, today=TODAY, save=False)
    assert "you told" not in plain.text and "our chat" in plain.text.casefold()


def test_a_talking_point_years_old_is_not_named_an_honest_hello_instead(store):
    from datetime import UTC, date, datetime

    from assistant.drafting.agent import draft_for

    cid = store.create_contact("James O'Connor")
    at = lambda y, m, d: int(datetime(y, m, d, 12, tzinfo=UTC).timestamp())  # noqa: E731
    with store.transaction():
        store.insert_messages([
            ("email", "james", cid, None, cid, "in", "text", at(2019, 3, 29),
             "Delighted you said yes. Welcome to Nordlicht! Start date 3 June is confirmed.", "t", "j1"),
            ("email", "james", cid, None, None, "out", "text", at(2019, 3, 30),
             "Thank you James, I'm really excited. See you in June!", "t", "j2"),
        ])
    d = draft_for(store, cid, today=date(2026, 12, 4), offline=True)
    assert "Nordlicht" not in d.text and "no talking point" in d.rationale


@pytest.mark.parametrize("topic, expected", [
    ("broken-stopwatch analogy", "the broken-stopwatch analogy"),
    ("job interview", "the job interview"),
    ("new job", "the new job"),
    ("Fuji", "Fuji"), ("Money20/20", "Money20/20"), ("New York", "New York"), ("Berlin conference", "Berlin conference"),
    ("music", "music"), ("tea gardens", "tea gardens"), ("your new job", "your new job"), ("trail running", "trail running"),
    ("consensus talk", "the consensus talk"),
])
def test_english_topics_read_with_their_article(topic, expected):
    from assistant.drafting.offline import english_noun_phrase

    assert english_noun_phrase(topic) == expected


def test_an_english_draft_names_a_common_noun_phrase_with_its_article(store):
    from tests.drafting.world import ts

    store.add_me("Alex Chen")
    cid = store.create_contact("Sam Park", circle="wider")
    rows = [("email", "email:sam", cid, None, cid if d == "in" else None, d, "text", when, text, "t", f"sam{n}")
            for n, (when, d, text) in enumerate([
                (ts(2024, 11, 8, 21), "in", "Hi Alex, I used your broken-stopwatch analogy in my consensus talk last week!"),
                (ts(2024, 11, 9, 7), "out", "That's so kind, thank you!"),
            ])]
    with store.transaction():
        store.insert_messages(rows)
    d = draft_for(store, cid, today=TODAY)
    assert d.language == "en" and d.cited_ids, d.text
    assert not re.search(r"\b(about|did) (broken|consensus|stopwatch)", d.text), d.text
