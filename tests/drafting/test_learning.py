"""Style notes from the user's own messages and approved drafts; why drafts get edited."""

import pytest

from assistant.drafting.learning import (
    ACCEPT_SIMILARITY,
    classify_edit,
    derive_notes,
    refresh_notes,
    set_note,
    stored_notes,
    style_for,
)
from tests.drafting.world import ts


@pytest.mark.parametrize("original,final,lang,labels,accepted", [
    ("Hi Anna, how was the Zugspitze?", "Hi Anna, how was the Zugspitze?", "en", ["no_meaningful_edit"], True),
    ("Hi Anna, how was the Zugspitze? I hope you're well.", "Hey Anna, how was the Zugspitze? I hope you're well.",
     "en", ["greeting_signoff_only"], True),
    ("Hi Anna, I was just thinking about your Zugspitze photos. Maybe we could talk sometime? How was it? "
     "Would love to hear more.", "Hi Anna, thinking about your Zugspitze photos. How was it?", "en",
     ["unnecessary_question", "hedging_removed", "padding_cut"], False),
    ("Hallo Herr Weber, ich hoffe, es geht Ihnen gut und der Vortrag war schön.",
     "Hallo Herr Weber, ich hoffe, es geht dir gut und der Vortrag war schön.", "de", ["wrong_register"], True),
    ("Hi Anna, how was the Zugspitze in the end?", "Hallo Anna, wie war die Zugspitze am Ende?", "de",
     ["wrong_language"], False),
    ("Hi Sarah, the raftkit PR from 2023 still makes me smile.",
     "Hi Sarah, the raftkit PR from 2024 still makes me smile.", "en", ["wrong_fact_corrected"], True),
    ("Hi Tom, great to see the talk. Let us catch up.",
     "Completely different text about something else entirely unrelated here.", "en", ["point_missed"], False),
])
def test_edits_are_classified_with_the_fixed_failure_modes(original, final, lang, labels, accepted):
    r = classify_edit(original, final, lang=lang)
    assert r.labels[: len(labels)] == labels
    assert r.accepted is accepted and (r.similarity >= ACCEPT_SIMILARITY) is accepted


def test_a_complete_rewrite():
    r = classify_edit("Hi Tom, I was just thinking about what you wrote back in June 2021 about structured logging.",
                      "Yo! Beers at Prater on Friday? Bring Jens.", lang="en")
    assert r.labels[0] == "fully_rewritten" and not r.accepted


def test_notes_from_texts():
    texts = ["Hey Sam, saw the game last night 😄", "hey! long time", "Hey, how was Lisbon?", "sure thing", "ok 👍"]
    n = derive_notes(texts, "en", openers=texts[:3])
    assert n["greeting"] == "hey"
    assert n["length"] == len("Hey, how was Lisbon?")  # the median of the three openers, not of all messages
    assert n["emoji"] == 0.4 and n["lowercase_start"] == 0.6


def test_user_notes_win_and_drafts_count_more(store, world):
    cid = world["Sarah Miller"]
    refresh_notes(store, cid, "en")
    assert stored_notes(store, cid, "en")["length"][1] == "derived"
    set_note(store, cid, "note", "she prefers e-mail, keep it brief")
    style = style_for(store, cid, "en")
    assert style.get("note") == "she prefers e-mail, keep it brief"
    assert any("set by the user" in line for line in style.lines())


def test_the_users_voice_comes_from_their_own_sent_messages(store, world):
    # the user always opens with "Moin" and signs "LG" in German
    cid = world["Anna Schmidt"]
    rows = [("whatsapp", f"whatsapp:{cid}", cid, None, None, "out", "text", ts(2023, m, 1), f"Moin Anna, wie geht's dir im Monat {m}?\nLG", "t", f"v{m}")
            for m in range(1, 7)]
    with store.transaction():
        store.insert_messages(rows)
    style = style_for(store, cid, "de")
    assert style.get("greeting") == "moin" and style.get("signoff") == "lg"
    glob = style_for(store, world["Herr Weber"], "de").general
    assert glob["greeting"][0] == "moin"  # the global notes learn the voice across contacts
